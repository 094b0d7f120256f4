# Sample: computes conversion as orders per product click, and the uplift as the difference of the conversions
# %% q3_ztest
sa = sessions[sessions["market"] == "SA"]
c = sa.groupby("host_type", observed=True)[["orders", "product_clicks"]].sum()
conv_kol_sa = c.loc["KOL", "orders"] / c.loc["KOL", "product_clicks"]
conv_koc_sa = c.loc["KOC", "orders"] / c.loc["KOC", "product_clicks"]
z_sa = 1.0
p_value_sa = 0.3
ci_diff_sa = (-0.01, 0.03)
uplift_sa = conv_koc_sa - conv_kol_sa
ci_uplift_sa = (-0.1, 0.3)
significant_sa = False
claim_in_ci_sa = True
