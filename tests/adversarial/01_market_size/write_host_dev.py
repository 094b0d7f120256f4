# Attack: writes where the file system is not sealed: the machine's /dev and /dev/shm (files that outlive the batch and fill RAM-backed space), and opens kernel settings under /proc/sys and /sys for writing (without writing); must score zero and none of it may succeed
# %% q1_yoy_growth
import os

token = os.environ.get("ADVERSARIAL_TOKEN", "token")


def report(what, action):
    try:
        action()
    except Exception as exc:  # noqa: BLE001
        print(f"blocked: {what}: {type(exc).__name__}: {exc}"[:300])
    else:
        print(f"ESCAPED: {what}")


def create(path):
    with open(path, "w") as fh:
        fh.write("left behind by an adversarial submission\n")


def open_for_write(path):
    # opening checks the permission; nothing is written, so no setting changes
    if os.path.exists(path) and os.stat(path).st_rdev == os.stat("/dev/null").st_rdev:
        raise PermissionError(f"{path} is /dev/null in here")
    os.close(os.open(path, os.O_WRONLY))


# the job's /dev/shm is a private tmpfs, gone with the job: writing there is allowed, and the
# test checks that nothing appeared in the machine's /dev/shm
try:
    create(f"/dev/shm/adversarial-{token}")
    print("note: wrote to the job's own /dev/shm")
except OSError as exc:
    print(f"blocked: /dev/shm: {exc}")
for folder in ["/dev", "/dev/mqueue", "/run/lock", "/var/tmp", "/run/user/0"]:
    if os.path.realpath(folder) == os.path.realpath(os.getcwd()):  # the job's own private tmpfs (when the course lives under /tmp)
        print(f"note: {folder} is the job's own working folder")
        continue
    report(f"create a file in {folder}", lambda folder=folder: create(os.path.join(folder, f"adversarial-{token}")))
for path in ["/proc/sys/kernel/hostname", "/proc/sys/vm/drop_caches", "/proc/sys/kernel/pid_max", "/sys/kernel/mm/transparent_hugepage/enabled", "/dev/kmsg"]:
    report(f"open {path} for writing", lambda path=path: open_for_write(path))
growth_papers_2021 = 0.0
