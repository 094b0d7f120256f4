"""The graded batches of a workspace as one tidy table (see `grading.report.analysis`).

Sources, for each `<workspace>/reports/<assignment>_grades.csv` that `grading.pipeline`
wrote (other CSVs in that folder, such as the LMS exports, are left alone):

- the grades CSV: status, a score per graded cell, the grader's note on the submission;
- nbgrader's gradebook (`grading.gradebook`), when it can be opened: the current score of
  every graded or crashed submission, so a hand grade given in formgrader after the batch
  is no longer "pending"; without it the CSV's scores are used;
- the released notebook: each graded cell's maximum and whether it is autograded;
- the autograded notebooks (`<workspace>/autograded/<student>/<assignment>/`): each test's
  message, the error output `grading.engine.record` wrote into the test cell.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

import nbformat
import pandas as pd

from grading.report.analysis import SCORED, TIDY_COLUMNS, empty_tidy

#: the columns that make a CSV one of `grading.pipeline.write_grades_csv`'s
_GRADES_HEADER = ("assignment", "student_id", "status")
_AFTER_CELLS = "autograded_score"


def grade_reports(workspace: Path) -> dict[str, Path]:
    """The grades CSVs of the workspace's graded batches, by assignment id."""
    found = {}
    for path in sorted((Path(workspace) / "reports").glob("*_grades.csv")):
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                header = next(csv.reader(fh), [])
        except (OSError, UnicodeDecodeError):
            continue
        if tuple(header[:3]) == _GRADES_HEADER and _AFTER_CELLS in header:
            found[path.name.removesuffix("_grades.csv")] = path
    return found


def _cells(assignment: str) -> dict[str, tuple[float, bool]]:
    """grade_id -> (maximum, autograded) from the released notebook ({} without one)."""
    from grading.gradebook import graded_cells
    from grading.paths import released_notebook

    try:
        return {c.grade_id: (c.max_score, c.autograded) for c in graded_cells(released_notebook(assignment))}
    except (FileNotFoundError, OSError, ValueError):
        return {}


def test_messages(notebook: Path, questions) -> dict[str, str]:
    """grade_id -> the test's failure message ("ErrorName: text") in an autograded notebook."""
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # noqa: BLE001 - no messages is all it costs
        return {}
    wanted = set(questions)
    found = {}
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid not in wanted or cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found[gid] = f"{out.get('ename', 'Error')}: {out.get('evalue', '')}".strip()
    return found


def _gradebook_scores(assignment: str, students: list[str]) -> dict[str, dict[str, float | None]] | None:
    """Current scores from the gradebook (None when it cannot be opened or does not exist)."""
    from nbgrader.api import MissingEntry

    from grading.gradebook import GradebookError, open_gradebook
    from grading.paths import gradebook_url

    url = gradebook_url()
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return None  # opening it would create an empty one
    out = {}
    try:
        with open_gradebook(url) as gb:  # once for the batch (grading.gradebook.cell_scores opens it per student)
            for student in students:
                try:
                    submission = gb.find_submission(assignment, student)
                except MissingEntry:
                    continue
                out[student] = {g.name: None if g.needs_manual_grade else float(g.score) for nb in submission.notebooks for g in nb.grades}
    except GradebookError:
        return None
    return out


def _number(text: str) -> float:
    try:
        return float(text) if text not in ("", None) else math.nan
    except ValueError:
        return math.nan


def read_grades_csv(path: Path, assignment: str, workspace: Path, *, gradebook: bool = True) -> pd.DataFrame:
    """One grades CSV (with the gradebook's current scores and the tests' messages) as a
    tidy table."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        records = [dict(zip(header, row)) for row in reader if row]
    questions = header[3 : header.index(_AFTER_CELLS)]
    cells = _cells(assignment)
    current = _gradebook_scores(assignment, [r["student_id"] for r in records if r["status"] in SCORED]) if gradebook else None
    rows = []
    for record in records:
        student, status = record["student_id"], record["status"]
        messages = {}
        if status in SCORED:
            folder = Path(workspace) / "autograded" / student / assignment
            for notebook in sorted(folder.glob("*.ipynb")):
                messages.update(test_messages(notebook, questions))
        from_gradebook = (current or {}).get(student) if status in SCORED else None
        for q in questions:
            max_score, autograded = cells.get(q, (math.nan, True))
            if from_gradebook is not None and q in from_gradebook:
                score = math.nan if from_gradebook[q] is None else float(from_gradebook[q])
            else:
                score = _number(record.get(q, ""))
            pending = (not autograded) and status in SCORED and math.isnan(score)
            lost = not (score >= max_score)  # NaN maximum or score: keep the message
            rows.append([assignment, student, q, score, max_score, status, messages.get(q, "") if lost else "", autograded, pending, record.get("message", "")])
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


def load_results(workspace: Path | None = None, *, gradebook: bool = True) -> pd.DataFrame:
    """Every graded batch of the workspace as one tidy table (empty if there is none)."""
    from grading.paths import workspace as default_workspace

    ws = Path(workspace) if workspace is not None else default_workspace()
    tables = [read_grades_csv(path, assignment, ws, gradebook=gradebook) for assignment, path in grade_reports(ws).items()]
    tables = [t for t in tables if not t.empty]
    if not tables:
        return empty_tidy()
    tidy = pd.concat(tables, ignore_index=True)
    return tidy.astype({"score": float, "max_score": float, "autograded": bool, "pending": bool})
