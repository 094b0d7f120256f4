# Sample: divides the change in articles by the later year's count (the wrong base), and counts only the years between 2020 and 2023
# %% q1_yoy_growth
growth_papers_2021 = (50 - 17) / 50
# %% q2_cagr
cbec_years = 2022 - 2021 + 1
cagr_cbec = (2.38 / 1.69) ** (1 / cbec_years) - 1
