# Sample: averages the ratings instead of weighting them, in both matrices
# %% q1_weights
ife_weights = {k: v / sum(seller_importance.values()) for k, v in seller_importance.items()}
# %% q2_ratings
scale = {"major weakness": 1, "minor weakness": 2, "minor strength": 3, "major strength": 4}
ife_ratings = {k: scale[v] for k, v in seller_verdicts.items()}
# %% q3_ife_total
ife_total = sum(ife_ratings.values()) / len(ife_ratings)
# %% q4_efe
efe_matrix = swot.factor_matrix(seller_factors, seller_efe_weights, seller_efe_ratings, "EFE")
efe_total = sum(seller_efe_ratings.values()) / len(seller_efe_ratings)
