"""A control group per job slot: tasks (processes and threads) and memory of the whole job.

Where the machine lets the grader make control groups (Linux, as root, cgroup v1 or v2), a
grading run gets a folder of its own in the `pids` and `memory` hierarchies:

    course-engine-<pid>-<n>/engine     the zygote, its forker and the job supervisors
    course-engine-<pid>-<n>/job-<i>    one per job slot: pids.max = Limits.processes
                                       (threads count, as does a process in a nested PID
                                       namespace), memory limit = Limits.memory_bytes for
                                       all of the job's processes together

The grader opens each slot's `cgroup.procs` before the sandbox starts and passes the open
files to the zygote; a job's first process writes "0" to its slot's files (the kernel moves
the writer) before any student code runs and closes them. The engine's own processes are
therefore never in a job's group: a job that exhausts its tasks or memory cannot make the
zygote, the forker or another job's supervisor fail. Where no group can be made, `Slots`
is empty and the zygote counts tasks and memory itself (see zygote._police), which it
says at start.
"""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path

_ROOTS = {"pids": (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")), "memory": (Path("/sys/fs/cgroup/memory"), Path("/sys/fs/cgroup"))}
_counter = itertools.count()


def _own_group(controller: str) -> Path | None:
    """Where this process sits in `controller`'s hierarchy (v1), or the unified one (v2)."""
    for base in _ROOTS[controller]:
        if not (base / "cgroup.procs").is_file():
            continue
        v2 = (base / "cgroup.controllers").is_file()
        if v2 and controller not in (base / "cgroup.controllers").read_text().split():
            return None
        try:
            lines = Path("/proc/self/cgroup").read_text().splitlines()
        except OSError:
            return None
        for line in lines:
            _, names, path = line.split(":", 2)
            if (v2 and names == "") or (not v2 and controller in names.split(",")):
                where = base / path.lstrip("/")
                return where if where.is_dir() else base
    return None


@dataclass
class Slots:
    """The run's control groups, and the open files a job joins them by."""

    folders: list[Path] = field(default_factory=list)  # every folder made, deepest last
    engine_procs: list[str] = field(default_factory=list)  # the engine group's cgroup.procs files
    slots: list[dict] = field(default_factory=list)  # per slot: {"procs": [fd, ...], "count": fd or None}
    notes: list[str] = field(default_factory=list)
    memory: bool = False  # whether each slot has a memory limit
    closed: bool = False

    @property
    def fds(self) -> list[int]:
        return [fd for slot in self.slots for fd in [*slot["procs"], *([slot["count"]] if slot["count"] is not None else [])]]

    def close_fds(self) -> None:
        """Close this process's copies of the slots' files (once: the numbers may be reused after)."""
        if self.closed:
            return
        self.closed = True
        for fd in self.fds:
            try:
                os.close(fd)
            except OSError:
                pass

    def remove(self) -> None:
        self.close_fds()
        for folder in reversed(self.folders):
            try:
                folder.rmdir()
            except OSError:
                pass


def make_slots(count: int, processes: int, memory_bytes: int, engine_processes: int) -> Slots:
    """`count` job slots with their limits, where the machine allows it (else an empty `Slots`
    whose `notes` say why)."""
    made = Slots()
    name = f"course-engine-{os.getpid()}-{next(_counter)}"
    groups: dict[str, Path] = {}
    for controller in ("pids", "memory"):
        parent = _own_group(controller)
        if controller == "memory" and "pids" in groups and parent == groups["pids"].parent and (parent / "cgroup.controllers").is_file():
            groups["memory"] = groups["pids"]  # v2: one unified group holds both controllers
            continue
        if parent is None or not os.access(parent, os.W_OK):
            made.notes.append(f"no {controller} control group can be made here")
            continue
        run = parent / name
        try:
            run.mkdir()
        except OSError as exc:
            made.notes.append(f"no {controller} control group can be made here ({exc.strerror})")
            continue
        made.folders.append(run)
        groups[controller] = run
    if "pids" not in groups:  # without a task cap per job, the zygote's count is the limit
        made.remove()
        return Slots(notes=made.notes)
    try:
        v2 = (groups["pids"] / "cgroup.controllers").is_file()
        if v2:  # v2: controllers are enabled for children from the parent
            (groups["pids"] / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in sorted(set(groups))))
        for controller, run in groups.items():
            engine = run / "engine"
            engine.mkdir()
            made.folders.append(engine)
            if controller == "pids":
                (engine / "pids.max").write_text(str(engine_processes))
            made.engine_procs.append(str(engine / "cgroup.procs"))
            if v2:
                break  # one unified group holds both controllers
        for i in range(count):
            procs, counter = [], None
            for controller, run in groups.items():
                job = run / f"job-{i}"
                job.mkdir()
                made.folders.append(job)
                if controller == "pids" or v2:
                    (job / "pids.max").write_text(str(processes))
                    counter = os.open(job / "pids.current", os.O_RDONLY)
                if controller == "memory" or (v2 and "memory" in groups):
                    limit = job / ("memory.max" if v2 else "memory.limit_in_bytes")
                    limit.write_text(str(memory_bytes))
                    swap = job / ("memory.swap.max" if v2 else "memory.memsw.limit_in_bytes")
                    if swap.exists():
                        try:
                            swap.write_text(str(0 if v2 else memory_bytes))
                        except OSError:
                            pass
                procs.append(os.open(job / "cgroup.procs", os.O_WRONLY))
                if v2:
                    break
            made.slots.append({"procs": procs, "count": counter})
        made.memory = "memory" in groups
    except OSError as exc:
        made.remove()
        return Slots(notes=[*made.notes, f"the job control groups could not be set up ({exc})"])
    return made


def join(fds: list[int]) -> None:
    """Move the calling process into the groups whose cgroup.procs files `fds` are."""
    for fd in fds:
        os.write(fd, b"0")


def tasks_in(fd: int | None) -> int | None:
    """How many tasks a slot's group holds now (its pids.current), or None if unknown."""
    if fd is None:
        return None
    try:
        return int(os.pread(fd, 64, 0).split()[0])
    except (OSError, ValueError, IndexError):
        return None
