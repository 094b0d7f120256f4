# Sample: answers that kill the kernel halfway through (os._exit); the questions answered before the crash keep their points, the rest score zero with the reason, and the rest of the batch is graded
# %% q1_lead_times
p90_postal_gb = 30.9
customs_cut_de = 0.875
# %% q3_landed_cost
import os
os._exit(1)
