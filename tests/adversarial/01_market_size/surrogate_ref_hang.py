# Attack: forges a "cell" frame whose reference is a lone surrogate ("\ud800"), then hangs, so that the zygote's time-out reason quotes text that strict UTF-8 cannot encode; the zygote must report the time-out and go on, and it scores zero
# %% q1_yoy_growth
import json
import os

for name in os.listdir("/proc/self/fd"):
    try:
        if os.readlink(f"/proc/self/fd/{name}").startswith("pipe:"):
            os.write(int(name), json.dumps({"t": "cell", "i": 10**6, "ref": "\ud800\udbff"}).encode() + b"\n")
    except OSError:
        pass
growth_papers_2021 = "\ud800"
while True:
    pass
