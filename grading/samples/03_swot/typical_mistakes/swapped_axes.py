# Sample: computes both totals right, then lets the EFE total decide S or W and the IFE total O or T
# %% q1_weights
ife_weights = {k: v / sum(seller_importance.values()) for k, v in seller_importance.items()}
# %% q2_ratings
scale = {"major weakness": 1, "minor weakness": 2, "minor strength": 3, "major strength": 4}
ife_ratings = {k: scale[v] for k, v in seller_verdicts.items()}
# %% q3_ife_total
ife_total = sum(ife_weights[k] * ife_ratings[k] for k in ife_weights)
# %% q4_efe
efe_matrix = swot.factor_matrix(seller_factors, seller_efe_weights, seller_efe_ratings, "EFE")
efe_total = efe_matrix["weighted_score"].sum()
# %% q5_strategy
seller_strategy = ("S" if efe_total >= 2.5 else "W") + ("O" if ife_total >= 2.5 else "T")
# %% q6_flip
flip_shift = abs(ife_total - 2.5)
