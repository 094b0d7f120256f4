# Sample: divides the month's total of daily active users by MAU without averaging over the 30 days, and compares a stickiness of about 10 with 0.35
# %% q4_stickiness
gb = activity[activity["market"] == "GB"]
stickiness_gb = gb.groupby("date")["user_id"].nunique().sum() / gb["user_id"].nunique()
gb_above_industry = stickiness_gb > 0.35
