# Sample: gives the textbook Wald interval, rate ± 1.96 standard errors, instead of Wilson's
# %% q3_chargebacks
d = payments[(payments["market"] == "DE") & (payments["method"] == "card")]
rate, n = d["chargeback"].mean(), len(d)
se = (rate * (1 - rate) / n) ** 0.5
cb_interval_de = (rate - 1.96 * se, rate + 1.96 * se)
cb_break_even = 5.20 / (5.20 + 27.50)
