# Sample: divides Saudi Arabia's two terms by 6 as if the missing dimensions were zero differences
# %% q2_distance
t = scores.set_index("iso2")[DIMS].astype(float)
var_six = t.dropna().var(ddof=1).to_dict()
cd_brazil = ((t.loc["BR"] - t.loc["CN"]) ** 2 / pd.Series(var_six)).mean()
# %% q4_missing
cd_saudi = ((t.loc["SA"] - t.loc["CN"]) ** 2 / pd.Series(var_six)).sum() / 6
cd_uae = None
