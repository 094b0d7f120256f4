# Sample: counts the creators' affiliate commission in the platform's take rate, and the whole margin with the brand as the brand's value
# %% q5_competition
by_platform = channels.groupby("platform", observed=True)["revenue_usd"].sum()
hhi_platforms = ((100 * by_platform / by_platform.sum()) ** 2).sum()
take_rate_month = (2880 + 960 + 2400 + 3360) / 48000
brand_value_usd = 5000 * 9 * (1 + 0.3 + 0.3 ** 2 + 0.3 ** 3)
