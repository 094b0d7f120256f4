# Sample: answers that kill the kernel halfway through (os._exit); the questions answered before the crash keep their points, the rest score zero with the reason, and the rest of the batch is graded
# %% q1_funnel
ctr_brand_my, click_conv_brand_my, conv_brand_my = 1374 / 11689, 147 / 1374, 147 / 11689
# %% q2_decomposition
import os
os._exit(1)
