"""Where the sandbox is not available: a student's feedback check in plain child processes.

    why = sandbox_unavailable()          # None on Linux with user namespaces, else the reason
    with UnsandboxedPool(workers=2) as pool:   # the same interface as pool.Pool
        pool.submit("alice", steps)
        job_id, frames, end = pool.next_finished()

The sandbox (`pool.Pool`, `zygote`, `sandbox`) needs Linux user namespaces, so on a
student's Mac or Windows laptop, or in a container that forbids them, it cannot start. A
visible-only check (`python -m grading check --visible-only`) is feedback on the student's
own code on the student's own machine, not a grade, so there it runs without the sandbox:
each notebook in a child process of its own (`python -m grading.engine.unsandboxed`) that
runs the same `runner.run` as a sandboxed job and sends the same lines back, judged by the
same `judge.Judge` in the grader's process. Scores and messages are the same as the
sandboxed check's (tests/test_unsandboxed.py grades the bundled samples both ways).

What holds without the sandbox, on every platform: the time limits of a cell and of the
notebook and the limit on the output a job sends (this module's watchdog stops the child,
with the zygote's own messages; the clocks start once the child has imported what the
zygote imports, so a cold start does not count against the first cell), a working folder of its own per notebook (removed after),
and the grader's environment cut to `pool.ENVIRONMENT_KEPT`. On Linux and macOS the child
also gets the `resource` limits of CPU time, file size, open files and core dumps, and on
Linux the address-space limit. What does not hold: the student's code can read and write
whatever the student's account can, use the network and start processes. That is why full
grading (hidden tests, the gradebook) never uses this module.

`COURSE_SIMULATE_NO_SANDBOX=1` makes `sandbox_unavailable` report the sandbox as missing on
a machine that has it (for tests, and to try the fallback on Linux).
"""
from __future__ import annotations

import json
import os
import platform
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field

from grading.engine import frames

#: set (to anything but "" or "0") to simulate a machine without the sandbox
SIMULATE = "COURSE_SIMULATE_NO_SANDBOX"

#: the child's first line: Python started, the course imported, the student's code comes next
READY = "unsandboxed-ready"
#: how long a child may take to start Python and import the course before its first cell
START_SECONDS = 180.0

#: what a Windows child needs besides pool.ENVIRONMENT_KEPT to start Python at all
_WINDOWS_ENVIRONMENT = ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP", "USERPROFILE", "APPDATA", "LOCALAPPDATA")


def platform_name() -> str:
    return {"darwin": "macOS", "win32": "Windows", "cygwin": "Windows (Cygwin)"}.get(sys.platform, platform.system() or sys.platform)


def sandbox_unavailable() -> str | None:
    """None when the grading sandbox can run here, else why not (one clause, no full stop)."""
    if os.environ.get(SIMULATE, "") not in ("", "0"):
        return f"{SIMULATE} is set (a simulated machine without the sandbox)"
    if not sys.platform.startswith("linux"):
        return f"it needs Linux user namespaces and this is {platform_name()}"
    from grading.engine.pool import sandbox_available

    return sandbox_available()


def notice(why: str) -> str:
    """The one line a check prints when it runs without the sandbox."""
    return (f"note: ran unsandboxed (your notebook ran in a plain child process, with time and output limits) "
            f"because the grading sandbox is not available: {why}. This is feedback on your code, not a grade.")


def full_grading_refusal(why: str) -> str:
    """Why full grading does not run here (one sentence for the error message)."""
    return (f"full grading (hidden tests, the gradebook) runs only in the grading sandbox, which is not available here: {why}. "
            f"On this machine add --visible-only for feedback from the visible tests; your instructor grades on Linux")


def child_environment(workdir: str) -> dict[str, str]:
    from grading.engine.pool import ENVIRONMENT_KEPT
    from grading.paths import ROOT

    keep = set(ENVIRONMENT_KEPT) | (set(_WINDOWS_ENVIRONMENT) if os.name == "nt" else set())
    env = {k: v for k, v in os.environ.items() if k.upper() in keep or k.startswith("LC_")}
    # as a sandboxed job has it (pool.launch and zygote._supervise)
    env.update({"MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1",
                "PYTHONPATH": str(ROOT), "HOME": workdir, "IPYTHONDIR": os.path.join(workdir, ".ipython"),
                "MPLCONFIGDIR": os.path.join(workdir, ".mpl"), "PYTHONIOENCODING": "utf-8"})
    if os.name == "nt":
        env["USERPROFILE"] = workdir
    return env


@dataclass
class _Job:
    job_id: str
    payload: bytes
    limits: dict
    cells: int
    ready: bool = False
    proc: subprocess.Popen | None = None
    workdir: str = ""
    started: float = 0.0
    cell_started: float = 0.0
    cell_ref: str = ""
    cells_started: int = 0
    last_cell: int = -1
    sent: int = 0
    buffer: bytes = b""
    frames: list[str] = field(default_factory=list)
    reason: str | None = None
    done: bool = False


class UnsandboxedPool:
    """`pool.Pool`'s interface (launch, wait_ready, submit, next_finished, close) over one
    plain child process per job, at most `workers` at once."""

    def __init__(self, workers: int | None = None, *, limits=None, **_ignored):
        from grading.engine.sandbox import Limits

        self.workers = workers or os.cpu_count() or 1
        self.limits = limits or Limits()
        self.notes: list[str] = []
        self.pending = 0
        self._waiting: list[_Job] = []
        self._running: list[_Job] = []
        self._finished: "queue.Queue[tuple[str, list[str], dict]]" = queue.Queue()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._watchdog: threading.Thread | None = None

    def __enter__(self) -> "UnsandboxedPool":
        self.launch()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        self.launch()

    def launch(self) -> None:
        if self._watchdog is None:
            self._watchdog = threading.Thread(target=self._watch, daemon=True)
            self._watchdog.start()

    def wait_ready(self) -> None:
        """Nothing to wait for: each job's process starts when the job does."""

    def submit(self, job_id: str, steps: list, limits=None) -> None:
        chosen = asdict(limits or self.limits)
        payload = json.dumps({"steps": [[s.kind, s.ref, s.code, list(s.reads)] for s in steps], "limits": chosen}).encode("utf-8")
        job = _Job(job_id, payload, chosen, sum(1 for s in steps if s.kind != "snapshot"))
        with self._lock:
            self._waiting.append(job)
            self.pending += 1
        self.launch()

    def in_flight(self) -> list[str]:
        """The notebooks running now."""
        with self._lock:
            return sorted(job.job_id for job in self._running)

    def limits_in_force(self) -> str:
        return "not sandboxed (a plain child process per notebook): only the time and output limits hold"

    def next_finished(self, timeout: float | None = None) -> tuple[str, list[str], dict]:
        """The next job to finish: (job id, the lines it sent, an end event as the zygote's)."""
        job, frames, end = self._finished.get(timeout=timeout)
        with self._lock:
            self.pending -= 1
        return job, frames, end

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            jobs, self._waiting = list(self._running), []
        for job in jobs:
            self._kill(job, "the check was stopped")
        if self._watchdog is not None:
            self._watchdog.join(timeout=10)
            self._watchdog = None
        for job in jobs:
            if job.proc is not None:
                try:
                    job.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
            shutil.rmtree(job.workdir, ignore_errors=True)

    # the watchdog: starts jobs, enforces the time limits, collects the ended

    def _watch(self) -> None:
        while not self._closed.is_set():
            with self._lock:
                while self._waiting and len(self._running) < self.workers:
                    job = self._waiting.pop(0)
                    self._start(job)
                    self._running.append(job)
                running = list(self._running)
            now = time.monotonic()
            for job in running:
                if job.done:
                    self._end(job)
                    continue
                notebook_limit = job.limits.get("notebook_seconds", 300.0)
                cell_limit = job.limits.get("cell_seconds", 60.0)
                if not job.ready:
                    if now - job.started > START_SECONDS:
                        self._kill(job, f"its Python process did not start within {START_SECONDS:g} s")
                elif now - job.started > notebook_limit:
                    self._kill(job, f"the notebook ran longer than {notebook_limit:g} s in all and was stopped")
                elif now - job.cell_started > cell_limit:
                    where = f"the cell {job.cell_ref}" if job.cell_ref else "a cell"
                    self._kill(job, f"{where} ran longer than {cell_limit:g} s and was stopped")
            self._closed.wait(0.05)

    def _start(self, job: _Job) -> None:
        job.workdir = tempfile.mkdtemp(prefix="course-check-")
        command = [sys.executable, "-m", "grading.engine.unsandboxed"]
        posix = os.name == "posix"
        job.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    cwd=job.workdir, env=child_environment(job.workdir), start_new_session=posix,
                                    creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if not posix else 0)
        job.started = job.cell_started = time.monotonic()
        threading.Thread(target=self._feed, args=(job,), daemon=True).start()
        threading.Thread(target=self._read, args=(job,), daemon=True).start()

    @staticmethod
    def _feed(job: _Job) -> None:
        try:
            job.proc.stdin.write(job.payload)
            job.proc.stdin.close()
        except OSError:
            pass  # the child is gone already: its end says why

    def _read(self, job: _Job) -> None:
        stream = job.proc.stdout
        while True:
            chunk = stream.read1(1 << 16)
            if not chunk:
                break
            self._frames(job, chunk)
        job.proc.wait()
        job.done = True

    def _frames(self, job: _Job, data: bytes) -> None:
        """As zygote._frames (`frames.py`): count the bytes, restart the cell clock once per code step."""
        for line in frames.split_lines(job, data):
            message = frames.control_message(line)
            if message is not None:
                if message.get("t") == READY and not job.ready:
                    # the clocks start here, as a sandboxed job's start at its (warm) fork
                    job.ready, job.started = True, time.monotonic()
                    job.cell_started = job.started
                    continue
                frames.starts_cell(job, message)
            job.frames.append(line)
        flood = frames.output_flood(job)
        if flood:
            self._kill(job, flood)

    @staticmethod
    def _kill(job: _Job, reason: str) -> None:
        if job.reason is None:
            job.reason = reason
        proc = job.proc
        if proc is None or proc.poll() is not None:
            return
        try:
            if os.name == "posix":
                os.killpg(proc.pid, signal.SIGKILL)  # the child and whatever it started
            else:
                subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True)
                proc.kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass

    def _end(self, job: _Job) -> None:
        with self._lock:
            self._running.remove(job)
        if job.buffer:
            job.frames.append(job.buffer.decode("utf-8", "replace"))
        code = job.proc.returncode
        exit_info = {"signal": -code} if code is not None and code < 0 else {"code": code}
        shutil.rmtree(job.workdir, ignore_errors=True)
        self._finished.put((job.job_id, job.frames, {"t": "end", "reason": job.reason, "exit": exit_info}))


# the child's side

def _apply_limits(limits: dict) -> None:
    """The resource limits this platform offers a plain process (none on Windows)."""
    try:
        import resource
    except ImportError:
        return
    wanted = [("RLIMIT_CPU", limits.get("cpu_seconds")), ("RLIMIT_FSIZE", limits.get("file_bytes")),
              ("RLIMIT_NOFILE", limits.get("open_files")), ("RLIMIT_CORE", 0)]
    if sys.platform.startswith("linux"):  # macOS does not enforce RLIMIT_AS
        with open("/proc/self/status", encoding="utf-8") as fh:
            size = next((int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:")), 0)
        wanted.append(("RLIMIT_AS", size + int(limits.get("memory_bytes", 2 * 1024**3))))
    for name, value in wanted:
        which = getattr(resource, name, None)
        if which is None or value is None:
            continue
        try:
            _, hard = resource.getrlimit(which)
            value = int(value) if hard == resource.RLIM_INFINITY else min(int(value), hard)
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass  # a limit the platform refuses: the watchdog's time limits still hold


def child_main() -> int:
    """Run one job: its steps and limits as JSON on stdin; the runner's lines on stdout."""
    request = json.loads(sys.stdin.buffer.read())
    out = os.dup(1)  # the runner's channel; the student's prints never reach it
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    if os.name == "nt":
        import msvcrt

        msvcrt.setmode(out, os.O_BINARY)
    try:
        # what the zygote imports once: here too before the student's first cell, so that its
        # clock counts the student's code only, as in the sandbox
        from grading.engine.zygote import _warm_imports

        _warm_imports()
        _apply_limits(request.get("limits", {}))
        os.write(out, (json.dumps({"t": READY}) + "\n").encode())
        from grading.engine import runner

        runner.run(request["steps"], out, int(request.get("limits", {}).get("cell_output_bytes", 20_000)))
    except BaseException as exc:  # noqa: BLE001 - as zygote._supervise reports it
        os.write(out, (json.dumps({"t": "fatal", "error": f"{type(exc).__name__}: {exc}"}) + "\n").encode())
        os._exit(70)
    os._exit(0)


if __name__ == "__main__":
    sys.exit(child_main())
