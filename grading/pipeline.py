"""Grade a batch of submissions with nbgrader, one student at a time.

For each student: check that the submitted notebook can be read at all, autograde it
(`nbgrader autograde`), write feedback (`nbgrader generate_feedback`) and read the scores
back from the gradebook. A missing, corrupt or crashing submission is reported with a reason
and never stops the rest of the batch.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from grading import nbgrader_cli
from grading.gradebook import CellScore, GradedCell, cell_scores, graded_cells
from grading.paths import gradebook_url, released_notebook, workspace

GRADED, CORRUPT, MISSING, ERROR = "graded", "corrupt", "missing", "error"


@dataclass
class Outcome:
    student_id: str
    status: str
    message: str = ""
    scores: dict[str, CellScore] = field(default_factory=dict)
    feedback: Path | None = None

    def autograded_score(self, cells: list[GradedCell]) -> float:
        return sum((self.scores[c.grade_id].score or 0.0) for c in cells if c.autograded and c.grade_id in self.scores)

    def manual_pending(self, cells: list[GradedCell]) -> int:
        return sum(1 for c in cells if not c.autograded and (c.grade_id not in self.scores or self.scores[c.grade_id].score is None) and self.status == GRADED)


def unreadable(path: Path) -> str | None:
    """Why a submitted notebook cannot be graded, or None if it can be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return f"{path.name} is not UTF-8 text (byte {exc.start})"
    except OSError as exc:
        return f"{path.name} cannot be read ({exc.strerror})"
    if not text.strip():
        return f"{path.name} is empty"
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"{path.name} is not a notebook: invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); the file may be truncated"
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several types for malformed notebooks
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"{path.name} is JSON but not a valid notebook: {first}"
    return None


_EXCEPTION_LINE = re.compile(r"^\s*(?:[\w.]+\.)?(\w+(?:Error|Exception)):\s*(.*)$")
_EXPLAINED = {
    "DeadKernelError": "the kernel died while running the notebook (the student's code crashed it, called os._exit, or ran out of memory)",
    "CellTimeoutError": "a cell ran longer than the time limit",
    "TimeoutError": "a cell ran longer than the time limit",
}


def _error_reason(output: str) -> str:
    """The most telling line of nbgrader's log: the last exception, explained if we can."""
    exceptions = [m for m in map(_EXCEPTION_LINE.match, output.splitlines()) if m]
    if exceptions:
        name, text = exceptions[-1].group(1), exceptions[-1].group(2).strip()
        return _EXPLAINED.get(name, f"{name}: {text}")
    generic = ("Please see the", "There was an error processing")
    lines = [line.strip() for line in output.splitlines() if "ERROR" in line and not any(g in line for g in generic)]
    return lines[-1] if lines else "nbgrader failed; see its log"


def grade_student(assignment: str, student_id: str) -> Outcome:
    """Autograde one student's submission and write their feedback."""
    ws = workspace()
    notebook_name = released_notebook(assignment).name
    submitted = ws / "submitted" / student_id / assignment / notebook_name
    if not submitted.is_file():
        nbgrader_cli.run(["db", "student", "add", student_id])
        return Outcome(student_id, MISSING, f"no submission: {submitted.relative_to(ws)} does not exist")
    reason = unreadable(submitted)
    if reason:
        nbgrader_cli.run(["db", "student", "add", student_id])
        return Outcome(student_id, CORRUPT, reason)
    result = nbgrader_cli.run(["autograde", assignment, "--student", student_id, "--force"])
    scores = cell_scores(gradebook_url(), assignment, student_id)
    if not result.ok or scores is None:
        return Outcome(student_id, ERROR, f"autograding failed: {_error_reason(result.output)}", scores or {})
    feedback = nbgrader_cli.run(["generate_feedback", assignment, "--student", student_id, "--force"])
    html = ws / "feedback" / student_id / assignment / notebook_name.replace(".ipynb", ".html")
    problems = []
    ungraded = [c.grade_id for c in graded_cells(released_notebook(assignment)) if c.autograded and (c.grade_id not in scores or scores[c.grade_id].score is None)]
    if ungraded:
        problems.append(f"needs a person: {', '.join(ungraded)} could not be graded automatically (test cell deleted or changed?)")
    if not feedback.ok:
        problems.append(f"feedback not written: {_error_reason(feedback.output)}")
    return Outcome(student_id, GRADED, "; ".join(problems), scores, html if html.is_file() else None)


def grade_batch(assignment: str, student_ids: list[str], progress=print) -> list[Outcome]:
    outcomes = []
    for i, student in enumerate(student_ids, 1):
        try:
            outcome = grade_student(assignment, student)
        except Exception as exc:  # one submission never stops the batch
            outcome = Outcome(student, ERROR, f"{type(exc).__name__}: {exc}")
        progress(f"[{i}/{len(student_ids)}] {assignment} {student}: {outcome.status}{' - ' + outcome.message if outcome.message else ''}")
        outcomes.append(outcome)
    return outcomes


def grade_and_report(assignment: str, student_ids: list[str], progress=print) -> tuple[list[GradedCell], list[Outcome], Path]:
    """Grade a batch and write `reports/<assignment>_grades.csv`; returns the graded cells,
    the outcomes and the CSV's path."""
    outcomes = grade_batch(assignment, student_ids, progress)
    cells = graded_cells(released_notebook(assignment))
    path = write_grades_csv(workspace() / "reports" / f"{assignment}_grades.csv", assignment, cells, outcomes)
    return cells, outcomes, path


def write_grades_csv(path: Path, assignment: str, cells: list[GradedCell], outcomes: list[Outcome]) -> Path:
    """One row per student: status, a score per graded cell, totals, feedback file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    auto_max = sum(c.max_score for c in cells if c.autograded)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["assignment", "student_id", "status", *[c.grade_id for c in cells], "autograded_score", "autograded_max", "manual_pending", "message", "feedback"])
        for o in outcomes:
            per_cell = []
            for c in cells:
                s = o.scores.get(c.grade_id)
                per_cell.append("" if s is None or s.score is None else f"{s.score:g}")
            if o.status != GRADED:
                per_cell = ["0" for _ in cells]  # nothing was submitted that could earn a point
            feedback = str(o.feedback.relative_to(workspace())) if o.feedback else ""
            writer.writerow([assignment, o.student_id, o.status, *per_cell, f"{o.autograded_score(cells):g}", f"{auto_max:g}", o.manual_pending(cells), o.message, feedback])
    return path


def summary_table(cells: list[GradedCell], outcomes: list[Outcome], expected: dict[str, str] | None = None) -> str:
    """A short plain-text table: one line per student."""
    auto_max = sum(c.max_score for c in cells if c.autograded)
    header = ["student", "status", "autograded", "manual", "expected"] if expected is not None else ["student", "status", "autograded", "manual"]
    rows = []
    for o in outcomes:
        row = [o.student_id, o.status, f"{o.autograded_score(cells):g} / {auto_max:g}", f"{o.manual_pending(cells)} pending" if o.manual_pending(cells) else "-"]
        if expected is not None:
            row.append(expected.get(o.student_id, "?"))
        rows.append(row)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])
