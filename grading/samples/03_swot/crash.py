# Sample: answers that kill the kernel halfway through (os._exit); reported as an error with the reason, the rest of the batch is graded
# %% q1_weights
ife_weights = {k: v / 20 for k, v in seller_importance.items()}
# %% q2_ratings
import os
os._exit(1)
