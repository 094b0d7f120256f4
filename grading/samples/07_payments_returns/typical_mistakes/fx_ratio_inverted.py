# Sample: divides the yuan value at the order by the value at the payout (the ratio inverted)
# %% q2_payout_fx
gbp = payments[payments["currency"] == "GBP"]
fx_change_gbp = (gbp["amount_local"] * gbp["fx_order"]).sum() / (gbp["amount_local"] * gbp["fx_payout"]).sum() - 1
worst_fx_gbp = (gbp["fx_payout"] / gbp["fx_order"] - 1).min()
