# Sample: questions 1 to 4 answered correctly, the rest not attempted (partial credit)
# %% q1_yoy_growth
growth_2019 = stat_value(stats, "cbec_trade_2019_tian") / stat_value(stats, "cbec_trade_2018_tian") - 1
# %% q2_cagr
bytedance_years = 4
cagr_bytedance = (120 / 36.2) ** (1 / 4) - 1
cagr_customs = 10 ** 0.2 - 1
# %% q3_share
cbec_share_2023 = 2.38 / 41.76 * 100
# %% q4_implied_total
implied_population = 1.09967 / 0.78
