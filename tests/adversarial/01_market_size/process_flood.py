# Attack: a bounded fork bomb (up to 150 sleeping children), 40 long `sleep` subprocesses and 100 threads, hoping to exhaust the machine's processes or leave some running after grading; the process limit (64 for the whole run) must stop it, nothing may outlive the job, and it scores zero
# %% q1_yoy_growth
import os
import subprocess
import threading
import time

limit = 64
forks, errors = 0, {}
started = time.monotonic()
# bounded on purpose (150 children that only sleep, 3 s at most), so that it stays harmless
# on a machine where the process limit does not hold
while forks < 150 and time.monotonic() - started < 3:
    try:
        pid = os.fork()
    except OSError as exc:
        errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
        if errors[type(exc).__name__] > 200:
            break
        continue
    if pid == 0:
        while True:
            time.sleep(10)
    forks += 1
print(f"forked {forks} children, errors {errors}")
if forks > limit:
    print(f"ESCAPED: forked {forks} processes past the process limit of {limit}")
growth_papers_2021 = -1.0
# %% q2_cagr
import subprocess

sleepers = []
for _ in range(40):
    try:
        sleepers.append(subprocess.Popen(["sleep", "987.654"]))
    except OSError as exc:
        print("Popen:", exc)
        break
threads = []
for _ in range(100):
    try:
        t = threading.Thread(target=time.sleep, args=(600,), daemon=True)
        t.start()
        threads.append(t)
    except RuntimeError as exc:
        print("thread:", exc)
        break
print(f"{len(sleepers)} sleep processes, {len(threads)} threads")
cbec_years = -1
