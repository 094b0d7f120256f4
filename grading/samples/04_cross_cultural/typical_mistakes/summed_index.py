# Sample: adds up the six variance-scaled squared differences instead of averaging them
# %% q2_distance
t = scores.set_index("iso2")[DIMS].astype(float)
var_six = t.dropna().var(ddof=1).to_dict()
cd_brazil = ((t.loc["BR"] - t.loc["CN"]) ** 2 / pd.Series(var_six)).sum()
