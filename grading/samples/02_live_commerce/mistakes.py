# Sample: the common mistakes (averaged session rates, one-factor-at-a-time changes, a reversed z, a 90% interval, the difference for the uplift, summed DAU, a fixed time difference, the same calendar date); each gets a message that teaches
# %% q1_funnel
my = sessions[(sessions["market"] == "MY") & (sessions["host_type"] == "brand")]
ctr_brand_my = (my["product_clicks"] / my["viewers"]).mean()
click_conv_brand_my = (my["orders"] / my["product_clicks"]).mean()
conv_brand_my = (my["orders"] / my["viewers"]).mean()
# %% q2_decomposition
g0 = 635.50
gmv_contrib = {
    "viewers": g0 * (1839 / 1610 - 1),
    "conversion": g0 * ((10 / 1839) / (15 / 1610) - 1),
    "aov": g0 * ((526.07 / 10) / (635.50 / 15) - 1),
}
main_lever = "viewers"
# %% q3_ztest
x1, n1, x2, n2 = 236, 11021, 364, 15550
conv_kol_sa, conv_koc_sa = x1 / n1, x2 / n2
p = (x1 + x2) / (n1 + n2)
z_sa = (conv_kol_sa - conv_koc_sa) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
p_value_sa = st.norm.sf(abs(z_sa))
se = math.sqrt(conv_kol_sa * (1 - conv_kol_sa) / n1 + conv_koc_sa * (1 - conv_koc_sa) / n2)
d = conv_koc_sa - conv_kol_sa
ci_diff_sa = (d - 1.645 * se, d + 1.645 * se)
uplift_sa = d
ci_uplift_sa = (-0.07, 0.29)
significant_sa = True
claim_in_ci_sa = True
# %% q4_stickiness
gb = activity[activity["market"] == "GB"]
stickiness_gb = gb.groupby("date")["user_id"].nunique().sum() / gb["user_id"].nunique()
gb_above_industry = False
# %% q5_prime_time
bj_start_oct24, bj_end_oct24 = "03:00", "06:00"     # London + 8 hours, all year
bj_start_oct27, bj_date_oct27 = "03:00", "2025-10-27"
# %% q6_memo
# Yes: KOCs convert 9% better, so the claim is proven.
