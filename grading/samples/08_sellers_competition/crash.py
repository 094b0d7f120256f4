# Sample: answers that kill the kernel halfway through (os._exit); the questions answered before the crash keep their points, the rest score zero with the reason, and the rest of the batch is graded
# %% q1_screening
flag = screening["risk_score"] >= 0.5
caught = (flag & screening["violated"]).sum()
precision_50 = caught / flag.sum()
recall_50 = caught / screening["violated"].sum()
best_threshold = 0.4
# %% q2_ban
import os
os._exit(1)
