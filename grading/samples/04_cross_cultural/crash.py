# Sample: answers that kill the kernel halfway through (os._exit); reported as an error with the reason, the rest of the batch is graded
# %% q1_profile
diff_th = {"pdi": -16, "idv": 0, "mas": -32, "uai": 34, "lto": -55, "ivr": 21}
largest_gap_th = "lto"
# %% q2_distance
import os
os._exit(1)
