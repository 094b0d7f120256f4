# Sample: divides the fixed cost by the warehouse's cost per order instead of the saving, and uses stat_value's 19 as if it were 0.19
# %% q5_break_even
break_even_de = 6000 / 5.20
cut = stat_value(stats, "crowdsourced_delivery_cost_cut_yang")
break_even_peak_de = 6000 / (11.50 - (1.10 + 0.90 + 3.20 * (1 - cut)))
