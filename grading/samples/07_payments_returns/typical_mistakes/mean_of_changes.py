# Sample: averages each pound payment's change instead of the change of their total value; the worst payment right
# %% q2_payout_fx
gbp = payments[payments["currency"] == "GBP"]
change = gbp["fx_payout"] / gbp["fx_order"] - 1
fx_change_gbp = change.mean()
worst_fx_gbp = change.min()
