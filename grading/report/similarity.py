"""Pairs of submissions whose answer code is unusually similar: evidence for a person to
look at, never a penalty.

The fingerprints are copydetect's (MOSS-style k-gram fingerprints, Schleimer, Wilkerson and
Aiken 2003; https://github.com/blingenf/copydetect, MIT): each submission's answer code is
tokenised by pygments with every name replaced by one symbol (so renamed variables change
nothing) and hashed in k-grams (all of them: a winnowing window of 1, see `GUARANTEE`); two
submissions are compared by the share of each one's fingerprinted code that the other also
has. Fingerprints are a set, so cells moved around change nothing either.

What counts as a submission's code: its answer cells (by grade_id, wherever they are in the
notebook, in the notebook's order) and the code cells it added, with outputs ignored. What is
removed before comparing (copydetect's *boilerplate*): the released template's answer cells
(`# YOUR CODE HERE`, `raise NotImplementedError()`) and the instructor's solution, since
code everyone is given, or that follows the model answer, says nothing about copying. A
submission with fewer than `min_tokens` fingerprinted characters left is not compared.

A pair's score is the smaller of the two shares (both students' code is mostly shared); a
pair is listed at `threshold` and above (0.6 by default: see the README for the rate
measured on the course's test set). Each pair shows its cells side by side, matched by
copydetect's share per cell.
"""
from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field

import nbformat
from copydetect import CodeFingerprint, compare_files

from grading.engine.spec import AssignmentSpec, grade_id_of

#: copydetect's noise threshold (k) and guarantee threshold: matches shorter than K filtered
#: characters are ignored, matches of GUARANTEE or more are always found. GUARANTEE == K is a
#: winnowing window of 1, every k-gram kept: copydetect hashes k-grams with Python's `hash`,
#: randomised per process, so a wider window would keep other fingerprints in every run and a
#: pair's score would change from run to run (0.64 to 0.67 for one planted pair with window 6)
K, GUARANTEE = 15, 15
THRESHOLD = 0.6
MIN_TOKENS = 60


@dataclass(frozen=True)
class Cell:
    label: str  # the grade_id, or "added after <grade_id>"
    code: str


@dataclass
class Code:
    student_id: str
    cells: list[Cell]

    @property
    def text(self) -> str:
        return "\n".join(c.code for c in self.cells) + "\n"


@dataclass
class CellMatch:
    left: Cell
    right: Cell
    score: float


@dataclass
class Pair:
    a: str
    b: str
    score: float
    shares: tuple[float, float]
    cells: list[CellMatch] = field(default_factory=list)


def answer_code(spec: AssignmentSpec, release: nbformat.NotebookNode, submission: nbformat.NotebookNode, student_id: str) -> Code:
    """The student's code: answer cells changed from the release, and added code cells, in
    the order of the submitted notebook."""
    released = {grade_id_of(c): c.get("source", "") for c in release.cells if grade_id_of(c)}
    known = set(released)
    cells: list[Cell] = []
    anchor = "the start"
    for cell in submission.cells:
        if cell.get("cell_type") != "code" or not isinstance(cell.get("source"), str) or not cell["source"].strip():
            gid = grade_id_of(cell)
            anchor = gid if gid in known else anchor
            continue
        gid = grade_id_of(cell)
        if gid in spec.answers:
            if cell["source"].strip() != released.get(gid, "").strip():
                cells.append(Cell(gid, cell["source"]))
            anchor = gid
        elif gid in known:
            anchor = gid  # a test or locked cell: the grader uses its own copy
        else:
            cells.append(Cell(f"added after {anchor}", cell["source"]))
    return Code(student_id, cells)


def _fingerprint(text: str, boilerplate=None) -> CodeFingerprint:
    return CodeFingerprint("answers.py", K, GUARANTEE - K + 1, boilerplate=boilerplate, fp=io.StringIO(text))


def boilerplate(spec: AssignmentSpec, release: nbformat.NotebookNode, solution: nbformat.NotebookNode | None) -> list[int]:
    """Fingerprints of the code every student is given or expected to write: the release's
    answer cells and the instructor's solution to them."""
    texts = [c.get("source", "") for c in release.cells if grade_id_of(c) in spec.answers and c.get("cell_type") == "code"]
    if solution is not None:
        texts += [c.source for gid, c in spec.answer_cells(solution).items() if c.get("cell_type") == "code"]
    return sorted(_fingerprint("\n".join(texts) + "\n").hashes)


def similar_pairs(codes: list[Code], template: list[int], *, threshold: float = THRESHOLD, min_tokens: int = MIN_TOKENS) -> tuple[list[Pair], list[Pair]]:
    """(the pairs at or above `threshold`, most similar first; every pair compared, with its
    score). Submissions with less than `min_tokens` of their own code are left out."""
    prints = {c.student_id: _fingerprint(c.text, template) for c in codes}
    compared = [c for c in codes if prints[c.student_id].token_coverage >= min_tokens]
    every = []
    for left, right in itertools.combinations(sorted(compared, key=lambda c: c.student_id), 2):
        _, shares, _ = compare_files(prints[left.student_id], prints[right.student_id])
        shares = (float(shares[0]), float(shares[1]))
        every.append(Pair(left.student_id, right.student_id, min(shares), shares))
    flagged = sorted((p for p in every if p.score >= threshold), key=lambda p: -p.score)
    by_id = {c.student_id: c for c in codes}
    for pair in flagged:
        pair.cells = matching_cells(by_id[pair.a], by_id[pair.b], template)
    return flagged, every


def matching_cells(a: Code, b: Code, template: list[int], floor: float = 0.3) -> list[CellMatch]:
    """Each cell of `a` beside the cell of `b` that shares most of its fingerprints (at
    least `floor`), best first."""
    right = [(cell, _fingerprint(cell.code + "\n", template)) for cell in b.cells]
    matches = []
    for cell in a.cells:
        fp = _fingerprint(cell.code + "\n", template)
        if not fp.hashes:
            continue
        best = max(((float(min(compare_files(fp, other)[1])), other_cell) for other_cell, other in right if other.hashes), default=None, key=lambda x: x[0])
        if best and best[0] >= floor:
            matches.append(CellMatch(cell, best[1], best[0]))
    return sorted(matches, key=lambda m: -m.score)


# ---------------------------------------------------------------------- the workspace


def workspace_codes(workspace, assignment: str, students: list[str]) -> tuple[list[Code], list[int]]:
    """The submitted code of `students` (from `<workspace>/submitted/`) and the assignment's
    boilerplate fingerprints. Unreadable notebooks are left out (the attention list has them)."""
    from pathlib import Path

    from grading.paths import SOURCE, released_notebook

    release_path = released_notebook(assignment)
    release = nbformat.read(release_path, as_version=4)
    spec = AssignmentSpec.load(assignment)
    solutions = sorted((SOURCE / assignment).glob("*.ipynb"))
    solution = nbformat.read(solutions[0], as_version=4) if solutions else None
    codes = []
    for student in students:
        path = Path(workspace) / "submitted" / student / assignment / release_path.name
        try:
            notebook = nbformat.read(path, as_version=4)
        except Exception:  # noqa: BLE001 - a corrupt or missing notebook has no code to compare
            continue
        codes.append(answer_code(spec, release, notebook, student))
    return codes, boilerplate(spec, release, solution)


def similar_submissions(workspace, tidy, *, threshold: float = THRESHOLD) -> list[tuple[str, Pair]]:
    """(assignment, pair) for every graded batch of the report's tidy table."""
    found = []
    for assignment, group in tidy.groupby("assignment"):
        students = sorted(group.loc[group["status"].isin(("graded", "crashed")), "student"].unique())
        codes, template = workspace_codes(workspace, assignment, students)
        flagged, _ = similar_pairs(codes, template, threshold=threshold)
        found += [(assignment, pair) for pair in flagged]
    return found


def pairs_table(found: list[tuple[str, Pair]]):
    import pandas as pd

    rows = [{"assignment": a, "student_a": p.a, "student_b": p.b, "score": p.score, "share_a": p.shares[0], "share_b": p.shares[1], "matching_cells": len(p.cells)} for a, p in found]
    return pd.DataFrame(rows, columns=["assignment", "student_a", "student_b", "score", "share_a", "share_b", "matching_cells"])


def side_by_side(pair: Pair):
    """The pair's matching cells as a table: a's cell, b's cell, the share."""
    import pandas as pd

    rows = [{f"{pair.a}: cell": m.left.label, f"{pair.a}: code": m.left.code, f"{pair.b}: cell": m.right.label, f"{pair.b}: code": m.right.code, "share": m.score} for m in pair.cells]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------- shared wrong answers


def wrong_answers(workspace, tidy):
    """The wrong answers of the report's graded submissions, as the engine's journal of each
    batch (`<workspace>/engine/<assignment>.jsonl`) keeps them: a digest of the values each
    failed test read and a short text of them. Columns: assignment, student, question,
    digest, answer. A batch graded before the journal kept answers has no rows."""
    import json
    from pathlib import Path

    import pandas as pd

    columns = ["assignment", "student", "question", "digest", "answer"]
    rows = []
    graded = tidy[tidy["status"].isin(("graded", "crashed"))]
    for assignment, group in graded.groupby("assignment"):
        students = set(group["student"])
        journal = Path(workspace) / "engine" / f"{assignment}.jsonl"
        latest: dict[str, dict] = {}
        if journal.is_file():
            for line in journal.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut short by a crash of the grader
                if isinstance(entry, dict) and entry.get("student_id") in students:
                    latest[entry["student_id"]] = entry  # the last grading of a student counts
        for student, entry in sorted(latest.items()):
            wrong = entry.get("wrong") if isinstance(entry.get("wrong"), dict) else {}
            for question, answer in sorted(wrong.items()):
                if isinstance(answer, list) and len(answer) == 2 and all(isinstance(x, str) for x in answer):
                    rows.append([assignment, student, question, answer[0], answer[1]])
    return pd.DataFrame(rows, columns=columns)


def shared_wrong_answers(answers, *, few: int = 2, min_shared: int = 2):
    """Pairs of students who lost points on at least `min_shared` questions with the very same
    answer values (equal digests of what the tests read), where that wrong value is rare: at
    most `few` students of the batch gave it. A common wrong value is a common mistake, not
    evidence. `answers` is `wrong_answers`' table.
    Columns: assignment, student_a, student_b, shared, questions, answers."""
    import pandas as pd

    columns = ["assignment", "student_a", "student_b", "shared", "questions", "answers"]
    rows = []
    for assignment, group in answers.groupby("assignment"):
        holders = group.groupby(["question", "digest"])
        pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for (question, _), held in holders:
            students = sorted(set(held["student"]))
            if 2 <= len(students) <= few:
                shown = held["answer"].iloc[0]
                for a, b in itertools.combinations(students, 2):
                    pairs.setdefault((a, b), []).append((question, shown))
        for (a, b), shared in sorted(pairs.items()):
            if len(shared) >= min_shared:
                rows.append({"assignment": assignment, "student_a": a, "student_b": b, "shared": len(shared),
                             "questions": ", ".join(q for q, _ in shared), "answers": " | ".join(f"{q}: {v}" for q, v in shared)})
    return pd.DataFrame(rows, columns=columns).sort_values("shared", ascending=False, ignore_index=True) if rows else pd.DataFrame(columns=columns)
