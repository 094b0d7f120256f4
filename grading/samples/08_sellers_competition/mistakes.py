# Sample: the common mistakes (precision as the base rate, recall over all sellers, costs swapped, Amazon's share of all revenue, the HHI in fractions, a host presenting two streams without a break, a rate of 4 instead of 0.04, an interpreter without errors, the HHI weighted by sellers, the creators' commission in the take rate, the whole margin instead of the brand's extra, unweighted credibility); each gets a message that teaches
# %% q1_screening
precision_50 = screening["violated"].mean()
recall_50 = (screening["risk_score"] >= 0.5).mean()
grid = np.round(np.arange(0.10, 0.901, 0.05), 2)
cost = {t: 2500 * ((screening["risk_score"] >= t) & ~screening["violated"]).sum() + 150 * ((screening["risk_score"] < t) & screening["violated"]).sum() for t in grid}
best_threshold = min(cost, key=cost.get)
# %% q2_ban
amazon_dependent = channels.loc[channels["platform"] == "amazon", "revenue_usd"].sum() / channels["revenue_usd"].sum()
s = channels[channels["seller_id"] == "S033"]
hhi_s033 = ((s["revenue_usd"] / s["revenue_usd"].sum()) ** 2).sum()
# %% q3_staffing
roster_cost = 3 * (300 + 300 + 350 + 380 + 260)
us_host = "Tom"
# %% q4_translation
mt_error_cost = 1500 * 4 * 18
break_even_orders = 900 / (0.04 * 18)
# %% q5_competition
n = channels.groupby("platform", observed=True)["seller_id"].nunique()
hhi_platforms = ((100 * n / n.sum()) ** 2).sum()
take_rate_month = (2880 + 960 + 2400 + 3360) / 48000
brand_value_usd = 5000 * 9 * (1 + 0.3 + 0.3 ** 2 + 0.3 ** 3)
# %% q6_credibility
credibility = {"liu": 0, "yang_luo": 4 / 5, "tian": 1 / 5}
# %% q7_memo
# Use the threshold with the best precision, and trust the papers because they are published.
