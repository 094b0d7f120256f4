"""The gradebook on PostgreSQL (COURSE_GRADEBOOK_URL=postgresql+psycopg://...).

A real server, started for the session on 127.0.0.1 by the `postgres` fixture
(tests/postgres_server.py; `.ci/install-postgres` installs it), with a new database per test:

- the instructor's cycle on 01_market_size's samples, as tests/test_grading_cycle.py runs it
  on SQLite: the grades CSV, the gradebook itself, feedback and nbgrader's export;
- four processes writing the grades of different submissions of one assignment into the same
  gradebook at the same moment, each as `python -m grading grade` records them, then every
  expected (student, question) grade is in the gradebook exactly once with its score;
- several processes opening a brand-new gradebook at once;
- clear errors for a server that is down, a wrong password, a missing database or driver.
"""
from __future__ import annotations

import csv
import dataclasses
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

import test_grading_cycle as sqlite_cycle
from grading import cycle
from grading.paths import COURSE_ID, ROOT
from grading.samples import expected_scores, load_samples

A = "01_market_size"
WRITERS = 4  # processes writing at once (the machine has 2 cores; more writers than cores on purpose)
COPIES = 1  # each writer records every sample this many times under ids of its own (and once under shared ids)

GRADE_ROWS = sa.text(
    """
    SELECT sa.student_id, bc.name, g.auto_score, g.manual_score, g.needs_manual_grade
    FROM grade g
    JOIN base_cell bc ON bc.id = g.cell_id
    JOIN submitted_notebook sn ON sn.id = g.notebook_id
    JOIN submitted_assignment sa ON sa.id = sn.assignment_id
    JOIN assignment a ON a.id = sa.assignment_id
    WHERE a.name = :assignment
    """
)


def query(url: str, statement, **params) -> list[tuple]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            return [tuple(row) for row in conn.execute(sa.text(statement) if isinstance(statement, str) else statement, params)]
    finally:
        engine.dispose()


def grades_in_gradebook(url: str, assignment: str) -> Counter:
    """(student, grade_id, score) -> how many grade rows say so; score "pending" while a
    manual grade is due."""
    found = Counter()
    for student, name, auto, manual, needs_manual in query(url, GRADE_ROWS, assignment=assignment):
        score = manual if manual is not None else auto
        found[(student, name, "pending" if needs_manual and manual is None else f"{score:g}")] += 1
    return found


def expected_in_gradebook(assignment: str, rename=lambda student: student) -> Counter:
    """What `grades_in_gradebook` must find: one grade per question of every graded or crashed
    sample (corrupt and missing submissions have no submission row)."""
    return Counter(
        (rename(row["student_id"]), row["grade_id"], row["score"] if row["score"] == "pending" else f"{float(row['score']):g}")
        for row in expected_scores(assignment)
        if row["status"] in ("graded", "crashed")
    )


# --- (a) the cycle ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_graded(postgres, tmp_path_factory):
    """The cycle on 01_market_size with the gradebook on PostgreSQL; (workspace, exit code,
    output, URL)."""
    url = postgres.create_database("cycle")
    ws = tmp_path_factory.mktemp("pg-workspace")
    mp = pytest.MonkeyPatch()
    mp.setenv("COURSE_GRADING_WORKSPACE", str(ws))
    mp.setenv("COURSE_GRADEBOOK_URL", url)
    lines: list[str] = []
    code = cycle.run_cycle([A], write_release=False, echo=lambda *a: lines.append(" ".join(map(str, a))))
    yield ws, code, "\n".join(lines), url
    mp.undo()


def test_cycle_grades_every_sample_as_expected(pg_graded):
    ws, code, out, _ = pg_graded
    sqlite_cycle.test_every_sample_gets_its_expected_status_and_scores((ws, code, out))
    assert not (ws / "gradebook.db").exists(), "the grades went to SQLite, not to the server"


def test_cycle_grades_csv_and_reports(pg_graded):
    graded = pg_graded[:3]
    sqlite_cycle.test_grades_csv_question_by_question(graded, A)
    sqlite_cycle.test_source_notebook_gets_full_marks_and_blank_release_zero(graded, A)
    sqlite_cycle.test_corrupt_missing_and_crashing_submissions_are_reported_not_fatal(graded, A)
    sqlite_cycle.test_rewritten_test_cells_change_nothing(graded, A)


def test_cycle_grades_are_in_the_postgres_gradebook_exactly_once(pg_graded):
    _, _, _, url = pg_graded
    assert grades_in_gradebook(url, A) == expected_in_gradebook(A)
    students = {s for (s,) in query(url, "SELECT id FROM student")}
    assert {s.student_id for s in load_samples(A)} <= students  # corrupt and missing ones too


def test_cycle_feedback_and_nbgrader_export_work_on_postgres(pg_graded):
    ws, _, _, _ = pg_graded
    sqlite_cycle.test_feedback_keeps_messages_and_hides_hidden_tests(pg_graded[:3], A)
    with (ws / "reports" / "nbgrader_export.csv").open(encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh) if r["assignment"] == A}
    assert {r["student_id"] for r in expected_scores(A)} <= set(rows)
    # nbgrader's export reads the same gradebook: the perfect sample has every autograded point
    perfect = sum(float(r["score"]) for r in expected_scores(A) if r["student_id"] == "perfect" and r["score"] != "pending")
    assert float(rows["perfect"]["score"]) == perfect


# --- (b) every core writing at once -------------------------------------------------------


def processes():
    """Writer processes forked from this one (no imports to repeat: seconds saved per process
    on two busy cores), or spawned where another thread runs here, which a fork would copy
    mid-step."""
    return multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")


def _writer(index: int, url: str, results_file: str, barrier, ws: str, report: str) -> None:
    """One grader process: its own workspace with its own submissions (new student ids for
    each sample), the shared PostgreSQL gradebook, and `grade_batch`, the code behind
    `python -m grading grade`, recording every result. The engine's results were computed
    once beforehand (re-running the sandbox four times over would test the engine, not the
    gradebook) and are replayed as fast as the gradebook takes them; feedback is the cycle
    test's business."""
    try:
        import pickle

        ws = Path(ws)
        os.environ["COURSE_GRADEBOOK_URL"] = url
        os.environ["COURSE_GRADING_WORKSPACE"] = str(ws)
        from grading import nbgrader_cli, pipeline
        from grading.samples import write_submission

        results = pickle.loads(Path(results_file).read_bytes())
        # first the samples under ids every writer records at once (as two graders given the
        # same submissions would), then those under ids of this writer's own
        students = [f"{s.student_id}-all" for s in load_samples(A)]
        for copy in range(COPIES):
            for sample in load_samples(A):
                student = f"{sample.student_id}-w{index}-c{copy}"
                write_submission(dataclasses.replace(sample, student_id=student), ws / "submitted")
                students.append(student)
        for sample in load_samples(A):
            write_submission(dataclasses.replace(sample, student_id=f"{sample.student_id}-all"), ws / "submitted")

        def replay(assignment, files, *, on_result, **_):
            for student in files:
                on_result(dataclasses.replace(results[student.split("-")[0]], student_id=student))

        pipeline.grade_files = replay
        pipeline.nbgrader_cli.run = lambda args, **_: nbgrader_cli.Result(args, 0, "")
        barrier.wait(timeout=120)
        started = time.time()
        outcomes = pipeline.grade_batch(A, students, progress=lambda line: None)
        Path(report).write_text(json.dumps({"started": started, "seconds": time.time() - started, "outcomes": [[o.student_id, o.status, o.message, {k: v.score for k, v in o.scores.items()}] for o in outcomes]}))
    except BaseException:
        Path(report).write_text(json.dumps({"error": traceback.format_exc()}))
        raise


SECRET_URL = "postgresql+psycopg://grader:LEAKED-SECRET@127.0.0.1:9/gradebook"
LEAK = """# Sample: reads the grader's environment and hands in what it found
# %% q1_yoy_growth
import os
print("found:", os.environ.get("COURSE_GRADEBOOK_URL"))
growth_papers_2021 = os.environ.get("COURSE_GRADEBOOK_URL")
"""


@pytest.fixture(scope="module")
def engine_results(tmp_path_factory):
    """The engine's results for every sample of 01_market_size (graded once, without a
    gradebook) pickled, and for one more submission that looks for the gradebook's URL in
    its environment, graded beside them with a password in COURSE_GRADEBOOK_URL."""
    import pickle

    from grading.engine.batch import grade_files
    from grading.samples import parse_spec, write_submission

    ws = tmp_path_factory.mktemp("pg-engine")
    files = {s.student_id: write_submission(s, ws / "submitted") for s in load_samples(A)}
    (ws / "leak.py").write_text(LEAK, encoding="utf-8")
    files["leak"] = write_submission(parse_spec(ws / "leak.py", A), ws / "submitted")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_GRADEBOOK_URL", SECRET_URL)
        results = grade_files(A, files)
    path = ws / "results.pickle"
    path.write_bytes(pickle.dumps(results))
    return path, results


def test_student_code_cannot_read_the_gradebook_password(engine_results):
    _, results = engine_results
    leak = results["leak"]
    assert leak.status == "graded"
    seen = " ".join([leak.message, *(q.message for q in leak.questions), *(q.stdout or "" for q in leak.questions)])
    assert "LEAKED-SECRET" not in seen, seen


def test_writers_on_every_core_lose_and_duplicate_no_grade(postgres, engine_results, tmp_path, monkeypatch):
    from grading import release

    url = postgres.create_database("writers")
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path / "instructor"))
    monkeypatch.setenv("COURSE_GRADEBOOK_URL", url)
    release.register([A])
    # nbgrader's generate_assignment leaves a "default_course" row (its SaveCells opens the
    # gradebook without a course id); without it, the check below sees that the writers,
    # which open it with the course's id, add none
    query(url, "DELETE FROM course WHERE id = 'default_course' RETURNING id")

    context = processes()
    barrier = context.Barrier(WRITERS)
    reports = [tmp_path / f"writer{i}.json" for i in range(WRITERS)]
    writers = [context.Process(target=_writer, args=(i, url, str(engine_results[0]), barrier, str(tmp_path / f"writer{i}"), str(reports[i]))) for i in range(WRITERS)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=240)
    for w in writers:
        if w.is_alive():
            w.kill()
    runs = [json.loads(r.read_text()) if r.is_file() else {"error": "no report"} for r in reports]
    assert [w.exitcode for w in writers] == [0] * WRITERS, [r.get("error") for r in runs]

    # they did write at the same moment: every writer started before any had finished
    assert max(r["started"] for r in runs) < min(r["started"] + r["seconds"] for r in runs)
    samples = load_samples(A)
    statuses = {s.student_id: s.status for s in samples}
    for run in runs:
        for student, status, message, _ in run["outcomes"]:
            assert status == statuses[student.split("-")[0]], (student, status, message)

    expected = Counter()
    for index in range(WRITERS):
        for copy in range(COPIES):
            expected += expected_in_gradebook(A, lambda s, i=index, c=copy: f"{s}-w{i}-c{c}")
    expected += expected_in_gradebook(A, lambda s: f"{s}-all")
    found = grades_in_gradebook(url, A)
    assert found == expected, {"lost": expected - found, "extra or duplicated": found - expected}
    assert max(found.values()) == 1
    # one submission per graded student, every student once, one course row per course
    graded = sum(1 for s in samples if s.status in ("graded", "crashed"))
    assert query(url, "SELECT count(*), count(DISTINCT student_id) FROM submitted_assignment") == [(graded * (WRITERS * COPIES + 1),) * 2]
    assert query(url, "SELECT count(*) FROM student") == [(len(samples) * (WRITERS * COPIES + 1),)]
    assert query(url, "SELECT id FROM course") == [(COURSE_ID,)]
    # each writer read back from the gradebook the scores it wrote
    for run in runs:
        for student, status, _, scores in run["outcomes"]:
            if status in ("graded", "crashed"):
                assert {k: v for k, v in scores.items() if v is not None} == {r["grade_id"]: float(r["score"]) for r in expected_scores(A) if r["student_id"] == student.split("-")[0] and r["score"] != "pending"}

    # the cycle's reset (forget the samples) works on the server too: nothing of them is left
    from grading.gradebook import forget_students

    forget_students(url, [f"{s.student_id}-w0-c0" for s in samples])
    assert not [k for k in grades_in_gradebook(url, A) if k[0].endswith("-w0-c0")]
    assert sum(grades_in_gradebook(url, A).values()) == sum(expected.values()) - sum(expected_in_gradebook(A).values())


def _opener(url: str, barrier, report: str) -> None:
    from grading.gradebook import ensure_student, open_gradebook

    barrier.wait(timeout=120)
    try:
        with open_gradebook(url) as gb:
            ensure_student(gb, "everyone")
        Path(report).write_text("ok")
    except BaseException as exc:
        Path(report).write_text(f"{type(exc).__name__}: {exc}")


def test_processes_opening_a_new_gradebook_at_once_all_succeed(postgres, tmp_path):
    """nbgrader's Gradebook() creates the tables, its alembic version and the course row when
    they are missing; several graders starting on a new database at once must not trip over
    each other (without the course's lock most of them fail with "duplicate key" or
    "relation already exists")."""
    url = postgres.create_database("fresh")
    context = processes()
    barrier = context.Barrier(WRITERS)
    reports = [tmp_path / f"opener{i}" for i in range(WRITERS)]
    openers = [context.Process(target=_opener, args=(url, barrier, str(r))) for r in reports]
    for p in openers:
        p.start()
    for p in openers:
        p.join(timeout=120)
    assert [r.read_text() if r.is_file() else "no report" for r in reports] == ["ok"] * WRITERS
    assert query(url, "SELECT count(*) FROM alembic_version") == [(1,)]
    assert query(url, "SELECT id FROM student") == [("everyone",)]


# --- (c) errors that say what is wrong ----------------------------------------------------


def closed_port() -> int:
    from postgres_server import free_port

    return free_port()  # nothing listens there


def test_unreachable_server_is_one_clear_line(tmp_path):
    url = f"postgresql+psycopg://grader:hunter2-secret@127.0.0.1:{closed_port()}/gradebook"
    env = {**os.environ, "COURSE_GRADEBOOK_URL": url, "COURSE_GRADING_WORKSPACE": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "grading", "grade", A], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "hunter2" not in done.stdout + done.stderr, done.stderr
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert url.replace("hunter2-secret", "***") in message
    assert "Connection refused" in message and "COURSE_GRADEBOOK_URL" in message


def test_cycle_stops_at_once_when_the_gradebook_is_unreachable(tmp_path, monkeypatch):
    url = f"postgresql+psycopg://grader:hunter2-secret@127.0.0.1:{closed_port()}/gradebook"
    monkeypatch.setenv("COURSE_GRADEBOOK_URL", url)
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path))
    lines: list[str] = []
    started = time.monotonic()
    assert cycle.run_cycle([A], write_release=False, echo=lines.append) == 1
    assert time.monotonic() - started < 15
    out = "\n".join(lines)
    assert "hunter2" not in out and "grader:***@127.0.0.1" in out and "Connection refused" in out, out


def test_wrong_password_missing_database_and_missing_driver_are_named(postgres, tmp_path, monkeypatch):
    from grading.gradebook import GradebookError, check_gradebook, open_gradebook
    from grading.release import register

    good = postgres.create_database("errors")
    bad_password = good.replace(":gradebook-test-secret@", ":wrong-secret@")
    with pytest.raises(GradebookError, match=r"password authentication failed.*check the user and password") as err:
        check_gradebook(bad_password)
    assert "wrong-secret" not in str(err.value) and "course:***@127.0.0.1" in str(err.value)
    with pytest.raises(GradebookError, match=r'database "nosuchdb" does not exist.*createdb'):
        with open_gradebook(good.rsplit("/", 1)[0] + "/nosuchdb"):
            pass
    with pytest.raises(GradebookError, match=r"driver is not installed.*pip install 'pg8000'"):
        check_gradebook(good.replace("+psycopg", "+pg8000"))
    with pytest.raises(GradebookError, match="not a SQLAlchemy database URL"):
        check_gradebook("postgres is over there")
    # and nbgrader is not even started when the gradebook cannot be opened
    monkeypatch.setenv("COURSE_GRADEBOOK_URL", bad_password)
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path))
    started = time.monotonic()
    with pytest.raises(GradebookError, match="password authentication failed"):
        register([A])
    assert time.monotonic() - started < 5
    check_gradebook(good)  # the right URL works
