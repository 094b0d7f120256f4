# Sample: counts South Korea's PDI of 60 as high, reading "high" loosely
# %% q6_rules
rules_korea = {"uai_high", "idv_low", "lto_high", "ivr_low", "pdi_high"}
saudi_uai_rule = None
