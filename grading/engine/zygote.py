"""The zygote: a warm, sealed process that forks one sandboxed job per submission.

    unshare --user --map-root-user --mount --net --pid --fork --mount-proc \\
        python -m grading.engine.zygote '<config json>'

Starting a kernel and importing pandas, seaborn and scipy costs seconds; forking a process
that has already imported them costs milliseconds. The zygote imports them once, seals the
file system (`sandbox.seal_filesystem`) and then only forks: no student code ever runs in
it, so every job starts from the same clean state.

It reads jobs from standard input, one JSON line each
(`{"job": "s1", "steps": [...], "limits": {...}}`), runs up to `workers` at once, and
writes events to standard output:

    {"t": "ready", "notes": [...]}                    once, when sealed and warm
    {"job": "s1", "t": "frame", "data": "<a line the job wrote>"}
    {"job": "s1", "t": "end", "reason": null | "the cell q3 ran longer than 60 s ...",
     "exit": {"code": 0} | {"signal": 9}}

It is the watchdog too: a job that runs a cell longer than its limit, the notebook longer
than its limit, or sends more than its output limit is killed (its whole PID namespace
goes with it) and the reason is reported. Each job is two processes: a supervisor that
creates the job's namespaces and waits, and the job's PID 1, which confines itself and
runs the student's code (`runner.run`).
"""
from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import sys
import time
from dataclasses import dataclass, field


def _warm_imports() -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import scipy.stats  # noqa: F401
    import seaborn  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell  # noqa: F401

    import course  # noqa: F401
    import course.checks  # noqa: F401
    import course.data  # noqa: F401
    from grading.engine import runner  # noqa: F401

    for name in ("plotting", "metrics", "units", "live_commerce", "scheduling", "swot", "culture", "culture_rules",
                 "logistics", "landed_cost", "inventory", "demand_forecast", "privacy", "anonymity",
                 "differential_privacy", "federated", "market_entry"):
        try:
            __import__(f"course.{name}")
        except ImportError:
            pass


def _emit(message: dict) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


@dataclass
class Job:
    job_id: str
    file: str  # the job's file in the jobs folder: only its supervisor reads it
    limits: dict
    pid: int = 0  # the supervisor
    runner: int = 0  # the job's PID 1, as this namespace numbers it
    fd: int = -1
    started: float = 0.0
    cell_started: float = 0.0
    cell_ref: str = ""
    sent: int = 0
    cells: int = 0  # code steps in the job
    cells_started: int = 0
    last_cell: int = -1
    buffer: bytes = b""
    reason: str | None = None
    exit: dict = field(default_factory=dict)


def _supervise(request: dict, jobs_fd: int, write_end: int, sandboxed: bool) -> None:
    """The job's supervisor (never returns): read the job's own file, close everything else,
    create the job's namespaces and fork its PID 1, then wait and report how it ended."""
    from grading.engine import sandbox
    from grading.engine.sandbox import Limits

    try:
        fd = os.open(str(request["file"]), os.O_RDONLY, dir_fd=jobs_fd)
        with os.fdopen(fd, "rb") as fh:
            steps = json.loads(fh.read())["steps"]
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.closerange(3, write_end)  # the jobs folder, the forker's socket: gone before any student code
        os.closerange(write_end + 1, 65536)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.setsid()  # the job's own session and process group: kill(0) reaches this job only
        if sandboxed:
            sandbox.enter_job_namespaces()
        limits = Limits(**request.get("limits", {}))
        child = os.fork()
        if child == 0:  # the job's PID 1
            try:
                if sandboxed:
                    from pathlib import Path

                    keep = [Path(__file__).resolve().parents[2], Path(sys.prefix), Path(sys.base_prefix)]
                    sandbox.confine(limits, sandbox.private_workdir(keep))
                else:
                    os.chdir(os.environ.get("TMPDIR", "/tmp"))
                os.environ.update({"HOME": os.getcwd(), "IPYTHONDIR": os.path.join(os.getcwd(), ".ipython"), "MPLCONFIGDIR": os.path.join(os.getcwd(), ".mpl")})
                from grading.engine import runner

                runner.run(steps, write_end, limits.cell_output_bytes)
                os._exit(0)
            except BaseException as exc:  # noqa: BLE001
                try:
                    os.write(write_end, (json.dumps({"t": "fatal", "error": f"{type(exc).__name__}: {exc}"}) + "\n").encode())
                finally:
                    os._exit(70)
        del steps
        os.write(write_end, (json.dumps({"t": "runner", "pid": child}) + "\n").encode())
        _, status = os.waitpid(child, 0)
        info = {"signal": os.WTERMSIG(status)} if os.WIFSIGNALED(status) else {"code": os.WEXITSTATUS(status)}
        os.write(write_end, (json.dumps({"t": "exit", **info}) + "\n").encode())
    except BaseException as exc:  # noqa: BLE001
        try:
            os.write(write_end, (json.dumps({"t": "fatal", "error": f"supervisor: {type(exc).__name__}: {exc}"}) + "\n").encode())
        except OSError:
            pass
    os._exit(0)


def _forker(sock: socket.socket, jobs_fd: int, sandboxed: bool) -> None:
    """The process every job is forked from (never returns). It is forked from the zygote
    before any job exists and is told only a job's id and the name of its file, so a job's
    memory holds no other student's code or answers."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    while True:
        try:
            data = sock.recv(65536)
        except InterruptedError:
            continue
        if not data:
            os._exit(0)
        request = json.loads(data)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            sock.close()
            os.close(read_end)
            _supervise(request, jobs_fd, write_end, sandboxed)
        os.close(write_end)
        socket.send_fds(sock, [json.dumps({"job": request["job"], "pid": pid}).encode()], [read_end])
        os.close(read_end)
        del request, data
        while True:  # collect the supervisors that have ended
            try:
                done, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if done == 0:
                break


def _start(job: Job, forker: socket.socket) -> None:
    forker.send(json.dumps({"job": job.job_id, "file": job.file, "limits": job.limits}).encode())
    message, fds, _, _ = socket.recv_fds(forker, 65536, 1)
    reply = json.loads(message)
    if not fds or reply.get("job") != job.job_id:
        raise RuntimeError("the forker did not start the job")
    job.pid, job.fd, job.started = int(reply["pid"]), fds[0], time.monotonic()
    os.set_blocking(job.fd, False)
    job.cell_started = job.started


def _kill(job: Job, reason: str) -> None:
    if job.reason is None:
        job.reason = reason
    for pid in (job.runner, job.pid):
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _frames(job: Job, data: bytes) -> None:
    job.sent += len(data)
    job.buffer += data
    *lines, job.buffer = job.buffer.split(b"\n")
    for raw in lines:
        line = raw.decode("utf-8", "replace")
        if len(line) < 4096:
            try:
                message = json.loads(line)
            except (ValueError, RecursionError):
                message = None
            if isinstance(message, dict):
                kind = message.get("t")
                if kind == "runner" and not job.runner and isinstance(message.get("pid"), int):
                    job.runner = message["pid"]
                    continue
                if kind == "exit" and not job.exit:
                    job.exit = {k: v for k, v in message.items() if k in ("code", "signal") and type(v) is int}
                    continue
                index = message.get("i")
                if kind == "cell" and type(index) is int and index > job.last_cell and job.cells_started < job.cells:
                    # a new step starts: each of the job's code steps can restart the clock once, so
                    # forged frames cannot keep a hanging cell alive past its limit
                    job.last_cell, job.cells_started = index, job.cells_started + 1
                    job.cell_started, job.cell_ref = time.monotonic(), str(message.get("ref", ""))[:100]
        _emit({"job": job.job_id, "t": "frame", "data": line})
    limit = job.limits.get("output_bytes", 4 * 1024**2)
    if job.sent > limit:
        _kill(job, f"sent more than {limit // 1024} KiB of output and answers (an output flood), so it was stopped")


def main(argv: list[str]) -> int:
    config = json.loads(argv[0]) if argv else {}
    workers = max(1, int(config.get("workers", os.cpu_count() or 1)))
    sandboxed = bool(config.get("sandbox", True))
    _warm_imports()
    notes: list[str] = []
    from pathlib import Path

    from grading.engine import sandbox

    jobs_fd = os.open(config["jobs"], os.O_RDONLY | os.O_DIRECTORY)  # before the folder is hidden
    if sandboxed:
        notes = sandbox.seal_filesystem([Path(p) for p in config.get("hide", [])])
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    if os.fork() == 0:
        ours.close()
        _forker(theirs, jobs_fd, sandboxed)
    theirs.close()
    os.close(jobs_fd)
    _emit({"t": "ready", "notes": notes, "sandboxed": sandboxed})

    selector = selectors.DefaultSelector()
    os.set_blocking(0, False)
    selector.register(0, selectors.EVENT_READ, None)
    queue: list[Job] = []
    running: dict[int, Job] = {}
    stdin_buffer, stdin_open = b"", True
    last_count = 0.0
    while stdin_open or queue or running:
        while queue and len(running) < workers:
            job = queue.pop(0)
            _start(job, ours)
            running[job.fd] = job
            selector.register(job.fd, selectors.EVENT_READ, job)
        for key, _ in selector.select(timeout=0.05):
            if key.data is None:
                try:
                    chunk = os.read(0, 1 << 20)
                except BlockingIOError:
                    continue
                if not chunk:
                    stdin_open = False
                    selector.unregister(0)
                    continue
                stdin_buffer += chunk
                *lines, stdin_buffer = stdin_buffer.split(b"\n")
                for line in lines:
                    if line.strip():
                        spec = json.loads(line)
                        job = Job(str(spec["job"]), str(spec["file"]), spec.get("limits", {}))
                        job.cells = int(spec.get("cells", 0))
                        queue.append(job)
                continue
            job = key.data
            try:
                chunk = os.read(job.fd, 1 << 20)
            except BlockingIOError:
                continue
            if chunk:
                _frames(job, chunk)
                continue
            selector.unregister(job.fd)  # end of the pipe: the job is over
            os.close(job.fd)
            del running[job.fd]
            if job.pid:  # 0 when _reap_orphans already collected the supervisor
                try:
                    os.waitpid(job.pid, 0)
                except ChildProcessError:
                    pass
            if job.buffer:
                _emit({"job": job.job_id, "t": "frame", "data": job.buffer.decode("utf-8", "replace")})
            _emit({"job": job.job_id, "t": "end", "reason": job.reason, "exit": job.exit})
        now = time.monotonic()
        for job in list(running.values()):
            cell_limit = job.limits.get("cell_seconds", 60.0)
            notebook_limit = job.limits.get("notebook_seconds", 300.0)
            if now - job.started > notebook_limit:
                _kill(job, f"the notebook ran longer than {notebook_limit:g} s in all and was stopped")
            elif now - job.cell_started > cell_limit:
                where = f"the cell {job.cell_ref}" if job.cell_ref else "a cell"
                _kill(job, f"{where} ran longer than {cell_limit:g} s and was stopped")
        if now - last_count > 0.2 and running:
            last_count = now
            _count_processes(running)
        _reap_orphans(running)
    return 0


def _pid_namespace(pid: int | str) -> str:
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return ""


def _count_processes(running: dict[int, Job]) -> None:
    """Stop a job whose PID namespace holds more processes than its limit. RLIMIT_NPROC does
    not bind when the grader runs as the machine's root, so the zygote counts (and the pool's
    pids cgroup, where there is one, caps the whole run)."""
    by_ns = {}
    for job in running.values():
        if job.runner and job.reason is None:
            ns = _pid_namespace(job.runner)
            if ns:
                by_ns[ns] = job
    if not by_ns:
        return
    counts = dict.fromkeys(by_ns, 0)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            ns = _pid_namespace(entry)
            if ns in counts:
                counts[ns] += 1
    for ns, count in counts.items():
        job = by_ns[ns]
        limit = int(job.limits.get("processes", 64))
        if count > limit:
            _kill(job, f"started more than {limit} processes (a process flood), so it was stopped")


def _reap_orphans(running: dict[int, Job]) -> None:
    """As PID 1 of the zygote's namespace, collect any process that was reparented to us."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        for job in running.values():
            if job.pid == pid:
                job.pid = 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
