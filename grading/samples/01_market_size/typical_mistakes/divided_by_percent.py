# Sample: divides the new level by the growth in percent, 16.5
# %% q4_implied_total
implied_users_2019 = 0.587 / 16.5
