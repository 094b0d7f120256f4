# Sample: answers that kill the kernel halfway through (os._exit); the questions answered before the crash keep their points, the rest score zero with the reason, and the rest of the batch is graded
# %% q1_funnel
sums = sessions.groupby("market")[["gmv_usd", "viewers"]].sum()
gmv_per_1000 = 1000 * sums["gmv_usd"] / sums["viewers"]
# %% q3_scores
import os
os._exit(1)
