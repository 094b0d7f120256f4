# Sample: changes one factor at a time from LS0392's values instead of the log decomposition, and picks the lever that rose most
# %% q2_decomposition
pair = sessions.set_index("session_id").loc[["LS0392", "LS0400"]]
b, a = pair.loc["LS0392"], pair.loc["LS0400"]
fb = {"viewers": b["viewers"], "conversion": b["orders"] / b["viewers"], "aov": b["gmv_usd"] / b["orders"]}
fa = {"viewers": a["viewers"], "conversion": a["orders"] / a["viewers"], "aov": a["gmv_usd"] / a["orders"]}
gmv_contrib = {k: b["gmv_usd"] * (fa[k] / fb[k] - 1) for k in fb}
main_lever = "viewers"
