"""The nbgrader workflow of docs/instructors.md end to end: release, fetch, validate, submit, collect,
autograde, feedback, export, in a temporary workspace and exchange."""
from __future__ import annotations

import csv
import getpass
import shutil

import pytest

from grading import nbgrader_cli, release

ASSIGNMENT = "01_market_size"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("COURSE_GRADEBOOK_URL", raising=False)
    monkeypatch.delenv("NBGRADER_EXCHANGE", raising=False)
    return tmp_path


def ok(result):
    assert result.ok, result.tail(30)
    return result


def test_release_fetch_submit_collect_grade_feedback_export_each_an_nbgrader_command(workspace):
    # slow: each step is a separate nbgrader command (a new Python process that imports
    # nbgrader), and autograde and feedback run every notebook
    release.register([ASSIGNMENT])
    ok(nbgrader_cli.run(["release_assignment", ASSIGNMENT]))

    # the student's side: their own folder, the course id and exchange from their config
    student_dir = workspace / "student"
    student_dir.mkdir()
    exchange = workspace / "workspace" / "exchange"
    student_flags = ["--CourseDirectory.course_id=cbec-live", f"--Exchange.root={exchange}"]
    ok(nbgrader_cli.run(["fetch_assignment", ASSIGNMENT, *student_flags], cwd=student_dir))
    fetched = student_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert fetched.is_file()
    validation = nbgrader_cli.run(["validate", str(fetched)], cwd=student_dir)
    assert "VALIDATION FAILED" in validation.output  # the untouched release fails its visible tests
    ok(nbgrader_cli.run(["submit", ASSIGNMENT, *student_flags], cwd=student_dir))

    # the instructor's side
    ok(nbgrader_cli.run(["collect", ASSIGNMENT]))
    student = getpass.getuser()
    assert (workspace / "workspace" / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    ok(nbgrader_cli.run(["autograde", ASSIGNMENT]))
    ok(nbgrader_cli.run(["generate_feedback", ASSIGNMENT]))
    ok(nbgrader_cli.run(["release_feedback", ASSIGNMENT]))
    export = workspace / "grades.csv"
    ok(nbgrader_cli.run(["export", f"--to={export}"]))
    with export.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["student_id"], float(r["score"])) for r in rows] == [(student, 0.0)]
    assert float(rows[0]["max_score"]) == 19.0

    ok(nbgrader_cli.run(["fetch_feedback", ASSIGNMENT, *student_flags], cwd=student_dir))
    feedback = list((student_dir / ASSIGNMENT / "feedback").glob("*/*.html"))
    assert len(feedback) == 1
    assert "BEGIN HIDDEN TESTS" not in feedback[0].read_text(encoding="utf-8")
    shutil.rmtree(student_dir)
