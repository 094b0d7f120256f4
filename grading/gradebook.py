"""Read scores out of nbgrader's gradebook (the system of record)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from grading.paths import put_environment_scripts_on_path

# nbgrader's Gradebook creates or upgrades its database with `alembic`
put_environment_scripts_on_path()


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


def cell_scores(db_url: str, assignment: str, student_id: str) -> dict[str, CellScore] | None:
    """Scores per graded cell of a student's submission; None if the gradebook has none."""
    with Gradebook(db_url) as gb:
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
    with Gradebook(db_url) as gb:
        for student in student_ids:
            try:
                gb.remove_student(student)
            except MissingEntry:
                pass


def roster(db_url: str) -> list[str]:
    """The ids of the students in the gradebook (`nbgrader db student import` fills it)."""
    with Gradebook(db_url) as gb:
        return sorted(s.id for s in gb.students)
