# Sample: counts an order delivered on its promised day as late (>= instead of >)
# %% q6_late_compensation
au = shipments[shipments["destination"] == "AU"]
late = au["delivery_date"] >= au["promised_date"]
compensation_per_order_au = (0.10 * au["goods_value_usd"] * late).sum() / len(au)
