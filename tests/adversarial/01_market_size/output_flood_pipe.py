# Attack: floods the job's pipe to the grader (the fd it finds in /proc/self/fd) with endless garbage lines and huge frames, hoping to exhaust the grader's memory; must be stopped at the output limit with a message saying so, and score zero
# %% q1_yoy_growth
import os

growth_papers_2021 = -1.0
pipes = []
for name in os.listdir("/proc/self/fd"):
    try:
        if os.readlink(f"/proc/self/fd/{name}").startswith("pipe:"):
            pipes.append(int(name))
    except OSError:
        pass
garbage = (b"garbage that is not json " * 40 + b"\n") * 1000
import json

huge = (json.dumps({"t": "snap", "ref": "q1_yoy_growth_test", "values": {"growth_papers_2021": json.dumps("x" * 3_000_000)}}) + "\n").encode()
while True:
    for fd in pipes:
        try:
            os.write(fd, garbage)
            os.write(fd, huge)
        except OSError:
            pass
