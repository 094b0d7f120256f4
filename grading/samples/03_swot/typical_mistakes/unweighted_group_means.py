# Sample: uses the plain averages of the groups' ratings in the shift, not their weight-averaged ratings
# %% q2_ratings
ife_ratings = {"S1": 3, "S2": 4, "S3": 3, "S5": 3, "W1": 1, "W3": 2, "W4": 1}
# %% q3_ife_total
ife_total = 0.1 * 3 + 0.2 * 4 + 0.1 * 3 + 0.1 * 3 + 0.3 * 1 + 0.05 * 2 + 0.15 * 1
# %% q6_flip
_s = [v for k, v in ife_ratings.items() if k.startswith("S")]
_w = [v for k, v in ife_ratings.items() if k.startswith("W")]
flip_shift = abs(ife_total - 2.5) / (np.mean(_s) - np.mean(_w))
