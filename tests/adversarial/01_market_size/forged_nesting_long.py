# Attack: writes a frame nested 5000 lists deep (10000 characters: passed on unparsed by the zygote, parsed by the judge), which makes a recursive JSON parser overflow its stack; must score zero and the grader must go on with the batch
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


send("[" * 5000 + "]" * 5000)
growth_papers_2021 = -1.0
