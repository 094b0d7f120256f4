# Sample: answers Amazon's share of all the sellers' revenue instead of the share of sellers who depend on Amazon, and the HHI in fractions
# %% q2_ban
amazon_dependent = channels.loc[channels["platform"] == "amazon", "revenue_usd"].sum() / channels["revenue_usd"].sum()
s033 = channels[channels["seller_id"] == "S033"]
hhi_s033 = ((s033["revenue_usd"] / s033["revenue_usd"].sum()) ** 2).sum()
