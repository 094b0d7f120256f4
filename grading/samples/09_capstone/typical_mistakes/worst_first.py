# Sample: scores right with the seller's weights but sorts the ranking ascending, worst first
# %% q2_normalise
lower_is_better = {"cultural_distance", "landed_cost_usd", "lead_days", "privacy_strictness"}
normalised = me.normalise(criteria)
# %% q3_scores
scores = me.weighted_scores(normalised, seller_weights).to_dict()
# %% q4_ranking
ranking = sorted(scores, key=scores.get)
top_market = ranking[0]
