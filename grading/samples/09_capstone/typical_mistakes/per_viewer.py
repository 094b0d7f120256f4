# Sample: pools GMV and viewers per market but leaves out the factor 1,000 (GMV per viewer)
# %% q1_funnel
_sums = sessions.groupby("market")[["gmv_usd", "viewers"]].sum()
gmv_per_1000 = (_sums["gmv_usd"] / _sums["viewers"]).to_dict()
