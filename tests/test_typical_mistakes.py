"""Feedback before the grade: the visible tests (what Validate runs) give each typical mistake
the teaching message the hidden tests give, and the lab says what the grader says about an
unanswered question."""
from __future__ import annotations

import ast
import math

import nbformat
import pytest

from grading.engine.batch import grade_files
from grading.engine.spec import AssignmentSpec
from grading.paths import SOURCE, assignments, released_notebook
from grading.samples import load_typical_mistakes, write_submission

#: the assignments whose visible tests teach; every assignment joins as its samples are written
DONE = ["01_market_size", "02_live_commerce", "03_swot", "04_cross_cultural", "05_logistics", "06_privacy", "07_payments_returns", "08_sellers_competition", "09_capstone"]


@pytest.fixture(scope="module", autouse=True)
def _one_sandbox_for_the_module():
    """The module's batches (one per assignment) share one sandbox (grading/engine/shelf.py)."""
    from grading.engine.shelf import reusing_sandboxes

    with reusing_sandboxes():
        yield


def _grade_visible_and_hidden(assignment, files, visible_spec, hidden_spec):
    """Each notebook run once in the engine's sandbox and judged by every test and, on the same
    run, by the visible tests (what Validate and `check --visible-only` run): (visible, hidden),
    each {student: {grade_id: question}}."""
    results = grade_files(assignment, files, spec=hidden_spec, visible_spec=visible_spec)
    visible = {student: {q.grade_id: {"score": q.score, "message": q.message} for q in r.visible_questions} for student, r in results.items()}
    hidden = {student: {q.grade_id: {"score": q.score, "message": q.message} for q in r.questions} for student, r in results.items()}
    return visible, hidden


@pytest.mark.parametrize("assignment", DONE)
def test_every_typical_mistake_gets_its_message_from_the_visible_tests(assignment, tmp_path):
    samples = load_typical_mistakes(assignment)
    assert len(samples) >= 5, f"{assignment}: at least five typical mistakes, written from the question text"
    files = {s.student_id: write_submission(s, tmp_path / "submitted") for s, _ in samples}
    visible, hidden = _grade_visible_and_hidden(
        assignment,
        files,
        AssignmentSpec.from_notebook(assignment, released_notebook(assignment)),
        AssignmentSpec.from_notebook(assignment, SOURCE / assignment / released_notebook(assignment).name),
    )
    wrong = []
    for sample, rows in samples:
        assert sample.description, sample.spec
        for row in rows:
            v, h = visible[sample.student_id][row["grade_id"]], hidden[sample.student_id][row["grade_id"]]
            got = f"{sample.student_id} {row['grade_id']}: visible {v['score']:g} ({v['message']}), hidden {h['score']:g} ({h['message']})"
            if v["score"] != float(row["visible_score"]) or h["score"] != float(row["hidden_score"]):
                wrong.append(f"scores: {got}")
            if row["message"] and not (row["message"] in v["message"] and row["message"] in h["message"]):
                wrong.append(f"message {row['message']!r} not in both: {got}")
    assert not wrong, "\n".join(wrong)


def _constant_values(tree):
    """The value of every number and every expression of numbers alone (50 / 17 - 1) in `tree`."""
    values = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.BinOp, ast.UnaryOp)) and not any(isinstance(n, ast.Name) for n in ast.walk(node)):
            try:
                value = eval(compile(ast.Expression(node), "<constant>", "eval"), {"__builtins__": {}})
            except Exception:
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                values.append(float(value))
    return values


def _test_cells(assignment):
    """(grade id, visible part, hidden part) of each test cell of the instructor's notebook."""
    nb = nbformat.read(SOURCE / assignment / released_notebook(assignment).name, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            visible, _, hidden = cell.source.partition("### BEGIN HIDDEN TESTS")
            yield cell.metadata["nbgrader"]["grade_id"], visible, hidden.replace("### END HIDDEN TESTS", "")


def _setup_namespace(assignment):
    """The names the notebook's own read-only code cells define (its imports and data tables),
    with what a hidden test computes from them at the top level (`S = load(...)`, `_w = {...}`)."""
    nb = nbformat.read(SOURCE / assignment / released_notebook(assignment).name, as_version=4)
    ns = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and not meta.get("solution") and not meta.get("grade"):
            try:
                exec(compile(cell.source, "<setup>", "exec"), ns)
            except Exception:
                pass  # a cell that draws a student's answer
    return ns


def _expected_values(hidden, ns):
    """The expected value of each hidden `check_number` the test can compute without a student's
    answer: from constants, or from the data as the hidden test itself reads it."""
    ns = dict(ns)
    tree = ast.parse(hidden)
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.Import, ast.ImportFrom)):
            try:
                exec(compile(ast.Module([statement], []), "<hidden>", "exec"), ns)
            except Exception:
                pass  # it reads a student's answer
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "check_number" and len(call.args) >= 3:
            try:
                yield float(eval(compile(ast.Expression(call.args[2]), "<expected>", "eval"), ns))
            except Exception:
                continue  # computed from a student's answer


@pytest.mark.parametrize("assignment", DONE)
def test_visible_tests_do_not_hold_the_expected_answers(assignment):
    """A student reads the visible tests: no number in them, nor any expression of numbers,
    may be a value a hidden `check_number` expects (computed from constants or from the data)."""
    ns = _setup_namespace(assignment)
    checked, held = 0, []
    for grade_id, visible, hidden in _test_cells(assignment):
        shown = _constant_values(ast.parse(visible))
        for expected in _expected_values(hidden, ns):
            checked += 1
            if any(math.isclose(v, expected, rel_tol=1e-9, abs_tol=1e-12) for v in shown):
                held.append(f"{grade_id}: the visible part states the expected {expected}")
    assert checked, f"{assignment}: no hidden check_number could be evaluated"
    assert not held, "\n".join(held)


#: calls that read a dataset
_READERS = {"load", "read_csv", "read_parquet", "read_json", "read_excel", "open"}


def _data_tables(assignment):
    """The names the notebook's read-only cells bind to something read from a dataset
    (`sessions = load("live_sessions")`, `criteria = me.criteria_table(load(...), ...)`)."""
    nb = nbformat.read(SOURCE / assignment / released_notebook(assignment).name, as_version=4)
    names = set()
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("solution") or meta.get("grade"):
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Assign) and _reads(node.value):
                names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def _reads(tree):
    """The calls in `tree` that read a dataset, except the country names `market_aliases` takes."""
    aliases = {id(a) for n in ast.walk(tree) if isinstance(n, ast.Call) and _called(n) == "market_aliases" for a in n.args}
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and id(n) not in aliases
            and (_called(n) in _READERS or (isinstance(n.func, ast.Name) and n.func.id.lstrip("_") in _READERS))]


def _called(call):
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None)


@pytest.mark.parametrize("assignment", DONE)
def test_visible_tests_compute_nothing_from_the_data(assignment):
    """A visible test that computes a mistake from the data shows the student the filter and the
    formula (02 Q1 used to compute each Malaysian brand session's rate: pooling the same counts
    is the answer). Its mistakes are constants, windows or properties, or come from the
    student's own answers; of the notebook's data tables it may take only the size (`len`) and the
    column names, and
    it reads a dataset only for the names of the markets."""
    tables = _data_tables(assignment)
    found = []
    for grade_id, visible, _ in _test_cells(assignment):
        tree = ast.parse(visible)
        # a table's size and its column names say nothing about its values
        sized = {id(n.args[0]) for n in ast.walk(tree) if isinstance(n, ast.Call) and _called(n) == "len" and n.args}
        sized |= {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "columns"}
        found += [f"{grade_id}: reads {ast.unparse(n)}" for n in _reads(tree)]
        found += [f"{grade_id}: computes from the data table {n.id}" for n in ast.walk(tree)
                  if isinstance(n, ast.Name) and n.id in tables and id(n) not in sized]
    assert not found, "\n".join(found)


def test_typical_mistakes_exist_for_the_finished_assignments():
    assert set(DONE) <= set(assignments())


# --- the same words in the lab -------------------------------------------------------------

@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def _run(shell, code):
    return shell.run_cell(code, store_history=True)


def _install(shell):
    """What the first `from course.checks import ...` of a kernel does (in this test process
    course.checks was imported before the shell existed)."""
    assert _run(shell, "from course.checks import lab_messages as _m\nassert _m.install()").success


def test_an_unanswered_question_gets_the_graders_words_in_the_lab(shell, capsys):
    from course.checks import lab_messages

    _run(shell, "# YOUR CODE HERE\nraise NotImplementedError()\ngrowth_papers_2021")
    _install(shell)  # after an answer cell ran: those cells are found in the input history
    result = _run(shell, "from course.checks import check_number\ncheck_number('growth_papers_2021', growth_papers_2021, 1.0)")
    assert not result.success and isinstance(result.error_in_exec, NameError)  # the cell still fails
    assert str(result.error_in_exec) == ("name 'growth_papers_2021' is not defined. " + lab_messages.NOT_IMPLEMENTED)
    assert "still raises NotImplementedError: replace `raise NotImplementedError()`" in capsys.readouterr().out
    # the other cases: a misspelt name, a cell that stopped early, a cell never run
    _run(shell, "cagr = 1 / 0\ncbec_years = 3")
    result = _run(shell, "from course.checks import check_number\ncheck_number('cagr', cagr, 1.0)")
    assert "stopped with ZeroDivisionError before assigning it" in str(result.error_in_exec)
    _run(shell, "share_papers_2012 = 0.5  # share_papers_2021 misspelt")
    result = _run(shell, "share_papers_2021")
    assert "ran without assigning it: check the name's spelling" in str(result.error_in_exec)
    result = _run(shell, "implied_users_2019")
    assert str(result.error_in_exec).endswith(lab_messages.NOT_RUN)


def test_the_lab_handler_cannot_turn_a_failing_test_into_a_pass(shell):
    _install(shell)
    # a NameError a student catches stays theirs; an uncaught one still fails the cell
    assert _run(shell, "try:\n    undefined_name\nexcept NameError:\n    pass").success
    result = _run(shell, "undefined_name")
    assert not result.success and isinstance(result.error_in_exec, NameError)
    # other errors are untouched
    result = _run(shell, "assert False, 'is not right'")
    assert isinstance(result.error_in_exec, AssertionError) and str(result.error_in_exec) == "is not right"


def test_outside_ipython_nothing_is_installed():
    """The grading engine runs tests with plain exec, where no IPython shell exists: its own
    messages are the only ones."""
    import subprocess
    import sys

    code = "import course.checks; from course.checks import lab_messages; print(lab_messages.install())"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
