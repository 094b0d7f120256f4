# Sample: every answer right by other routes than the solution: the course's functions, percentages and strings, scipy's Wilson interval given as a dict in percent, a pandas Series in another order, a groupby table for the difference in differences, a scratch cell
# %% q1_fee_stack
from course.payments import fee_stack
stack = fee_stack(24.00, commission_rate=0.08, payment_rate=0.029, payment_fixed=0.30, fx_spread=0.02, fx_rate=9.10)
payout_cny = round(stack.payout, 2)
take_rate = f"{stack.take_rate * 100:.2f}%"
# %% +after q1_fee_stack
print("scratch work:", stack.table())
# %% q2_payout_fx
from course.payments import fx_change_by, payout_fx_change
table = fx_change_by(payments)
fx_change_gbp = table.loc["GBP", "change"] * 100                    # percent
worst_fx_gbp = float(payout_fx_change(payments)[payments["currency"] == "GBP"].min())
# %% q3_chargebacks
from scipy.stats import binomtest
de_card = payments.query("market == 'DE' and method == 'card'")
ci = binomtest(int(de_card["chargeback"].sum()), len(de_card)).proportion_ci(confidence_level=0.95, method="wilson")
cb_interval_de = {"low": ci.low * 100, "high": ci.high * 100}
from course.payments import chargeback_break_even
cb_break_even = chargeback_break_even(5.20, 27.50)
# %% q4_returns
from course.after_sales import return_rates
rates = return_rates(shipments[shipments["category"] == "apparel"], "destination")
apparel_return_rates = (rates["rate"] * 100).sort_values()            # a Series in percent, another order
least_certain_market = " it "                                          # another case and spaces
# %% q5_refunds
from course.after_sales import refund_costs, returnless_threshold
return_extra_cost = refund_costs(38.00, 14.50, 4.00, 0.45).returned
returnless_below = round(returnless_threshold(14.50, 4.00, 0.45), 2)
# %% q6_late_compensation
from course.after_sales import late_compensation
compensation_per_order_au = late_compensation(shipments, 0.10, by="destination").loc["AU", "cost_per_order"]
# %% q7_service_team
table = cases.assign(gb_de=cases["market"].isin(["GB", "DE"]), second_half=pd.to_datetime(cases["opened_date"]) >= "2024-07-01")
means = table.pivot_table(index="gb_de", columns="second_half", values=["repeat_90d", "rating"], aggfunc="mean")
change = means.xs(True, axis=1, level="second_half") - means.xs(False, axis=1, level="second_half")
did_repeat = (change.loc[True, "repeat_90d"] - change.loc[False, "repeat_90d"]) * 100   # percentage points
did_rating = change.loc[True, "rating"] - change.loc[False, "rating"]
# %% q8_memo
# On a GBP 24 order the third parties keep about 14% of the price; the fixed fee and the
# commission weigh most on cheap orders. The yuan value of pound payments moved by -0.4% on
# average but the worst payment lost 5.3%, so the shop should shorten its payout cycle (local
# e-wallets pay out in about ten days) and keep a price buffer rather than buy a hedge. Germany's
# card chargebacks (2.1%, interval 1.1% to 4.1%) stay far below the 15.9% break-even rate.
# Returnless refunds are cheaper below about USD 41; apparel's return rates are too uncertain in
# the small markets (Italy) for a policy per market. The local team raised repeat orders by
# about 8 points (difference in differences), less than the naive 11; compensation for late
# delivery would cost about USD 0.72 per Australian order. The data are synthetic, from one
# shop, and assume the markets would have moved alike without the team.
