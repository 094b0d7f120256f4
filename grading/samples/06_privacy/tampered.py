# Sample: solves nothing but rewrites every visible test cell to pass; nbgrader restores the tests from the gradebook, so it scores zero
# %% overwrite q1_fields_test
pass
# %% overwrite q2_consent_test
pass
# %% overwrite q3a_pseudonym_test
pass
# %% overwrite q3b_reidentified_test
pass
# %% overwrite q4a_k_test
pass
# %% overwrite q4b_suppressed_test
pass
# %% overwrite q4c_l_test
pass
# %% overwrite q5a_probability_test
pass
# %% overwrite q5b_epsilon_test
pass
# %% overwrite q6a_pooled_test
pass
# %% overwrite q6b_fedavg_test
pass
# %% overwrite q7_residency_test
pass
