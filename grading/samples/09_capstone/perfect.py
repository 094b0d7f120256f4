# Sample: every answer right by other routes than the solution: plain Python sums, numpy types, a table with iso2 as a column and an extra column, rounding, scores in percent, a ranking as a DataFrame of names, a sweep instead of the exact switch, names instead of codes, a scratch cell
# %% q1_funnel
gmv_per_1000 = {}
for market, group in sessions.groupby("market"):
    gmv_per_1000[market] = np.float64(round(1000 * group["gmv_usd"].sum() / group["viewers"].sum(), 2))
# %% +after q1_funnel
print("scratch work:", sorted(gmv_per_1000))
# %% q2_normalise
lower_is_better = ["privacy_strictness", "lead_days", "landed_cost_usd", "cultural_distance"]
rows = []
for iso2, row in criteria.iterrows():
    out = {"iso2": iso2, "name": iso2.lower()}
    for c in criteria.columns:
        lo, hi = criteria[c].min(), criteria[c].max()
        scaled = (row[c] - lo) / (hi - lo)
        out[c] = round(1 - scaled if c in lower_is_better else scaled, 3)
    rows.append(out)
normalised = pd.DataFrame(rows).sample(frac=1, random_state=1)
# %% q3_scores
points = {c: 100 * w for c, w in seller_weights.items()}  # weights in percent
scores = normalised.set_index("iso2")[list(points)].mul(pd.Series(points)).sum(axis=1).round(1)
# %% q4_ranking
names = {"US": "United States", "GB": "United Kingdom", "ID": "Indonesia", "TH": "Thailand", "MY": "Malaysia", "SA": "Saudi Arabia"}
ranking = pd.DataFrame({"market": [names[k] for k in scores.index], "score": scores.to_numpy()})
top_market = "Malaysia"
# %% q5_switch
norm = normalised.set_index("iso2")[list(seller_weights)]
sweep = me.weight_sweep(norm, seller_weights, "privacy_strictness", step=0.01)
first = sweep[(sweep["weight"] > 0.2) & (sweep["top"] != "MY")].iloc[0]
privacy_switch_weight = f"{100 * first['weight']:.0f}%"
privacy_new_top = "united states"
# %% q6_robust
winners = {}
for c, w in seller_weights.items():
    for d in (-0.1, 0.1):
        new = max(w + d, 0)
        others = {k: v * (1 - new) / (1 - w) for k, v in seller_weights.items() if k != c}
        trial = {**others, c: new}
        s = sum(norm[k] * v for k, v in trial.items())
        winners[(c, d)] = s.idxmax()
robust = np.bool_(all(v == "MY" for v in winners.values()))
fragile_criteria = sorted({c for (c, d), v in winners.items() if v != "MY"})
# %% q7_memo
# Enter Malaysia first. With the seller's weights it scores about 60 points out of 100, ahead of
# Thailand (51) and the United States (50): cheap to serve (USD 16.7 landed, six days), close to
# China culturally (Kogut-Singh 1.6) and with a moderate privacy law. Its funnel is weak (USD 318
# per 1,000 viewers against 736 in the US). Yang and Luo (2025) put 91.6% of TikTok Shop's 2021
# GMV in Indonesia (tiktok_gmv_share_indonesia_2021_yang) and Southeast Asian GMV above USD 13
# billion (tiktok_gmv_sea_yang). The choice is fragile: a landed-cost weight 0.1 lower or a funnel
# weight 0.1 higher makes the US the winner, as does a privacy weight above 0.38. Risks: slow
# logistics, payment risk and data compliance. The sessions are synthetic and duty, freight, lead
# times and the strictness rating are teaching choices; a real test campaign would settle it.
