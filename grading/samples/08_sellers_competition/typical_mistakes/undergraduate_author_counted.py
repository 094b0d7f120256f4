# Sample: gives Tian's figure the author item because her background is stated, though it is undergraduate study
# %% q6_credibility
credibility = {"liu": 0.0, "yang_luo": 0.7, "tian": (1 + 2) / 10}
