# Sample: questions 1 to 4 answered correctly by hand, the rest not attempted (partial credit)
# %% q1_weights
ife_weights = {"S1": 0.10, "S2": 0.20, "S3": 0.10, "S5": 0.10, "W1": 0.30, "W3": 0.05, "W4": 0.15}
# %% q2_ratings
ife_ratings = {"S1": 3, "S2": 4, "S3": 3, "S5": 3, "W1": 1, "W3": 2, "W4": 1}
# %% q3_ife_total
ife_total = 0.1 * 3 + 0.2 * 4 + 0.1 * 3 + 0.1 * 3 + 0.3 * 1 + 0.05 * 2 + 0.15 * 1
# %% q4_efe
efe_matrix = pd.DataFrame({"factor_id": list(seller_efe_weights), "weight": list(seller_efe_weights.values()), "rating": list(seller_efe_ratings.values())})
efe_matrix["weighted_score"] = efe_matrix["weight"] * efe_matrix["rating"]
efe_total = efe_matrix["weighted_score"].sum()
