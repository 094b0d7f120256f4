"""The zygote: a warm, sealed process that forks one sandboxed job per submission.

    unshare --user --map-root-user --mount --net --pid --fork --mount-proc \\
        python -m grading.engine.zygote '<config json>'

Starting a kernel and importing pandas, seaborn and scipy costs seconds; forking a process
that has already imported them costs milliseconds. The zygote imports them once, replaces
its file system by a read-only root of only what jobs need (`sandbox.build_root`) and then
only forks: no student code ever runs in it, so every job starts from the same clean state.

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
creates the job's namespaces and waits, and the job's PID 1, which joins its slot's control
groups (`cgroups.py`), confines itself and runs the student's code (`runner.run`).

Nothing a job does stops the zygote: what it writes is only counted, cut into lines and
passed on (escaped to ASCII), a forker that fails is replaced, a job that cannot be started
ends with its reason, and the engine's own processes are in a control group apart from
the jobs', so a job that exhausts its tasks cannot make their forks fail.
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

from grading.engine import frames


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
    # ASCII only: a lone surrogate a job slipped into a reference or a reason is escaped, never
    # an encoding error that would stop the zygote
    sys.stdout.write(json.dumps(message, ensure_ascii=True) + "\n")
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
    slot: int = -1  # the job's control groups (cgroups.py), -1 where there are none


def _supervise(request: dict, jobs_fd: int, write_end: int, sandboxed: bool, slot: dict | None) -> None:
    """The job's supervisor (never returns): read the job's own file, close everything else,
    create the job's namespaces and fork its PID 1, then wait and report how it ended."""
    from grading.engine import cgroups, sandbox
    from grading.engine.sandbox import Limits

    try:
        fd = os.open(str(request["file"]), os.O_RDONLY, dir_fd=jobs_fd)
        with os.fdopen(fd, "rb") as fh:
            steps = json.loads(fh.read())["steps"]
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        join = list(slot["procs"]) if slot else []
        low = 3  # the jobs folder, the forker's socket, other slots: gone before any student code
        for fd in sorted({write_end, *join}):
            os.closerange(low, fd)
            low = fd + 1
        os.closerange(low, 65536)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.setsid()  # the job's own session and process group: kill(0) reaches this job only
        if sandboxed:
            sandbox.enter_job_namespaces()
        limits = Limits(**request.get("limits", {}))
        child = _fork_retrying()
        if child == 0:  # the job's PID 1
            try:
                cgroups.join(join)  # its tasks and memory count in its slot's groups from here on
                for fd in join:
                    os.close(fd)
                if sandboxed:
                    from pathlib import Path

                    keep = [Path(__file__).resolve().parents[2], Path(sys.prefix), Path(sys.base_prefix)]
                    sandbox.confine(limits, sandbox.private_workdir(keep))
                else:
                    os.chdir(os.environ.get("TMPDIR", "/tmp"))
                os.environ.update({"HOME": os.getcwd(), "TMPDIR": os.getcwd(), "IPYTHONDIR": os.path.join(os.getcwd(), ".ipython"), "MPLCONFIGDIR": os.path.join(os.getcwd(), ".mpl")})
                from grading.engine import runner

                runner.run(steps, write_end, limits.cell_output_bytes)
                os._exit(0)
            except BaseException as exc:  # noqa: BLE001
                try:
                    os.write(write_end, (json.dumps({"t": "fatal", "error": f"{type(exc).__name__}: {exc}"}) + "\n").encode())
                finally:
                    os._exit(70)
        for fd in join:
            os.close(fd)
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


def _fork_retrying(tries: int = 50) -> int:
    """os.fork, retried for a while when the kernel refuses for lack of tasks or memory (the
    engine's own groups are apart from the jobs', so this is rare and short)."""
    for attempt in range(tries):
        try:
            return os.fork()
        except (BlockingIOError, MemoryError, OSError):
            if attempt == tries - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise RuntimeError("unreachable")


def _forker(sock: socket.socket, jobs_fd: int, sandboxed: bool, slots: list[dict]) -> None:
    """The process every job is forked from (never returns). It is forked from the zygote
    before any job exists and is told only a job's id, the name of its file and its slot, so
    a job's memory holds no other student's code or answers. Whatever one request holds, the
    forker answers it (with an error where no job could be started) and goes on."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    while True:
        try:
            data = sock.recv(65536)
        except InterruptedError:
            continue
        if not data:
            os._exit(0)
        job = None
        try:
            request = json.loads(data)
            job = request["job"]
            slot_index = int(request.get("slot", -1))
            slot = slots[slot_index] if 0 <= slot_index < len(slots) else None
            read_end, write_end = os.pipe()
            try:
                pid = _fork_retrying()
            except OSError as exc:
                os.close(read_end)
                os.close(write_end)
                socket.send_fds(sock, [json.dumps({"job": job, "error": f"could not start the job: {exc}"}).encode()], [])
                continue
            if pid == 0:
                sock.close()
                os.close(read_end)
                _supervise(request, jobs_fd, write_end, sandboxed, slot)
            os.close(write_end)
            socket.send_fds(sock, [json.dumps({"job": job, "pid": pid}).encode()], [read_end])
            os.close(read_end)
        except Exception as exc:  # noqa: BLE001 - a request that cannot be served is answered, never fatal
            try:
                sock.send(json.dumps({"job": job, "error": f"the forker failed: {type(exc).__name__}: {exc}"}).encode())
            except OSError:
                os._exit(1)
        del data
        while True:  # collect the supervisors that have ended
            try:
                done, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if done == 0:
                break


def _start(job: Job, forker: socket.socket) -> None:
    """Have the forker start `job`; raises RuntimeError (with the reason) if it could not."""
    forker.send(json.dumps({"job": job.job_id, "file": job.file, "limits": job.limits, "slot": job.slot}).encode())
    message, fds, _, _ = socket.recv_fds(forker, 65536, 1)
    if not message:
        raise ConnectionError("the forker stopped")
    reply = json.loads(message)
    if not fds or reply.get("job") != job.job_id:
        for fd in fds:
            os.close(fd)
        raise RuntimeError(str(reply.get("error") or "the forker did not start the job"))
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
    for line in frames.split_lines(job, data):
        message = frames.control_message(line)
        if message is not None:
            kind = message.get("t")
            if kind == "runner" and not job.runner and isinstance(message.get("pid"), int):
                job.runner = message["pid"]
                continue
            if kind == "exit" and not job.exit:
                job.exit = {k: v for k, v in message.items() if k in ("code", "signal") and type(v) is int}
                continue
            frames.starts_cell(job, message)
        _emit({"job": job.job_id, "t": "frame", "data": line})
    flood = frames.output_flood(job)
    if flood:
        _kill(job, flood)


def main(argv: list[str]) -> int:
    config = json.loads(argv[0]) if argv else {}
    workers = max(1, int(config.get("workers", os.cpu_count() or 1)))
    sandboxed = bool(config.get("sandbox", True))
    slots: list[dict] = config.get("slots") or []
    _warm_imports()
    notes: list[str] = []
    from pathlib import Path

    from grading.engine import cgroups, sandbox

    jobs_fd = os.open(config["jobs"], os.O_RDONLY | os.O_DIRECTORY)  # before the file system is replaced
    if sandboxed:
        notes = sandbox.build_root(Path(config["root"]), [Path(p) for p in config.get("keep", [])])
    police = {"tasks": not slots}

    def new_forker() -> socket.socket:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        if os.fork() == 0:
            ours.close()
            _forker(theirs, jobs_fd, sandboxed, slots)
        theirs.close()
        return ours

    forker = new_forker()
    _emit({"t": "ready", "notes": notes, "sandboxed": sandboxed})

    selector = selectors.DefaultSelector()
    os.set_blocking(0, False)
    selector.register(0, selectors.EVENT_READ, None)
    queue: list[Job] = []
    running: dict[int, Job] = {}
    stdin_buffer, stdin_open = b"", True
    last_count = 0.0

    def free_slot() -> int | None:
        if not slots:
            return -1
        used = {job.slot for job in running.values()}
        for index, slot in enumerate(slots):
            if index not in used and cgroups.tasks_in(slot.get("count")) in (0, None):
                return index
        return None  # every group still holds a job or the last one's remains: wait

    def end(job: Job, reason: str | None = None) -> None:
        if reason and job.reason is None:
            job.reason = reason
        _emit({"job": job.job_id, "t": "end", "reason": job.reason, "exit": job.exit})

    while stdin_open or queue or running:
        while queue and len(running) < workers:
            slot = free_slot()
            if slot is None:
                break
            job = queue.pop(0)
            job.slot = slot
            try:
                _start(job, forker)
            except ConnectionError:  # the forker is gone: a new one, and the job once more
                forker.close()
                forker = new_forker()
                try:
                    _start(job, forker)
                except Exception as exc:  # noqa: BLE001
                    end(job, f"the grading sandbox could not start this notebook ({type(exc).__name__}: {exc}); grade it again")
                    continue
            except Exception as exc:  # noqa: BLE001 - this job alone could not start
                end(job, f"the grading sandbox could not start this notebook ({type(exc).__name__}: {exc}); grade it again")
                continue
            running[job.fd] = job
            selector.register(job.fd, selectors.EVENT_READ, job)
            _emit({"job": job.job_id, "t": "start"})
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
                        spec = json.loads(line)  # the grader's own line, never a job's
                        job = Job(str(spec["job"]), str(spec["file"]), spec.get("limits", {}))
                        job.cells = int(spec.get("cells", 0))
                        queue.append(job)
                continue
            job = key.data
            try:
                try:
                    chunk = os.read(job.fd, 1 << 20)
                except BlockingIOError:
                    continue
                if chunk:
                    _frames(job, chunk)
                    continue
            except Exception as exc:  # noqa: BLE001 - whatever a job sends, it ends that job alone
                _kill(job, f"the grader could not read what the notebook sent ({type(exc).__name__}), so it was stopped")
                chunk = b""
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
            end(job)
        now = time.monotonic()
        for job in list(running.values()):
            cell_limit = job.limits.get("cell_seconds", 60.0)
            notebook_limit = job.limits.get("notebook_seconds", 300.0)
            if now - job.started > notebook_limit:
                _kill(job, f"the notebook ran longer than {notebook_limit:g} s in all and was stopped")
            elif now - job.cell_started > cell_limit:
                where = f"the cell {job.cell_ref}" if job.cell_ref else "a cell"
                _kill(job, f"{where} ran longer than {cell_limit:g} s and was stopped")
        if now - last_count > 0.2 and running and police["tasks"]:
            last_count = now
            try:
                _police(running, police)
            except Exception:  # noqa: BLE001 - a process that vanished mid-count is counted next time
                pass
        _reap_orphans(running)
    return 0


def _police(running: dict[int, Job], police: dict) -> None:
    """Where the kernel does not (no pids control group per job), count each job's tasks (its
    processes and their threads, in nested PID namespaces too) and stop a job over its limit.
    Processes are found by parentage from the job's supervisor."""
    parent: dict[int, int] = {}
    threads: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        parent[pid] = int(fields[1])
        threads[pid] = int(fields[17])
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    for job in running.values():
        if not job.pid or job.reason is not None:
            continue
        tasks = 0
        todo = list(children.get(job.pid, []))
        while todo:
            pid = todo.pop()
            tasks += threads.get(pid, 0)
            todo.extend(children.get(pid, []))
        limit = int(job.limits.get("processes", 64))
        if tasks > limit:
            _kill(job, f"started more than {limit} processes and threads (a process flood), so it was stopped")


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
