# Sample: subtracts the time difference instead of adding it (Beijing taken as behind London)
# %% q5_prime_time
bj_start_oct24 = "12:00"
bj_end_oct24 = "15:00"
bj_start_oct27 = "11:00"
bj_date_oct27 = "2025-10-27"
