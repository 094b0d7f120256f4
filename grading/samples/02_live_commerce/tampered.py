# Sample: solves nothing but rewrites every visible test cell to pass; nbgrader restores the tests from the gradebook, so it scores zero
# %% overwrite q1_funnel_test
pass
# %% overwrite q2a_contributions_test
pass
# %% overwrite q2b_lever_test
pass
# %% overwrite q3a_ztest_test
pass
# %% overwrite q3b_ci_difference_test
pass
# %% overwrite q3c_uplift_test
pass
# %% overwrite q3d_claim_test
pass
# %% overwrite q4a_stickiness_test
pass
# %% overwrite q4b_industry_test
pass
# %% overwrite q5a_prime_time_test
pass
# %% overwrite q5b_prime_time_dst_test
pass
