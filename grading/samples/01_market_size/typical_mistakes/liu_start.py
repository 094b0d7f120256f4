# Sample: starts the CAGR from Liu's 1.7 trillion (the customs figure for 2020) instead of Tian's 1.69
# %% q2_cagr
cbec_years = 3
cagr_cbec = (2.38 / 1.7) ** (1 / 3) - 1
