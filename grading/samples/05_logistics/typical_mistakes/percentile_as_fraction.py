# Sample: passes 0.9 to np.percentile for the 90th percentile, and takes the paper's 72-to-8-hours claim for the synthetic lanes' cut
# %% q1_lead_times
gb = shipments[(shipments["destination"] == "GB") & (shipments["mode"] == "postal_small_packet")]
lead = (pd.to_datetime(gb["delivery_date"]) - pd.to_datetime(gb["order_date"])).dt.days
p90_postal_gb = np.percentile(lead, 0.9)
customs_cut_de = 1 - stat_value(stats, "customs_clearance_after_yang") / stat_value(stats, "customs_clearance_before_yang")
