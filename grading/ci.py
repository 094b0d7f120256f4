"""CI mode: grade one notebook with no course database.

    python -m grading check path/to/01_market_size.ipynb [--json result.json] [--visible-only]

Prints a readable summary (a line per question with score, maximum and message) and, with
`--json`, writes the same as JSON:

    {"assignment": "01_market_size", "notebook": "...", "status": "graded",
     "score": 9.0, "max_score": 16.0, "message": "",
     "questions": [{"grade_id": "q1_yoy_growth_test", "score": 2.0, "max_score": 2.0, "message": ""}, ...]}

The assignment is found from the notebook's file name (source/<assignment>/<name>.ipynb), or
given with `--assignment`. `--visible-only` grades with the release's visible tests only (a
student's early feedback; hidden tests decide the real grade).

Exit status: 0 when the notebook was graded (whatever its score, also when it crashed part
way: every question still has a score and a reason), 1 when the notebook could not be read
(missing, empty, not JSON, not a notebook), 2 when grading itself failed (unknown
assignment, no sandbox).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from grading.engine.batch import CORRUPT, MISSING, grade_files
from grading.engine.pool import PoolError
from grading.engine.spec import AssignmentSpec, SpecError
from grading.paths import RELEASE, SOURCE, assignments, released_notebook


def find_assignment(notebook: Path) -> str | None:
    for assignment in assignments():
        if (SOURCE / assignment / notebook.name).is_file():
            return assignment
    return notebook.parent.name if notebook.parent.name in assignments() else None


def summary(result: dict) -> str:
    lines = [f"{result['assignment']}: {result['notebook']}: {result['status']}, {result['score']:g} / {result['max_score']:g} points"]
    if result["message"]:
        lines.append(f"  {result['message']}")
    width = max((len(q["grade_id"]) for q in result["questions"]), default=0)
    for q in result["questions"]:
        mark = "ok " if q["score"] >= q["max_score"] else "   "
        text = f"  {mark}{q['grade_id'].ljust(width)}  {q['score']:g}/{q['max_score']:g}"
        if q["message"]:
            text += f"  {q['message'][:300]}"
        lines.append(text)
    return "\n".join(lines)


def check(notebook: Path, assignment: str | None = None, *, visible_only: bool = False) -> tuple[int, dict]:
    assignment = assignment or find_assignment(notebook)
    if assignment is None or assignment not in assignments():
        raise SpecError(f"{notebook}: cannot tell which assignment this is; name it with --assignment (one of {', '.join(assignments())})")
    spec = AssignmentSpec.from_notebook(assignment, released_notebook(assignment, RELEASE)) if visible_only else AssignmentSpec.load(assignment)
    result = grade_files(assignment, {"notebook": notebook}, spec=spec, partial_credit=not visible_only)["notebook"]
    payload = {"assignment": assignment, "notebook": str(notebook), "tests": "visible" if visible_only else "all", **result.as_json()}
    payload.pop("student_id")
    return (1 if result.status in (CORRUPT, MISSING) else 0), payload


def main(notebook: str, assignment: str | None, json_path: str | None, visible_only: bool) -> int:
    path = Path(notebook)
    try:
        code, payload = check(path, assignment, visible_only=visible_only)
    except (SpecError, PoolError, FileNotFoundError) as exc:
        print(f"grading failed: {exc}", file=sys.stderr)
        if json_path:
            Path(json_path).write_text(json.dumps({"notebook": notebook, "status": "error", "message": str(exc)}, indent=2), encoding="utf-8")
        return 2
    print(summary(payload))
    if json_path:
        Path(json_path).write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    return code
