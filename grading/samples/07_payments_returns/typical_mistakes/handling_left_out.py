# Sample: leaves the handling cost out of the return's cost; the threshold right
# %% q5_refunds
return_extra_cost = 14.50 - 0.45 * 38.00
returnless_below = (14.50 + 4.00) / 0.45
