# Attack: forges the supervisor's "exit" frame with a signal that is a list (unhashable), then exits, so the grader's description of the incident looks the signal up in a dict; must score zero and the batch must go on
# %% q1_yoy_growth
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


send('{"t": "exit", "signal": [9]}')
growth_papers_2021 = -1.0
os._exit(0)
