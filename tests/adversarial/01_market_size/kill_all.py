# Attack: kills every process it can reach (os.kill(-1, SIGKILL) from a child and from its own PID 1, SIGKILL/SIGSTOP to PID 1 and to every PID it can see); must score zero and not disturb the other submissions graded at the same time
# %% q1_yoy_growth
import os
import signal
import time

growth_papers_2021 = -1.0
child = os.fork()
if child == 0:
    try:
        os.kill(-1, signal.SIGKILL)
    finally:
        os._exit(0)
os.waitpid(child, 0)
# %% q2_cagr
import os
import signal

for pid in range(2, 33000):
    for sig in (signal.SIGSTOP, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except OSError:
            pass
for target in (-1, 1, os.getpid()):  # everything, then itself: the init of its PID namespace
    try:
        os.kill(target, signal.SIGKILL)
    except OSError as exc:
        print("kill", target, exc)
cbec_years = 0
# %% q3_share
share_papers_2021 = -1.0
os.kill(os.getpid(), signal.SIGKILL)
