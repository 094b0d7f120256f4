# Sample: the common mistakes (weights normalised within each group, weakness ratings inverted, threats' ratings inverted, the plain average of ratings, the quadrant of a wrong total, no division in the shift, only the weight sums checked, a wrong TOWS cell); each gets a message that teaches
# %% q1_weights
strength_points = sum(v for k, v in seller_importance.items() if k.startswith("S"))
weakness_points = sum(v for k, v in seller_importance.items() if k.startswith("W"))
ife_weights = {k: v / (strength_points if k.startswith("S") else weakness_points) for k, v in seller_importance.items()}
# %% q2_ratings
ife_ratings = {"S1": 3, "S2": 4, "S3": 3, "S5": 3, "W1": 2, "W3": 1, "W4": 2}
# %% q3_ife_total
right_weights = {k: v / 20 for k, v in seller_importance.items()}
ife_total = sum(right_weights[k] * ife_ratings[k] for k in right_weights)   # 2.65 with the inverted weakness ratings
# %% q4_efe
inverted = {k: (5 - r if k.startswith("T") else r) for k, r in seller_efe_ratings.items()}
efe_matrix = pd.DataFrame({"factor_id": list(seller_efe_weights), "weight": list(seller_efe_weights.values()), "rating": list(inverted.values())})
efe_matrix["weighted_score"] = efe_matrix["weight"] * efe_matrix["rating"]
efe_total = sum(seller_efe_ratings.values()) / len(seller_efe_ratings)
# %% q5_strategy
seller_strategy = "SO"
# %% q6_flip
flip_shift = abs(2.25 - 2.5)
# %% q7_validation
proposal_a_valid = abs(sum(proposal_a["weights"].values()) - 1) < 1e-9
proposal_b_valid = all(r <= 2 for k, r in proposal_b["ratings"].items() if k.startswith("T"))
# %% q8_tows
tows_cells = {"P1": "WO", "P2": "SO", "P3": "WT", "P4": "SO"}
# %% q9_recommendation
# The seller should grow because TikTok has many users.
