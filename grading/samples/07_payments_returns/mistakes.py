# Sample: the common mistakes (the payment fee on what the commission left, the percentages added, the ratio inverted, the best payment instead of the worst, the Wald interval, margin over loss, each market's share of returns, the highest rate taken for the least certain, the resale left out, the handling left out, compensation per late order, the after-July comparison, the treated markets' change alone); each gets a message that teaches
# %% q1_fee_stack
after_commission = 24 * (1 - 0.08)
after_payment = after_commission * (1 - 0.029) - 0.30
payout_cny = after_payment * 9.10 * 0.98
take_rate = 0.08 + 0.029
# %% q2_payout_fx
gbp = payments[payments["currency"] == "GBP"]
fx_change_gbp = (gbp["amount_local"] * gbp["fx_order"]).sum() / (gbp["amount_local"] * gbp["fx_payout"]).sum() - 1
worst_fx_gbp = (gbp["fx_payout"] / gbp["fx_order"] - 1).max()
# %% q3_chargebacks
d = payments[(payments["market"] == "DE") & (payments["method"] == "card")]
p, n = d["chargeback"].mean(), len(d)
cb_interval_de = (p - 1.96 * np.sqrt(p * (1 - p) / n), p + 1.96 * np.sqrt(p * (1 - p) / n))
cb_break_even = 5.20 / 27.50
# %% q4_returns
apparel = shipments[shipments["category"] == "apparel"]
returns = apparel.groupby("destination")["returned"].sum()
apparel_return_rates = (returns / returns.sum()).to_dict()
least_certain_market = apparel.groupby("destination")["returned"].mean().idxmax()
# %% q5_refunds
return_extra_cost = 14.50 + 4.00
returnless_below = 14.50 / 0.45
# %% q6_late_compensation
au = shipments[shipments["destination"] == "AU"]
late = au[pd.to_datetime(au["delivery_date"]) > pd.to_datetime(au["promised_date"])]
compensation_per_order_au = (0.10 * late["goods_value_usd"]).mean()
# %% q7_service_team
after = cases[cases["opened_date"] >= "2024-07-01"]
gb_de = after["market"].isin(["GB", "DE"])
did_repeat = after.loc[gb_de, "repeat_90d"].mean() - after.loc[~gb_de, "repeat_90d"].mean()
treated = cases[cases["market"].isin(["GB", "DE"])]
did_rating = treated.loc[treated["opened_date"] >= "2024-07-01", "rating"].mean() - treated.loc[treated["opened_date"] < "2024-07-01", "rating"].mean()
# %% q8_memo
# The local team raised repeat orders by 11 points, so every market should get one.
