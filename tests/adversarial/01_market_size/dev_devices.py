# Attack: opens the machine's devices from /dev (kvm, loop devices, the disks, memory, the kernel log, the console) and lists what /dev holds; a job's /dev has only null, zero, full, random, urandom and tty, and it scores zero
# %% q1_yoy_growth
import os

allowed = {"null", "zero", "full", "random", "urandom", "tty", "fd", "stdin", "stdout", "stderr", "shm"}
extra = sorted(set(os.listdir("/dev")) - allowed)
if extra:
    print("ESCAPED: /dev holds", extra[:20])
for name in ("kvm", "loop-control", "loop0", "mem", "kmem", "port", "vda", "sda", "nvme0n1", "kmsg", "console", "tty0", "fuse", "net/tun"):
    try:
        fd = os.open(f"/dev/{name}", os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        print(f"blocked: /dev/{name}: {exc.strerror}")
    else:
        os.close(fd)
        print(f"ESCAPED: opened /dev/{name}")
growth_papers_2021 = -1.0
