# Sample: questions 1 to 3 answered correctly, the rest not attempted (partial credit)
# %% q1_profile
t = scores.set_index("iso2")[DIMS].astype(float)
diff_th = (t.loc["TH"] - t.loc["CN"]).to_dict()
largest_gap_th = "LTO"
# %% q2_distance
complete = scores.set_index("iso2")[DIMS].astype(float).dropna()
var_six = complete.var()
cd_brazil = (((complete.loc["BR"] - complete.loc["CN"]) ** 2) / var_six).mean()
# %% q3_ranking
asia = ["ID", "MY", "PH", "TH", "VN", "SG", "JP", "KR"]
ranking_asia = (((complete.loc[asia] - complete.loc["CN"]) ** 2) / var_six).mean(axis=1).sort_values()
