# Sample: decomposes correctly but names the lever that pushed GMV up the most, ignoring the larger fall
# %% q2_decomposition
pair = sessions.set_index("session_id").loc[["LS0392", "LS0400"]]
f = lambda r: {"viewers": r["viewers"], "conversion": r["orders"] / r["viewers"], "aov": r["gmv_usd"] / r["orders"]}
before, after = f(pair.loc["LS0392"]), f(pair.loc["LS0400"])
g0, g1 = pair.loc["LS0392", "gmv_usd"], pair.loc["LS0400", "gmv_usd"]
L = (g1 - g0) / math.log(g1 / g0)
gmv_contrib = {k: L * math.log(after[k] / before[k]) for k in before}
main_lever = max(gmv_contrib, key=gmv_contrib.get)
