# Sample: divides each market's apparel returns by all apparel returns (a share of returns, not a return rate)
# %% q4_returns
apparel = shipments[shipments["category"] == "apparel"]
returns = apparel.groupby("destination")["returned"].sum()
apparel_return_rates = returns / returns.sum()
least_certain_market = "IT"
