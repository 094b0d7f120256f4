# Sample: gives what the interpreter would save (4% - 0.5% of the orders) as the cost of the machine's errors; break-even right
# %% q4_translation
mt_error_cost = 1500 * (0.04 - 0.005) * 18
break_even_orders = 900 / ((0.04 - 0.005) * 18)
