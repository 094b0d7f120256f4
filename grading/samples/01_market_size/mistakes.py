# Sample: the common mistakes (ratio for growth, five periods, simple averages, multiplying by a share, unconverted units); each gets a message that teaches
# %% q1_yoy_growth
growth_2019 = 1862.1 / 1347
# %% q2_cagr
bytedance_years = 5
cagr_bytedance = (120 / 36.2) ** (1 / 5) - 1
cagr_customs = 9 / 5
# %% q3_share
cbec_share_2023 = 0.4035
# %% q4_implied_total
implied_population = 1.09967 * 0.78
# %% q5_fact_check
implied_growth_2020 = 1.69 / 1862.1 - 1
tian_growth_consistent = True
# %% q6_fact_check
implied_cbec_2023 = 41.76 * 40.35
gan_consistent_with_customs = False
# %% q7_plot
ids = ["cbec_trade_2018_tian", "cbec_trade_2019_tian", "cbec_trade_2020_tian", "customs_cbec_value_2020_liu", "cbec_trade_2023_yang"]
cbec_levels = stats[stats["stat_id"].isin(ids)][["stat_id", "year", "value"]].rename(columns={"value": "trillion_cny"})
ax = sns.lineplot(data=cbec_levels, x="year", y="trillion_cny")
# %% q8_definitions
# They are different years so they are different.
