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
    from course.lecture_units import shows_widgets

    if shows_widgets(path):  # a whole lecture, or a unit that builds a widget from course.widgets
        assert widgets, "the lecture displays at least one ipywidgets explorer"


def test_every_module_shows_a_widget():
    # a module split into units of one sitting shows its widgets in some of them, not in every one
    from course.lecture_units import module_of, shows_widgets

    modules = {module_of(p) for p in LECTURES}
    without = sorted(m for m in modules if not any(shows_widgets(p) for p in LECTURES if module_of(p) == m))
    assert not without, f"modules whose lecture builds no widget from course.widgets: {without}"


def _is_unit(path) -> bool:
    from course.lecture_units import UNIT_NAME

    match = UNIT_NAME.match(path.stem)
    return bool(match) and match["unit"] not in (None, "appendix")


UNITS = [p for p in LECTURES if _is_unit(p)]   # numbered units of one sitting (not a whole lecture, not an appendix)


def prose_words(nb) -> int:
    """Words of prose a student reads in the sitting: markdown cells without fenced code, table
    rows and the list of references (from a "References" heading to the end of its cell)."""
    import re

    words = 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"```.*?```", "", cell.source, flags=re.DOTALL)
        text = re.split(r"(?im)^#{1,4} (references|sources)\b", text, maxsplit=1)[0]
        words += sum(len(line.split()) for line in text.splitlines() if not line.lstrip().startswith("|"))
    return words


#: "about 2,000 words" of prose, read as at most 15% more
MAX_PROSE_WORDS = 2300


#: the sections every numbered unit has, as markdown headings (any level), in this order
SECTIONS = {
    "prerequisites": r"prerequisites",
    "outcomes": r"(learning )?outcomes",
    "a summary of key takeaways": r"(summary|key takeaways)",
    "exercises": r"exercises",
}


@pytest.mark.parametrize("path", UNITS, ids=[p.stem for p in UNITS])
def test_a_unit_is_one_sitting_with_a_beginning_and_an_end(path):
    # static (no execution): prerequisites and outcomes first, a summary of key takeaways and
    # exercises with worked solutions in the notebook at the end, at most about 2,000 words
    import re

    import nbformat

    nb = nbformat.read(path, as_version=4)
    # a section starts at a markdown heading or at a paragraph that opens with its bold name
    headings = [re.sub(r"^#{1,4} |^\*\*", "", line).strip().lower() for cell in nb.cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if re.match(r"#{1,4} |\*\*[A-Z]", line)]
    found = {}
    for what, pattern in SECTIONS.items():
        at = [i for i, h in enumerate(headings) if re.match(rf"(\d+\.\s*)?{pattern}\b", h)]
        assert at, f"{path.name}: no heading for {what} (headings: {headings})"
        found[what] = at[0]
    assert found["prerequisites"] < found["a summary of key takeaways"] and found["outcomes"] < found["a summary of key takeaways"], f"{path.name}: prerequisites and outcomes come first"
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    after = re.split(r"(?im)^(#{1,4} |\*\*)(\d+\.\s*)?exercises", markdown, maxsplit=1)[-1]
    assert "solution" in after.lower(), f"{path.name}: the exercises have no worked solutions"
    assert prose_words(nb) <= MAX_PROSE_WORDS, f"{path.name}: {prose_words(nb)} words of prose; a sitting is at most about 2,000"


def test_a_lecture_whose_cell_reply_never_comes_runs_again_in_a_fresh_kernel(tmp_path, monkeypatch):
    """nbclient sometimes waits for a reply that never comes (tests/lecture_run.py): the first
    kernel's wait ends in a timeout, the lecture runs again, and a second timeout fails it."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError

    from tests import lecture_run

    path = tmp_path / "tiny.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("answer = 6 * 7\nanswer")]), path)
    real, runs = lecture_run.NotebookClient, []

    class FirstKernelGoesSilent(real):
        def execute(self, **kwargs):
            runs.append(self.timeout)
            if len(runs) == 1:
                raise CellTimeoutError("A cell timed out while it was being executed")
            return super().execute(**kwargs)

    notes = tmp_path / "notes.txt"
    monkeypatch.setenv("COURSE_TEST_NOTES", str(notes))  # this run's notes, not the session's
    monkeypatch.setattr(lecture_run, "NotebookClient", FirstKernelGoesSilent)
    lecture = lecture_run.execute_fresh(path)
    assert runs == [lecture_run.CELL_TIMEOUT] * 2
    assert "tiny: no reply for a cell within" in notes.read_text(encoding="utf-8")
    assert lecture.notebook.cells[0].outputs[0]["data"]["text/plain"] == "42"

    class AlwaysSilent(real):
        def execute(self, **kwargs):
            raise CellTimeoutError("A cell timed out while it was being executed")

    monkeypatch.setattr(lecture_run, "NotebookClient", AlwaysSilent)
    with pytest.raises(CellTimeoutError):
        lecture_run.execute_fresh(path)
