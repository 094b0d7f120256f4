# Sample: turns the threats' ratings around (5 - rating), as if a threat rated 4 were a big threat
# %% q4_efe
ratings = {k: (5 - r if k.startswith("T") else r) for k, r in seller_efe_ratings.items()}
efe_matrix = pd.DataFrame({"factor_id": list(seller_efe_weights), "weight": list(seller_efe_weights.values()), "rating": [ratings[k] for k in seller_efe_weights]})
efe_matrix["weighted_score"] = efe_matrix["weight"] * efe_matrix["rating"]
efe_total = efe_matrix["weighted_score"].sum()
