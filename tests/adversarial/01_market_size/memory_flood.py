# Attack: allocates memory until nothing is left (100 MB at a time, then 1 MB pieces, keeping all of it), hoping to take the grader or the machine down; must hit the job's memory limit, score zero, and the batch goes on
# %% q1_yoy_growth
growth_papers_2021 = -1.0
hoard = []
while True:
    hoard.append(bytearray(100 * 1024 * 1024))
# %% q2_cagr
while True:
    hoard.append(bytearray(1024 * 1024))
