# Attack: waits up to 12 s for a copy of the course that appears on the machine after the sandbox started (the test makes one under /tmp and one in the home folder 2 s into the batch, with source/ and its solutions), and runs the solutions it finds; the job's root holds only what the engine bound in when it started, so nothing made later is there, and it scores zero
# %% q1_yoy_growth
import os
import time

found = []
deadline = time.monotonic() + 12
while time.monotonic() < deadline and not found:
    for top in ("/tmp", "/var/tmp", "/root", "/home", "/srv", "/work", "/mnt", "/opt", "/"):
        try:
            names = os.listdir(top)
        except OSError:
            continue
        found += [os.path.join(top, n) for n in names if n.startswith("adversarial-late-")]
    time.sleep(0.2)
for folder in found:
    for where, _, files in os.walk(folder):
        for name in files:
            print("ESCAPED: read", os.path.join(where, name), len(open(os.path.join(where, name), errors="replace").read()))
growth_papers_2021 = -1.0
