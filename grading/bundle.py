"""The student bundle: the repository students get, ready to push as a GitHub Classroom template.

    python -m grading bundle [--to DIR]      (default: grading/workspace/student-bundle)

It holds what a student needs and nothing of the instructor's:

    README.md                      how to install, work, check and submit (bundle_files/)
    pyproject.toml                 the course's runtime dependencies, no test tools
    assignments/<a>/<a>.ipynb      the released notebooks: the student works here
    release/<a>/<a>.ipynb          untouched copies: the visible tests CI checks with
    course/                        the `course` package and the lecture notebooks
    datasets/                      every data file with its datasheet and generators
    grading/                       CI mode only (`python -m grading check`): the engine,
                                   without the gradebook, the samples or the cycle
    .github/workflows/check.yml    on every push: install, check each notebook with the
                                   visible tests, scores per question in the job summary

The build refuses to finish when a solution block or model answer of `source/` (its lines
in order) or any line of a hidden test appears in any file of the bundle (`find_leaks`).
Lines the release itself shows are public by construction (the setup cell, the visible
tests), and so are imports and lines with no name, number or text of their own (`else:`).
"""
from __future__ import annotations

import builtins
import json
import keyword
import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grading.paths import RELEASE, ROOT, SOURCE, assignments, released_notebook, workspace

FILES = Path(__file__).resolve().parent / "bundle_files"

#: the parts of the `grading` package CI mode needs (grading/engine/record.py writes the
#: gradebook and stays out, like the cycle, the samples and everything nbgrader-specific)
GRADING_MODULES = [
    "__init__.py", "__main__.py", "paths.py", "ci.py", "schedule.py", "notebooks.py", "plain_data.py",
    "engine/__init__.py", "engine/batch.py", "engine/cgroups.py", "engine/frames.py", "engine/judge.py", "engine/judge_process.py", "engine/pool.py",
    "engine/runner.py", "engine/sandbox.py", "engine/shelf.py", "engine/spec.py", "engine/zygote.py", "engine/unsandboxed.py",
]

IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", ".pytest_cache")

SOLUTION = re.compile(r"### BEGIN SOLUTION(.*?)### END SOLUTION", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)


class BundleError(RuntimeError):
    """The bundle could not be built, or would reveal something of `source/`."""


@dataclass(frozen=True)
class Leak:
    file: str  # relative to the bundle
    line_no: int
    line: str
    origin: str  # "<assignment>: solution of <grade_id>" or "...: hidden test of <grade_id>"

    def __str__(self) -> str:
        return f"{self.file}:{self.line_no}: {self.line!r} ({self.origin})"



def default_target() -> Path:
    return workspace() / "student-bundle"


def build(target: Path | None = None) -> Path:
    """Write the bundle to `target` (replacing what is there) and prove it leaks nothing."""
    target = Path(target or default_target()).resolve()
    if target == ROOT or ROOT in target.parents and not target.is_relative_to(workspace()):
        raise BundleError(f"{target}: the bundle must go outside the repository (or in its grading workspace)")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for assignment in assignments():
        notebook = released_notebook(assignment)
        for folder in ("assignments", "release"):
            (target / folder / assignment).mkdir(parents=True)
            shutil.copy2(notebook, target / folder / assignment / notebook.name)
    shutil.copytree(ROOT / "course", target / "course", ignore=IGNORED)
    shutil.copytree(ROOT / "datasets", target / "datasets", ignore=IGNORED)
    for module in GRADING_MODULES:
        (target / "grading" / module).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "grading" / module, target / "grading" / module)
    for name in ("LICENSE", "LICENSE-CONTENT.md"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copy2(ROOT / "schedule.toml", target / "schedule.toml")  # the check's summary says when work is due
    (target / "README.md").write_text((FILES / "README.md").read_text(encoding="utf-8") + due_dates_section(), encoding="utf-8")
    shutil.copy2(FILES / "gitignore", target / ".gitignore")
    (target / ".github" / "workflows").mkdir(parents=True)
    shutil.copy2(FILES / "check.yml", target / ".github" / "workflows" / "check.yml")
    (target / "pyproject.toml").write_text(student_pyproject(), encoding="utf-8")
    leaks = find_leaks(target)
    if leaks:
        shown = "\n  ".join(str(leak) for leak in leaks[:20])
        raise BundleError(f"{target}: the bundle reveals {len(leaks)} line(s) of source/; not built:\n  {shown}")
    return target


def due_dates_section() -> str:
    """The README's table of release and due dates, from `schedule.toml`."""
    from grading.schedule import load

    schedule = load()
    zone = schedule.timezone.key
    lines = ["", "## Due dates", "", f"Times are in the course's time zone, {zone}, and in UTC; {schedule.late_policy.words()}.",
             "Your instructor may give you an extension. The check's summary on every push says how long is left.", "",
             f"| assignment | released ({zone}) | due ({zone}) | due (UTC) |", "| --- | --- | --- | --- |"]
    for assignment in assignments():
        dates = schedule.dates(assignment)
        if dates is None:
            lines.append(f"| {assignment} | - | - | - |")
            continue
        lines.append(f"| {assignment} | {dates.release:%a %d %b %Y %H:%M} | {dates.due:%a %d %b %Y %H:%M} | {dates.due_utc:%a %d %b %Y %H:%M} |")
    return "\n".join(lines) + "\n"


def student_pyproject() -> str:
    """The course's pyproject.toml with the runtime dependencies only."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = "\n".join(f'    "{d}",' for d in project["dependencies"])
    return f'''# The student's environment for the course (generated by `python -m grading bundle`).
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "cbec-live-student"
version = "{project["version"]}"
description = "Student workspace of the course on cross-border live-streaming e-commerce"
readme = "README.md"
requires-python = "{project["requires-python"]}"
license = "{project["license"]}"
license-files = ["LICENSE", "LICENSE-CONTENT.md"]
dependencies = [
{deps}
]

[tool.setuptools.packages.find]
include = ["course*", "grading*"]
'''


# -- what must never leave source/ ------------------------------------------------------------

@dataclass
class Secrets:
    """What `source/` holds that the release does not show: each solution block (its lines
    that say something, in order) and each line of a hidden test."""
    solution_blocks: list[tuple[tuple[str, ...], str]]
    hidden_lines: dict[str, str]
    public: set[str]


def secrets_of(source_dir: Path = SOURCE, release_dir: Path = RELEASE) -> Secrets:
    public: set[str] = set()
    for notebook in sorted(release_dir.glob("*/*.ipynb")):
        for cell in nbformat.read(notebook, as_version=4).cells:
            public.update(line.strip() for line in cell.source.splitlines())
    blocks: list[tuple[tuple[str, ...], str]] = []
    hidden: dict[str, str] = {}
    for notebook in sorted(source_dir.glob("*/*.ipynb")):
        for cell in nbformat.read(notebook, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            where = f"{notebook.parent.name}: {{}} of {meta.get('grade_id', cell.get('id', '?'))}"
            for block in HIDDEN.findall(cell.source):
                for line in _said(block, public):
                    if not IMPORT.match(line):  # an import names a module, it tells no answer
                        hidden.setdefault(line, where.format("hidden test"))
            if meta.get("solution"):
                # a cell marked as a solution without markers is replaced whole by the stub
                for block in SOLUTION.findall(cell.source) or [cell.source]:
                    lines = tuple(_said(block, public))
                    if lines:
                        blocks.append((lines, where.format("solution")))
    return Secrets(blocks, hidden, public)


IMPORT = re.compile(r"(from\s+\S+\s+)?import\s")
_GENERIC = set(keyword.kwlist) | set(dir(builtins))


def _said(text: str, public: set[str]) -> list[str]:
    """The stripped lines of `text` that say something of their own (a name that is not a
    keyword or a builtin, a number or a text; not `else:` or `return True`) and that the
    release does not show."""
    return [line.strip() for line in text.splitlines() if _says(line.strip(), public)]


def _says(line: str, public: set[str]) -> bool:
    words = re.findall(r"[A-Za-z_][A-Za-z_0-9]*|\d+(?:\.\d+)?", line)
    return line not in public and any(w not in _GENERIC for w in words) and len(re.sub(r"[\s()\[\]{},:;.'\"#]", "", line)) >= 4


def find_leaks(bundle: Path, source_dir: Path = SOURCE, release_dir: Path = RELEASE) -> list[Leak]:
    """Every place in any file of `bundle` that shows a whole solution block (its lines in
    order, blank and trivial lines aside) or any line of a hidden test. Notebooks are read
    cell by cell, outputs included, besides their raw text. A solution's single line may
    appear elsewhere (the lecture computes with the same formula on other data); the whole
    block may not."""
    secrets = secrets_of(source_dir, release_dir)
    leaks: list[Leak] = []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        rel = path.relative_to(bundle).as_posix()
        lines = [line.strip() for line in _text_lines(path)]
        for line_no, line in enumerate(lines, 1):
            if line in secrets.hidden_lines:
                leaks.append(Leak(rel, line_no, line, secrets.hidden_lines[line]))
        said = [(n, line) for n, line in enumerate(lines, 1) if _says(line, secrets.public)]
        text = [line for _, line in said]
        starts: dict[str, list[int]] = {}
        for i, line in enumerate(text):
            starts.setdefault(line, []).append(i)
        for block, origin in secrets.solution_blocks:
            for i in starts.get(block[0], []):
                if tuple(text[i:i + len(block)]) == block:
                    leaks.append(Leak(rel, said[i][0], " / ".join(block)[:200], origin))
    return leaks


def _text_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    lines = text.splitlines()
    if path.suffix == ".ipynb":
        try:  # the cells' text as a student sees it, outputs included, besides the raw JSON
            nb = json.loads(text)
            for cell in nb.get("cells", []):
                lines += _joined(cell.get("source", "")).splitlines()
                for output in cell.get("outputs", []):
                    lines += _joined(output.get("text", "")).splitlines()
                    for value in (output.get("data") or {}).values():
                        lines += _joined(value).splitlines() if isinstance(value, (str, list)) else []
        except (ValueError, AttributeError, TypeError):
            pass
    return lines


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)
