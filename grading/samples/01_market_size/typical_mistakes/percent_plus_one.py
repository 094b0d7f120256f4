# Sample: undoes the 16.5% rise with the percentage itself, 1 + 16.5, instead of the fraction
# %% q4_implied_total
implied_users_2019 = 0.587 / (1 + 16.5)
