# Sample: scores the credibility checklist without its weights (the share of items met)
# %% q6_credibility
credibility = {"liu": 0 / 5, "yang_luo": 4 / 5, "tian": 1 / 5}
