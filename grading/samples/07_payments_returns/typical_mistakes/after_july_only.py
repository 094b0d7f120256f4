# Sample: compares the UK and Germany with the US and France after July only, without the difference before July
# %% q7_service_team
after = cases[cases["opened_date"] >= "2024-07-01"]
gb_de = after["market"].isin(["GB", "DE"])
did_repeat = after.loc[gb_de, "repeat_90d"].mean() - after.loc[~gb_de, "repeat_90d"].mean()
did_rating = after.loc[gb_de, "rating"].mean() - after.loc[~gb_de, "rating"].mean()
