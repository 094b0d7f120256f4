# Sample: counts business days (numpy's busday_count) for the lead time, and only parcels before the promised date as on time
# %% q1_lead_times
_p = shipments[(shipments["mode"] == "postal_small_packet") & (shipments["destination"] == "GB")]
p90_postal_gb = np.percentile(np.busday_count(_p["order_date"].astype(str).tolist(), _p["delivery_date"].astype(str).tolist()), 90)
_de = shipments[(shipments["mode"] == "dedicated_line") & (shipments["destination"] == "DE")]
_m = _de.groupby("clearance_lane")["customs_hours"].mean()
customs_cut_de = 1 - _m["blockchain_pilot"] / _m["standard"]
# %% q2_on_time
_de = shipments[shipments["destination"] == "DE"]
on_time_de = (pd.to_datetime(_de["delivery_date"]) < pd.to_datetime(_de["promised_date"])).groupby(_de["mode"]).mean().to_dict()
