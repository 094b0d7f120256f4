# Sample: averages the two markets' own means in each group instead of pooling their cases (the rating's difference falls within the tolerance)
# %% q7_service_team
after = cases["opened_date"] >= "2024-07-01"
def did(column):
    means = cases.assign(after=after, y=cases[column].astype(float)).groupby(["market", "after"])["y"].mean().unstack()
    change = means[True] - means[False]
    return change[["GB", "DE"]].mean() - change[["US", "FR"]].mean()
did_repeat = did("repeat_90d")
did_rating = did("rating")
