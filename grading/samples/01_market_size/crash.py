# Sample: answers that kill the kernel halfway through (os._exit); the questions answered before the crash keep their points, the rest score zero with the reason, and the rest of the batch is graded
# %% q1_yoy_growth
growth_papers_2021 = 50 / 17 - 1
# %% q3_share
import os
os._exit(1)
