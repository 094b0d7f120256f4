# Sample: takes the variances over the whole table, so pandas keeps Saudi Arabia's LTO and IVR in them
# %% q2_distance
_D = ["pdi", "idv", "mas", "uai", "lto", "ivr"]
_t = scores.set_index("iso2")[_D].astype(float)
var_six = _t.var().to_dict()
cd_brazil = sum((_t.loc["BR", d] - _t.loc["CN", d]) ** 2 / var_six[d] for d in _D) / 6
