# Sample: answers that kill the kernel halfway through (os._exit); the questions answered before the crash keep their points, the rest score zero with the reason, and the rest of the batch is graded
# %% q1_fields
analytics_fields = {"consent_analytics", "birth_date", "country", "spend_usd_12m"}
# %% q2_consent
import os
os._exit(1)
