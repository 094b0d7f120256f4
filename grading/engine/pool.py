"""The grader's handle on the zygote: start it sandboxed, send jobs, collect what they sent.

    with Pool(workers=2) as pool:
        pool.submit("alice", steps)
        job_id, frames, end = pool.next_finished()

The pool starts `python -m grading.engine.zygote` under `unshare` (user, mount, network and
PID namespaces), tells it which paths to hide from students, and reads its events on a
thread. What a job sent is handed over as raw text lines: only `judge.judge` reads them,
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
from dataclasses import asdict
from pathlib import Path

from grading.engine.sandbox import Limits
from grading.paths import ROOT, SOURCE, gradebook_url, workspace

UNSHARE = ["unshare", "--user", "--map-root-user", "--mount", "--net", "--pid", "--fork", "--mount-proc", "--kill-child"]


class PoolError(RuntimeError):
    """The sandbox could not be started (the message says why and what to do)."""


#: top-level folders a student's process sees: the system's programs, libraries and settings.
#: Everything else at the root of the file system is hidden (below, `hidden_paths`), so a
#: second checkout of the course, a colleague's workspace, a backup or another test's
#: temporary folder is out of reach without anyone having to name it.
SYSTEM_DIRS = frozenset({"bin", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "sys", "usr"})


def hidden_paths(extra: list[Path] | None = None) -> list[Path]:
    """What a student's process must not see: everything outside the system folders, the
    course package, the datasets and Python, that is the instructor's files, every
    submission, the gradebook, the home folder and any other copy of these on the machine."""
    paths = [SOURCE, ROOT / "grading", ROOT / "tests", ROOT / ".git", workspace(), Path.home(), Path("/run"), Path("/var/run"), Path("/dev/shm"), Path("/dev/kmsg")]
    paths += [entry for entry in sorted(Path("/").iterdir()) if entry.name not in SYSTEM_DIRS]
    url = gradebook_url()
    if url.startswith("sqlite:///"):
        paths.append(Path(url[len("sqlite:///"):]).parent)
    paths += extra or []
    keep = [ROOT / "course", ROOT / "datasets", Path(sys.prefix), Path(sys.base_prefix)]
    # site folders outside the prefix (a .pth file or PYTHONPATH naming another environment's)
    keep += [Path(p) for p in sys.path if p and ("site-packages" in p or "dist-packages" in p) and Path(p).is_dir()]
    found: list[Path] = []

    def cover(path: Path) -> None:
        # a folder that holds what the student's process needs (the repository, Python, as
        # pyenv puts it in the home folder) stays, but everything else in it is hidden
        if not (path.exists() or path.is_symlink()) or any(_contains(k, path) for k in keep):
            return
        if not any(_contains(path, k) for k in keep):
            found.append(path)
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                cover(child)

    for path in paths:
        cover(path)
    return found


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


class Pool:
    def __init__(self, workers: int | None = None, *, limits: Limits | None = None, sandbox: bool = True, hide: list[Path] | None = None, start_timeout: float = 180):
        self.workers = workers or os.cpu_count() or 1
        self.limits = limits or Limits()
        self.sandbox = sandbox
        self.hide = hidden_paths(hide)
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
        self.jobs: Path | None = None
        self.cgroup: Path | None = None

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
        config = {"workers": self.workers, "sandbox": self.sandbox, "hide": [str(p) for p in [*self.hide, self.jobs]], "jobs": str(self.jobs)}
        command = [sys.executable, "-m", "grading.engine.zygote", json.dumps(config)]
        env = {**zygote_environment(), "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)}
        # the zygote's own stderr (never a student's: jobs write to /dev/null); its last line
        # goes into the error when the sandbox fails to start
        self._log = tempfile.TemporaryFile() if not os.environ.get("COURSE_ENGINE_LOG") else open(os.environ["COURSE_ENGINE_LOG"], "ab+")
        self.cgroup = self._pids_cgroup()
        join = None
        if self.cgroup is not None:
            procs = str(self.cgroup / "cgroup.procs")

            def join() -> None:  # in the child, before unshare runs: every descendant is counted
                with open(procs, "w") as fh:
                    fh.write(str(os.getpid()))

        self.proc = subprocess.Popen(UNSHARE + command if self.sandbox else command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, cwd=ROOT, env=env, start_new_session=True, preexec_fn=join)
        threading.Thread(target=self._read, daemon=True).start()

    def wait_ready(self) -> None:
        """Wait until the zygote has imported everything and sealed the file system."""
        try:
            ready = self._ready.get(timeout=self.start_timeout)
        except queue.Empty:
            self.close()
            raise PoolError(f"the grading sandbox did not start within {self.start_timeout:.0f} s")
        if ready.get("t") != "ready":
            self.close()
            raise PoolError(f"the grading sandbox failed to start: {ready.get('error', 'it exited')}")
        self.notes = ready.get("notes", [])

    def _pids_cgroup(self) -> Path | None:
        """A pids cgroup capping every process of this run, where the machine lets us make one
        (cgroup v1 or v2, as root); None elsewhere (then the zygote's count is the limit)."""
        for base in (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")):
            if not (base / "cgroup.procs").is_file() or not os.access(base, os.W_OK):
                continue
            group = base / f"course-engine-{os.getpid()}-{id(self)}"
            try:
                group.mkdir(exist_ok=True)
                (group / "pids.max").write_text(str(self.limits.processes * self.workers + 32))
                return group
            except OSError:
                try:
                    group.rmdir()
                except OSError:
                    pass
        return None

    def _read(self) -> None:
        assert self.proc and self.proc.stdout
        for raw in self.proc.stdout:
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            if event.get("t") == "ready":
                self._ready.put(event)
                continue
            job = event.get("job")
            if event.get("t") == "frame":
                with self._lock:
                    self._events.setdefault(job, []).append(event.get("data", ""))
            elif event.get("t") == "end":
                with self._lock:
                    frames = self._events.pop(job, [])
                self._finished.put((job, frames, event))
        code = self.proc.wait()
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
        if self.cgroup is not None:
            try:
                self.cgroup.rmdir()
            except OSError:
                pass
