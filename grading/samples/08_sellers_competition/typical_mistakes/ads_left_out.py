# Sample: leaves the ads bought on the platform out of its take rate, and counts three purchase occasions instead of four
# %% q5_competition
by_platform = channels.groupby("platform", observed=True)["revenue_usd"].sum()
hhi_platforms = ((100 * by_platform / by_platform.sum()) ** 2).sum()
take_rate_month = (2880 + 960) / 48000
brand_value_usd = 5000 * 9 * sum(0.30 ** k - 0.18 ** k for k in range(3))
