"""Suspected tampering: a submission whose test cells or nbgrader metadata are not as given.

The engine takes every test from `source/`, so tampering earns nothing (the `tampered`
samples score zero), but a student who rewrote the tests tried to, and an instructor wants
to know. A submission is compared cell by cell (by nbgrader grade_id) with the released
notebook and, since submitting the instructor's own notebook is not tampering, with
`source/`:

- every test cell (autograded, locked) and every locked code cell must be there exactly
  once, as a code cell, with the source of the release or of the instructor's notebook;
- every graded or locked cell's nbgrader metadata (grade, solution, locked, points, task,
  checksum, cell_type) must be the release's or the instructor's;
- no cell may carry an nbgrader grade_id that neither has (a forged graded cell).

Answer cells may of course change, and cells without nbgrader metadata may be added.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd

from grading.paths import SOURCE, released_notebook

_META_KEYS = ("grade", "solution", "locked", "points", "task", "checksum", "cell_type")


def _gid(cell) -> str | None:
    nbg = cell.get("metadata", {}).get("nbgrader") if isinstance(cell.get("metadata"), dict) else None
    gid = nbg.get("grade_id") if isinstance(nbg, dict) else None
    return gid if isinstance(gid, str) else None


def _meta(cell) -> dict:
    nbg = cell.get("metadata", {}).get("nbgrader", {})
    if not isinstance(nbg, dict):
        return {"<malformed>": repr(nbg)}
    out = {k: nbg.get(k) for k in _META_KEYS}
    if isinstance(out["points"], int | float) and not isinstance(out["points"], bool):
        out["points"] = float(out["points"])
    return out


def _text(cell) -> str:
    source = cell.get("source", "")
    return ("".join(source) if isinstance(source, list) else str(source)).strip()


def _is_test(cell) -> bool:
    nbg = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and bool(nbg.get("grade")) and not nbg.get("solution")


def _watched(cell) -> bool:
    nbg = cell.metadata.get("nbgrader", {})
    return bool(nbg.get("grade") or nbg.get("locked"))


def _names(gids: list[str], total: int | None = None) -> str:
    listed = ", ".join(gids[:6]) + (f" and {len(gids) - 6} more" if len(gids) > 6 else "")
    return f"{listed} ({len(gids)} of {total} test cells)" if total else listed


def tampering_reasons(submitted: nbformat.NotebookNode, release: nbformat.NotebookNode, source: nbformat.NotebookNode | None = None) -> list[str]:
    """Why `submitted` looks tampered with (empty if it does not)."""
    originals = {_gid(c): c for c in release.cells if _gid(c)}
    instructor = {_gid(c): c for c in source.cells if _gid(c)} if source is not None else {}
    cells: dict[str, list] = {}
    for cell in submitted.cells:
        gid = _gid(cell)
        if gid:
            cells.setdefault(gid, []).append(cell)
    tests = [gid for gid, c in originals.items() if _is_test(c)]
    deleted, edited, retyped, changed, duplicated = [], [], [], [], []
    for gid, original in originals.items():
        if not _watched(original):
            continue
        found = cells.get(gid, [])
        guarded = _is_test(original) or (original.cell_type == "code" and original.metadata.get("nbgrader", {}).get("locked"))
        if not found:
            if guarded:
                deleted.append(gid)
            continue
        if len(found) > 1:
            duplicated.append(gid)
        mine = instructor.get(gid)
        for cell in found:
            if cell.get("cell_type") != original.cell_type:
                retyped.append(gid)
            elif guarded and _text(cell) not in {_text(original), _text(mine) if mine is not None else None}:
                edited.append(gid)
            if _meta(cell) != _meta(original) and (mine is None or _meta(cell) != _meta(mine)):
                changed.append(gid)
    forged = [gid for gid in cells if gid not in originals and gid not in instructor]
    reasons = []
    if edited:
        only_tests = set(edited) <= set(tests)
        what = "test cells edited" if only_tests else "test or locked cells edited"
        reasons.append(f"{what}: {_names(sorted(set(edited), key=list(originals).index), len(tests) if only_tests else None)}")
    if deleted:
        reasons.append(f"test or locked cells deleted: {_names(deleted)}")
    if duplicated:
        reasons.append(f"cells duplicated: {_names(duplicated)}")
    if retyped:
        reasons.append(f"cells changed type: {_names(sorted(set(retyped)))}")
    if changed:
        reasons.append(f"nbgrader metadata changed: {_describe_changes(sorted(set(changed), key=list(originals).index), cells, originals)}")
    if forged:
        reasons.append(f"cells with grade_ids the assignment does not have: {_names(forged)}")
    return reasons


def _describe_changes(gids: list[str], cells: dict, originals: dict) -> str:
    parts = []
    for gid in gids[:6]:
        was, now = _meta(originals[gid]), _meta(cells[gid][0])
        keys = [k for k in _META_KEYS if was.get(k) != now.get(k)] or ["nbgrader"]
        parts.append(f"{gid} ({', '.join(f'{k} {was.get(k)!r} -> {now.get(k)!r}' if k != 'checksum' else 'checksum' for k in keys)})")
    return "; ".join(parts) + (f" and {len(gids) - 6} more" if len(gids) > 6 else "")


def find_tampering(workspace: Path, students_by_assignment: dict[str, list[str]]) -> pd.DataFrame:
    """assignment, student, detail for every submitted notebook in `<workspace>/submitted`
    that looks tampered with. Notebooks that cannot be read are left out (the batch reports
    them as corrupt); an assignment without a release is skipped."""
    rows = []
    for assignment, students in students_by_assignment.items():
        try:
            release_path = released_notebook(assignment)
            release = nbformat.read(release_path, as_version=4)
        except (FileNotFoundError, OSError, ValueError):
            continue
        source_path = SOURCE / assignment / release_path.name
        source = nbformat.read(source_path, as_version=4) if source_path.is_file() else None
        for student in students:
            path = Path(workspace) / "submitted" / student / assignment / release_path.name
            if not path.is_file():
                continue
            try:
                submitted = nbformat.read(path, as_version=4)
            except Exception:  # noqa: BLE001 - unreadable: reported as corrupt already
                continue
            reasons = tampering_reasons(submitted, release, source)
            if reasons:
                rows.append([assignment, student, "; ".join(reasons)])
    return pd.DataFrame(rows, columns=["assignment", "student", "detail"])
