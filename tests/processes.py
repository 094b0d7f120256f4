"""Servers the tests start (JupyterLab, JupyterHub): free ports on loopback, and stopping a
server with everything it started, even after a failure.

A server's helpers (the hub's proxy and service, users' servers, kernels) run in sessions of
their own, out of reach of the server's process group. So `stop_tree` finds them by a
marker, the test's temporary folder, in their environment or command line.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path


def free_ports(n: int) -> list[int]:
    """`n` distinct free TCP ports on 127.0.0.1 (all held open until all are found)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def processes_mentioning(marker: str) -> list[int]:
    """Processes (not this one) whose environment or command line contains `marker`."""
    found = []
    needle = marker.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes() or needle in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def kill(pids, sig) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


def stop_tree(proc: subprocess.Popen | None, marker: str, *, grace: float = 10) -> None:
    """SIGTERM to `proc` (a server shuts down what it started), SIGKILL to its process
    group after `grace` seconds; then SIGTERM, and SIGKILL after 3 s, to whatever still
    names `marker`."""
    if proc is not None and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    if proc is not None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    leftovers = processes_mentioning(marker)
    kill(leftovers, signal.SIGTERM)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and any(alive(p) for p in leftovers):
        time.sleep(0.2)
    kill([p for p in leftovers + processes_mentioning(marker) if alive(p)], signal.SIGKILL)
    if proc is not None:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
