"""The Canvas and Moodle export plugins (grading/lms_export.py) on a gradebook filled by grading
the samples of one assignment (a second assignment is recorded but has no submissions)."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from grading import release
from grading.__main__ import main
from grading.lms_export import CanvasExportPlugin, LmsExportError, MoodleExportPlugin
from grading.paths import ROOT, gradebook_url
from grading.samples import expected_scores

GRADED, UNGRADED = "01_market_size", "02_live_commerce"
STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
PEOPLE = {  # the gradebook's details for three of the samples; the others have an id only
    "solution": dict(first_name="John", last_name="Smith", email="john@example.org", lms_user_id="1001"),
    "perfect": dict(first_name="Jane", last_name="Doe", email="jane@example.org", lms_user_id="1002"),
    "partial": dict(first_name="Ana", last_name="López", email="ana@example.org"),
}


@pytest.fixture(scope="module")
def gradebook(graded_market_size, shared_batches):
    """A workspace whose gradebook holds the graded samples of GRADED; yields its folder. It is
    made once per session for every worker (tests/shared_batches.py): a copy of the session's
    graded batch of GRADED (tests/conftest.py), with UNGRADED recorded and the students'
    details added. The tests only read it."""
    from shared_batches import copy_workspace

    graded, code, out = graded_market_size
    assert code == 0, out

    def make(ws):
        copy_workspace(graded, ws)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("COURSE_GRADING_WORKSPACE", str(ws))
            mp.delenv("COURSE_GRADEBOOK_URL", raising=False)
            release.register([GRADED, UNGRADED])
            with Gradebook(gradebook_url()) as gb:
                for student, fields in PEOPLE.items():
                    gb.update_or_create_student(student, **fields)
        return {}

    ws, _ = shared_batches.once("lms-gradebook", make)
    mp = pytest.MonkeyPatch()
    mp.setenv("COURSE_GRADING_WORKSPACE", str(ws))
    mp.delenv("COURSE_GRADEBOOK_URL", raising=False)
    yield ws
    mp.undo()


def expected_totals(assignment: str) -> dict[str, float | None]:
    """Each sample's total from expected_scores.csv (pending counts 0, as in nbgrader's export);
    None for a student the gradebook has no submission of (missing, corrupt)."""
    totals: dict[str, float | None] = {}
    for row in expected_scores(assignment):
        if row["status"] not in ("graded", "crashed"):
            totals[row["student_id"]] = None
            continue
        score = 0.0 if row["score"] in ("pending", "") else float(row["score"])
        totals[row["student_id"]] = (totals.get(row["student_id"]) or 0.0) + score
    return totals


def run(plugin_class, path: Path, **traits):
    plugin = plugin_class(to=str(path), **traits)
    with Gradebook(gradebook_url()) as gb:
        plugin.export(gb)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh)), plugin.warnings


def max_scores() -> dict[str, float]:
    with Gradebook(gradebook_url()) as gb:
        return {a.name: a.max_score for a in gb.assignments}


def test_canvas_columns_points_possible_and_totals(gradebook, tmp_path):
    rows, warnings = run(CanvasExportPlugin, tmp_path / "canvas.csv")
    assert rows[0] == STUDENT_COLUMNS + [GRADED, UNGRADED]
    points = max_scores()
    assert rows[1] == ["Points Possible", "", "", "", "", f"{points[GRADED]:g}", f"{points[UNGRADED]:g}"]
    assert points[GRADED] == 19  # 16 autograded + 3 by hand
    students = {row[3]: row for row in rows[2:]}  # SIS Login ID: the nbgrader id
    totals = expected_totals(GRADED)
    assert len(rows) - 2 == len(students) == len(totals), "one row per student"
    for student, total in totals.items():
        row = students[student]
        assert len(row) == len(rows[0])
        assert row[5] == ("" if total is None else f"{total:g}"), student  # missing: blank (Canvas's ungraded cell)
        assert row[6] == "", student  # nobody submitted the second assignment
    assert students["solution"][:5] == ["Smith, John", "1001", "", "solution", ""]
    assert students["partial"][:5] == ["López, Ana", "", "", "partial", ""]
    assert students["blank"][:5] == ["blank", "", "", "blank", ""]  # no name: the id, warned
    assert float(students["solution"][5]) == 16 and float(students["crash"][5]) == 2
    text = "\n".join(warnings)
    assert "no submission in the gradebook, exported as an empty cell: corrupt, missing" in text
    assert "counted 0 for now: mistakes, perfect, solution" in text  # manual grading pending
    lms_warning = next(w for w in warnings if "no lms_user_id" in w)
    assert "partial" in lms_warning and "solution" not in lms_warning and "perfect" not in lms_warning
    assert any("the Student column shows the nbgrader id" in w and "tampered" in w and "partial" not in w for w in warnings)


def test_canvas_assignment_ids_missing_zero_and_sis_user_id(gradebook, tmp_path):
    rows, warnings = run(
        CanvasExportPlugin, tmp_path / "canvas.csv",
        assignment=[GRADED], assignment_ids={GRADED: "48213"}, missing="zero", student_id_column="SIS User ID",
    )
    assert rows[0] == STUDENT_COLUMNS + [f"{GRADED} (48213)"]
    students = {row[2]: row for row in rows[2:]}
    assert students["missing"][3] == "" and students["missing"][5] == "0"
    assert students["corrupt"][5] == "0"
    assert not any("no Canvas assignment id" in w for w in warnings)
    with pytest.raises(LmsExportError, match="not a Canvas assignment id"):
        run(CanvasExportPlugin, tmp_path / "bad.csv", assignment_ids={GRADED: "market size"})


def test_canvas_fills_the_gradebook_exported_from_canvas(gradebook, tmp_path):
    template = tmp_path / "2026-01-10T0900_Grades-CBEC.csv"
    template.write_text(
        "\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Market size (48213),Quiz 1 (5555),Assignments Current Score,Current Score,Final Score\n"
        "    Points Possible,,,,,19.00,10.00,(read only),(read only),(read only)\n"
        '"Smith, John",1001,S-1,jsmith,Section A,,8.00,,,\n'  # by ID = lms_user_id
        '"Doe, Jane",2002,S-2,perfect,Section A,,9.00,,,\n'  # by SIS Login ID = nbgrader id
        '"Corrupt, Carl",2003,,corrupt,Section B,3.00,,,,\n'  # no submission: Canvas's 3 is kept
        '"Only, Canvas",2004,,conly,Section B,7.00,,,,\n'  # not in nbgrader: kept as it is
        '"Student, Test",2005,,,Section A,,,,,\n',
        encoding="utf-8",
    )
    rows, warnings = run(CanvasExportPlugin, tmp_path / "filled.csv", canvas_gradebook=str(template), assignment_ids={GRADED: "48213"})
    assert rows[0] == STUDENT_COLUMNS + ["Market size (48213)", UNGRADED]
    assert rows[1] == ["Points Possible", "", "", "", "", "19.00", f"{max_scores()[UNGRADED]:g}"]
    assert rows[2:] == [
        ["Smith, John", "1001", "S-1", "jsmith", "Section A", "16", ""],
        ["Doe, Jane", "2002", "S-2", "perfect", "Section A", "16", ""],
        ["Corrupt, Carl", "2003", "", "corrupt", "Section B", "3.00", ""],
        ["Only, Canvas", "2004", "", "conly", "Section B", "7.00", ""],
        ["Student, Test", "2005", "", "", "Section A", "", ""],
    ]
    text = "\n".join(warnings)
    assert "in the Canvas gradebook but not in nbgrader's, left as Canvas has them: Only, Canvas" in text
    assert "Student, Test" not in text
    left_out = next(w for w in warnings if "not in the Canvas gradebook" in w)
    for student in ("blank", "crash", "missing", "mistakes", "partial", "tampered"):
        assert student in left_out
    assert f"Canvas will create a new assignment named {UNGRADED}" in text
    # matched by title when no id is given: "Market size" is not 01_market_size, so a new column
    rows, _ = run(CanvasExportPlugin, tmp_path / "by_title.csv", canvas_gradebook=str(template), assignment=[GRADED])
    assert rows[0][5] == GRADED


def test_moodle_columns_and_totals_matched_by_email(gradebook, tmp_path):
    rows, warnings = run(MoodleExportPlugin, tmp_path / "moodle.csv")
    assert rows[0] == ["First name", "Last name", "ID number", "Email address", GRADED, UNGRADED]
    totals = expected_totals(GRADED)
    by_id = {row[2]: row for row in rows[1:]}
    # Moodle matches rows by Email address: students without one are left out, by name
    assert set(by_id) == set(PEOPLE)
    left_out = next(w for w in warnings if "so left out" in w)
    for student in set(totals) - set(PEOPLE):
        assert student in left_out
    assert by_id["solution"] == ["John", "Smith", "solution", "john@example.org", f"{totals['solution']:g}", "0"]
    assert by_id["partial"][4] == f"{totals['partial']:g}"


def test_moodle_by_id_number_with_feedback(gradebook, tmp_path):
    rows, warnings = run(MoodleExportPlugin, tmp_path / "moodle.csv", identifier="ID number", feedback=True, item_names={GRADED: "Market size"})
    assert rows[0] == ["First name", "Last name", "ID number", "Email address", "Market size", "Market size (Feedback)", UNGRADED, f"{UNGRADED} (Feedback)"]
    totals = expected_totals(GRADED)
    by_id = {row[2]: row for row in rows[1:]}
    assert set(by_id) == set(totals), "one row per student"
    for student, total in totals.items():
        assert by_id[student][4] == ("0" if total is None else f"{total:g}"), student  # missing: 0
        assert by_id[student][6] == "0"
    assert by_id["missing"][5] == "No submission."
    assert by_id["partial"][5].startswith(f"{totals['partial']:g} of 19 points (autograded")
    assert "still to be graded by hand" in by_id["solution"][5]
    assert any("the Email address column is blank" in w and "crash" in w for w in warnings)


def test_unknown_assignment_is_a_clear_error(gradebook, tmp_path, capsys):
    with pytest.raises(LmsExportError, match="not in the gradebook: assignment.s. 99_nothing"):
        run(MoodleExportPlugin, tmp_path / "x.csv", assignment=["99_nothing"])
    assert main(["export-lms", "moodle", "--to", str(tmp_path / "x.csv"), "--assignment", "99_nothing"]) == 1
    out = capsys.readouterr().out
    assert "99_nothing" in out and "Traceback" not in out
    assert not (tmp_path / "x.csv").exists()


def test_nbgrader_command_line_and_python_m_grading(gradebook, tmp_path, capsys):
    """`nbgrader export --exporter=grading.lms_export.CanvasExportPlugin --to canvas.csv` from the
    repository root (its nbgrader_config.py) writes what the plugin writes."""
    nbgrader = Path(sys.executable).parent / "nbgrader"
    env = {**os.environ, "COURSE_GRADING_WORKSPACE": str(gradebook)}
    done = subprocess.run(
        [str(nbgrader), "export", "--exporter=grading.lms_export.CanvasExportPlugin", "--to", str(tmp_path / "canvas.csv")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "no submission in the gradebook" in done.stderr  # the warnings reach the instructor
    expected, _ = run(CanvasExportPlugin, tmp_path / "in_process.csv")
    assert (tmp_path / "canvas.csv").read_text(encoding="utf-8") == (tmp_path / "in_process.csv").read_text(encoding="utf-8")
    assert len(expected) == 2 + len(expected_totals(GRADED))

    target = tmp_path / "moodle.csv"
    code = main(["export-lms", "moodle", "--to", str(target), "--assignment", GRADED, "--set", "MoodleExportPlugin.identifier=ID number"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"Moodle grades: {target}" in out
    assert "warning: " in out and "no submission in the gradebook, exported as 0: corrupt, missing" in out
    with target.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["First name", "Last name", "ID number", "Email address", GRADED]
    assert len(rows) == 1 + len(expected_totals(GRADED))
