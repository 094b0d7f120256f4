# Sample: questions 1 to 3 answered correctly, the rest not attempted (partial credit)
# %% q1_screening
s = screening
tp = ((s["risk_score"] >= 0.5) & s["violated"]).sum()
fp = ((s["risk_score"] >= 0.5) & ~s["violated"]).sum()
fn = ((s["risk_score"] < 0.5) & s["violated"]).sum()
precision_50 = tp / (tp + fp)
recall_50 = tp / (tp + fn)
rows = []
for t in [round(0.10 + 0.05 * i, 2) for i in range(17)]:
    f = s["risk_score"] >= t
    rows.append((150 * (f & ~s["violated"]).sum() + 2500 * (~f & s["violated"]).sum(), t))
best_threshold = min(rows)[1]
# %% q2_ban
wide = channels.pivot_table(index="seller_id", columns="platform", values="revenue_usd", aggfunc="sum", fill_value=0, observed=True)
share = wide.div(wide.sum(axis=1), axis=0)
amazon_dependent = (share["amazon"] > 0.5).mean()
hhi_s033 = ((share.loc["S033"] * 100) ** 2).sum()
# %% q3_staffing
# by hand, in Beijing time on 21 March: SA 00-03, DE 02-05, GB 03-06, US 07-10 (New York on EDT), ID 20-23 the evening before.
# Tom (300) takes GB; he cannot take US (only one hour later), so the cheapest free English speaker for the US is Karim (380),
# who also takes SA (00-03, four hours before the US stream); Max takes DE and Sari ID.
roster = {"US": ("Karim", 380), "GB": ("Tom", 300), "DE": ("Max", 350), "SA": ("Karim", 380), "ID": ("Sari", 260)}
roster_cost = sum(3 * cost for _, cost in roster.values())
us_host = "Karim"
