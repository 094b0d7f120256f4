# Attack: ends its own process at the first answer cell (os._exit(0), a "successful" exit) hoping the grader counts a clean exit as a pass; must score zero with the reason "the process exited"
# %% q1_yoy_growth
import os

growth_papers_2021 = -1.0
os._exit(0)
