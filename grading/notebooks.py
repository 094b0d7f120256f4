"""Notebooks in git carry no outputs, no execution counts and one normalised metadata block.

`normalize` makes a notebook so; `problems` says what keeps a notebook from being so (the
test suite runs it over every notebook that git tracks).
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat

from grading.plain_data import safe_text

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python"}
#: the cell metadata that carry meaning for the course (nbgrader's, tags, locking)
CELL_METADATA_KEYS = ("nbgrader", "tags", "deletable", "editable")


def normalized_metadata() -> dict:
    return {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}


def normalize(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip outputs and execution counts and normalise metadata, in place; returns `nb`."""
    nb.metadata = nbformat.from_dict(normalized_metadata())
    nb.nbformat, nb.nbformat_minor = 4, 5
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata = nbformat.from_dict({k: cell.metadata[k] for k in CELL_METADATA_KEYS if k in cell.metadata})
        if "id" not in cell:
            cell["id"] = f"cell-{index}"
    return nb


def dumps(nb: nbformat.NotebookNode) -> str:
    """The one text form of a notebook in git: nbformat's JSON, ending with a newline."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def normalize_file(path: Path) -> bool:
    """Normalise a notebook file in place; returns whether it changed."""
    text = path.read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    new = dumps(normalize(nb))
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def problems(path: Path) -> list[str]:
    """Why a notebook file is not clean (empty if it is)."""
    text = path.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return [f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})"]
    found = []
    for i, cell in enumerate(raw.get("cells", [])):
        if cell.get("cell_type") == "code":
            if cell.get("outputs"):
                found.append(f"{path}: cell {i} has outputs")
            if cell.get("execution_count") is not None:
                found.append(f"{path}: cell {i} has an execution count")
        extra = sorted(set(cell.get("metadata", {})) - set(CELL_METADATA_KEYS))
        if extra:
            found.append(f"{path}: cell {i} has metadata {extra}")
    if raw.get("metadata") != normalized_metadata():
        found.append(f"{path}: notebook metadata is not the normalised kernelspec/language_info")
    nb = nbformat.reads(text, as_version=4)
    if dumps(normalize(nb)) != text:
        found.append(f"{path}: not in normalised form (run `make clean-notebooks`)")
    return found


#: the largest submitted notebook read at all (a notebook of the course is about 100 KB)
MAX_NOTEBOOK_BYTES = 100 * 1024**2


def unreadable(path: Path) -> str | None:
    """Why a submitted notebook cannot be graded, or None if it can be read.

    Any bytes are accepted and answered with a reason: not a file, too large, not UTF-8,
    empty, JSON too deeply nested or with numbers Python refuses to read, JSON that is not
    a notebook. Nothing a file holds makes this raise."""
    name = safe_text(getattr(path, "name", path))
    try:
        size = path.stat().st_size
        if size > MAX_NOTEBOOK_BYTES:
            return f"{name} is {size / 1024**2:.0f} MB, larger than the limit of {MAX_NOTEBOOK_BYTES // 1024**2} MB for a notebook"
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return f"{name} is not UTF-8 text (byte {exc.start})"
    except OSError as exc:
        return f"{name} cannot be read ({safe_text(exc.strerror or type(exc).__name__)})"
    if not text.strip():
        return f"{name} is empty"
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"{name} is not a notebook: invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); the file may be truncated"
    except RecursionError:
        return f"{name} is not a notebook: its JSON is nested too deeply to read"
    except ValueError as exc:  # e.g. a number of more digits than Python converts
        return f"{name} is not a notebook: its JSON cannot be read ({safe_text(exc, 200)})"
    except Exception as exc:  # noqa: BLE001 - whatever else the parser meets, the file is not gradable
        return f"{name} is not a notebook: its JSON cannot be read ({type(exc).__name__})"
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several types for malformed notebooks
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"{name} is JSON but not a valid notebook: {safe_text(first, 300)}"
    return None
