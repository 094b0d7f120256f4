# Sample: averages the sellers' own channel HHIs instead of taking the HHI of the platforms' shares of all revenue; the rest right
# %% q5_competition
wide = channels.pivot_table(index="seller_id", columns="platform", values="revenue_usd", aggfunc="sum", fill_value=0, observed=True)
own = 100 * wide.div(wide.sum(axis=1), axis=0)
hhi_platforms = (own ** 2).sum(axis=1).mean()
take_rate_month = (2880 + 960 + 2400) / 48000
brand_value_usd = 5000 * 9 * sum(0.30 ** k - 0.18 ** k for k in range(4))
