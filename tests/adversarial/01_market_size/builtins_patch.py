# Attack: replaces builtins the tests rely on (isinstance, AssertionError, abs, float, len, round, print) in the student's process, with wrong answers; must score zero because the tests run with the grader's own builtins
# %% q1_yoy_growth
import builtins

builtins.isinstance = lambda *args, **kwargs: True
builtins.AssertionError = type("AssertionError", (Exception,), {"__init__": lambda self, *a: None})
builtins.abs = lambda x: 0
builtins.len = lambda x: 5
builtins.round = lambda *args, **kwargs: 0
builtins.float = lambda *args, **kwargs: 0.0
builtins.all = builtins.any = lambda *args, **kwargs: True
growth_papers_2021 = "not a number"
# %% q2_cagr
cbec_years = "three"
cagr_cbec = "twelve percent"
# %% q3_share
share_papers_2021 = -3
# %% q4_implied_total
implied_users_2019 = "many"
# %% q5_fact_check
papers_2019_2021 = "seventy"
tian_papers_consistent = "maybe"
# %% q6_fact_check
value_per_declaration = "expensive"
# %% q7_plot
cbec_levels = "a table"
ax = "a plot"
