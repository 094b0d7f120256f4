"""Open nbgrader's gradebook (the system of record) and read scores out of it.

The gradebook is any database SQLAlchemy reaches (`grading.paths.gradebook_url`): SQLite in
the workspace by default, or a PostgreSQL server shared by several graders. `open_gradebook`
is how the course opens it:

- a gradebook that cannot be opened (server down, wrong password, no such database, driver
  not installed, a malformed URL) is a `GradebookError` that names the URL, with the
  password masked, and the problem, instead of a driver's traceback;
- several processes opening a new gradebook at the same moment race in nbgrader's
  `Gradebook()`, which creates the tables and the course row when they are missing: the
  losers get an IntegrityError ("duplicate key", "relation already exists"). Such a
  conflict is retried, on PostgreSQL under an advisory lock, so that only one process at a
  time creates anything.

`ensure_student` and `ensure_submission` do the same for two graders creating the same
student's rows at once.
"""
from __future__ import annotations

import logging
import random
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, InvalidEntry, MissingEntry
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, InterfaceError, NoSuchModuleError, OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool

from grading.paths import COURSE_ID, put_environment_scripts_on_path

# nbgrader's Gradebook creates or upgrades its database with `alembic`
put_environment_scripts_on_path()


class GradebookError(RuntimeError):
    """The gradebook cannot be opened or written; the message names the URL (password
    masked) and the problem."""


def masked(db_url: str) -> str:
    """`db_url` with its password replaced by ***."""
    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<not a database URL>"


def explain(exc: BaseException, *, name: bool = True) -> str:
    """The driver's own words for a database error, on one line, without SQLAlchemy's SQL
    echo and links (`name`: led by the exception's class)."""
    if isinstance(exc, GradebookError):
        return str(exc)
    cause = getattr(exc, "orig", None) or exc
    words = str(cause).split("[SQL:")[0].split("(Background on this error")[0]
    words = " ".join(words.split())
    if not name:
        return words or type(cause).__name__
    return f"{type(cause).__name__}: {words}" if words else type(cause).__name__


#: PostgreSQL drivers SQLAlchemy may ask for, and the pip package that provides each
_DRIVERS = {"psycopg": "psycopg[binary]", "psycopg2": "psycopg2-binary", "pg8000": "pg8000", "asyncpg": "asyncpg", "MySQLdb": "mysqlclient", "pymysql": "PyMySQL"}


def _failure(db_url: str, exc: BaseException) -> GradebookError:
    where = masked(db_url)
    if isinstance(exc, ArgumentError):
        return GradebookError(f"the gradebook URL {where} is not a SQLAlchemy database URL ({exc}); set COURSE_GRADEBOOK_URL to e.g. postgresql+psycopg://USER:PASSWORD@HOST:5432/DATABASE")
    if isinstance(exc, ImportError | NoSuchModuleError):
        module = getattr(exc, "name", None) or str(exc)
        package = _DRIVERS.get(module, module)
        return GradebookError(f"cannot open the gradebook {where}: its database driver is not installed ({exc}); install it with `pip install '{package}'` (for PostgreSQL the course depends on psycopg: `pip install -e .`)")
    problem = explain(exc, name=False).removeprefix("connection failed: ").rstrip(".")
    lowered = problem.lower()
    if "does not exist" in lowered and "database" in lowered:
        hint = "create the database first (as a PostgreSQL superuser: createdb -O USER DATABASE)"
    elif "password authentication failed" in lowered or "no password supplied" in lowered:
        hint = "check the user and password in COURSE_GRADEBOOK_URL"
    elif any(w in lowered for w in ("connection refused", "could not connect", "resolve host", "timeout", "is the server running")):
        hint = "start the server, or correct the host and port in COURSE_GRADEBOOK_URL"
    else:
        hint = "check COURSE_GRADEBOOK_URL"
    return GradebookError(f"cannot open the gradebook {where}: {problem} ({hint})")


_CONNECTION_PROBLEMS = (OperationalError, InterfaceError, ArgumentError, NoSuchModuleError, ImportError)
_CONFLICTS = (InvalidEntry, IntegrityError, ProgrammingError)
#: the PostgreSQL advisory lock under which a new gradebook's tables and rows are created
_SCHEMA_LOCK = zlib.crc32(b"cbec-live nbgrader gradebook schema")


def _sqlite_folder(db_url: str) -> None:
    """Create the folder of a SQLite gradebook (a fresh workspace has none yet)."""
    if db_url.startswith("sqlite:///"):
        Path(db_url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)


def check_gradebook(db_url: str, timeout: int = 10) -> None:
    """Connect once (within `timeout` seconds for a server), or raise `GradebookError`."""
    _sqlite_folder(db_url)
    try:
        url = make_url(db_url)
        args = {"connect_timeout": timeout} if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query else {}
        engine = create_engine(url, poolclass=NullPool, connect_args=args)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        finally:
            engine.dispose()
    except _CONNECTION_PROBLEMS as exc:
        raise _failure(db_url, exc) from None
    except DBAPIError as exc:
        raise _failure(db_url, exc) from None


#: where nbgrader logs, with a traceback, each database error it turns into InvalidEntry
_NBGRADER_LOG = logging.getLogger("tornado.application")


@contextmanager
def _quiet(enabled: bool = True) -> Iterator[None]:
    """Keep nbgrader from logging a conflict that is retried (it is no news)."""
    previous = _NBGRADER_LOG.disabled
    _NBGRADER_LOG.disabled = enabled or previous
    try:
        yield
    finally:
        _NBGRADER_LOG.disabled = previous


def _construct(db_url: str) -> Gradebook:
    gb = Gradebook.__new__(Gradebook)
    try:
        gb.__init__(db_url, course_id=COURSE_ID)  # nbgrader's default would add a "default_course" row
    except BaseException:
        try:
            gb.db.remove()
        except Exception:  # noqa: BLE001 - nothing to clean up
            pass
        if hasattr(gb, "engine"):
            gb.engine.dispose()
        raise
    return gb


@contextmanager
def _schema_lock(db_url: str) -> Iterator[None]:
    """On PostgreSQL, hold the advisory lock under which gradebooks are created."""
    url = make_url(db_url)
    if url.get_backend_name() != "postgresql":
        yield
        return
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _SCHEMA_LOCK})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _SCHEMA_LOCK})
    finally:
        engine.dispose()


def connect(db_url: str, attempts: int = 6) -> Gradebook:
    """nbgrader's `Gradebook(db_url)`, with a conflict with another process creating the same
    gradebook retried and a connection problem as a `GradebookError`. Close it after use
    (or use `open_gradebook`). A SQLite gradebook's folder is created if need be (a fresh
    workspace), as nbgrader's own commands do."""
    _sqlite_folder(db_url)
    try:
        try:
            with _quiet():
                return _construct(db_url)  # the usual case: the gradebook exists, nothing is created
        except _CONFLICTS:
            pass
        for attempt in range(1, attempts + 1):
            time.sleep(random.uniform(0.01, 0.05) * attempt)
            try:
                with _schema_lock(db_url), _quiet(attempt < attempts):
                    return _construct(db_url)
            except _CONFLICTS as exc:
                if attempt == attempts:
                    raise GradebookError(f"cannot open the gradebook {masked(db_url)}: {explain(exc)} (after {attempts} attempts)") from None
    except _CONNECTION_PROBLEMS as exc:
        raise _failure(db_url, exc) from None
    raise AssertionError("unreachable")


@contextmanager
def open_gradebook(db_url: str) -> Iterator[Gradebook]:
    """`with open_gradebook(url) as gb:` as `with Gradebook(url) as gb:`, see `connect`."""
    gb = connect(db_url)
    try:
        yield gb
    finally:
        gb.close()


class BatchGradebook:
    """One gradebook connection for a whole batch, instead of one per submission.

    `with batch.session() as gb:` gives the connection (opened at first use) and ends the
    transaction when the block ends: a commit after it, so that neither a write nor a read
    holds a transaction open between submissions while other graders write. A block that
    raises rolls back and drops the connection, and the next block opens a new one, so a
    failed write (a dropped server connection, a conflict) affects one submission alone.
    Opening a gradebook costs a connection and nbgrader's schema check, and every new
    connection compiles its SQL again; `benchmarks/gradebook_recording.py` measures the
    difference. Close the batch at the end (or use it as a context manager).
    """

    def __init__(self, db_url: str):
        self.db_url = db_url
        self._gb: Gradebook | None = None

    @contextmanager
    def session(self) -> Iterator[Gradebook]:
        if self._gb is None:
            self._gb = connect(self.db_url)
        gb = self._gb
        try:
            yield gb
            gb.db.commit()
        except BaseException:
            self._discard()
            raise

    def _discard(self) -> None:
        gb, self._gb = self._gb, None
        if gb is None:
            return
        for step in (gb.db.rollback, gb.close):
            try:
                step()
            except Exception:  # noqa: BLE001 - the connection may be gone already
                pass

    def close(self) -> None:
        gb, self._gb = self._gb, None
        if gb is not None:
            gb.close()

    def __enter__(self) -> "BatchGradebook":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def session(gradebook: "str | BatchGradebook"):
    """`with session(g) as gb:` for a URL (a connection for this block alone) or a
    `BatchGradebook` (the batch's connection)."""
    return gradebook.session() if isinstance(gradebook, BatchGradebook) else open_gradebook(gradebook)


def ensure_student(gb: Gradebook, student_id: str):
    """`gb.update_or_create_student`, where another process may create the same student at
    the same moment (the loser's insert fails; it then finds the winner's row)."""
    for attempt in range(3):
        try:
            with _quiet(attempt < 2):
                return gb.update_or_create_student(student_id)
        except InvalidEntry:
            gb.db.rollback()
            if attempt == 2:
                raise


def ensure_submission(gb: Gradebook, assignment: str, student_id: str, **kwargs):
    """`gb.update_or_create_submission`, where another process may create the same
    submission (with its grade and comment rows) at the same moment."""
    for attempt in range(3):
        try:
            with _quiet(attempt < 2):
                return gb.update_or_create_submission(assignment, student_id, **kwargs)
        except InvalidEntry:
            gb.db.rollback()
            if attempt == 2:
                raise


@dataclass(frozen=True)
class GradedCell:
    grade_id: str
    max_score: float
    autograded: bool  # False for answers graded by hand


@dataclass(frozen=True)
class CellScore:
    grade_id: str
    score: float | None  # None while a manual grade is pending
    max_score: float


def graded_cells(notebook: Path) -> list[GradedCell]:
    """The graded cells of a released notebook, in notebook order."""
    nb = nbformat.read(notebook, as_version=4)
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            autograded = cell.cell_type == "code" and not meta.get("solution")
            cells.append(GradedCell(meta["grade_id"], float(meta.get("points", 0)), autograded))
    return cells


def cell_scores(gradebook: "str | BatchGradebook", assignment: str, student_id: str) -> dict[str, CellScore] | None:
    """Scores per graded cell of a student's submission; None if the gradebook has none.
    `gradebook` is a URL or a `BatchGradebook`."""
    with session(gradebook) as gb:
        try:
            submission = gb.find_submission(assignment, student_id)
        except MissingEntry:
            return None
        scores = {}
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                score = None if grade.needs_manual_grade else float(grade.score)
                scores[grade.name] = CellScore(grade.name, score, float(grade.max_score))
        return scores


def forget_students(db_url: str, student_ids: list[str]) -> None:
    """Remove students and all their submissions from the gradebook (used to regrade the
    bundled samples from scratch)."""
    with open_gradebook(db_url) as gb:
        for student in student_ids:
            try:
                gb.remove_student(student)
            except MissingEntry:
                pass


def roster(db_url: str) -> list[str]:
    """The ids of the students in the gradebook (`nbgrader db student import` fills it)."""
    with open_gradebook(db_url) as gb:
        return sorted(s.id for s in gb.students)
