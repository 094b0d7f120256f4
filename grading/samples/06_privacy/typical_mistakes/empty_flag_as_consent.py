# Sample: counts customers whose marketing flag is empty as consenting (not False means yes)
# %% q2_consent
sea = countries.loc[countries["subregion"] == "South-eastern Asia", "iso2"]
mask = customers["country"].isin(sea) & (customers["consent_marketing"] != False).fillna(True)
n_marketing_sea = int(mask.sum())
