# Sample: turns the points into weights by dividing by 10, as if they were out of 10
# %% q1_weights
ife_weights = {k: v / 10 for k, v in seller_importance.items()}
