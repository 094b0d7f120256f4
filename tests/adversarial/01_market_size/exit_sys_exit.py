# Attack: tries every polite way to stop the kernel early (sys.exit, exit(), quit(), SystemExit, KeyboardInterrupt, IPython's ask_exit and exit_now) hoping the grading stops before the tests; must score zero
# %% q1_yoy_growth
import sys

growth_papers_2021 = -1.0
sys.exit(0)
# %% q2_cagr
cbec_years = -3
exit()
# %% q3_share
quit()
# %% q4_implied_total
raise KeyboardInterrupt
# %% q5_fact_check
get_ipython().ask_exit()
get_ipython().exit_now = True
raise SystemExit(0)
# %% q6_fact_check
import os

os.abort()
