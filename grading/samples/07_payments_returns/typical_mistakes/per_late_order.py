# Sample: averages the compensation over the late orders only, not over every order shipped
# %% q6_late_compensation
au = shipments[shipments["destination"] == "AU"]
late = au[pd.to_datetime(au["delivery_date"]) > pd.to_datetime(au["promised_date"])]
compensation_per_order_au = 0.10 * late["goods_value_usd"].mean()
