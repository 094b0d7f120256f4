# Sample: calls scipy's proportion_ci without method="wilson" and so gives the Clopper-Pearson ("exact") interval
# %% q3_chargebacks
from scipy.stats import binomtest
d = payments[(payments["market"] == "DE") & (payments["method"] == "card")]
ci = binomtest(int(d["chargeback"].sum()), len(d)).proportion_ci()
cb_interval_de = (ci.low, ci.high)
cb_break_even = 5.20 / (5.20 + 27.50)
