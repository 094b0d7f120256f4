# Sample: subtracts the later year from the earlier one, for the growth of the articles and for the years of compounding
# %% q1_yoy_growth
growth_papers_2021 = (17 - 50) / 17
# %% q2_cagr
cbec_years = 2020 - 2023
cagr_cbec = (2.38 / 1.69) ** (1 / 3) - 1
