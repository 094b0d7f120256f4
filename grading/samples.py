"""The bundled sample submissions: the grader's regression suite.

A sample is a spec, `grading/samples/<assignment>/<student_id>.py`, that says how a student
filled in the released notebook. It is built into a submission by taking the committed
release and replacing the answer cells it names, so a sample never goes stale when the
release changes. Spec format (jupytext-like "percent" cells):

    # Sample: what this student did            <- description (first line)
    # %% q1_yoy_growth                          <- replace the answer cell with this grade_id
    growth_2019 = 38.2
    # %% +after q1_yoy_growth                   <- insert a new, ungraded cell after it
    print("scratch work")
    # %% overwrite q1_yoy_growth_test           <- tamper with any cell, tests included
    # %% overwrite all-tests                    <- ... or with every autograded test cell
    # %% q8_definitions                         <- a markdown answer: its lines, "# " removed
    # Tian counts ...
    # %% corrupt                                <- write a truncated, unreadable notebook
    # %% instructor-solution                    <- submit the source notebook itself

`expected_scores.csv` beside the specs lists, per student and graded cell, the score the
sample must get, and the status (graded, error, corrupt, missing). Students listed there without a
spec are "missing": they submitted nothing.

`typical_mistakes/` beside them holds one spec per typical mistake a student makes, written
from the question text, and `typical_mistakes/expected.csv` (student_id, grade_id,
visible_score, hidden_score, message): the score the visible tests (Validate) and the hidden
tests give each graded cell the sample answers, and a text both tests' messages contain (empty
for a cell the sample answers right). `tests/test_typical_mistakes.py` checks them.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from grading.notebooks import dumps
from grading.paths import RELEASE, SAMPLES, SOURCE, released_notebook

_MARKER = re.compile(r"^# %%\s*(?:(?P<plus>\+after\s+)|(?P<overwrite>overwrite\s+))?(?P<name>\S+)\s*$")


class SampleError(ValueError):
    pass


@dataclass
class Sample:
    assignment: str
    student_id: str
    description: str
    status: str  # expected status: graded, corrupt or missing
    spec: Path | None
    cells: list[tuple[str, str, str]] = field(default_factory=list)  # (grade_id, operation, source)

    @property
    def corrupt(self) -> bool:
        return any(name == "corrupt" for name, _, _ in self.cells)


def parse_spec(path: Path, assignment: str) -> Sample:
    lines = path.read_text(encoding="utf-8").splitlines()
    description = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else ""
    cells: list[tuple[str, str, str]] = []
    current: tuple[str, str] | None = None
    body: list[str] = []
    for line in lines[1:] + ["# %% <end>"]:
        match = _MARKER.match(line)
        if match:
            if current is not None:
                cells.append((current[0], current[1], "\n".join(body).strip("\n")))
            operation = "insert" if match["plus"] else "overwrite" if match["overwrite"] else "answer"
            current, body = (match["name"], operation), []
        elif current is not None:
            body.append(line)
    sample = Sample(assignment, path.stem, description, "graded", path, [c for c in cells if c[0] != "<end>"])
    if sample.corrupt:
        sample.status = "corrupt"
    return sample


def expected_scores(assignment: str) -> list[dict[str, str]]:
    path = SAMPLES / assignment / "expected_scores.csv"
    if not path.is_file():
        raise SampleError(f"{path}: missing (every sample folder needs its expected scores)")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_samples(assignment: str) -> list[Sample]:
    """Every sample of an assignment, the missing ones (in expected_scores, no spec) included."""
    folder = SAMPLES / assignment
    specs = {p.stem: parse_spec(p, assignment) for p in sorted(folder.glob("*.py"))}
    expected = expected_scores(assignment)
    statuses = {row["student_id"]: row["status"] for row in expected}
    samples = []
    for student, status in statuses.items():
        if student in specs:
            sample = specs.pop(student)
            if sample.corrupt != (status == "corrupt") or status == "missing":
                raise SampleError(f"{folder}/{student}.py: the spec says {sample.status}, expected_scores.csv says {status}")
            sample.status = status  # graded, or error for a submission that breaks the grader
        elif status == "missing":
            sample = Sample(assignment, student, "submitted nothing", "missing", None)
        else:
            raise SampleError(f"{folder}: expected_scores.csv lists {student} ({status}) but there is no {student}.py")
        samples.append(sample)
    if specs:
        raise SampleError(f"{folder}: spec(s) without expected scores: {sorted(specs)}")
    return samples


def load_typical_mistakes(assignment: str) -> list[tuple[Sample, list[dict[str, str]]]]:
    """The typical-mistake samples of an assignment, each with its rows of expected.csv."""
    folder = SAMPLES / assignment / "typical_mistakes"
    path = folder / "expected.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    missing = [c for c in ("student_id", "grade_id", "visible_score", "hidden_score", "message") if rows and c not in rows[0]]
    if missing:
        raise SampleError(f"{path}: lacks the column(s) {missing}")
    specs = {p.stem: parse_spec(p, assignment) for p in sorted(folder.glob("*.py"))}
    unknown = sorted({r["student_id"] for r in rows} - set(specs))
    if unknown:
        raise SampleError(f"{path}: lists {unknown} but there is no spec for them in {folder}")
    unlisted = sorted(set(specs) - {r["student_id"] for r in rows})
    if unlisted:
        raise SampleError(f"{folder}: spec(s) without expected scores: {unlisted}")
    return [(sample, [r for r in rows if r["student_id"] == student]) for student, sample in specs.items()]


def _markdown(source: str) -> str:
    return "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in source.splitlines())


def build(sample: Sample, release_dir: Path = RELEASE) -> str | None:
    """The submitted notebook's text for `sample` (None for a missing submission)."""
    if sample.status == "missing":
        return None
    released = released_notebook(sample.assignment, release_dir)
    text = released.read_text(encoding="utf-8")
    if any(name == "instructor-solution" for name, _, _ in sample.cells):
        return (SOURCE / sample.assignment / released.name).read_text(encoding="utf-8")
    if sample.corrupt:
        # what a crashed editor or a bad upload leaves behind: the first part of the file
        return text[: len(text) // 3]
    nb = nbformat.reads(text, as_version=4)
    index = {c.metadata.get("nbgrader", {}).get("grade_id"): i for i, c in enumerate(nb.cells)}
    inserts: list[tuple[int, nbformat.NotebookNode]] = []
    tests = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
    cells = [(t, op, src) for grade_id, op, src in sample.cells for t in (tests if (grade_id, op) == ("all-tests", "overwrite") else [grade_id])]
    for grade_id, operation, source in cells:
        if grade_id not in index:
            raise SampleError(f"{sample.spec}: no cell with grade_id {grade_id!r} in the release")
        i = index[grade_id]
        if operation == "insert":
            inserts.append((i + 1, new_code_cell(source)))
            continue
        cell = nb.cells[i]
        if operation == "overwrite":  # a sample of tampering: anything goes
            cell.source = source
            continue
        if not cell.metadata.get("nbgrader", {}).get("solution"):
            raise SampleError(f"{sample.spec}: {grade_id!r} is not an answer cell; use `# %% overwrite {grade_id}` to model tampering")
        cell.source = _markdown(source) if cell.cell_type == "markdown" else source
    for position, cell in sorted(inserts, key=lambda x: -x[0]):
        cell["id"] = f"student-{position}"
        nb.cells.insert(position, cell)
    return dumps(nb)


def write_submission(sample: Sample, submitted_dir: Path, release_dir: Path = RELEASE) -> Path | None:
    """Write the sample where nbgrader collects submissions: <submitted>/<student>/<assignment>/."""
    text = build(sample, release_dir)
    if text is None:
        return None
    target = submitted_dir / sample.student_id / sample.assignment / released_notebook(sample.assignment, release_dir).name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
