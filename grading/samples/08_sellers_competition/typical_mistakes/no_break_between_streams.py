# Sample: staffs each market with its cheapest speaker, so Tom presents the UK and the US streams one hour apart (no two-hour break)
# %% q3_staffing
roster_cost = 3 * (300 + 300 + 350 + 380 + 260)
us_host = "Tom"
