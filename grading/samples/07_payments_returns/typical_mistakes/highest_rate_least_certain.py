# Sample: takes the market with the highest return rate as the least certain instead of the one with the widest interval
# %% q4_returns
apparel = shipments[shipments["category"] == "apparel"]
apparel_return_rates = apparel.groupby("destination")["returned"].mean().to_dict()
least_certain_market = max(apparel_return_rates, key=apparel_return_rates.get)
