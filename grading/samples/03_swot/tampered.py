# Sample: solves nothing but rewrites every visible test cell to pass; nbgrader restores the tests from the gradebook, so it scores zero
# %% overwrite q1_weights_test
pass
# %% overwrite q2_ratings_test
pass
# %% overwrite q3_ife_total_test
pass
# %% overwrite q4a_efe_matrix_test
pass
# %% overwrite q4b_efe_total_test
pass
# %% overwrite q5_strategy_test
pass
# %% overwrite q6_flip_shift_test
pass
# %% overwrite q7a_proposal_a_test
pass
# %% overwrite q7b_proposal_b_test
pass
# %% overwrite q8_tows_cells_test
pass
