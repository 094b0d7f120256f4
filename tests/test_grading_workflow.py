"""The instructor's grading workflow in GitHub Actions (.github/workflows/grade.yml), run
step by step here as GitHub would run it, on a copy of this repository with the sample
submissions as a folder and as a platform's zip."""
from __future__ import annotations

import csv
import zipfile
from collections import defaultdict

import pytest

from grading.engine.pool import sandbox_available
from grading.paths import ROOT
from grading.samples import build as build_sample
from grading.samples import expected_scores, load_samples
from workflow_runner import WorkflowError, run_workflow, working_tree_copy

A = "01_market_size"
WORKFLOW = ROOT / ".github" / "workflows" / "grade.yml"

pytestmark = pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")


def _checkout(tmp_path):
    """The working tree as git would check it out (tracked and new files, not ignored ones)."""
    return working_tree_copy(ROOT, tmp_path / "instructor-repo")


def _expected_totals():
    totals = defaultdict(float)
    for row in expected_scores(A):
        if row["score"] not in ("", "pending"):  # answers graded by hand are not autograded
            totals[row["student_id"]] += float(row["score"])
    return totals


def _samples(checkout):
    """Each sample's notebook text (None for the one that submits nothing)."""
    return {s.student_id: build_sample(s, checkout / "release") for s in load_samples(A)}


def _check_grades(run, handed_in):
    assert run.ok, run.report()
    with open(run.artifacts / "grades" / f"{A}_grades.csv", encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    expected = _expected_totals()
    for student in handed_in:
        assert float(rows[student]["autograded_score"]) == expected[student], (student, rows[student])
        assert f"| {student} |" in run.summary
    feedback = {p.parent.parent.name for p in (run.artifacts / "feedback").rglob("*.html")}
    assert {s for s in handed_in if rows[s]["status"] in ("graded", "crashed")} <= feedback
    for name in ("nbgrader_grades.csv", "canvas_grades.csv", "moodle_grades.csv", "summary.md"):
        assert (run.artifacts / "grades" / name).is_file(), name
    return rows


def test_the_workflow_installs_the_course_and_grades_a_folder_of_submissions(tmp_path):
    # slow: every step runs as on GitHub, pip install of a copy of the repository included,
    # then the sandbox grades the nine samples and nbgrader writes their feedback
    checkout = _checkout(tmp_path)
    handed_in = {}
    for student, text in _samples(checkout).items():
        if text is not None:
            path = checkout / "submissions" / student / f"{A}.ipynb"
            path.parent.mkdir(parents=True)
            path.write_text(text, encoding="utf-8")
            handed_in[student] = path
    run = run_workflow(WORKFLOW, checkout, inputs={"assignment": A, "submissions": "submissions"})
    rows = _check_grades(run, handed_in)
    assert rows["corrupt"]["status"] == "corrupt" and "is not a notebook" in rows["corrupt"]["message"]
    assert f"## {A}: {len(handed_in)} submissions graded" in run.summary


def test_the_workflow_installs_the_course_and_grades_a_zip_from_canvas(tmp_path):
    # slow: the whole workflow again (install, record, collect, grade, feedback, export)
    checkout = _checkout(tmp_path)
    archive = checkout / "downloads" / "submissions.zip"
    archive.parent.mkdir(parents=True)
    handed_in, roster = [], ["lms_id,student_id"]
    with zipfile.ZipFile(archive, "w") as zf:
        for i, (student, text) in enumerate(sorted(_samples(checkout).items())):
            if text is not None:
                # Canvas's "Download submissions": <lastfirst>_<user id>_<file id>_<file name>
                zf.writestr(f"student{i}_{1000 + i}_{55000 + i}_{A}.ipynb", text)
                roster.append(f"{1000 + i},{student}")
                handed_in.append(student)
        zf.writestr("notes_1999_55999_readme.txt", "not a notebook")
    (checkout / "downloads" / "roster.csv").write_text("\n".join(roster) + "\n", encoding="utf-8")
    # the steps after collecting are those of the folder test above
    run = run_workflow(WORKFLOW, checkout, inputs={"assignment": A, "submissions": "downloads/submissions.zip", "platform": "canvas", "roster": "downloads/roster.csv"}, stop_after="Collect the submissions")
    assert run.ok, run.report()
    submitted = checkout / "grading" / "workspace" / "submitted"
    assert sorted(p.parent.parent.name for p in submitted.glob(f"*/{A}/{A}.ipynb")) == sorted(handed_in)
    assert "## Collected" in run.summary and "readme.txt" in run.summary  # what was left out, and why


def test_a_missing_submissions_folder_fails_the_collect_step(tmp_path):
    checkout = _checkout(tmp_path)
    run = run_workflow(WORKFLOW, checkout, inputs={"assignment": A, "submissions": "no/such/folder"}, stop_after="Collect the submissions")
    step = run.step("Collect the submissions")
    assert step.status == "failure" and "no/such/folder" in step.output and "Traceback" not in step.output
    assert "no such folder" in run.summary


def test_the_runner_refuses_what_it_cannot_run_faithfully(tmp_path):
    with pytest.raises(WorkflowError, match="required inputs"):
        run_workflow(WORKFLOW, tmp_path, inputs={"assignment": A})
    odd = tmp_path / "odd.yml"
    odd.write_text("on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - uses: someone/unknown-action@v1\n")
    with pytest.raises(WorkflowError, match="does not run"):
        run_workflow(odd, tmp_path)
