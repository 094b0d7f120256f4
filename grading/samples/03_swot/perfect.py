# Sample: every answer right by other routes than the solution: percentages, pandas Series, numpy types, strings, a hand-built table indexed by factor_id in another order, labels written "w-o" and "TW", a signed shift, "yes" for True, a scratch cell
# %% q1_weights
ife_weights = pd.Series(seller_importance) / sum(seller_importance.values()) * 100   # percentages
# %% +after q1_weights
print("scratch work:", ife_weights.sum())
# %% q2_ratings
ife_ratings = pd.Series(seller_verdicts).map({"major weakness": 1, "minor weakness": 2, "minor strength": 3, "major strength": 4}).astype("int64")
# %% q3_ife_total
ife_total = np.float64(round(float((ife_weights / 100 * ife_ratings).sum()), 2))
# %% q4_efe
rows = [("T7", 0.15, 2), ("O2", 0.25, 4), ("T2", 0.20, 3), ("O3", 0.05, 2), ("T6", 0.10, 2), ("O4", 0.25, 3)]
efe_matrix = pd.DataFrame(rows, columns=["factor_id", "weight", "rating"]).set_index("factor_id")
efe_matrix = efe_matrix.assign(weighted_score=efe_matrix["weight"] * efe_matrix["rating"], note="seller's view")[["weighted_score", "rating", "note", "weight"]]
efe_total = "2.95"
# %% q5_strategy
seller_strategy = "w-o"
# %% q6_flip
groups = pd.DataFrame({"w": ife_weights / 100, "r": ife_ratings, "g": [k[0] for k in ife_weights.index]})
means = (groups["w"] * groups["r"]).groupby(groups["g"]).sum() / groups.groupby("g")["w"].sum()
flip_shift = round((float(ife_total) - 2.5) / (means["S"] - means["W"]), 4)   # -0.1087: the signed shift, from weaknesses to strengths
# %% q7_validation
proposal_a_valid = np.bool_(False)
proposal_b_valid = "yes"
# %% q8_tows
tows_cells = pd.Series({"P1": "W-O", "P2": "st", "P3": "TW", "P4": "SO strategy"})
# %% q9_recommendation
# The seller scores 2.25 on the IFE matrix and 2.95 on the EFE matrix: weak inside, good at
# responding outside, so the position is WO and the seller should use opportunities to fix its
# weaknesses. I would pair its biggest weakness, hosts without English (W1), with the policy
# support for "cross-border e-commerce + minor languages" courses (O3; Gan 2024, row WO2), and
# use overseas warehouses (W4 + O3; Yang and Luo 2025, WO1) against slow delivery. The call is
# fragile: moving about 0.11 of the IFE weight from weaknesses to strengths makes it SO, so it
# hinges on how heavily the team weights W1. The weights and ratings are the team's guesses,
# not data from the papers, so I would have several people score them before investing.
