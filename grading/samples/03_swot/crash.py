# Sample: answers that kill the kernel halfway through (os._exit); the questions answered before the crash keep their points, the rest score zero with the reason, and the rest of the batch is graded
# %% q1_weights
ife_weights = {k: v / 20 for k, v in seller_importance.items()}
# %% q2_ratings
import os
os._exit(1)
