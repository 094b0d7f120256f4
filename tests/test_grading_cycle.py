"""The instructor's cycle on the bundled samples: the grader's regression suite.

One run of the cycle (in a temporary workspace, with the committed release) is shared by
every test here, on whichever pytest-xdist worker each runs (tests/shared_batches.py).
"""
from __future__ import annotations

import csv
import re

import pytest

from grading.gradebook import graded_cells
from grading.paths import SAMPLES, assignments
from grading.paths import released_notebook
from grading.samples import expected_scores

ASSIGNMENTS = [a for a in assignments() if (SAMPLES / a).is_dir()]


@pytest.fixture(scope="session")
def graded(graded_course):
    """The cycle, run once per session for every worker (tests/conftest.py's graded_course):
    (workspace, exit code, printed output)."""
    return graded_course


def _grades(ws, assignment):
    with (ws / "reports" / f"{assignment}_grades.csv").open(encoding="utf-8") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh)}


def test_every_sample_gets_its_expected_status_and_scores(graded):
    ws, code, out = graded
    assert "DIFFERS" not in out, out
    assert code == 0, out


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grades_csv_question_by_question(graded, assignment):
    ws, _, _ = graded
    rows = _grades(ws, assignment)
    for want in expected_scores(assignment):
        row = rows[want["student_id"]]
        assert row["status"] == want["status"], want
        got = row[want["grade_id"]]
        expected = "" if want["score"] == "pending" else want["score"]
        assert got == expected, f"{want['student_id']} {want['grade_id']}: {got!r} != {expected!r}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_gets_full_marks_and_blank_release_zero(graded, assignment):
    ws, _, _ = graded
    rows = _grades(ws, assignment)
    cells = graded_cells(released_notebook(assignment))
    auto = [c for c in cells if c.autograded]
    assert auto, "the assignment has autograded cells"
    for c in auto:
        assert float(rows["solution"][c.grade_id]) == c.max_score, c.grade_id
        assert float(rows["blank"][c.grade_id]) == 0, c.grade_id
    assert float(rows["solution"]["autograded_score"]) == sum(c.max_score for c in auto)
    assert float(rows["blank"]["autograded_score"]) == 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_corrupt_missing_and_crashing_submissions_are_reported_not_fatal(graded, assignment):
    ws, _, out = graded
    rows = _grades(ws, assignment)
    assert rows["corrupt"]["status"] == "corrupt"
    assert "invalid JSON" in rows["corrupt"]["message"] and ".ipynb" in rows["corrupt"]["message"]
    assert rows["missing"]["status"] == "missing"
    assert "does not exist" in rows["missing"]["message"]
    # the crash keeps the points it earned before it stopped, and says where it stopped
    assert rows["crash"]["status"] == "crashed"
    assert "exited in the cell" in rows["crash"]["message"]
    assert float(rows["crash"]["autograded_score"]) > 0
    # the students after the corrupt and the crashing one were graded all the same
    expected_graded = {r["student_id"] for r in expected_scores(assignment) if r["status"] in ("graded", "crashed")}
    assert {s for s, r in rows.items() if r["status"] in ("graded", "crashed")} == expected_graded
    assert re.search(r"corrupt\s+corrupt\s+0 / \d+", out)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_keeps_messages_and_hides_hidden_tests(graded, assignment):
    ws, _, _ = graded
    html = (ws / "feedback" / "mistakes" / assignment / released_notebook(assignment).with_suffix(".html").name).read_text(encoding="utf-8")
    assert "is not right" in html  # the tests' teaching messages reach the student
    assert "BEGIN HIDDEN TESTS" not in html
    assert "check_number(" not in html  # no hidden test code, not even in a traceback
    rows = _grades(ws, assignment)
    for student, row in rows.items():
        if row["status"] in ("graded", "crashed"):
            assert row["feedback"], student
            assert (ws / row["feedback"]).is_file()


def test_nbgrader_export_lists_every_student(graded):
    ws, _, _ = graded
    with (ws / "reports" / "nbgrader_export.csv").open(encoding="utf-8") as fh:
        students = {row["student_id"] for row in csv.DictReader(fh)}
    for assignment in ASSIGNMENTS:
        assert {r["student_id"] for r in expected_scores(assignment)} <= students


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_rewritten_test_cells_change_nothing(graded, assignment):
    """The tampered sample's notebook has every test cell replaced by `pass`; the engine takes
    the tests from source/, so it scores what its (blank) answers deserve: zero."""
    import nbformat

    ws, _, _ = graded
    submitted = nbformat.read(ws / "submitted" / "tampered" / assignment / released_notebook(assignment).name, as_version=4)
    tests = [c for c in submitted.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    assert tests and all(c.source == "pass" for c in tests)
    assert float(_grades(ws, assignment)["tampered"]["autograded_score"]) == 0


def test_every_assignment_is_in_the_course_nbgrader_is_configured_with(graded):
    """The assignments belong to the course of nbgrader_config.py. nbgrader's own
    preprocessors (SaveCells, GetGrades, ...) open the gradebook without a course id, which
    adds an empty "default_course" row; it must stay empty."""
    import sqlite3

    from grading.paths import COURSE_ID, ROOT

    ws, _, _ = graded
    with sqlite3.connect(ws / "gradebook.db") as db:
        assert (COURSE_ID,) in db.execute("SELECT id FROM course").fetchall()
        assert {row[0] for row in db.execute("SELECT DISTINCT course_id FROM assignment")} == {COURSE_ID}
    assert "c.CourseDirectory.course_id = COURSE_ID" in (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")


def test_the_course_opens_the_gradebook_with_its_course_id(tmp_path):
    import sqlite3

    from grading.gradebook import open_gradebook
    from grading.paths import COURSE_ID

    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with open_gradebook(url) as gb:
        assert gb.course_id == COURSE_ID
        gb.update_or_create_assignment("a1")
    with sqlite3.connect(tmp_path / "gradebook.db") as db:
        assert db.execute("SELECT id FROM course").fetchall() == [(COURSE_ID,)]
        assert db.execute("SELECT course_id FROM assignment").fetchall() == [(COURSE_ID,)]
