# Sample: sets the break-even chargeback rate where the margin equals the loss per chargeback, forgetting that a chargeback also loses the margin
# %% q3_chargebacks
from course.live_commerce import wilson_interval
d = payments[(payments["market"] == "DE") & (payments["method"] == "card")]
cb_interval_de = wilson_interval(int(d["chargeback"].sum()), len(d))
cb_break_even = 5.20 / 27.50
