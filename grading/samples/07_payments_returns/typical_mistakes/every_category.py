# Sample: computes each market's return rate over every category instead of apparel only; the least certain market right
# %% q4_returns
apparel_return_rates = shipments.groupby("destination")["returned"].mean().to_dict()
least_certain_market = "IT"
