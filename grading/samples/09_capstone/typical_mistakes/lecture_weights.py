# Sample: normalises right but scores with the lecture's weights instead of the seller's, and ranks from the lowest score up
# %% q2_normalise
lower_is_better = {"cultural_distance", "landed_cost_usd", "lead_days", "privacy_strictness"}
normalised = me.normalise(criteria)
# %% q3_scores
scores = me.weighted_scores(normalised, me.DEFAULT_WEIGHTS).to_dict()
# %% q4_ranking
ranking = sorted(scores, key=scores.get)
top_market = ranking[-1]
