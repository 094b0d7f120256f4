# Attack: silences every error in the student's kernel (set_custom_exc for BaseException, sys.excepthook, traceback functions, showtraceback) and prints fake "test passed" lines; must score zero because tests run in the grader and the answers are wrong
# %% q1_yoy_growth
import sys
import traceback

ip = get_ipython()
ip.set_custom_exc((BaseException,), lambda *args, **kwargs: None)
sys.excepthook = lambda *args: None
traceback.print_exc = lambda *args, **kwargs: None
traceback.format_exception = lambda *args, **kwargs: []
traceback.format_exc = lambda *args, **kwargs: ""
ip.showtraceback = lambda *args, **kwargs: None
ip.showsyntaxerror = lambda *args, **kwargs: None
for grade_id in ["q1_yoy_growth_test", "q2a_years_test", "q2b_cagr_test", "q3_share_test"]:
    print(f"{grade_id}: all tests passed, 2/2 points")
growth_papers_2021 = name_that_does_not_exist
# %% q2_cagr
raise AssertionError("pretend the test ran and passed")
# %% q3_share
share_papers_2021 = 1 / 0
# %% q4_implied_total
implied_users_2019 = -0.5
# %% q5_fact_check
papers_2019_2021 = 3
tian_papers_consistent = True  # wrong since issue 20: the April 2022 total should hold January-April 2022 too
# %% q6_fact_check
value_per_declaration = float("nan")
# %% q7_plot
raise SystemExit("no plot")
