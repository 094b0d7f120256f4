# Sample: rates every factor on one 1-4 scale of importance of the verdict, weaknesses 3-4 like strengths
# %% q2_ratings
scale = {"major weakness": 4, "minor weakness": 3, "minor strength": 3, "major strength": 4}
ife_ratings = {k: scale[v] for k, v in seller_verdicts.items()}
