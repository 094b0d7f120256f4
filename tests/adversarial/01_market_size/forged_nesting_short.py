# Attack: writes a frame nested 1500 lists deep (3000 characters, short enough for the zygote to parse it), which makes a recursive JSON parser overflow its stack; must score zero and the grader must go on with the batch
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


send("[" * 1500 + "]" * 1500)
growth_papers_2021 = -1.0
