# Sample: gives the US and France's change alone (the control group's) for both outcomes
# %% q7_service_team
control = ~cases["market"].isin(["GB", "DE"])
after = cases["opened_date"] >= "2024-07-01"
did_repeat = cases.loc[control & after, "repeat_90d"].mean() - cases.loc[control & ~after, "repeat_90d"].mean()
did_rating = cases.loc[control & after, "rating"].mean() - cases.loc[control & ~after, "rating"].mean()
