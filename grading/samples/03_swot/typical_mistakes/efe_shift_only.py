# Sample: computes the shift for the EFE matrix only (the one above 2.5), not the smaller of the two matrices' shifts
# %% q6_flip
_o = {k: w for k, w in seller_efe_weights.items() if k.startswith("O")}
_t = {k: w for k, w in seller_efe_weights.items() if k.startswith("T")}
_ro = sum(w * seller_efe_ratings[k] for k, w in _o.items()) / sum(_o.values())
_rt = sum(w * seller_efe_ratings[k] for k, w in _t.items()) / sum(_t.values())
flip_shift = abs(sum(w * seller_efe_ratings[k] for k, w in seller_efe_weights.items()) - 2.5) / (_ro - _rt)
