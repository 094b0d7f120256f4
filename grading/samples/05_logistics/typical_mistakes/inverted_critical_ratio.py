# Sample: inverts the newsvendor critical ratio, overage cost over the sum
# %% q6_newsvendor
price, cost, salvage = 24, 9, 4
cr_stream = (cost - salvage) / (price - salvage)
