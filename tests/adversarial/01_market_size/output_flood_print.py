# Attack: prints megabytes forever, through print, sys.__stdout__, the displayhook and os.write(1/2, ...), hoping to fill the grader's memory or disk with output; must be bounded, stopped by the time limit, and score zero
# %% q1_yoy_growth
import os
import sys
import time

growth_papers_2021 = -1.0
chunk = "x" * 1_000_000
started = time.monotonic()
while time.monotonic() - started < 1:
    print(chunk)
    sys.__stdout__.write(chunk)
    sys.__stderr__.write(chunk)
get_ipython().displayhook(chunk)
while time.monotonic() - started < 2:
    os.write(1, chunk.encode())
    os.write(2, chunk.encode())
while True:
    print(chunk)
