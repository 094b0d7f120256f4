# Sample: divides by all violators for precision and by the flagged sellers for recall (the two swapped), in percent
# %% q1_screening
flag = screening["risk_score"] >= 0.5
caught = (flag & screening["violated"]).sum()
precision_50 = 100 * caught / screening["violated"].sum()
recall_50 = 100 * caught / flag.sum()
