# Sample: computes the error cost right but the break-even as if the interpreter made no errors
# %% q4_translation
mt_error_cost = 1500 * 0.04 * 18
break_even_orders = 900 / (0.04 * 18)
