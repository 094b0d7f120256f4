"""What an assignment asks, read from the instructor's notebook, and how to run a submission.

`AssignmentSpec.load(assignment)` reads `source/<assignment>/<notebook>.ipynb` (or any
notebook with nbgrader metadata, e.g. a release for visible-only checks) into:

- `setup`: locked instructor code cells that are not tests (imports, data loading). They
  run from the instructor's copy in the student's process, and again in the grader's own
  process, so tests use the instructor's `load`, `pd` and `check_*`, never the student's.
- `answers`: the cells students write in (code or markdown), by grade_id.
- `tests`: every autograded test cell, hidden tests included, with its points and the names
  of the student's variables it reads (found from the test's code, so the grader asks the
  student's process for exactly those values and nothing else).
- `manual`: answers graded by hand in formgrader.

`plan(submission)` turns a submitted notebook into the steps the student's process runs:
the instructor's setup, the student's answer cells and any cells they added, and a
*snapshot* at each test's place, in the assignment's order. Test cells of the submission
are never run and never read: deleting, editing, duplicating or re-pointing them changes
nothing, because every test comes from the instructor's notebook.
"""
from __future__ import annotations

import ast
import builtins
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from grading.paths import SOURCE

_HIDDEN_MARKERS = re.compile(r"^\s*### (BEGIN|END) HIDDEN TESTS\s*$", re.MULTILINE)
_BUILTINS = set(dir(builtins)) | {"get_ipython", "display", "__name__", "__builtins__"}


def grade_id_of(cell) -> str | None:
    """A cell's nbgrader grade_id, or None; never fails on malformed metadata."""
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
    gid = nbg.get("grade_id") if isinstance(nbg, dict) else None
    return gid if isinstance(gid, str) else None


class SpecError(ValueError):
    """The instructor's notebook cannot be read as an assignment."""


@dataclass(frozen=True)
class TestCell:
    grade_id: str
    points: float
    code: str  # the whole test, hidden part included, markers removed
    source: str  # the cell as the instructor wrote it (markers kept; for the autograded copy)
    reads: tuple[str, ...]  # the student's variables the test reads


@dataclass(frozen=True)
class ManualCell:
    grade_id: str
    points: float
    cell_type: str


@dataclass(frozen=True)
class Step:
    kind: str  # "setup", "answer", "student" (a cell the student added), "snapshot"
    ref: str  # grade_id of the cell or test; "" for an added cell
    code: str = ""
    reads: tuple[str, ...] = ()


@dataclass
class AssignmentSpec:
    assignment: str
    notebook_name: str
    source_path: Path
    nb: nbformat.NotebookNode
    setup: list[tuple[str, str]] = field(default_factory=list)  # (grade_id, code)
    answers: dict[str, str] = field(default_factory=dict)  # grade_id -> cell_type
    assigned_by: dict[str, str] = field(default_factory=dict)  # name -> grade_id of the first answer cell whose solution binds it
    tests: list[TestCell] = field(default_factory=list)
    manual: list[ManualCell] = field(default_factory=list)
    digest: str = ""

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, assignment: str, source_dir: Path = SOURCE) -> "AssignmentSpec":
        folder = source_dir / assignment
        notebooks = sorted(folder.glob("*.ipynb"))
        if len(notebooks) != 1:
            raise SpecError(f"{folder}: expected one instructor notebook, found {len(notebooks)}")
        return cls.from_notebook(assignment, notebooks[0])

    @classmethod
    def from_notebook(cls, assignment: str, path: Path) -> "AssignmentSpec":
        text = path.read_text(encoding="utf-8")
        nb = nbformat.reads(text, as_version=4)
        spec = cls(assignment, path.name, path, nb, digest=hashlib.sha256(text.encode()).hexdigest()[:16])
        solution_names: set[str] = set()
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            gid = meta.get("grade_id")
            if meta.get("solution") and gid:
                spec.answers[gid] = cell.cell_type
                if cell.cell_type == "code":
                    names = bound_names(cell.source)
                    solution_names |= names
                    for name in sorted(names):
                        spec.assigned_by.setdefault(name, gid)
        setup_names: set[str] = set()
        test_names: set[str] = set()
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            gid = meta.get("grade_id")
            if not gid:
                continue
            if meta.get("grade") and (meta.get("solution") or cell.cell_type != "code"):
                spec.manual.append(ManualCell(gid, float(meta.get("points", 0)), cell.cell_type))
            elif meta.get("grade"):
                code = _HIDDEN_MARKERS.sub("", cell.source)
                free = free_names(code, f"{path.name}, test cell {gid}")
                # a name the instructor's setup or an earlier test defines comes from the
                # grader's own namespace, unless the answers define it too
                reads = sorted(n for n in free if n in solution_names or (n not in setup_names and n not in test_names))
                spec.tests.append(TestCell(gid, float(meta.get("points", 0)), code, cell.source, tuple(reads)))
                test_names |= bound_names(code)
            elif cell.cell_type == "code" and meta.get("locked") and not meta.get("solution"):
                spec.setup.append((gid, cell.source))
                setup_names |= bound_names(cell.source)
        if not spec.tests and not spec.manual:
            raise SpecError(f"{path}: no graded cells (is this an nbgrader notebook?)")
        return spec

    @property
    def test_ids(self) -> list[str]:
        return [t.grade_id for t in self.tests]

    def max_score(self) -> float:
        return sum(t.points for t in self.tests)

    # ------------------------------------------------------------------ planning
    def plan(self, submission: nbformat.NotebookNode) -> list[Step]:
        """The steps the student's process runs for `submission`, in the assignment's order."""
        known = {t.grade_id for t in self.tests} | {gid for gid, _ in self.setup} | set(self.answers) | {m.grade_id for m in self.manual}
        answer_code: dict[str, str] = {}
        added_after: dict[str, list[str]] = {}  # anchor grade_id ("" = before everything) -> added cells
        anchor = ""
        seen: set[str] = set()
        for cell in submission.cells:
            gid = grade_id_of(cell)
            if gid in known:
                if gid in seen:
                    continue  # a duplicated cell: the first copy counts, as nbgrader's DeduplicateIds
                seen.add(gid)
                anchor = gid
                if gid in self.answers and self.answers[gid] == "code" and cell.get("cell_type") == "code" and isinstance(cell.get("source"), str):
                    answer_code[gid] = cell["source"]
                continue
            if cell.get("cell_type") == "code" and isinstance(cell.get("source"), str) and cell["source"].strip():
                added_after.setdefault(anchor, []).append(cell.source)
        steps = [Step("student", "", code) for code in added_after.get("", [])]
        by_test = {t.grade_id: t for t in self.tests}
        setup = dict(self.setup)
        for cell in self.nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in setup:
                steps.append(Step("setup", gid, setup[gid]))
            elif gid in by_test:
                steps.append(Step("snapshot", gid, reads=by_test[gid].reads))
            elif gid in answer_code:
                steps.append(Step("answer", gid, answer_code[gid]))
            if gid:
                steps.extend(Step("student", "", code) for code in added_after.get(gid, []))
        return steps

    def answer_cells(self, submission: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
        """The submission's answer cells by grade_id (first copy of each)."""
        found: dict[str, nbformat.NotebookNode] = {}
        for cell in submission.cells:
            gid = grade_id_of(cell)
            if gid in self.answers and gid not in found and cell.get("cell_type") == self.answers[gid] and isinstance(cell.get("source"), str):
                found[gid] = cell
        return found


# ---------------------------------------------------------------------- name analysis


def _parse(code: str, where: str) -> ast.Module:
    try:
        return ast.parse(_strip_magics(code))
    except SyntaxError as exc:
        raise SpecError(f"{where}: not valid Python ({exc.msg}, line {exc.lineno})") from exc


def _strip_magics(code: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines())


def bound_names(code: str) -> set[str]:
    """Names a cell binds at its top level (assignments, imports, defs, for targets ...)."""
    try:
        tree = ast.parse(_strip_magics(code))
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def free_names(code: str, where: str = "cell") -> set[str]:
    """Names a cell reads before (or without) binding them, builtins excluded.

    Conservative on purpose: a name read anywhere in the cell and bound nowhere in it at top
    level before that read is free. Names used only inside comprehensions or functions that
    bind them are not free.
    """
    tree = _parse(code, where)
    free: set[str] = set()
    bound: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def __init__(self):
            self.scopes: list[set[str]] = []

        def _local(self, name: str) -> bool:
            return any(name in s for s in self.scopes)

        def visit_Name(self, node: ast.Name):
            if isinstance(node.ctx, ast.Load):
                if node.id not in bound and not self._local(node.id) and node.id not in _BUILTINS:
                    free.add(node.id)
            elif not self.scopes:
                bound.add(node.id)
            else:
                self.scopes[-1].add(node.id)

        def visit_alias(self, node: ast.alias):
            name = (node.asname or node.name).split(".")[0]
            (self.scopes[-1] if self.scopes else bound).add(name)

        def visit_Assign(self, node: ast.Assign):
            self.visit(node.value)  # the value is read before the targets are bound
            for target in node.targets:
                self.visit(target)

        def visit_AugAssign(self, node: ast.AugAssign):
            self.visit(node.value)
            if isinstance(node.target, ast.Name) and node.target.id not in bound and not self._local(node.target.id):
                free.add(node.target.id)
            self.visit(node.target)

        def _function(self, node):
            for default in node.args.defaults + node.args.kw_defaults:
                if default is not None:
                    self.visit(default)
            for dec in node.decorator_list:
                self.visit(dec)
            (self.scopes[-1] if self.scopes else bound).add(node.name)
            args = node.args
            params = {a.arg for a in args.args + args.posonlyargs + args.kwonlyargs}
            params |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
            self.scopes.append(params | bound_names_of(node.body))
            for stmt in node.body:
                self.visit(stmt)
            self.scopes.pop()

        visit_FunctionDef = visit_AsyncFunctionDef = _function

        def visit_Lambda(self, node: ast.Lambda):
            args = node.args
            params = {a.arg for a in args.args + args.posonlyargs + args.kwonlyargs}
            self.scopes.append(params)
            self.visit(node.body)
            self.scopes.pop()

        def visit_ClassDef(self, node: ast.ClassDef):
            for base in node.bases:
                self.visit(base)
            (self.scopes[-1] if self.scopes else bound).add(node.name)
            self.scopes.append(set())
            for stmt in node.body:
                self.visit(stmt)
            self.scopes.pop()

        def _comprehension(self, node):
            self.visit(node.generators[0].iter)
            self.scopes.append(set())
            for i, gen in enumerate(node.generators):
                if i:
                    self.visit(gen.iter)
                self.visit(gen.target)
                for cond in gen.ifs:
                    self.visit(cond)
            for part in ("elt", "key", "value"):
                if hasattr(node, part):
                    self.visit(getattr(node, part))
            self.scopes.pop()

        def visit_ExceptHandler(self, node: ast.ExceptHandler):
            if node.type is not None:
                self.visit(node.type)
            if node.name:
                (self.scopes[-1] if self.scopes else bound).add(node.name)
            for stmt in node.body:
                self.visit(stmt)

        visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

        def visit_Compare(self, node: ast.Compare):
            # `"x" in dir()` (or globals(), locals(), vars()) asks whether the student set x:
            # a read of x by name, though the name is only a string here
            for left, op, right in zip([node.left, *node.comparators], node.ops, node.comparators):
                if (
                    isinstance(op, ast.In | ast.NotIn)
                    and isinstance(left, ast.Constant) and isinstance(left.value, str) and left.value.isidentifier()
                    and isinstance(right, ast.Call) and isinstance(right.func, ast.Name)
                    and right.func.id in _NAMESPACE_CALLS and not right.args and not self.scopes
                    and left.value not in bound and left.value not in _BUILTINS
                ):
                    free.add(left.value)
            self.generic_visit(node)

    Visitor().visit(tree)
    return free


#: calls whose result, at a cell's top level, is the notebook's namespace
_NAMESPACE_CALLS = {"dir", "globals", "locals", "vars"}


def bound_names_of(body: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names
