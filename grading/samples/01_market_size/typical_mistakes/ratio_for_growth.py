# Sample: reads growth as the ratio of the two years, and divides the 2021 articles by the other years' articles for the share
# %% q1_yoy_growth
growth_papers_2021 = 50 / 17
# %% q3_share
share_papers_2021 = 50 / (3 + 17)
