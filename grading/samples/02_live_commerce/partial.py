# Sample: questions 1, 2 and 3(a) answered correctly, the rest not attempted (partial credit)
# %% q1_funnel
my = sessions[(sessions["market"] == "MY") & (sessions["host_type"] == "brand")]
ctr_brand_my = my["product_clicks"].sum() / my["viewers"].sum()
click_conv_brand_my = my["orders"].sum() / my["product_clicks"].sum()
conv_brand_my = my["orders"].sum() / my["viewers"].sum()
# %% q2_decomposition
g0, g1 = 635.50, 526.07
L = (g1 - g0) / (math.log(g1) - math.log(g0))
gmv_contrib = {
    "viewers": L * math.log(1839 / 1610),
    "conversion": L * math.log((10 / 1839) / (15 / 1610)),
    "aov": L * math.log((526.07 / 10) / (635.50 / 15)),
}
main_lever = "conversion"
# %% q3_ztest
x1, n1, x2, n2 = 236, 11021, 364, 15550
conv_kol_sa, conv_koc_sa = x1 / n1, x2 / n2
p = (x1 + x2) / (n1 + n2)
z_sa = (conv_koc_sa - conv_kol_sa) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
p_value_sa = 2 * (1 - st.norm.cdf(z_sa))
