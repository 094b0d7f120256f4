# Attack: a cell that never ends and keeps forging "a new cell starts" frames on the job's pipe to reset the per-cell clock of the watchdog; must still be stopped (by the notebook's time limit) and score zero
# %% q1_yoy_growth
import os
import time

growth_papers_2021 = -1.0
pipes = []
for name in os.listdir("/proc/self/fd"):
    try:
        if os.readlink(f"/proc/self/fd/{name}").startswith("pipe:"):
            pipes.append(int(name))
    except OSError:
        pass
while True:
    for fd in pipes:
        try:
            os.write(fd, b'{"t": "cell", "i": 3, "ref": "q1_yoy_growth", "kind": "answer"}\n')
        except OSError:
            pass
    time.sleep(0.5)
