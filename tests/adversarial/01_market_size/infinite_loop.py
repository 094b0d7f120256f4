# Attack: an answer cell that never ends (while True: pass), hoping the grader waits forever or gives up on the whole batch; must be stopped by the per-cell time limit, score zero, and the message must say it ran longer than the limit
# %% q1_yoy_growth
growth_papers_2021 = -1.0
# %% q3_share
while True:
    pass
