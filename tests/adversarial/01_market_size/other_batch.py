# Attack: looks for another grading run on the machine (its jobs folder, course-jobs-*, and its processes under /proc) and reads the answers of the students it grades; a job's root holds no jobs folder and its PID namespace no other process, and it scores zero
# %% q1_yoy_growth
import os

for top in ("/tmp", "/var/tmp", "/dev/shm", "/run"):
    try:
        for name in os.listdir(top):
            if name.startswith(("course-jobs-", "course-root-")):
                print("ESCAPED: sees", os.path.join(top, name))
                for where, _, files in os.walk(os.path.join(top, name)):
                    for f in files:
                        print("ESCAPED: read", f, open(os.path.join(where, f), errors="replace").read()[:100])
    except OSError:
        pass
others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) > 1]
for pid in others:
    try:
        cmdline = open(f"/proc/{pid}/cmdline", "rb").read()
    except OSError:
        continue
    if b"zygote" in cmdline or b"pytest" in cmdline or b"grading" in cmdline:
        print("ESCAPED: sees process", pid, cmdline[:80])
growth_papers_2021 = -1.0
