# Sample: counts the freight and handling of a return but forgets the resale value it recovers
# %% q5_refunds
return_extra_cost = 14.50 + 4.00
returnless_below = (14.50 + 4.00) / 0.45
