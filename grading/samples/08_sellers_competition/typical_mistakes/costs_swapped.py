# Sample: weighs a false alarm at USD 2,500 and a missed violator at USD 150 (the two costs swapped)
# %% q1_screening
costs = {}
for t in np.round(np.arange(0.10, 0.901, 0.05), 2):
    f = screening["risk_score"] >= t
    costs[t] = 2500 * (f & ~screening["violated"]).sum() + 150 * (~f & screening["violated"]).sum()
best_threshold = min(costs, key=costs.get)
