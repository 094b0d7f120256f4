# Sample: questions 1 to 4 answered correctly, the rest not attempted (partial credit)
# %% q1_yoy_growth
growth_papers_2021 = stat_value(stats, "cnki_papers_2021_tian") / stat_value(stats, "cnki_papers_2020_tian") - 1
# %% q2_cagr
cbec_years = 3
cagr_cbec = (2.38 / 1.69) ** (1 / 3) - 1
# %% q3_share
share_papers_2021 = 50 / 70 * 100
# %% q4_implied_total
implied_users_2019 = 0.587 / (1 + 16.5 / 100)
