# Sample: normalises the strengths' and the weaknesses' points separately, so each group sums to 1
# %% q1_weights
_s = {k: v for k, v in seller_importance.items() if k.startswith("S")}
_w = {k: v for k, v in seller_importance.items() if k.startswith("W")}
ife_weights = {**{k: v / sum(_s.values()) for k, v in _s.items()}, **{k: v / sum(_w.values()) for k, v in _w.items()}}
