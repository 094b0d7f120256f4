# Sample: undoes a 16.5% rise by taking 16.5% off, and calls the April 2022 total consistent without the early-2022 articles
# %% q4_implied_total
implied_users_2019 = 0.587 * (1 - 0.165)
# %% q5_fact_check
papers_2019_2021 = 3 + 17 + 50
tian_papers_consistent = papers_2019_2021 == 70
