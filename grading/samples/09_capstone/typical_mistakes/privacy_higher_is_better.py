# Sample: treats a stricter privacy regime as better for the seller, so privacy strictness is left out of "lower is better"
# %% q2_normalise
lower_is_better = {"cultural_distance", "landed_cost_usd", "lead_days"}
normalised = me.normalise(criteria)
