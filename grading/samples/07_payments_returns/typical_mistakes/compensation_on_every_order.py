# Sample: pays the 10% on every order to Australia, late or not
# %% q6_late_compensation
au = shipments[shipments["destination"] == "AU"]
compensation_per_order_au = 0.10 * au["goods_value_usd"].sum() / len(au)
