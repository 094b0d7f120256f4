"""Grade a batch of submissions into nbgrader's gradebook with the course's engine.

For every student: check that the submitted notebook can be read at all, grade it with the
engine (`grading.engine`: each submission in its own sandboxed process, tests from
`source/`, scores decided in the grader's process), record the scores and the autograded
notebook where `nbgrader autograde` would (`grading.engine.record`), then write everyone's
feedback with `nbgrader generate_feedback` and read the scores back from the gradebook.
A missing, corrupt, crashing or hanging submission is reported with a reason and never
stops the rest of the batch; a journal lets an interrupted batch resume.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from grading import nbgrader_cli
from grading.notebooks import unreadable  # noqa: F401 - part of this module's interface
from grading.late_penalty import record_late_penalty
from grading.gradebook import BatchGradebook, CellScore, GradedCell, cell_scores, ensure_student, explain, graded_cells
from grading.paths import gradebook_url, released_notebook, workspace
from grading.plain_data import safe_text

GRADED, CRASHED, CORRUPT, MISSING, ERROR = "graded", "crashed", "corrupt", "missing", "error"


@dataclass
class Outcome:
    student_id: str
    status: str
    message: str = ""
    scores: dict[str, CellScore] = field(default_factory=dict)
    feedback: Path | None = None
    late_penalty: float = 0.0  # nbgrader's, as the gradebook holds it (the schedule's late policy)

    def autograded_score(self, cells: list[GradedCell]) -> float:
        return sum((self.scores[c.grade_id].score or 0.0) for c in cells if c.autograded and c.grade_id in self.scores)

    def manual_pending(self, cells: list[GradedCell]) -> int:
        return sum(1 for c in cells if not c.autograded and (c.grade_id not in self.scores or self.scores[c.grade_id].score is None) and self.status in (GRADED, CRASHED))


_EXCEPTION_LINE = re.compile(r"^\s*(?:[\w.]+\.)?(\w+(?:Error|Exception)):\s*(.*)$")


_EXPLAINED = {
    "DeadKernelError": "the kernel died while running the notebook (the student's code crashed it, called os._exit, or ran out of memory)",
    "CellTimeoutError": "a cell ran longer than the time limit",
    "TimeoutError": "a cell ran longer than the time limit",
}


def _error_reason(output: str) -> str:
    """The most telling line of an nbgrader log: the last exception, explained if we can."""
    exceptions = [m for m in map(_EXCEPTION_LINE.match, output.splitlines()) if m]
    if exceptions:
        name, text = exceptions[-1].group(1), exceptions[-1].group(2).strip()
        return _EXPLAINED.get(name, f"{name}: {text}")
    generic = ("Please see the", "There was an error processing")
    lines = [line.strip() for line in output.splitlines() if "ERROR" in line and not any(g in line for g in generic)]
    return lines[-1] if lines else "nbgrader failed; see its log"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Journal:
    """What a batch has graded so far, one JSON line per submission, so `--resume` can skip
    work already done (same submission bytes, same instructor notebook)."""

    def __init__(self, path: Path):
        self.path = path

    def entries(self) -> dict[str, dict]:
        found: dict[str, dict] = {}
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut short by a crash of the grader itself
                if isinstance(entry, dict) and "student_id" in entry:
                    found[entry["student_id"]] = entry
        return found

    def append(self, entry: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


def grade_batch(assignment: str, student_ids: list[str], progress=print, *, resume: bool = False, workers: int | None = None, limits=None) -> list[Outcome]:
    """Grade every student's submission with the engine (sandboxed, all cores), record the
    scores in the gradebook and write feedback. With `resume`, submissions already graded
    (same file, same instructor notebook) keep their grades and are not run again."""
    with BatchGradebook(gradebook_url()) as gradebook:  # one connection for the batch
        return _grade_batch(assignment, student_ids, progress, gradebook, resume=resume, workers=workers, limits=limits)


def _grade_batch(assignment: str, student_ids: list[str], progress, gradebook: BatchGradebook, *, resume: bool, workers: int | None, limits) -> list[Outcome]:
    ws = workspace()
    release_path = released_notebook(assignment)
    release = nbformat.read(release_path, as_version=4)
    spec = AssignmentSpec.load(assignment)
    journal = Journal(ws / "engine" / f"{assignment}.jsonl")
    done = journal.entries() if resume else {}
    files: dict[str, Path | None] = {}
    outcomes: dict[str, Outcome] = {}
    for student in student_ids:
        path = ws / "submitted" / student / assignment / release_path.name
        entry = done.get(student)
        if entry and path.is_file() and entry.get("sha256") == _digest(path) and entry.get("spec") == spec.digest:
            scores = cell_scores(gradebook, assignment, student)
            if scores is not None or entry["status"] in (CORRUPT, MISSING):
                outcomes[student] = Outcome(student, entry["status"], entry.get("message", ""), scores or {})
                progress(f"{assignment} {student}: already graded ({entry['status']}), kept")
                continue
        files[student] = path if path.is_file() else None

    def on_result(result: Result) -> None:
        path = files[result.student_id]
        try:
            if result.status in (GRADED, CRASHED):
                record(gradebook, spec, release_path, result, ws / "autograded", path.parent if path else None, release=release)
                try:
                    record_late_penalty(gradebook, assignment, result.student_id, release_path.stem)  # as stock autograde's last step
                except Exception as exc:  # noqa: BLE001 - the scores are recorded; only the penalty is not
                    result.message = "; ".join(filter(None, [result.message, f"late penalty not applied: {explain(exc)}"]))
            else:
                with gradebook.session() as gb:
                    ensure_student(gb, result.student_id)
            message = result.message
            if result.status == MISSING:
                message = f"no submission: {(ws / 'submitted' / result.student_id / assignment / release_path.name).relative_to(ws)} does not exist"
            outcomes[result.student_id] = Outcome(result.student_id, result.status, message)
            wrong = {q.grade_id: list(q.answer) for q in result.questions if q.answer}  # for the report's shared wrong answers
            journal.append({"student_id": result.student_id, "status": result.status, "message": message, "sha256": _digest(path) if path and path.is_file() else None, "spec": spec.digest, "score": result.score, "wrong": wrong})
        except Exception as exc:  # the gradebook refused: this submission alone is affected
            outcomes[result.student_id] = Outcome(result.student_id, ERROR, f"grades not recorded: {explain(exc)}")

    if files:
        try:
            grade_files(assignment, files, spec=spec, workers=workers, limits=limits, progress=progress, on_result=on_result)
        except PoolError as exc:
            for student in files:
                outcomes.setdefault(student, Outcome(student, ERROR, f"not graded: {exc}"))
        except Exception as exc:  # noqa: BLE001 - a fault of the grader itself: the rest say so, nobody's grade is lost
            for student in files:
                outcomes.setdefault(student, Outcome(student, ERROR, safe_text(f"not graded: the grader failed ({type(exc).__name__}: {exc})", 2000)))
    graded = [s for s, o in outcomes.items() if o.status in (GRADED, CRASHED)]
    feedback_problem = ""
    if graded:
        result = nbgrader_cli.run(["generate_feedback", assignment, "--force"])
        if not result.ok:
            feedback_problem = f"feedback not written: {_error_reason(result.output)}"
    final = []
    for student in student_ids:
        outcome = outcomes.get(student) or Outcome(student, ERROR, "not graded (the grader stopped early)")
        if outcome.status in (GRADED, CRASHED):
            outcome.scores = cell_scores(gradebook, assignment, student) or {}
            outcome.late_penalty = _late_penalty(gradebook, assignment, student)
            html = ws / "feedback" / student / assignment / release_path.name.replace(".ipynb", ".html")
            outcome.feedback = html if html.is_file() else None
            if feedback_problem:
                outcome.message = "; ".join(filter(None, [outcome.message, feedback_problem]))
        final.append(outcome)
    return final


def _late_penalty(gradebook: BatchGradebook, assignment: str, student: str) -> float:
    """The late penalty nbgrader recorded for the submission (0 when on time or unknown)."""
    try:
        with gradebook.session() as gb:
            return float(gb.find_submission(assignment, student).late_submission_penalty or 0.0)
    except Exception:  # noqa: BLE001 - no submission row, or the gradebook refused: no penalty to show
        return 0.0


def grade_and_report(assignment: str, student_ids: list[str], progress=print, *, resume: bool = False) -> tuple[list[GradedCell], list[Outcome], Path]:
    """Grade a batch and write `reports/<assignment>_grades.csv`; returns the graded cells,
    the outcomes and the CSV's path."""
    outcomes = grade_batch(assignment, student_ids, progress, resume=resume)
    cells = graded_cells(released_notebook(assignment))
    path = write_grades_csv(workspace() / "reports" / f"{assignment}_grades.csv", assignment, cells, outcomes)
    return cells, outcomes, path


def write_grades_csv(path: Path, assignment: str, cells: list[GradedCell], outcomes: list[Outcome]) -> Path:
    """One row per student: status, a score per graded cell, totals, feedback file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    auto_max = sum(c.max_score for c in cells if c.autograded)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["assignment", "student_id", "status", *[c.grade_id for c in cells], "autograded_score", "autograded_max", "manual_pending", "message", "feedback",
                         "late_penalty", "autograded_after_penalty"])
        for o in outcomes:
            per_cell = []
            for c in cells:
                s = o.scores.get(c.grade_id)
                per_cell.append("" if s is None or s.score is None else f"{s.score:g}")
            if o.status not in (GRADED, CRASHED):
                per_cell = ["0" for _ in cells]  # nothing was submitted that could earn a point
            feedback = str(o.feedback.relative_to(workspace())) if o.feedback else ""
            after = max(0.0, o.autograded_score(cells) - o.late_penalty)
            writer.writerow([assignment, o.student_id, o.status, *per_cell, f"{o.autograded_score(cells):g}", f"{auto_max:g}", o.manual_pending(cells), o.message, feedback,
                             f"{o.late_penalty:g}", f"{after:g}"])
    return path


def summary_table(cells: list[GradedCell], outcomes: list[Outcome], expected: dict[str, str] | None = None) -> str:
    """A short plain-text table: one line per student."""
    auto_max = sum(c.max_score for c in cells if c.autograded)
    header = ["student", "status", "autograded", "manual", "expected"] if expected is not None else ["student", "status", "autograded", "manual"]
    rows = []
    for o in outcomes:
        late = f" (late: -{o.late_penalty:g})" if o.late_penalty else ""
        row = [o.student_id, o.status, f"{o.autograded_score(cells):g} / {auto_max:g}{late}", f"{o.manual_pending(cells)} pending" if o.manual_pending(cells) else "-"]
        if expected is not None:
            row.append(expected.get(o.student_id, "?"))
        rows.append(row)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def summary_markdown(assignment: str, cells: list[GradedCell], outcomes: list[Outcome]) -> str:
    """The batch as Markdown (for a CI job summary): totals, then a row per student with
    status, autograded score, hand grading pending and the reason of anything not graded."""
    auto_max = sum(c.max_score for c in cells if c.autograded)
    graded = [o for o in outcomes if o.status in (GRADED, CRASHED)]
    scores = sorted(o.autograded_score(cells) for o in graded)
    median = (scores[len(scores) // 2] + scores[(len(scores) - 1) // 2]) / 2 if scores else 0.0
    counts = ", ".join(f"{sum(o.status == s for o in outcomes)} {s}" for s in (GRADED, CRASHED, CORRUPT, MISSING, ERROR) if any(o.status == s for o in outcomes))
    pending = sum(o.manual_pending(cells) for o in outcomes)
    lines = [
        f"## {assignment}: {len(outcomes)} submissions graded",
        "",
        f"{counts}; median autograded score {median:g} / {auto_max:g}; {pending} answer(s) to grade by hand in formgrader.",
        "",
        "| student | status | autograded | by hand | note |",
        "| --- | --- | ---: | --- | --- |",
    ]
    for o in outcomes:
        note = " ".join(o.message.split()).replace("|", "\\|")[:200]
        lines.append(f"| {o.student_id} | {o.status} | {o.autograded_score(cells):g} / {auto_max:g} | {f'{o.manual_pending(cells)} pending' if o.manual_pending(cells) else '-'} | {note} |")
    return "\n".join(lines) + "\n"


# imported last: the engine's batch module reads `unreadable` from here
from grading.engine.batch import Result, grade_files  # noqa: E402
from grading.engine.pool import PoolError  # noqa: E402
from grading.engine.record import record  # noqa: E402
from grading.engine.spec import AssignmentSpec  # noqa: E402
