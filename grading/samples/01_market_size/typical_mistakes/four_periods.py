# Sample: compounds over four periods, 2020 to 2023 counted as four years
# %% q2_cagr
cbec_years = 4
cagr_cbec = (2.38 / 1.69) ** (1 / cbec_years) - 1
