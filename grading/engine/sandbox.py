"""Linux isolation for a student's process: namespaces, read-only and hidden paths, limits.

The zygote (see `zygote.py`) starts under `unshare --user --map-root-user --mount --net
--pid --fork --mount-proc`, so it and everything it forks have no network (a network
namespace with no interface) and their own view of the file system. Before any student
code exists it calls `seal_filesystem`: every mount becomes read-only, and the instructor's
files (source/, the samples, tests/, .git, the grading workspace with the gradebook and
every submission) are covered by empty tmpfs mounts, so they are not there to read.

For each submission `enter_job_namespaces` gives the job its own PID and mount namespaces
(a process of one job cannot see, signal or trace another's), and in the job's first
process `confine` mounts a small private /tmp as the working directory, mounts /proc for
the job's PID namespace, sets resource limits, drops every capability (so the mounts can
be neither undone nor changed) and sets no_new_privs.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from dataclasses import dataclass
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no sandbox there; `Limits` is still read (engine/unsandboxed.py)
    resource = None

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_NO_NEW_PRIVS, PR_CAPBSET_DROP, PR_SET_DUMPABLE = 38, 24, 4

try:
    _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
except OSError:  # Windows: no C library by that name, and no sandbox to build with it
    _libc = None


class SandboxError(OSError):
    pass


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise SandboxError(err, f"{what}: {os.strerror(err)}")


def mount(source: str, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _check(
        _libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None, ctypes.c_ulong(flags), data.encode() if data else None),
        f"mount {fstype or 'bind'} on {target}",
    )


def unshare(flags: int) -> None:
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one submission's run (the README lists them)."""

    cell_seconds: float = 60.0  # wall time of one cell
    notebook_seconds: float = 300.0  # wall time of the whole notebook
    cpu_seconds: int = 240  # CPU time of the process
    memory_bytes: int = 2 * 1024**3  # address space on top of what the zygote already maps
    output_bytes: int = 4 * 1024**2  # everything the job sends back, answers included
    cell_output_bytes: int = 20_000  # printed output kept per cell for the feedback
    processes: int = 64  # processes and threads of all jobs of one grading run
    file_bytes: int = 64 * 1024**2  # size of any file written, and of the private /tmp
    open_files: int = 256


def mountpoints() -> list[str]:
    points = []
    with open("/proc/self/mountinfo", encoding="utf-8") as fh:
        for line in fh:
            fields = line.split()
            points.append(fields[4].replace("\\040", " "))
    return points


def seal_filesystem(hide: list[Path]) -> list[str]:
    """Hide `hide` under empty tmpfs mounts and make every mount read-only; returns notes
    on anything that could not be done (a test asserts there are none on this machine)."""
    notes = []
    mount("none", "/", None, MS_REC | MS_PRIVATE)
    for path in sorted({p.resolve() for p in hide}, key=lambda p: len(p.parts)):
        if not path.exists():
            continue
        try:
            if path.is_dir():
                mount("none", str(path), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=000")
            else:
                mount("/dev/null", str(path), None, MS_BIND)
        except SandboxError as exc:
            notes.append(f"could not hide {path}: {exc}")
    for point in mountpoints():
        if point.startswith("/proc"):
            continue  # each job mounts its own /proc (see confine)
        if not os.path.lexists(point):
            continue  # under a folder hidden above: out of reach already
        # device nodes must keep working under /dev (/dev/null, /dev/urandom); nowhere else
        extra = MS_NOSUID | (0 if point == "/dev" or point.startswith("/dev/") else MS_NODEV)
        try:
            mount("none", point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | extra | _flags_of(point))
        except SandboxError:
            try:  # keep exactly the flags a locked mount already has
                mount("none", point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _flags_of(point))
            except SandboxError as exc:
                notes.append(f"could not make {point} read-only: {exc}")
    return notes


def _flags_of(point: str) -> int:
    st = os.statvfs(point)
    flags = 0
    for bit, name in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC)):
        if st.f_flag & bit:
            flags |= name
    return flags


def enter_job_namespaces() -> None:
    """A new PID and mount namespace for one job (the next fork is the job's PID 1)."""
    unshare(CLONE_NEWNS | CLONE_NEWPID)
    mount("none", "/", None, MS_REC | MS_PRIVATE)


def _vm_size() -> int:
    with open("/proc/self/status", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def private_workdir(keep: list[Path]) -> str:
    """A directory to mount the job's private tmpfs on: /tmp unless the course or Python
    lives under it (a clone in /tmp), then the first other candidate that holds neither."""
    for candidate in ("/tmp", "/var/tmp", "/mnt", "/srv", "/media", "/opt"):
        path = Path(candidate)
        if path.is_dir() and not any(k.resolve() == path or path in k.resolve().parents for k in keep):
            return candidate
    raise SandboxError(0, "no directory for the job's private /tmp (the course lives under every candidate)")


def confine(limits: Limits, workdir: str = "/tmp") -> None:
    """Run in the job's first process before any student code: private /tmp, /proc of the
    job, resource limits, no capabilities, no new privileges."""
    mount("none", workdir, "tmpfs", MS_NOSUID | MS_NODEV, f"size={limits.file_bytes},mode=1777")
    if os.path.isdir("/dev/shm"):  # shared memory of this job alone, not the machine's
        mount("none", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, f"size={limits.file_bytes // 4},mode=1777")
    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for part in ("/proc/sys", "/proc/irq", "/proc/bus", "/proc/fs"):
        if os.path.isdir(part):  # the kernel's settings: readable, never writable
            mount(part, part, None, MS_BIND | MS_REC)
            mount("none", part, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for part in ("/proc/sysrq-trigger", "/proc/kcore", "/proc/kmsg"):
        if os.path.exists(part):
            mount("/dev/null", part, None, MS_BIND)
    os.chdir(workdir)
    address_space = _vm_size() + limits.memory_bytes
    for which, value in (
        (resource.RLIMIT_AS, address_space),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_NPROC, limits.processes),
        (resource.RLIMIT_FSIZE, limits.file_bytes),
        (resource.RLIMIT_NOFILE, limits.open_files),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(which, (value, value))
    drop_capabilities()


def drop_capabilities() -> None:
    for cap in range(64):
        _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the last capability: fine

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (Data * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def capabilities() -> str:
    """The effective capability mask of this process (for tests)."""
    with open("/proc/self/status", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("CapEff:"):
                return line.split()[1]
    return "?"
