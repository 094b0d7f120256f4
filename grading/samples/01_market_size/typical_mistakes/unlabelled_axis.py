# Sample: converts the units right but labels the y axis with what is measured, not with its unit
# %% q7_plot
from course.units import convert
ids = ["cbec_trade_2018_tian", "cbec_trade_2019_tian", "cbec_trade_2020_tian", "customs_cbec_value_2020_liu", "cbec_trade_2023_yang"]
cbec_levels = stats[stats["stat_id"].isin(ids)][["stat_id", "year", "value", "unit"]].copy()
cbec_levels["trillion_cny"] = [convert(v, u, "CNY trillion") for v, u in zip(cbec_levels["value"], cbec_levels["unit"])]
ax = sns.scatterplot(data=cbec_levels, x="year", y="trillion_cny")
ax.set_ylabel("cross-border e-commerce")
