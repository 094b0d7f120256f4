# Sample: answers that kill the kernel halfway through (os._exit); the questions answered before the crash keep their points, the rest score zero with the reason, and the rest of the batch is graded
# %% q1_profile
diff_th = {"pdi": -16, "idv": 0, "mas": -32, "uai": 34, "lto": -55, "ivr": 21}
largest_gap_th = "lto"
# %% q2_distance
import os
os._exit(1)
