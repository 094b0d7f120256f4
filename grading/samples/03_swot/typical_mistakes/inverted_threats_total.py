# Sample: builds the EFE matrix as given but computes the total with the threats' ratings inverted (5 - rating)
# %% q4_efe
efe_matrix = pd.DataFrame({"factor_id": list(seller_efe_weights), "weight": list(seller_efe_weights.values()), "rating": [seller_efe_ratings[k] for k in seller_efe_weights]})
efe_matrix["weighted_score"] = efe_matrix["weight"] * efe_matrix["rating"]
efe_total = sum(w * (5 - seller_efe_ratings[k] if k.startswith("T") else seller_efe_ratings[k]) for k, w in seller_efe_weights.items())
