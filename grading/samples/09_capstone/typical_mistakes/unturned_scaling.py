# Sample: min-max scales every criterion as if higher were better, without turning costs, distance, lead time and strictness
# %% q2_normalise
lower_is_better = {"cultural_distance", "landed_cost_usd", "lead_days", "privacy_strictness"}
normalised = (criteria - criteria.min()) / (criteria.max() - criteria.min())
