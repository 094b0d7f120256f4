"""Put the engine's results where nbgrader keeps them, so formgrader, feedback and export work.

For each graded submission `record` does what `nbgrader autograde` does after executing:

- writes the autograded notebook to `autograded/<student>/<assignment>/<notebook>.ipynb`
  (with `timestamp.txt`): the release's cells in order, the student's answers (and the
  cells they added) in place, each test cell as the instructor wrote it (the feedback step
  removes the hidden part) with its result as output: the test's message for a failure,
  never a traceback of test code;
- records in the gradebook, as nbgrader's SaveAutoGrades does, an auto score for every test
  cell, 0 for a hand-graded answer left as released and "needs manual grade" for one the
  student wrote, and the "No response." comment for unchanged answer cells. A manual score
  already given is kept.
"""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_output
from nbgrader.utils import compute_checksum, parse_utc
from sqlalchemy.exc import SAWarning

from grading.engine.batch import Result
from grading.engine.spec import AssignmentSpec, grade_id_of
from grading.gradebook import BatchGradebook, ensure_student, ensure_submission, session
from grading.notebooks import dumps


def autograded_notebook(spec: AssignmentSpec, release: nbformat.NotebookNode, result: Result) -> nbformat.NotebookNode:
    submission = result.notebook
    answers = spec.answer_cells(submission) if submission is not None else {}
    tests = {t.grade_id: t for t in spec.tests}
    questions = {q.grade_id: q for q in result.questions}
    cells_run = result.verdict.cells if result.verdict else {}
    added: dict[str, list[str]] = {}
    if submission is not None:
        known = {c.metadata.get("nbgrader", {}).get("grade_id") for c in release.cells} - {None}
        anchor = ""
        for cell in submission.cells:
            gid = grade_id_of(cell)
            if gid in known:
                anchor = gid
            elif cell.get("cell_type") == "code" and isinstance(cell.get("source"), str) and cell["source"].strip():
                added.setdefault(anchor, []).append(cell["source"])
    out = nbformat.v4.new_notebook(metadata=release.metadata)
    out.cells.extend(new_code_cell(code) for code in added.get("", []))
    for cell in release.cells:
        cell = nbformat.from_dict(cell)
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid].source
        if cell.cell_type == "code":
            cell.outputs = []
            if gid in tests:
                cell.source = tests[gid].source
                q = questions.get(gid)
                if q and q.stdout:
                    cell.outputs.append(new_output("stream", name="stdout", text=q.stdout))
                if q and q.score < q.max_score and q.score == 0:
                    name, _, text = q.message.partition(": ") if ": " in q.message else ("AssertionError", "", q.message)
                    if not name.isidentifier():
                        name, text = "AssertionError", q.message
                    cell.outputs.append(new_output("error", ename=name, evalue=text, traceback=[f"{name}: {text}"]))
                elif q and q.score < q.max_score:
                    cell.outputs.append(new_output("execute_result", data={"text/plain": f"{q.score:g}"}, execution_count=None))
            elif gid in cells_run:
                run = cells_run[gid]
                if run.get("out"):
                    cell.outputs.append(new_output("stream", name="stdout", text=run["out"]))
                if run.get("error"):
                    name, _, text = run["error"].partition(": ")
                    cell.outputs.append(new_output("error", ename=name, evalue=text, traceback=[run["error"]]))
        out.cells.append(cell)
        if gid:
            out.cells.extend(new_code_cell(code) for code in added.get(gid, []))
    for index, cell in enumerate(out.cells):
        cell.setdefault("id", f"cell-{index}")
    return out


def _unchanged(cell: nbformat.NotebookNode | None, release_cell: nbformat.NotebookNode) -> bool:
    """Whether an answer cell is still as released (nbgrader's checksum test)."""
    if cell is None:
        return True
    probe = nbformat.from_dict(release_cell)
    probe.source = cell.source
    return release_cell.metadata.get("nbgrader", {}).get("checksum") == compute_checksum(probe)


def record(gradebook: str | BatchGradebook, spec: AssignmentSpec, release_path: Path, result: Result, autograded_dir: Path, submitted_dir: Path | None = None, *, release: nbformat.NotebookNode | None = None) -> Path:
    """Write `result` (a graded or crashed submission) to the gradebook and the autograded
    folder; returns the autograded notebook's path. `gradebook` is a URL (a connection for
    this submission) or a batch's `BatchGradebook`; `release` is the released notebook, if
    the caller has read it already."""
    if release is None:
        release = nbformat.read(release_path, as_version=4)
    notebook = autograded_notebook(spec, release, result)
    target_dir = autograded_dir / result.student_id / spec.assignment
    if target_dir.exists():
        shutil.rmtree(target_dir)
    target_dir.mkdir(parents=True)
    target = target_dir / release_path.name
    target.write_text(dumps(notebook), encoding="utf-8")
    timestamp = None
    if submitted_dir is not None and (submitted_dir / "timestamp.txt").is_file():
        shutil.copy2(submitted_dir / "timestamp.txt", target_dir / "timestamp.txt")
        text = (submitted_dir / "timestamp.txt").read_text(encoding="utf-8").strip()
        timestamp = parse_utc(text) if text else None

    notebook_id = release_path.stem
    answers = spec.answer_cells(result.notebook) if result.notebook is not None else {}
    release_cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in release.cells}
    scores = {q.grade_id: q.score for q in result.questions}
    # open_gradebook and ensure_*: other graders may write the same gradebook at the same moment
    with warnings.catch_warnings(), session(gradebook) as gb:
        # nbgrader's own autograde triggers the same SQLAlchemy autoflush notices
        warnings.simplefilter("ignore", SAWarning)
        ensure_student(gb, result.student_id)
        if timestamp is not None:
            ensure_submission(gb, spec.assignment, result.student_id, timestamp=timestamp)
        else:
            ensure_submission(gb, spec.assignment, result.student_id)
        # the submission's grade and comment rows in two queries (find_grade per cell is two each)
        submitted = gb.find_submission_notebook(notebook_id, spec.assignment, result.student_id)
        grades = {g.name: g for g in submitted.grades}
        comments = {c.name: c for c in submitted.comments}
        for gid, score in scores.items():
            grade = grades.get(gid) or gb.find_grade(gid, notebook_id, spec.assignment, result.student_id)
            grade.auto_score = score
            grade.needs_manual_grade = grade.manual_score is not None
        for manual in spec.manual:
            grade = grades.get(manual.grade_id) or gb.find_grade(manual.grade_id, notebook_id, spec.assignment, result.student_id)
            unchanged = _unchanged(answers.get(manual.grade_id), release_cells[manual.grade_id])
            grade.auto_score = 0.0 if unchanged else None
            grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
        for gid in spec.answers:
            if gid not in release_cells:
                continue
            comment = comments.get(gid) or gb.find_comment(gid, notebook_id, spec.assignment, result.student_id)
            task = release_cells[gid].metadata.get("nbgrader", {}).get("task")
            comment.auto_comment = "No response." if _unchanged(answers.get(gid), release_cells[gid]) and not task else None
        gb.db.commit()
    return target
