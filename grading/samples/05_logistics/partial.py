# Sample: questions 1 to 4 answered correctly, the rest not attempted (partial credit)
# %% q1_lead_times
gb = shipments[(shipments["destination"] == "GB") & (shipments["mode"] == "postal_small_packet")]
p90_postal_gb = ((pd.to_datetime(gb["delivery_date"]) - pd.to_datetime(gb["order_date"])).dt.days).quantile(0.9)
de_line = shipments[(shipments["destination"] == "DE") & (shipments["mode"] == "dedicated_line")]
means = de_line.groupby("clearance_lane", observed=True)["customs_hours"].mean()
customs_cut_de = 1 - means["blockchain_pilot"] / means["standard"]
# %% q2_on_time
de = shipments[shipments["destination"] == "DE"]
ok = pd.to_datetime(de["delivery_date"]) <= pd.to_datetime(de["promised_date"])
on_time_de = ok.groupby(de["mode"], observed=True).mean()
# %% q3_landed_cost
goods, freight = 175 * 0.92, 18 * 0.92
duty_fr = 0.12 * (goods + freight)
landed_fr = (goods + freight + duty_fr) * 1.20
# %% q4_fx_move
def landed(fx):
    g, f = 158 * fx, 15 * fx
    d = 0 if g <= 150 else 0.12 * (g + f)
    return (g + f + d) * 1.2
price_change_fr = landed(0.98) / landed(0.92) - 1
