"""Run nbgrader commands in a child process, one at a time, from the course root.

Running each command in its own process keeps a crash or a hang in one submission from
touching the others, and makes the same commands the README documents: `run(["autograde",
"01_market_size"])` is `nbgrader autograde 01_market_size`, and its exit status and output are
that command's.

Importing nbgrader takes about two seconds of CPU (Jupyter's server, nbconvert, SQLAlchemy),
more than most commands take to do their work, and the cycle runs about twenty of them. So
where the platform can fork (Linux, macOS), each command runs in a process forked from a
small server that imported nbgrader once (one server per caller at a time, started on first
use, gone when the caller exits): a single-threaded process that only forks, never a fork
of the caller and its threads. The forked command still gets its own environment, working
directory, process group (a time limit stops it and what it started), output, and exit
status, and runs nbgrader's own entry point; only the import is shared. Elsewhere (Windows),
or with `COURSE_NBGRADER_SUBPROCESS=1`, each command is a new `python -m nbgrader` process.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from grading.paths import ROOT, put_environment_scripts_on_path, workspace

@dataclass
class Result:
    args: list[str]
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def tail(self, lines: int = 12) -> str:
        return "\n".join(self.output.strip().splitlines()[-lines:])


def run(args: list[str], *, timeout: float = 900, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """`nbgrader <args>` run from the course root (or `cwd`) with the course's config."""
    ensure_workspace()
    put_environment_scripts_on_path()
    full_env = {**os.environ, "COURSE_GRADING_WORKSPACE": str(workspace()), "MPLBACKEND": "Agg", **(env or {})}
    where = str(cwd or ROOT)
    if _use_fork_server():
        return _run_forked(args, timeout, full_env, where)
    return _run_subprocess(args, timeout, full_env, where)


def _use_fork_server() -> bool:
    return os.environ.get("COURSE_NBGRADER_SUBPROCESS") != "1" and hasattr(os, "fork")


def _timed_out(args: list[str], timeout: float, output: str) -> Result:
    return Result(args, -9, output + f"\nnbgrader {' '.join(args)} did not finish within {timeout:.0f} s and was stopped")


def _run_subprocess(args: list[str], timeout: float, env: dict[str, str], cwd: str) -> Result:
    command = [sys.executable, "-m", "nbgrader", *args]
    try:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return _timed_out(args, timeout, out)
    return Result(args, done.returncode, done.stdout + done.stderr)


class _Server:
    """A child process that imported nbgrader and forks one command at a time (`_serve`)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from grading.nbgrader_cli import _serve; _serve()"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.buffer = b""

    def send(self, request: dict) -> None:
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()

    def line(self, deadline: float | None) -> str | None:
        """The server's next reply line; None at the deadline; EOFError if the server is gone."""
        fd = self.process.stdout.fileno()
        while b"\n" not in self.buffer:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                return None
            chunk = os.read(fd, 4096)
            if not chunk:
                raise EOFError("the nbgrader fork server stopped")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def close(self) -> None:
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()


_idle: list[_Server] = []
_idle_lock = threading.Lock()


def _take_server() -> _Server:
    with _idle_lock:
        if _idle:
            return _idle.pop()
    return _Server()


def _give_back(server: _Server) -> None:
    with _idle_lock:
        _idle.append(server)


@atexit.register
def _close_servers() -> None:
    with _idle_lock:
        while _idle:
            _idle.pop().close()


def _run_forked(args: list[str], timeout: float, env: dict[str, str], cwd: str) -> Result:
    server = _take_server()
    with tempfile.TemporaryDirectory(prefix="course-nbgrader-") as scratch:
        output = Path(scratch) / "output.txt"
        deadline = time.monotonic() + timeout
        try:
            server.send({"args": list(args), "env": env, "cwd": cwd, "output": str(output)})
            pid = server.line(deadline)
            code = server.line(deadline) if pid is not None else None
            if code is None:  # past the time limit: stop the command and all it started
                if pid is not None:
                    _stop_group(int(pid))
                    server.line(None)
                server.close()
                return _timed_out(args, timeout, _read(output))
        except (OSError, EOFError, ValueError):
            server.close()  # a server that broke is not used again; this command runs as before
            return _run_subprocess(args, max(1.0, deadline - time.monotonic()), env, cwd)
        _stop_group(int(pid))  # kernels or servers the command left behind in its group
        _give_back(server)
        return Result(args, int(code), _read(output))


def _stop_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _serve() -> None:
    """The fork server's loop: import nbgrader once, then for each request line fork the command,
    reply with its pid, wait for it, reply with its exit status. Ends when its input closes."""
    import nbgrader.apps.nbgraderapp  # noqa: F401 - the import every command shares

    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    for raw in requests:
        request = json.loads(raw)
        pid = os.fork()
        if pid == 0:
            requests.close()
            replies.close()
            _command_in_child(request["args"], request["env"], request["cwd"], request["output"])
        replies.write(f"{pid}\n".encode())
        replies.flush()
        _, status = os.waitpid(pid, 0)
        replies.write(f"{os.waitstatus_to_exitcode(status)}\n".encode())
        replies.flush()


def _command_in_child(args: list[str], env: dict[str, str], cwd: str, output: str) -> None:
    """In the forked child: become the command `nbgrader <args>` (its own process group, output
    file, environment and folder), run nbgrader's entry point, exit with its status."""
    os.setsid()
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    sys.argv = ["nbgrader", *args]
    code = 0
    try:
        from nbgrader.apps.nbgraderapp import main

        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - what `python -m nbgrader` would print, and its status
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def ensure_workspace() -> Path:
    ws = workspace()
    for sub in ("submitted", "autograded", "feedback", "reports", "exchange"):
        (ws / sub).mkdir(parents=True, exist_ok=True)
    return ws


__all__ = ["Result", "run", "ensure_workspace"]
