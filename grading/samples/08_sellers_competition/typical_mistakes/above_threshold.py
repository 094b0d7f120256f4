# Sample: flags the sellers above the threshold (>) instead of at or above it (>=), so the 16 sellers at exactly 0.50 are not flagged
# %% q1_screening
flag = screening["risk_score"] > 0.5
caught = (flag & screening["violated"]).sum()
precision_50 = caught / flag.sum()
recall_50 = caught / screening["violated"].sum()
