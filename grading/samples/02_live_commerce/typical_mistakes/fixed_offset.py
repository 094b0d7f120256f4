# Sample: adds a fixed 7 hours (the summer difference) on both days; the visible tests cannot tell which day is wrong without telling the answer, the hidden test names it
# %% q5_prime_time
bj_start_oct24, bj_end_oct24 = "02:00", "05:00"
bj_start_oct27, bj_date_oct27 = "02:00", "2025-10-28"
