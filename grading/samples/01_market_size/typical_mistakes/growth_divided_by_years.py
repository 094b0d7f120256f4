# Sample: counts calendar years (4) instead of yearly steps and spreads the total growth evenly instead of compounding
# %% q2_cagr
cbec_years = 2023 - 2020 + 1
cagr_cbec = (2.38 / 1.69 - 1) / 3
