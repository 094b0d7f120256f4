# Sample: the common mistakes (average of session ratios, privacy as 'higher is better', criteria not turned, the lecture's weights, the raw weight before renormalising, only increases tested); each gets a message that teaches
# %% q1_funnel
gmv_per_1000 = (1000 * sessions["gmv_usd"] / sessions["viewers"]).groupby(sessions["market"]).mean()
# %% q2_normalise
lower_is_better = {"cultural_distance", "landed_cost_usd", "lead_days"}
normalised = (criteria - criteria.min()) / (criteria.max() - criteria.min())
# %% q3_scores
good = me.normalise(criteria)
scores = me.weighted_scores(good, me.DEFAULT_WEIGHTS)
# %% q4_ranking
ranking = me.ranking(good, me.DEFAULT_WEIGHTS)
top_market = ranking[-1]
# %% q5_switch
exact = me.switch_weight(good, seller_weights, "privacy_strictness").weight
privacy_switch_weight = 0.8 * exact / (1 - exact)
privacy_new_top = "MY"
# %% q6_robust
robust = True
fragile_criteria = {"gmv_per_1000_viewers"}
# %% q7_memo
# Malaysia is best because it has the highest score.
