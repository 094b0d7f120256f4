# Sample: questions 1 to 3 answered correctly, the rest not attempted (partial credit)
# %% q1_fee_stack
left = 24 - 24 * 0.08 - 24 * 0.029 - 0.30
payout_cny = left * 9.10 * 0.98
take_rate = 1 - left * 0.98 / 24
# %% q2_payout_fx
gbp = payments[payments["currency"] == "GBP"]
fx_change_gbp = (gbp["amount_local"] * gbp["fx_payout"]).sum() / (gbp["amount_local"] * gbp["fx_order"]).sum() - 1
worst_fx_gbp = (gbp["fx_payout"] / gbp["fx_order"]).min() - 1
# %% q3_chargebacks
import math
d = payments[(payments["market"] == "DE") & (payments["method"] == "card")]
k, n, z = int(d["chargeback"].sum()), len(d), 1.959964
p = k / n
centre = (p + z * z / (2 * n)) / (1 + z * z / n)
half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
cb_interval_de = (centre - half, centre + half)
cb_break_even = 5.20 / (5.20 + 27.50)
