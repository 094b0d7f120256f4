# Sample: takes the share of sellers the rule gets right (accuracy) for precision, and computes recall correctly
# %% q1_screening
flag = screening["risk_score"] >= 0.5
precision_50 = (flag == screening["violated"]).mean()
recall_50 = (flag & screening["violated"]).sum() / screening["violated"].sum()
