# Sample: answers that kill the kernel halfway through (os._exit); reported as an error with the reason, the rest of the batch is graded
# %% q1_yoy_growth
growth_papers_2021 = 50 / 17 - 1
# %% q3_share
import os
os._exit(1)
