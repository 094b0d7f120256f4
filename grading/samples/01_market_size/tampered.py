# Sample: solves nothing but rewrites every visible test cell to pass; nbgrader restores the tests from the gradebook, so it scores zero
# %% overwrite q1_yoy_growth_test
pass
# %% overwrite q2a_years_test
pass
# %% overwrite q2b_cagr_test
pass
# %% overwrite q3_share_test
pass
# %% overwrite q4_implied_total_test
pass
# %% overwrite q5a_sum_test
pass
# %% overwrite q5b_consistent_test
pass
# %% overwrite q6_per_declaration_test
pass
# %% overwrite q7a_table_test
pass
# %% overwrite q7b_plot_test
pass
