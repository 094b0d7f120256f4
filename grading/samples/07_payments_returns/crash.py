# Sample: answers that kill the kernel halfway through (os._exit); the questions answered before the crash keep their points, the rest score zero with the reason, and the rest of the batch is graded
# %% q1_fee_stack
payout_cny = 188.03
take_rate = 0.139
# %% q2_payout_fx
import os
os._exit(1)
