# Sample: solves nothing but rewrites every visible test cell to pass; nbgrader restores the tests from the gradebook, so it scores zero
# %% overwrite q1a_percentile_test
pass
# %% overwrite q1b_customs_cut_test
pass
# %% overwrite q2_on_time_test
pass
# %% overwrite q3a_duty_test
pass
# %% overwrite q3b_landed_test
pass
# %% overwrite q4_fx_move_test
pass
# %% overwrite q5a_break_even_test
pass
# %% overwrite q5b_peak_test
pass
# %% overwrite q6a_critical_ratio_test
pass
# %% overwrite q6b_stock_test
pass
# %% overwrite q7a_mae_test
pass
# %% overwrite q7b_mape_test
pass
