"""A throwaway PostgreSQL server for the tests (a helper module, not a test file).

    with postgres_server() as url:      # postgresql+psycopg://course:...@127.0.0.1:PORT/gradebook
        ...

`postgres_server` makes a new cluster in a temporary folder with the server binaries of
Debian's `postgresql` package (`.ci/install-postgres` installs them), starts it on
127.0.0.1 and a free port (its unix socket in the same folder, never /var/run), creates a
role with a password and a database, yields the database's SQLAlchemy URL, and stops and
deletes the cluster afterwards. PostgreSQL refuses to run as root, so as root every server
command runs as the `postgres` system user (`runuser`), which owns the folder.

Without the binaries the test is skipped with a reason that names `.ci/install-postgres`,
except with `COURSE_REQUIRE_SERVICES=1` (CI): then it fails with the same message.
Nothing is downloaded.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

INSTALL_HINT = "run .ci/install-postgres (as root: apt-get install postgresql)"
ROLE, PASSWORD = "course", "gradebook-test-secret"


def _missing(why: str) -> None:
    message = f"PostgreSQL server not available: {why}; {INSTALL_HINT}"
    if os.environ.get("COURSE_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message} (COURSE_REQUIRE_SERVICES=1: the PostgreSQL tests must run)", pytrace=False)
    pytest.skip(message)


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with initdb and pg_ctl, or
    `$COURSE_POSTGRES_BIN` alone where that is set (another installation)."""
    if os.environ.get("COURSE_POSTGRES_BIN"):
        candidates = [os.environ["COURSE_POSTGRES_BIN"]]
    else:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parent.name.split(".")], reverse=True)
    for path in map(Path, candidates):
        if (path / "initdb").is_file() and (path / "pg_ctl").is_file():
            return path
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A cluster in `root`, run as `user` (None: as this process's user)."""

    def __init__(self, bindir: Path, root: Path, user: str | None):
        self.bindir, self.root, self.user = bindir, root, user
        self.data, self.log = root / "data", root / "server.log"
        self.port = 0

    def run(self, program: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bindir / program), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        # a clean environment: no PGHOST, PGPORT, PGDATA or PGPASSWORD of the caller's
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": str(self.root)}
        done = subprocess.run(command, cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"{program} {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}{self._log_tail()}")
        return done

    def _log_tail(self) -> str:
        try:
            return "\nserver log:\n" + "\n".join(self.log.read_text(errors="replace").splitlines()[-20:])
        except OSError:
            return ""

    def init(self) -> None:
        pwfile = self.root / "superuser-password"
        pwfile.write_text(PASSWORD + "\n")
        self._own(pwfile)
        # passwords on TCP (scram-sha-256), trust on the cluster's own unix socket, which
        # lies in a folder only the server's user can enter
        self.run("initdb", "-D", str(self.data), "-U", "postgres", f"--pwfile={pwfile}", "--auth-host=scram-sha-256", "--auth-local=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
        pwfile.unlink()

    def start(self) -> None:
        options = " ".join([
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.root}",
            "-c max_connections=60",
            # a test cluster: durability is not wanted, speed is
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
        ])
        for attempt in range(3):  # another process may take the free port first
            self.port = free_port()
            try:
                self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", f"-p {self.port} {options}", "start")
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    def sql(self, statement: str, database: str = "postgres") -> None:
        self.run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(self.root), "-p", str(self.port), "-U", "postgres", "-d", database, "-c", statement)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
            except (RuntimeError, subprocess.TimeoutExpired):
                self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def _own(self, path: Path) -> None:
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{ROLE}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new, empty database owned by the test role; returns its URL."""
        self.sql(f'CREATE DATABASE "{name}" OWNER {ROLE}')
        return self.url(name)


@contextmanager
def postgres_server(database: str = "gradebook") -> Iterator[Server]:
    """A running throwaway cluster with `database` created (`server.url(database)`)."""
    bindir = find_bindir()
    if bindir is None:
        where = os.environ.get("COURSE_POSTGRES_BIN") or "/usr/lib/postgresql/*/bin"
        _missing(f"no initdb and pg_ctl in {where}")
    user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            _missing("running as root, and there is no `postgres` system user to run the server as")
        if not shutil.which("runuser"):
            _missing("running as root, and `runuser` (util-linux) is missing")
        user = "postgres"
    # not under pytest's tmp_path: its parents are closed to the postgres user
    root = Path(tempfile.mkdtemp(prefix="course-pg-", dir="/tmp"))
    server = Server(bindir, root, user)
    try:
        os.chmod(root, 0o700)
        server._own(root)
        server.init()
        server.start()
        server.sql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{PASSWORD}'")
        server.create_database(database)
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)


@contextmanager
def postgres_url(database: str = "gradebook") -> Iterator[str]:
    """The SQLAlchemy URL of a new database on a throwaway server."""
    with postgres_server(database) as server:
        yield server.url(database)
