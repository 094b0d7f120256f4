# Sample: every answer right by other routes than the solution: upper-case keys and numpy types, a dimension's name, the course's functions, rounding, English names, an unsorted table of distances, NaN and "unknown" for no value, a dict of cluster numbers with another standardisation, a set, a date computed with the calendar module, a scratch cell
# %% q1_profile
th = scores.loc[scores["iso2"] == "TH", DIMS].iloc[0]
cn = scores.loc[scores["iso2"] == "CN", DIMS].iloc[0]
diff_th = {d.upper(): np.int64(th[d] - cn[d]) for d in DIMS}
largest_gap_th = "Long-term orientation"
# %% +after q1_profile
print("scratch work:", diff_th)
# %% q2_distance
from course.culture import kogut_singh, variances
var_six = variances(scores, ddof=1).round(1)
cd_brazil = "2.049"
# %% q3_ranking
from course.culture import kogut_singh
cd = kogut_singh(scores, ddof=1).set_index("iso2")["distance"]
asia = ["KR", "JP", "TH", "VN", "SG", "PH", "MY", "ID"]
names = countries.set_index("iso2")["name_en"]
ranking_asia = pd.DataFrame({"market": [names[m] for m in asia], "distance": [cd[m] for m in asia]})
# %% q4_missing
sa = scores.set_index("iso2").loc["SA", DIMS].astype(float).to_numpy()
cn = scores.set_index("iso2").loc["CN", DIMS].astype(float).to_numpy()
complete = scores.set_index("iso2")[DIMS].astype(float).dropna().to_numpy()
v = np.var(complete, axis=0, ddof=1)
cd_saudi = np.float64(np.nanmean((sa - cn) ** 2 / v))
cd_uae = float("nan")
# %% q5_groups
from scipy.cluster.hierarchy import fcluster, linkage
table = scores.set_index("iso2")[DIMS].astype(float).dropna()
z = (table - table.mean()) / table.std(ddof=1)
labels = fcluster(linkage(z, "ward"), t=4, criterion="maxclust")
names = countries.set_index("iso2")["name_en"]
groups_six = {names[m]: int(10 * label) for m, label in zip(table.index, labels)}
# %% q6_rules
rules_korea = {"lto_high", "ivr_low", "idv_low", "uai_high"}
saudi_uai_rule = "unknown"
# %% q7_festival
import calendar
import datetime
thursdays = [d for d in range(1, 31) if calendar.weekday(2030, 11, d) == calendar.THURSDAY]
black_friday_2030 = str(datetime.date(2030, 11, thursdays[3]) + datetime.timedelta(days=1))
# %% q8_brief
# The Hofstede matrix has only long-term orientation and indulgence for Saudi Arabia and no scores
# for the UAE, so four of the course's rules are unknown for Saudi Arabia and all are unknown for the
# UAE. Saudi Arabia's distance averages two terms and Brazil's six, so ranking them together compares
# different measures. The "Arab countries" row is a pooled regional score; its LTO and IVR differ from
# Saudi Arabia's own, so any result using it must say "proxy" beside the number. For the snacks, Gan
# (2024) says food must carry halal (or kosher) certification in the Middle East, so the host shows
# the certificate; Yang and Luo (2025) report successful Ramadan-themed streams, so we plan one.
