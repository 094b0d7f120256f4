# Attack: forks three children that each take 700 MB (touched, so really resident), more than the job's 1 GiB limit together but under it one by one, as a per-process address-space limit would allow; the job's memory control group holds all its processes together, and it scores zero
# %% q1_yoy_growth
import os
import time

r, w = os.pipe()
children = []
for _ in range(3):
    pid = os.fork()
    if pid == 0:
        try:
            block = bytearray(700 * 1024**2)
            for i in range(0, len(block), 4096):
                block[i] = 1
            os.write(w, b"k")
            time.sleep(3)
        finally:
            os._exit(0)
    children.append(pid)
os.close(w)
held = 0
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    data = os.read(r, 10)
    if not data:
        break
    held += len(data)
for pid in children:
    os.waitpid(pid, 0)
print(f"{held} children held 700 MB each")
if held == 3:
    print("ESCAPED: three children held 2.1 GB together, past the job's memory limit")
growth_papers_2021 = -1.0
