"""Linux isolation for a student's process: namespaces, a root built of what jobs need, limits.

The zygote (see `zygote.py`) starts under `unshare --user --map-root-user --mount --net
--pid --fork --mount-proc`. Before any student code exists it calls `build_root`: it builds
a new root file system in an empty tmpfs from read-only binds of the system folders, a few
files of /etc, a /dev of six harmless devices, /proc, and the folders a job needs (the
course package, the datasets, Python), and pivots into it. Everything else (the
instructor's files, every submission, the gradebook, the home folder, other checkouts, and
whatever appears on the machine later) does not exist there: hiding is by construction,
not by a list of paths.

For each submission `enter_job_namespaces` gives the job its own user, mount, PID, network
and IPC namespaces (a process of one job cannot see, signal, trace or talk to another's),
and in the job's first process `confine` mounts a small private /tmp as the working
directory, mounts /proc for the job's PID namespace, sets resource limits, drops every
capability (so the mounts can be neither undone nor changed) and sets no_new_privs. Where
the machine has control groups, the job's processes also sit in a group of their own
(`cgroups.py`) that caps its tasks and memory.
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
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
CLONE_NEWIPC = 0x08000000
MNT_DETACH = 2
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


def _pivot_root(new_root: str, put_old: str) -> None:
    _check(_libc.syscall(ctypes.c_long(155 if os.uname().machine == "x86_64" else 41), new_root.encode(), put_old.encode()), "pivot_root")


def _umount(target: str, flags: int) -> None:
    _check(_libc.umount2(target.encode(), ctypes.c_int(flags)), f"umount {target}")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one submission's run (the README lists them)."""

    cell_seconds: float = 60.0  # wall time of one cell
    notebook_seconds: float = 300.0  # wall time of the whole notebook
    cpu_seconds: int = 240  # CPU time of the process
    memory_bytes: int = 2 * 1024**3  # memory of all the job's processes together (its control group), and address space per process on top of what the zygote maps
    output_bytes: int = 4 * 1024**2  # everything the job sends back, answers included
    cell_output_bytes: int = 20_000  # printed output kept per cell for the feedback
    processes: int = 64  # tasks (processes and threads) of one job, in nested PID namespaces too
    file_bytes: int = 64 * 1024**2  # size of any file written, and of the private /tmp
    open_files: int = 256


def mountpoints() -> list[str]:
    points = []
    with open("/proc/self/mountinfo", encoding="utf-8") as fh:
        for line in fh:
            fields = line.split()
            points.append(fields[4].replace("\\040", " "))
    return points


#: what of /etc a job gets: the dynamic loader's cache, users and groups, the time zone, name
#: service and font settings. Not the rest (ssh keys, shadow, the package manager's state).
ETC_ENTRIES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "passwd", "group", "nsswitch.conf",
               "hosts", "host.conf", "fonts", "mime.types", "os-release", "debian_version", "alternatives")
#: the device nodes a job gets: nothing that reaches hardware, a disk, a terminal or the kernel
DEVICES = ("null", "zero", "full", "random", "urandom", "tty")
#: the top-level system folders bound into a job's root (read-only), or their symlinks
SYSTEM_TOP = ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32")


class _Builder:
    """Binds folders and files into a new root, each at its own path, never writing into a
    folder already bound (which is the machine's own)."""

    def __init__(self, root: Path):
        self.root = root
        self.bound: list[Path] = []

    def covered(self, path: Path) -> bool:
        return any(path == b or path.is_relative_to(b) for b in self.bound)

    def parents(self, path: Path) -> Path:
        """`path` under the new root, with its parent folders made; a symlink among them is
        made as the same symlink (and its target too), so every spelling resolves alike."""
        current = Path("/")
        for part in path.parts[1:-1]:
            current = current / part
            if self.covered(current):
                break
            inside = self.root / current.relative_to("/")
            if current.is_symlink():
                if not os.path.lexists(inside):
                    os.symlink(os.readlink(current), inside)
                target = Path(os.path.realpath(current))
                if not self.covered(target):
                    self.parents(target / "x")
                    os.makedirs(self.root / target.relative_to("/"), 0o755, exist_ok=True)
            elif not os.path.lexists(inside):
                os.mkdir(inside, 0o755)
        return self.root / path.relative_to("/")

    def bind(self, path: Path) -> None:
        path = Path(os.path.abspath(path))
        if not os.path.lexists(path) or self.covered(path):
            return
        inside = self.parents(path)
        if path.is_symlink():
            if not os.path.lexists(inside):
                os.symlink(os.readlink(path), inside)
            target = Path(os.path.realpath(path))
            if target != path and os.path.exists(target):
                self.bind(target)
            return
        if path.is_dir():
            os.makedirs(inside, 0o755, exist_ok=True)
        elif not os.path.lexists(inside):
            open(inside, "w").close()
        mount(str(path), str(inside), None, MS_BIND | MS_REC)
        self.bound.append(path)


def build_root(root: Path, keep: list[Path]) -> list[str]:
    """Replace this process's file system by a new, read-only root built in `root` (an empty
    folder) that holds only: the system folders (/usr and the /bin, /lib symlinks), a few
    files of /etc (`ETC_ENTRIES`), a /dev of `DEVICES`, /proc, empty /tmp folders, and the
    folders in `keep` (the course package, the datasets, Python and its site folders), each
    at its own path. Nothing else exists for a job: no home folder, no other checkout, no
    submission, no gradebook, no folder made after this moment, whatever its name.
    Returns notes on anything that could not be done."""
    notes: list[str] = []
    mount("none", "/", None, MS_REC | MS_PRIVATE)
    mount("none", str(root), "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    builder = _Builder(root)
    for name in SYSTEM_TOP:
        builder.bind(Path("/") / name)
    (root / "etc").mkdir(mode=0o755)
    for name in ETC_ENTRIES:
        try:
            builder.bind(Path("/etc") / name)
        except (OSError, SandboxError) as exc:
            notes.append(f"could not give jobs /etc/{name}: {exc}")
    for path in sorted({Path(os.path.abspath(k)) for k in keep}, key=lambda p: len(p.parts)):
        builder.bind(path)
    dev = root / "dev"
    dev.mkdir(mode=0o755)
    mount("none", str(dev), "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,mode=0755")
    for name in DEVICES:
        if os.path.exists(f"/dev/{name}"):
            open(dev / name, "w").close()
            mount(f"/dev/{name}", str(dev / name), None, MS_BIND)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, dev / name)
    (dev / "shm").mkdir(mode=0o1777)
    (root / "proc").mkdir(mode=0o555)
    mount("/proc", str(root / "proc"), None, MS_BIND | MS_REC)
    for name in ("tmp", "var/tmp"):
        os.makedirs(root / name, 0o1777, exist_ok=True)
        os.chmod(root / name, 0o1777)
    old = root / ".old-root"
    old.mkdir(mode=0o700)
    _pivot_root(str(root), str(old))
    os.chdir("/")
    _umount("/.old-root", MNT_DETACH)
    os.rmdir("/.old-root")
    # every mount read-only, except /proc (each job mounts its own) and the device nodes
    for point in mountpoints():
        if point == "/proc" or point.startswith("/proc/") or (point.startswith("/dev/") and point[5:] in DEVICES):
            continue
        extra = MS_NOSUID | (MS_NOEXEC if point == "/dev" else 0)
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
    """New user, mount, PID, network and IPC namespaces for one job (the next fork is the
    job's PID 1). The job is root of its own user namespace, mapped to the zygote's one user;
    its network namespace has no interface but a loopback that is down, so it reaches no
    other job (not even by an abstract unix socket) and nothing on the machine; its IPC
    namespace keeps System V shared memory and message queues to itself."""
    unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC)
    for name, text in (("setgroups", "deny"), ("uid_map", "0 0 1"), ("gid_map", "0 0 1")):
        with open(f"/proc/self/{name}", "w", encoding="ascii") as fh:
            fh.write(text)
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
