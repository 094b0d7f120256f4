# Sample: writes the error rates as 4 and 0.5 in the break-even (the cost of errors right)
# %% q4_translation
mt_error_cost = 1500 * 0.04 * 18
break_even_orders = 900 / ((4 - 0.5) * 18)
