"""Every lecture runs top to bottom with no error."""
from __future__ import annotations

import pytest

from course.lecture_units import module_of, units
from tests.lecture_run import LECTURES, executed


def test_there_is_a_lecture_per_assignment():
    from grading.paths import assignments

    from course.lecture_units import module_of

    modules = {module_of(p) for p in LECTURES}
    for assignment in assignments():
        assert assignment in modules, f"assignment {assignment} has no lecture: course/lectures/{assignment}.ipynb or {assignment}_1_topic.ipynb"


@pytest.mark.parametrize("path", LECTURES, ids=[p.stem for p in LECTURES])
def test_lecture_executes_without_error_in_a_kernel_of_its_own(path):
    # slow (tens of seconds a lecture): a kernel of its own runs every cell, draws every figure and
    # builds every widget; executed once per session (Agg backend, set in conftest) and shared
    # with test_figure_labels
    nb = executed(path).notebook
    errors = [
        (i, o.get("ename"), o.get("evalue"))
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error" or (o.get("output_type") == "stream" and o.get("name") == "stderr" and "Traceback" in o.get("text", ""))
    ]
    assert not errors, errors
    widgets = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    if _builds_widgets(nb):
        assert widgets, "the lecture builds an explorer from course.widgets but displays no ipywidgets output"


def _builds_widgets(nb) -> bool:
    return any("course.widgets" in cell.source for cell in nb.cells if cell.cell_type == "code")


@pytest.mark.parametrize("module", sorted({module_of(p) for p in LECTURES}))
def test_every_module_has_an_explorer(module):
    # a module's units together build at least one widget (a unit of one sitting need not);
    # read from the sources, so no lecture is executed again
    import nbformat

    assert any(_builds_widgets(nbformat.read(p, as_version=4)) for p in units(module)), f"no unit of {module} builds an explorer from course.widgets"
