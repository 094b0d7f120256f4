# Attack: connects to a unix socket a local service (the test) listens on in a folder the sandbox leaves visible (/dev/shm), and to any socket under /run, /var/run and /dev/shm, the way a job could reach a database or another daemon without a network; must fail and it scores zero
# %% q1_yoy_growth
import os
import socket
import stat

path = os.environ.get("ADVERSARIAL_UNIX_SOCKET", "")


def report(what, action):
    try:
        action()
    except Exception as exc:  # noqa: BLE001
        print(f"blocked: {what}: {type(exc).__name__}: {exc}"[:300])
    else:
        print(f"ESCAPED: {what}")


def connect(target):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        s.connect(target)
        s.sendall(b"stolen answers\n")


targets = [path] if path else []
for top in ["/run", "/var/run", "/dev/shm"]:
    for dirpath, _, filenames in os.walk(top):
        for name in filenames:
            full = os.path.join(dirpath, name)
            try:
                if stat.S_ISSOCK(os.lstat(full).st_mode) and full not in targets:
                    targets.append(full)
            except OSError:
                pass
for target in targets[:20]:
    report(f"connect to the unix socket {target}", lambda target=target: connect(target))
growth_papers_2021 = -1.0
