"""The grader's handle on the zygote: start it sandboxed, send jobs, collect what they sent.

    with Pool(workers=2) as pool:
        pool.submit("alice", steps)
        job_id, frames, end = pool.next_finished()

The pool starts `python -m grading.engine.zygote` under `unshare` (user, mount, network and
PID namespaces), tells it which folders jobs need (everything else is absent from their
root), makes a control group per job slot where the machine allows it, and reads the
zygote's events on a thread. What a job sent is handed over as raw text lines: only `judge.judge` reads them,
through `plain_data.decode`.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

from grading.engine import cgroups
from grading.engine.sandbox import Limits
from grading.paths import ROOT

UNSHARE = ["unshare", "--user", "--map-root-user", "--mount", "--net", "--pid", "--fork", "--mount-proc", "--kill-child"]


class PoolError(RuntimeError):
    """The sandbox could not be started (the message says why and what to do)."""


#: top-level folders of the machine a student's process sees (read-only; /etc and /dev only
#: in part: `sandbox.ETC_ENTRIES`, `sandbox.DEVICES`). Nothing else of the machine's file
#: system is there: the job's root is built from these and `kept_paths` (sandbox.build_root).
SYSTEM_DIRS = frozenset({"bin", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "usr"})


def kept_paths() -> list[Path]:
    """What a student's process needs besides the system folders: the course package, the
    datasets, Python and its site folders (also those a .pth file or PYTHONPATH adds)."""
    keep = [ROOT / "course", ROOT / "datasets", Path(sys.prefix), Path(sys.base_prefix)]
    keep += [Path(p) for p in sys.path if p and ("site-packages" in p or "dist-packages" in p) and Path(p).is_dir()]
    out: list[Path] = []
    for path in keep:
        if path.exists() and path not in out:
            out.append(path)
    return out


#: what of the grader's environment reaches the zygote and the students' jobs: PATH, the
#: user's name and home (hidden from jobs, which get their own), the locale, the time zone
#: and where the datasets are. Nothing else: the gradebook's URL (with its password), a cloud
#: token or a CI secret in the grader's environment is not a student's.
ENVIRONMENT_KEPT = ("PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "TERM", "LANG", "LANGUAGE", "TZ", "COURSE_DATASETS")


def zygote_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in ENVIRONMENT_KEPT or k.startswith("LC_")}


def _contains(outer: Path, inner: Path) -> bool:
    outer, inner = outer.resolve(), inner.resolve()
    return outer == inner or outer in inner.parents


def sandbox_available() -> str | None:
    """None if user namespaces work here, else the reason they do not."""
    if not shutil.which("unshare"):
        return "the `unshare` command (util-linux) is not installed"
    done = subprocess.run([*UNSHARE, "true"], capture_output=True, text=True)
    if done.returncode != 0:
        return f"unshare failed: {done.stderr.strip() or done.returncode} (user namespaces may be disabled: sysctl kernel.unprivileged_userns_clone=1)"
    return None


def default_workers(workers: int | None) -> int:
    """How many jobs a pool runs at once when asked for `workers` (None: one per core)."""
    return workers or os.cpu_count() or 1


class Pool:
    def __init__(self, workers: int | None = None, *, limits: Limits | None = None, sandbox: bool = True, start_timeout: float = 180):
        self.workers = default_workers(workers)
        self.limits = limits or Limits()
        self.sandbox = sandbox
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.notes: list[str] = []
        self._events: dict[str, list[str]] = {}
        self._finished: "queue.Queue[tuple[str, list[str], dict]]" = queue.Queue()
        self._ready: "queue.Queue[dict]" = queue.Queue()
        self._lock = threading.Lock()
        self.pending = 0
        self._count = 0
        self._files: dict[str, str] = {}
        self._started: set[str] = set()  # jobs the zygote has started and not yet ended
        self.jobs: Path | None = None
        self.root: Path | None = None
        self.slots = cgroups.Slots()
        self._is_ready = False

    def __enter__(self) -> "Pool":
        if self.proc is None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def launch(self) -> None:
        """Start the zygote without waiting for it (see `wait_ready`)."""
        if self.sandbox:
            why = sandbox_available()
            if why:
                raise PoolError(f"cannot sandbox submissions: {why}")
        # each job's steps go in a file of their own, read by that job's supervisor alone: the
        # process jobs are forked from never holds another student's code or answers
        self.jobs = Path(tempfile.mkdtemp(prefix="course-jobs-"))
        os.chmod(self.jobs, 0o700)
        self.root = Path(tempfile.mkdtemp(prefix="course-root-"))  # where the jobs' file system is built
        # a control group per job slot (tasks and memory of the whole job), where the machine allows it
        self.slots = cgroups.make_slots(self.workers + 2, self.limits.processes, self.limits.memory_bytes, 64 + 8 * self.workers) if self.sandbox else cgroups.Slots(notes=["not sandboxed"])
        config = {
            "workers": self.workers, "sandbox": self.sandbox, "jobs": str(self.jobs), "root": str(self.root),
            "keep": [str(p) for p in kept_paths()], "slots": self.slots.slots,
        }
        command = [sys.executable, "-m", "grading.engine.zygote", json.dumps(config)]
        env = {**zygote_environment(), "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)}
        # the zygote's own stderr (never a student's: jobs write to /dev/null); its last line
        # goes into the error when the sandbox fails to start
        self._log = tempfile.TemporaryFile() if not os.environ.get("COURSE_ENGINE_LOG") else open(os.environ["COURSE_ENGINE_LOG"], "ab+")
        join = None
        if self.slots.engine_procs:
            engine_procs = list(self.slots.engine_procs)

            def join() -> None:  # in the child, before unshare runs: the engine's own group
                for procs in engine_procs:
                    with open(procs, "w") as fh:
                        fh.write(str(os.getpid()))

        self.proc = subprocess.Popen(UNSHARE + command if self.sandbox else command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, cwd=ROOT, env=env,
                                     start_new_session=True, preexec_fn=join, pass_fds=self.slots.fds)
        self.slots.close_fds()  # the zygote has them; the grader needs them no more
        threading.Thread(target=self._read, daemon=True).start()

    def wait_ready(self) -> None:
        """Wait until the zygote has imported everything and sealed the file system (at once
        if it said so before: a sandbox kept for the next batch, shelf.py)."""
        if self._is_ready:
            return
        try:
            ready = self._ready.get(timeout=self.start_timeout)
        except queue.Empty:
            self.close()
            raise PoolError(f"the grading sandbox did not start within {self.start_timeout:.0f} s")
        if ready.get("t") != "ready":
            self.close()
            raise PoolError(f"the grading sandbox failed to start: {ready.get('error', 'it exited')}")
        self.notes = ready.get("notes", [])
        self._is_ready = True

    def limits_in_force(self) -> str:
        """One line saying which limits hold for each job, and by what."""
        lim = self.limits
        if not self.sandbox:
            return "jobs are not sandboxed: only the time and output limits hold"
        tasks = (f"{lim.processes} processes and threads per job (a pids control group each)" if self.slots.slots
                 else f"{lim.processes} processes and threads per job (counted by the engine every 0.2 s; {'; '.join(self.slots.notes)})")
        memory = (f"{lim.memory_bytes / 1024**3:g} GiB of memory per job, all its processes together (a memory control group each)"
                  if self.slots.memory
                  else f"{lim.memory_bytes / 1024**3:g} GiB of address space per process (no memory control group here)")
        return (f"each job in its own user, mount, PID, network and IPC namespaces, on a read-only root of the system folders, "
                f"Python and the course; {tasks}; {memory}; {lim.cell_seconds:g} s a cell, {lim.notebook_seconds:g} s a notebook, "
                f"{lim.output_bytes // 1024} KiB of output")

    def _read(self) -> None:
        proc = self.proc  # close() sets self.proc to None, maybe before this thread reaches the end
        assert proc and proc.stdout
        for raw in proc.stdout:
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            if event.get("t") == "ready":
                self._ready.put(event)
                continue
            job = event.get("job")
            if event.get("t") == "start":
                with self._lock:
                    self._started.add(job)
                continue
            if event.get("t") == "frame":
                with self._lock:
                    self._events.setdefault(job, []).append(event.get("data", ""))
            elif event.get("t") == "end":
                with self._lock:
                    frames = self._events.pop(job, [])
                    self._started.discard(job)
                self._finished.put((job, frames, event))
        code = proc.wait()
        self._ready.put({"t": "exited", "error": f"the zygote exited with code {code}{self._last_words()}"})
        self._finished.put(("", [], {"t": "died"}))

    def _last_words(self) -> str:
        """The last line the zygote wrote on stderr, as ': line' (or '')."""
        try:
            self._log.flush()
            self._log.seek(max(0, os.fstat(self._log.fileno()).st_size - 4000))
            lines = [line for line in self._log.read().decode("utf-8", "replace").splitlines() if line.strip()]
        except (OSError, ValueError):
            return ""
        return f": {lines[-1].strip()}" if lines else ""

    def submit(self, job_id: str, steps: list, limits: Limits | None = None) -> None:
        assert self.proc and self.proc.stdin
        self._count += 1
        name = f"{self._count}.json"
        (self.jobs / name).write_text(json.dumps({"steps": [[s.kind, s.ref, s.code, list(s.reads)] for s in steps]}), encoding="utf-8")
        self._files[job_id] = name
        cells = sum(1 for s in steps if s.kind != "snapshot")
        line = json.dumps({"job": job_id, "file": name, "cells": cells, "limits": asdict(limits or self.limits)})
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()
        self.pending += 1

    def reusable(self) -> bool:
        """Alive, ready and idle: no job pending or running and nothing finished unread, so it
        may serve another batch (shelf.py)."""
        alive = self.proc is not None and self.proc.poll() is None
        return alive and self._is_ready and self.pending == 0 and not self.in_flight() and self._finished.empty()

    def in_flight(self) -> list[str]:
        """The jobs the zygote had started and not finished (after it stopped: those it was running)."""
        with self._lock:
            return sorted(self._started)

    def next_finished(self, timeout: float | None = None) -> tuple[str, list[str], dict]:
        """The next job to finish: (job id, the lines it sent, the zygote's end event)."""
        job, frames, end = self._finished.get(timeout=timeout)
        if end.get("t") == "died":
            raise PoolError("the grading sandbox stopped unexpectedly")
        self.pending -= 1
        name = self._files.pop(job, None)
        if name and self.jobs:
            (self.jobs / name).unlink(missing_ok=True)
        return job, frames, end

    def close(self) -> None:
        if self.jobs is not None:
            shutil.rmtree(self.jobs, ignore_errors=True)
        if self.proc is None:
            self._cleanup()
            return
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except (subprocess.TimeoutExpired, OSError):
            self.proc.kill()
            self.proc.wait()
        self._log.close()
        self.proc = None
        self._cleanup()

    def _cleanup(self) -> None:
        if self.root is not None:
            try:
                self.root.rmdir()  # the zygote built the jobs' root in its own mount namespace: this folder stayed empty
            except OSError:
                pass
        for _ in range(50):  # a group empties once the kernel has reaped the last job's tasks
            self.slots.remove()
            if not any(folder.exists() for folder in self.slots.folders):
                break
            time.sleep(0.05)
