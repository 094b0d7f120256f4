"""For honest submissions the engine's scores are stock nbgrader's, question by question.

Every honest sample submission of every assignment (solution, perfect, partial, mistakes,
blank, and tampered, whose only trick is rewriting test cells, which both graders ignore)
is graded twice in the same run: by stock `nbgrader autograde` in the student's own kernel,
in a temporary workspace and gradebook, and by the engine in the session's instructor cycle
(`graded_course` in tests/conftest.py, whose gradebook the comparison reads: the scores the
instructor's gradebook holds). The scores must be equal for every autograded test cell.
Stock nbgrader takes about three seconds a notebook, so these are among the slowest tests of
the suite (the `late` ones grade with the engine themselves: their workspace has deadlines).
"""
from __future__ import annotations

import csv

import dataclasses
import datetime as dt

import pytest

from grading import nbgrader_cli, release
from grading.engine.pool import sandbox_available
from grading.gradebook import cell_scores, ensure_student, open_gradebook
from grading.paths import SAMPLES, assignments, gradebook_url
from grading.samples import load_samples, write_submission

HONEST = ("solution", "perfect", "partial", "mistakes", "blank", "tampered")
ASSIGNMENTS = [a for a in assignments() if (SAMPLES / a).is_dir()]

pytestmark = pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = tmp_path_factory.mktemp("equivalence")
    mp = pytest.MonkeyPatch()
    mp.setenv("COURSE_GRADING_WORKSPACE", str(ws))
    mp.delenv("COURSE_GRADEBOOK_URL", raising=False)
    yield ws
    mp.undo()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_engine_scores_equal_stock_nbgrader(workspace, assignment, request):
    samples = [s for s in load_samples(assignment) if s.student_id in HONEST]
    assert {s.student_id for s in samples} == set(HONEST), "every assignment has the honest samples"
    for sample in samples:
        write_submission(sample, workspace / "submitted")
    release.register([assignment])
    stock = nbgrader_cli.run(["autograde", assignment, "--force"])
    assert stock.ok, stock.tail()
    # the engine's grades of the same samples, from the session's cycle (asked for after the
    # stock run, so a worker that runs this first does not wait for the cycle idle)
    cycle_workspace, _, _ = request.getfixturevalue("graded_course")
    engine_gradebook = f"sqlite:///{cycle_workspace / 'gradebook.db'}"
    differences = []
    for student in HONEST:
        theirs = cell_scores(gradebook_url(), assignment, student)
        ours = cell_scores(engine_gradebook, assignment, student)
        assert theirs is not None, f"stock nbgrader recorded nothing for {student}"
        assert ours is not None, f"the engine's cycle recorded nothing for {student}"
        autograded = {grade_id: cell for grade_id, cell in ours.items() if cell.score is not None}
        assert autograded, f"the engine's cycle recorded no autograded score for {student}"
        for grade_id, cell in autograded.items():
            stock_score = theirs[grade_id].score
            if stock_score is None or abs(stock_score - cell.score) > 1e-9:
                differences.append(f"{student} {grade_id}: engine {cell.score:g}, stock {stock_score}")
    assert not differences, "\n".join(differences)


# --- late penalties: the engine's are stock nbgrader's ------------------------------------------
# The same five submissions, with `timestamp.txt` and one extension, graded by stock
# `nbgrader autograde` (its own AssignLatePenalties step) in one workspace and gradebook and by
# `python -m grading grade`'s pipeline in another, under each policy of schedule.toml.
LATE_ASSIGNMENT = "01_market_size"
DUE = "2027-03-12T23:59:00"  # Asia/Shanghai: 15:59 UTC
#: student -> (sample whose answers they submit, submitted at (UTC), extension in hours)
LATE_CASES = {
    "on_time": ("perfect", "2027-03-12 14:00:00 UTC", None),
    "late_2h": ("perfect", "2027-03-12 17:59:00 UTC", None),
    "extended": ("perfect", "2027-03-12 17:59:00 UTC", 3),
    "late_6d": ("partial", "2027-03-18 17:59:00 UTC", None),
    "late_after_extension": ("partial", "2027-03-12 20:59:00 UTC", 3),
}
#: nbgrader's own policy and the course's PercentPerDay plugin (each case takes about 2 minutes)
POLICIES = {
    "zero": 'method = "zero"',
    "10% a day, at most 50%": 'method = "percent_per_day"\npercent_per_day = 10\nmax_percent = 50',
}


def _late_workspace(root, name, schedule, monkeypatch):
    from grading import extend

    ws = root / name
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(ws))
    release.register([LATE_ASSIGNMENT])  # with the due date from the schedule
    samples = {s.student_id: s for s in load_samples(LATE_ASSIGNMENT)}
    for student, (sample, stamp, hours) in LATE_CASES.items():
        sample = samples[sample]
        sample = dataclasses.replace(sample, student_id=student)
        path = write_submission(sample, ws / "submitted")
        (path.parent / "timestamp.txt").write_text(stamp, encoding="utf-8")
        with open_gradebook(gradebook_url()) as gb:
            ensure_student(gb, student)
        if hours:
            extend.grant(gradebook_url(), student, LATE_ASSIGNMENT, hours=hours, now=dt.datetime(2027, 3, 1, tzinfo=dt.timezone.utc))
    return ws


def _late_rows(ws, monkeypatch):
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(ws))
    rows = {}
    with open_gradebook(gradebook_url()) as gb:
        for student in LATE_CASES:
            submission = gb.find_submission(LATE_ASSIGNMENT, student)
            notebook = gb.find_submission_notebook(LATE_ASSIGNMENT, LATE_ASSIGNMENT, student)
            # the score before the penalty, the penalty, and what the export subtracts
            rows[student] = (submission.total_seconds_late, notebook.score, notebook.late_submission_penalty, submission.late_submission_penalty)
    return rows


@pytest.mark.parametrize("policy", POLICIES)
def test_late_penalties_equal_stock_nbgrader(tmp_path, monkeypatch, policy):
    from grading import late_penalty, pipeline

    schedule = tmp_path / "schedule.toml"
    schedule.write_text(f'timezone = "Asia/Shanghai"\n[late_policy]\n{POLICIES[policy]}\n[assignments.{LATE_ASSIGNMENT}]\ndue = {DUE}\n', encoding="utf-8")
    monkeypatch.setenv("COURSE_SCHEDULE", str(schedule))
    monkeypatch.delenv("COURSE_GRADEBOOK_URL", raising=False)
    late_penalty.clear_cache()
    stock_ws = _late_workspace(tmp_path, "stock", schedule, monkeypatch)
    stock = nbgrader_cli.run(["autograde", LATE_ASSIGNMENT, "--force"])
    assert stock.ok, stock.tail()
    engine_ws = _late_workspace(tmp_path, "engine", schedule, monkeypatch)
    outcomes = pipeline.grade_batch(LATE_ASSIGNMENT, list(LATE_CASES), progress=lambda _: None)
    assert all(o.status == "graded" for o in outcomes), [o.message for o in outcomes]
    theirs, ours = _late_rows(stock_ws, monkeypatch), _late_rows(engine_ws, monkeypatch)
    assert ours == theirs
    # the cases are what they say: on time and within the extension are not late
    seconds = {student: row[0] for student, row in ours.items()}
    assert seconds == {"on_time": 0, "late_2h": 7200, "extended": 0, "late_6d": 6 * 86400 + 7200, "late_after_extension": 7200}
    score = {student: row[1] for student, row in ours.items()}
    penalty = {student: row[2] or 0.0 for student, row in ours.items()}
    assert score["late_2h"] > score["late_6d"] > 0
    assert penalty["on_time"] == penalty["extended"] == 0
    expected = {
        "zero": {"late_2h": 1, "late_6d": 1, "late_after_extension": 1},
        "10% a day, at most 50%": {"late_2h": 0.1, "late_6d": 0.5, "late_after_extension": 0.1},  # 7 started days: 70%, capped
    }[policy]
    for student, fraction in expected.items():
        assert penalty[student] == pytest.approx(fraction * score[student]), student
    # the grades CSV and the summary show the penalty and the score after it
    for outcome in outcomes:
        assert outcome.late_penalty == pytest.approx(penalty[outcome.student_id]), outcome.student_id
    cells = pipeline.graded_cells(pipeline.released_notebook(LATE_ASSIGNMENT))
    path = pipeline.write_grades_csv(tmp_path / "grades.csv", LATE_ASSIGNMENT, cells, outcomes)
    with path.open(encoding="utf-8") as fh:
        rows = {row["student_id"]: row for row in csv.DictReader(fh)}
    for student in LATE_CASES:
        after = float(rows[student]["autograded_score"]) - penalty[student]
        assert float(rows[student]["late_penalty"]) == pytest.approx(penalty[student], abs=1e-6)
        assert float(rows[student]["autograded_after_penalty"]) == pytest.approx(max(0.0, after), abs=1e-6)
    table = pipeline.summary_table(cells, outcomes)
    assert "(late: -" in table and table.count("(late: -") == sum(1 for p in penalty.values() if p)
