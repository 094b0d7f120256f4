# Sample: the common mistakes (ratio for growth, calendar years for steps, simple averages, undoing growth by subtraction, unconverted units); each gets a message that teaches
# %% q1_yoy_growth
growth_papers_2021 = 50 / 17
# %% q2_cagr
cbec_years = 4
cagr_cbec = (2.38 / 1.69 - 1) / 3
# %% q3_share
share_papers_2021 = 50 / 20
# %% q4_implied_total
implied_users_2019 = 0.587 * (1 - 0.165)
# %% q5_fact_check
papers_2019_2021 = 3 + 17 + 50
tian_papers_consistent = True
# %% q6_fact_check
value_per_declaration = 1.7 / 2.45
# %% q7_plot
ids = ["cbec_trade_2018_tian", "cbec_trade_2019_tian", "cbec_trade_2020_tian", "customs_cbec_value_2020_liu", "cbec_trade_2023_yang"]
cbec_levels = stats[stats["stat_id"].isin(ids)][["stat_id", "year", "value"]].rename(columns={"value": "trillion_cny"})
ax = sns.lineplot(data=cbec_levels, x="year", y="trillion_cny")
# %% q8_definitions
# They are different years so they are different.
