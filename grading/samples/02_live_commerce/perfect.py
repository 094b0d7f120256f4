# Sample: every answer right by other routes than the solution: the course's functions, percentages and strings, rounding, numpy types, the unpooled z, Newcombe's and the delta-method intervals in percent, a pandas Series, "no" for False, datetime.time and hours, a date object, a scratch cell
# %% q1_funnel
from course import live_commerce as lc
row = lc.funnel_table(sessions.query("market == 'MY' and host_type == 'brand'")).iloc[0]
ctr_brand_my = f"{row['click_through']:.2%}"              # '11.75%'
click_conv_brand_my = round(row["click_conversion"] * 100, 2)   # 10.7 (percent)
conv_brand_my = np.float64(round(row["conversion"], 5))
# %% +after q1_funnel
print("scratch work:", row.to_dict())
# %% q2_decomposition
from course import live_commerce as lc
gmv_contrib = lc.decompose_sessions(sessions, "LS0392", "LS0400").set_index("factor")["contribution"].round(1)
main_lever = "Conversion rate"
# %% q3_ztest
from course import live_commerce as lc
c = lc.compare_conversion(sessions[sessions["market"] == "SA"], "KOL", "KOC")
conv_kol_sa, conv_koc_sa = f"{c.p1:.3%}", c.p2 * 100
z_sa = round(c.z_unpooled, 3)
p_value_sa = round(c.p_value_unpooled, 3)
ci_diff_sa = [round(v * 100, 3) for v in c.ci_difference_newcombe]   # percentage points
uplift_sa = "9.3%"
ci_uplift_sa = np.round(np.array(c.ci_relative_delta) * 100, 1)     # percent
significant_sa = "no"
claim_in_ci_sa = np.bool_(c.uplift_in_ci(0.23))
# %% q4_stickiness
gb = activity[activity["market"] == "GB"]
user_days = len(gb.drop_duplicates(["date", "user_id"]))
stickiness_gb = round(user_days / 30 / gb["user_id"].nunique() * 100, 2)   # 33.02 (percent)
gb_above_industry = np.bool_(stickiness_gb / 100 > 0.35)
# %% q5_prime_time
from course.scheduling import prime_time_in_beijing
w24 = prime_time_in_beijing("Europe/London", "2025-10-24")
w27 = prime_time_in_beijing("GB", date(2025, 10, 27), countries=countries)
bj_start_oct24, bj_end_oct24 = w24.beijing_start.time(), w24.beijing_end.hour   # a datetime.time and hours
bj_start_oct27 = w27.beijing_start
bj_date_oct27 = w27.beijing_start.date()
# %% q6_memo
# The Saudi sessions cannot prove the +23%. KOC conversion is about 9% higher than KOL conversion,
# but p is about 0.28 and the interval of the difference includes zero, so there is no significant
# difference; the interval of the uplift, roughly -8% to +27%, includes +23% and also includes no
# effect. The data are synthetic and were built with a 23% uplift, so they cannot test the claim, and
# Yang and Luo's figure is for a combined campaign with no stated baseline. Viewers of one session are
# not independent, so the interval is too narrow. A fair test would randomise KOL and KOC hosts over the
# same products and time slots, with enough sessions, and compare sessions.
