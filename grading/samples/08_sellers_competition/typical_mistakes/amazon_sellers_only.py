# Sample: counts the Amazon-dependent sellers among the sellers on Amazon only, not among all 240; S033's HHI right
# %% q2_ban
totals = channels.groupby("seller_id")["revenue_usd"].sum()
amazon = channels[channels["platform"] == "amazon"].set_index("seller_id")["revenue_usd"]
amazon_dependent = (amazon / totals[amazon.index] > 0.5).mean()
s033 = channels[channels["seller_id"] == "S033"]["revenue_usd"]
hhi_s033 = ((100 * s033 / s033.sum()) ** 2).sum()
