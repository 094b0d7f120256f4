# Sample: averages each session's GMV per 1,000 viewers instead of pooling GMV and viewers over a market's sessions
# %% q1_funnel
gmv_per_1000 = (1000 * sessions["gmv_usd"] / sessions["viewers"]).groupby(sessions["market"]).mean().to_dict()
