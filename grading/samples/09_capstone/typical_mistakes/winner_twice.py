# Sample: names the seller's current winner as the market that takes first place when the privacy weight rises
# %% q4_ranking
ranking = ["MY", "US", "GB", "SA", "TH", "ID"]
top_market = "Malaysia"
# %% q5_switch
privacy_switch_weight = 0.5
privacy_new_top = "MY"
