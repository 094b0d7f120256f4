# Sample: rates a major weakness 2 and a minor weakness 1 (more serious, higher number), and totals with those ratings
# %% q1_weights
ife_weights = {k: v / sum(seller_importance.values()) for k, v in seller_importance.items()}
# %% q2_ratings
scale = {"major weakness": 2, "minor weakness": 1, "minor strength": 3, "major strength": 4}
ife_ratings = {k: scale[v] for k, v in seller_verdicts.items()}
# %% q3_ife_total
ife_total = sum(ife_weights[k] * ife_ratings[k] for k in ife_weights)
