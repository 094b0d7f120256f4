# Sample: answers that the winner is not robust but lists no criterion that changes it
# %% q6_robust
robust = False
fragile_criteria = []
