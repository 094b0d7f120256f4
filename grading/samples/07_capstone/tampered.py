# Sample: solves nothing but rewrites every visible test cell to pass; nbgrader restores the tests from the gradebook, so it scores zero
# %% overwrite q1_gmv_test
pass
# %% overwrite q2a_directions_test
pass
# %% overwrite q2b_normalised_test
pass
# %% overwrite q3_scores_test
pass
# %% overwrite q4a_ranking_test
pass
# %% overwrite q4b_top_test
pass
# %% overwrite q5a_switch_weight_test
pass
# %% overwrite q5b_new_top_test
pass
# %% overwrite q6a_robust_test
pass
# %% overwrite q6b_fragile_test
pass
