# Sample: takes the largest difference with its sign, not in absolute value
# %% q1_profile
t = scores.set_index("iso2")[DIMS].astype(float)
diff_th = (t.loc["TH"] - t.loc["CN"]).to_dict()
largest_gap_th = max(diff_th, key=diff_th.get)
