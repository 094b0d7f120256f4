# Sample: the common mistakes (business days, the paper's claim instead of the data, on time as strictly before, duty on goods only, VAT on goods only, the exchange rate alone, dividing by the wrong cost, cutting the whole cost, an inverted critical ratio, the first day in the errors, MAPE over the forecast); each gets a message that teaches
# %% q1_lead_times
gb = shipments[(shipments["destination"] == "GB") & (shipments["mode"] == "postal_small_packet")]
business = np.busday_count(gb["order_date"].to_numpy(dtype="datetime64[D]"), gb["delivery_date"].to_numpy(dtype="datetime64[D]"))
p90_postal_gb = np.percentile(business, 90)
customs_cut_de = 1 - 8 / 72
# %% q2_on_time
de = shipments[shipments["destination"] == "DE"]
early = pd.to_datetime(de["delivery_date"]) < pd.to_datetime(de["promised_date"])
on_time_de = early.groupby(de["mode"], observed=True).mean().to_dict()
# %% q3_landed_cost
goods, freight = 175 * 0.92, 18 * 0.92
duty_fr = 0.12 * goods
landed_fr = goods + freight + 0.12 * (goods + freight) + 0.20 * goods
# %% q4_fx_move
price_change_fr = 0.98 / 0.92 - 1
# %% q5_break_even
break_even_de = 6000 / 5.20
break_even_peak_de = 6000 / (11.50 - 5.20 * 0.81)
# %% q6_newsvendor
cr_stream = (9 - 4) / (24 - 4)
h1 = daily.loc[(daily["session_type"] == "weekly") & (daily["date"] < "2024-07-01"), "featured_units"].astype(float)
from statistics import NormalDist
stock_units = h1.mean() + NormalDist().inv_cdf(cr_stream) * h1.std()
# %% q7_forecast
y = daily[(daily["date"] >= "2024-10-01") & (daily["date"] <= "2024-10-31")]["orders"].astype(float).to_numpy()
f = [y[0]]
for t in range(1, len(y)):
    f.append(0.3 * y[t - 1] + 0.7 * f[-1])
f = np.array(f)
mae_oct = np.abs(y - f).mean()
mape_oct = (np.abs(y[1:] - f[1:]) / f[1:]).mean() * 100
# %% q8_recommendation
# Delivery takes 5.7 days on average, so the shop should open the warehouse.
