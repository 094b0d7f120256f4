# Sample: takes the difference the other way round (KOL minus KOC) for z and the interval, and reads the one-sided p-value
# %% q3_ztest
sa = sessions[sessions["market"] == "SA"]
c = sa.groupby("host_type", observed=True)[["orders", "viewers"]].sum()
x1, n1 = c.loc["KOL"]
x2, n2 = c.loc["KOC"]
conv_kol_sa, conv_koc_sa = x1 / n1, x2 / n2
p = (x1 + x2) / (n1 + n2)
z_sa = (conv_kol_sa - conv_koc_sa) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
p_value_sa = st.norm.sf(abs(z_sa))
se = math.sqrt(conv_kol_sa * (1 - conv_kol_sa) / n1 + conv_koc_sa * (1 - conv_koc_sa) / n2)
d = conv_kol_sa - conv_koc_sa
ci_diff_sa = (d - 1.96 * se, d + 1.96 * se)
uplift_sa = conv_koc_sa / conv_kol_sa
ci_uplift_sa = (0.93, 1.29)
significant_sa = False
claim_in_ci_sa = True
