# Sample: looks only at raised weights for (a) and answers that the winner is robust, while listing a fragile criterion in (b)
# %% q6_robust
robust = True
fragile_criteria = ["gmv_per_1000_viewers"]
