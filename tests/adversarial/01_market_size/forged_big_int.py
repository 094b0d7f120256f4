# Attack: forges a snapshot whose value is a bare JSON integer of 10**6 digits (past Python's int-from-text limit, so the JSON parser raises a plain ValueError rather than a decoding error); must score zero and the batch must go on
# %% q1_yoy_growth
import json
import os

pipes = []
for name in os.listdir("/proc/self/fd"):
    try:
        if os.readlink(f"/proc/self/fd/{name}").startswith("pipe:"):
            pipes.append(int(name))
    except OSError:
        pass


def send(line):
    for fd in pipes:
        try:
            os.write(fd, line.encode() + b"\n")
        except OSError:
            pass


send(json.dumps({"t": "snap", "ref": "q1_yoy_growth_test", "values": {"growth_papers_2021": "9" * 10**6}, "missing": []}))
growth_papers_2021 = -1.0
