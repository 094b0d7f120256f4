# Sample: pools every Malaysian session, forgetting the brand-account filter
# %% q1_funnel
_m = sessions[sessions["market"] == "MY"]
ctr_brand_my = _m["product_clicks"].sum() / _m["viewers"].sum()
click_conv_brand_my = _m["orders"].sum() / _m["product_clicks"].sum()
conv_brand_my = _m["orders"].sum() / _m["viewers"].sum()
