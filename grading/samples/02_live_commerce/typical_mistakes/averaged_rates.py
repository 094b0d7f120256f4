# Sample: averages each session's own funnel rates instead of pooling the counts over the sessions
# %% q1_funnel
my = sessions[(sessions["market"] == "MY") & (sessions["host_type"] == "brand")]
ctr_brand_my = (my["product_clicks"] / my["viewers"]).mean()
click_conv_brand_my = (my["orders"] / my["product_clicks"]).mean()
conv_brand_my = (my["orders"] / my["viewers"]).mean()
