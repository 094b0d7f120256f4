# Sample: every answer right by other routes than the solution: percentages, rounding, numpy and string types, plain Python instead of pandas, a bar plot, extra columns, a scratch cell
# %% q1_yoy_growth
growth_2019 = round((1862.1 - 1347) / 1347 * 100, 1)  # 38.2 (percent)
# %% +after q1_yoy_growth
print("scratch work:", 1862.1 / 1347)
# %% q2_cagr
bytedance_years = np.int64(4)
cagr_bytedance = np.float64(round(((120 / 36.2) ** 0.25 - 1) * 100, 1))  # 34.9 (percent)
cagr_customs = 0.585
# %% q3_share
cbec_share_2023 = "5.70%"
# %% q4_implied_total
implied_population = 1.09967e9 / 0.78  # in people
# %% q5_fact_check
implied_growth_2020 = 807.6  # percent
tian_growth_consistent = np.bool_(False)
# %% q6_fact_check
implied_cbec_2023 = 16.85
gan_consistent_with_customs = "no"
# %% q7_plot
rows = [
    ("cbec_trade_2023_yang", 2.38, 2023, "yang2025"),
    ("cbec_trade_2018_tian", 1347 / 10_000, 2018, "tian2022"),
    ("customs_cbec_value_2020_liu", 1.7, 2020, "liu2021"),
    ("cbec_trade_2019_tian", 1862.1 / 10_000, 2019, "tian2022"),
    ("cbec_trade_2020_tian", 1.69, 2020, "tian2022"),
]
cbec_levels = pd.DataFrame(rows, columns=["stat_id", "trillion_cny", "year", "source"])
ax = sns.barplot(data=cbec_levels, x="year", y="trillion_cny", hue="source")
ax.set_ylabel("Value (trillion CNY)")
# %% q8_definitions
# Tian's 1.69 trillion and customs' 2.38 trillion count goods declared through customs'
# cross-border e-commerce channels, mostly retail parcels; Gan's 40.35% share implies about 16.9
# trillion, an industry estimate of all cross-border e-commerce transactions including B2B.
# Comparing across definitions invents growth: against Tian's narrower 2019 figure the 2020
# level looks like a ninefold jump rather than +31%. For B2C live-streaming sales I would use the
# customs figure, knowing it also counts imports and sales outside live streams.
