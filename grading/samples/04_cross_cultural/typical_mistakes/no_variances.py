# Sample: averages the squared differences without dividing by the variances
# %% q2_distance
t = scores.set_index("iso2")[DIMS].astype(float)
var_six = t.dropna().var(ddof=1).to_dict()
cd_brazil = ((t.loc["BR"] - t.loc["CN"]) ** 2).mean()
