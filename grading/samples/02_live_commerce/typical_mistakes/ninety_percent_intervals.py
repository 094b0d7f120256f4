# Sample: both 95% intervals built with z = 1.645, the 90% value
# %% q3_ztest
_s = sessions[sessions["market"] == "SA"]
_g = _s.groupby("host_type")[["orders", "viewers"]].sum()
_x1, _n1 = _g.loc["KOL", "orders"], _g.loc["KOL", "viewers"]
_x2, _n2 = _g.loc["KOC", "orders"], _g.loc["KOC", "viewers"]
conv_kol_sa, conv_koc_sa = _x1 / _n1, _x2 / _n2
_p = (_x1 + _x2) / (_n1 + _n2)
z_sa = (conv_koc_sa - conv_kol_sa) / math.sqrt(_p * (1 - _p) * (1 / _n1 + 1 / _n2))
p_value_sa = 2 * st.norm.sf(abs(z_sa))
_se = math.sqrt(conv_kol_sa * (1 - conv_kol_sa) / _n1 + conv_koc_sa * (1 - conv_koc_sa) / _n2)
ci_diff_sa = (conv_koc_sa - conv_kol_sa - 1.645 * _se, conv_koc_sa - conv_kol_sa + 1.645 * _se)
uplift_sa = conv_koc_sa / conv_kol_sa - 1
_sl = math.sqrt((1 - conv_kol_sa) / _x1 + (1 - conv_koc_sa) / _x2)
ci_uplift_sa = (math.exp(math.log(conv_koc_sa / conv_kol_sa) - 1.645 * _sl) - 1, math.exp(math.log(conv_koc_sa / conv_kol_sa) + 1.645 * _sl) - 1)
significant_sa = p_value_sa < 0.05
claim_in_ci_sa = ci_uplift_sa[0] <= 0.23 <= ci_uplift_sa[1]
