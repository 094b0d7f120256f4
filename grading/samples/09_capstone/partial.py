# Sample: a student who stopped after question 3 (right up to there; the rest left unanswered)
# %% q1_funnel
sums = sessions.groupby("market")[["gmv_usd", "viewers"]].sum()
gmv_per_1000 = 1000 * sums["gmv_usd"] / sums["viewers"]
# %% q2_normalise
lower_is_better = {"cultural_distance", "landed_cost_usd", "lead_days", "privacy_strictness"}
normalised = me.normalise(criteria)
# %% q3_scores
scores = me.weighted_scores(normalised, seller_weights)
