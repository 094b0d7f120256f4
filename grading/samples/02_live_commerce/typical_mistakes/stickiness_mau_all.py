# Sample: divides the UK's average DAU by the distinct users of every market
# %% q4_stickiness
_gb = activity[activity["market"] == "GB"]
_dau = _gb.groupby("date")["user_id"].nunique().mean()
stickiness_gb = _dau / activity["user_id"].nunique()
gb_above_industry = stickiness_gb > 0.35
