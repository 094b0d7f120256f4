# Sample: solves nothing but rewrites every visible test cell to pass; nbgrader restores the tests from the gradebook, so it scores zero
# %% overwrite q1a_diff_test
pass
# %% overwrite q1b_largest_test
pass
# %% overwrite q2a_variances_test
pass
# %% overwrite q2b_cd_brazil_test
pass
# %% overwrite q3_ranking_test
pass
# %% overwrite q4a_saudi_test
pass
# %% overwrite q4b_uae_test
pass
# %% overwrite q5_groups_test
pass
# %% overwrite q6a_korea_test
pass
# %% overwrite q6b_saudi_rule_test
pass
# %% overwrite q7_black_friday_test
pass
