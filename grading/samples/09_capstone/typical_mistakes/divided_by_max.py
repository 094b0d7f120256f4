# Sample: scales each criterion by dividing by its maximum instead of min-max
# %% q2_normalise
lower_is_better = {"cultural_distance", "landed_cost_usd", "lead_days", "privacy_strictness"}
normalised = criteria / criteria.max()
