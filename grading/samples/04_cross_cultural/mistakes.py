# Sample: the common mistakes (China minus Thailand, the largest positive gap, numpy's population variance, four dimensions, dividing by six, the Arab aggregate for the UAE, raw-score clusters, the paper's rules only, NaN >= 65 read as False, the fourth Friday); each gets a message that teaches
# %% q1_profile
t = scores.set_index("iso2")[DIMS].astype(float)
diff_th = (t.loc["CN"] - t.loc["TH"]).to_dict()
largest_gap_th = "uai"
# %% q2_distance
complete = scores.set_index("iso2")[DIMS].astype(float).dropna()
var_six = dict(zip(DIMS, np.var(complete.to_numpy(), axis=0)))
cd_brazil = float(np.mean((complete.loc["BR"].to_numpy() - complete.loc["CN"].to_numpy()) ** 2 / np.array(list(var_six.values()))))
# %% q3_ranking
from course.culture import distance_ranking, kogut_singh
ranking_asia = distance_ranking(kogut_singh(scores, dims=["pdi", "idv", "mas", "uai"], ddof=1), ["ID", "MY", "PH", "TH", "VN", "SG", "JP", "KR"])
# %% q4_missing
v1 = complete.var(ddof=1)
cd_saudi = (((t.loc["SA"] - t.loc["CN"]) ** 2) / v1).sum() / 6
from course.culture import complete_markets, substitute_proxy
proxied, _ = substitute_proxy(scores, regions, ["AE"])
cd_uae = kogut_singh(proxied, ddof=1, over=complete_markets(scores)).set_index("iso2").loc["AE", "distance"]
# %% q5_groups
from scipy.cluster.hierarchy import fcluster, linkage
labels = fcluster(linkage(complete, "ward"), 4, criterion="maxclust")
groups_six = pd.Series(labels, index=complete.index)
# %% q6_rules
rules_korea = ["uai_high", "idv_low"]
saudi_uai_rule = bool(t.loc["SA", "uai"] >= 65) if pd.notna(t.loc["SA", "uai"]) else bool(np.float64("nan") >= 65)
# %% q7_festival
black_friday_2030 = "2030-11-22"
# %% q8_brief
# Use the Arab countries scores for both markets and apply the rules.
