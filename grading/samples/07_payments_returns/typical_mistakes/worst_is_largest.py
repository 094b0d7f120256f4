# Sample: takes the largest change as the worst payment (the best one, a gain)
# %% q2_payout_fx
gbp = payments[payments["currency"] == "GBP"]
fx_change_gbp = (gbp["amount_local"] * gbp["fx_payout"]).sum() / (gbp["amount_local"] * gbp["fx_order"]).sum() - 1
worst_fx_gbp = (gbp["fx_payout"] / gbp["fx_order"] - 1).max()
