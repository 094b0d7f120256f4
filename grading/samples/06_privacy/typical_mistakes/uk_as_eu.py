# Sample: takes the UN region Europe for the EU, so British customers outside the eu store count as violations
# %% q7_residency
europe = countries.loc[countries["region"] == "Europe", "iso2"]
n_eu_violations = int((customers["country"].isin(europe) & (customers["store"].astype(str) != "eu")).sum())
