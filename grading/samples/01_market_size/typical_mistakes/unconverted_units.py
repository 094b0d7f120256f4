# Sample: puts every figure in the table as published (亿 left as 亿) and leaves the y axis without its unit
# %% q7_plot
ids = ["cbec_trade_2018_tian", "cbec_trade_2019_tian", "cbec_trade_2020_tian", "customs_cbec_value_2020_liu", "cbec_trade_2023_yang"]
cbec_levels = stats[stats["stat_id"].isin(ids)][["stat_id", "year", "value"]].rename(columns={"value": "trillion_cny"})
ax = sns.lineplot(data=cbec_levels, x="year", y="trillion_cny")
ax.set(ylabel="value")
