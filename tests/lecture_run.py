"""Execute a lecture once per test session and keep what its figures say.

`executed(path)` runs the lecture in a fresh kernel (the Agg backend, as a student's headless
run) with a hook that records, after every cell, the visible text of every matplotlib figure the
cell made or changed: titles, axis labels, tick labels, legend entries and titles, and text drawn
on the axes (direct labels). The result is cached, so tests/test_lectures.py and
tests/test_figure_labels.py share one execution of each lecture. Under pytest-xdist the
workers share it too: conftest.py names a folder of the run (`$COURSE_LECTURE_RUNS`) where the
first worker to ask for a lecture executes it under a lock (tests/shared_batches.py) and keeps
the executed notebook and its figures' texts; the other worker reads them (tests/test_site.py
builds the website from the same notebooks).

The hook is one cell put before the lecture's first cell and removed from the executed notebook
again, so the cells a test inspects are the lecture's own.
"""
from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

LECTURES = sorted((Path(__file__).resolve().parent.parent / "course" / "lectures").glob("*.ipynb"))

MARKER = "__FIGURE_TEXTS__"

# Runs in the lecture's kernel. Every Figure created is kept (figures a widget closes are still
# read); after each cell, the figures created or changed since the last cell (matplotlib marks a
# changed figure stale until it is drawn again) are drawn once and read, and their texts appended
# to a list the last cell prints as JSON.
HOOK = r'''
import json as _ft_json
import matplotlib as _ft_mpl
import matplotlib.figure as _ft_figure

_ft_figures = []
_ft_records = []
_ft_init = _ft_figure.Figure.__init__

def _ft_tracking_init(self, *args, **kwargs):
    _ft_init(self, *args, **kwargs)
    _ft_figures.append(self)

_ft_figure.Figure.__init__ = _ft_tracking_init

def _ft_texts(fig):
    try:
        fig.canvas.draw()          # tick labels exist only once drawn
    except Exception:
        pass
    out = []
    def add(kind, text):
        text = text.get_text() if hasattr(text, "get_text") else str(text)
        if text and text.strip():
            out.append([kind, text])
    if fig._suptitle is not None:
        add("title", fig._suptitle)
    for text in fig.texts:
        add("figure text", text)
    for legend in fig.legends:
        add("legend title", legend.get_title())
        for t in legend.get_texts():
            add("legend entry", t)
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            add("title", ax.get_title(loc))
        add("x-axis label", ax.get_xlabel())
        add("y-axis label", ax.get_ylabel())
        for t in ax.get_xticklabels():
            add("x tick label", t)
        for t in ax.get_yticklabels():
            add("y tick label", t)
        legend = ax.get_legend()
        if legend is not None:
            add("legend title", legend.get_title())
            for t in legend.get_texts():
                add("legend entry", t)
        for t in ax.texts:
            add("text on the axes", t)
    return out

def _ft_after_cell(result):
    for number, fig in enumerate(_ft_figures):
        if hasattr(fig, "_ft_key") and not fig.stale:
            continue               # read before and not changed since: no need to draw again
        texts = _ft_texts(fig)
        key = _ft_json.dumps(texts)
        if getattr(fig, "_ft_key", None) != key:
            fig._ft_key = key
            _ft_records.append({"execution_count": result.execution_count, "figure": number, "texts": texts})

get_ipython().events.register("post_run_cell", _ft_after_cell)
'''

REPORT = f'print("{MARKER}" + _ft_json.dumps(_ft_records))'


@dataclass
class Figure:
    cell_id: str          # the lecture cell that drew (or redrew) the figure
    number: int           # its place among the lecture's figures, from 1
    texts: list[tuple[str, str]]   # (what, text): "x-axis label", "legend entry", ...


@dataclass
class ExecutedLecture:
    notebook: nbformat.NotebookNode   # the lecture's own cells, with outputs
    figures: list[Figure]


@functools.lru_cache(maxsize=None)
def executed(path: Path) -> ExecutedLecture:
    """The lecture executed once for the whole run (every xdist worker), with its figures."""
    folder = os.environ.get("COURSE_LECTURE_RUNS")
    if not folder:
        return execute_fresh(path)
    from shared_batches import SharedBatches

    def run_and_keep(workspace: Path) -> list:
        lecture = execute_fresh(path)
        nbformat.write(lecture.notebook, workspace / path.name)
        return [[f.cell_id, f.number, f.texts] for f in lecture.figures]

    workspace, figures = SharedBatches(Path(folder)).once(path.stem, run_and_keep)
    notebook = nbformat.read(workspace / path.name, as_version=4)
    return ExecutedLecture(notebook, [Figure(cell, number, [tuple(t) for t in texts]) for cell, number, texts in figures])


#: seconds a cell may run: the slowest of the 312 lecture cells took 1.7 s in a full run on
#: two busy cores, so a cell still running after 20 s is a reply that went missing
CELL_TIMEOUT = 20


def execute_fresh(path: Path) -> ExecutedLecture:
    """Run the lecture in a fresh kernel, not cached (`executed` caches it for the run); if a
    cell's reply never comes, once more in another fresh kernel.

    On a busy machine nbclient sometimes waits for a cell's reply that never reaches it, with
    the kernel idle and the cell done: seen once in two or three full runs (with ipykernel 6.31
    and 7.4 alike, jupyter_client 8.10, pyzmq 27.3); the one caught in the act was after a
    cell that displays a widget. It used to cost the run 300 s and the lecture's tests. Now the wait ends after
    CELL_TIMEOUT (20 s) and the lecture runs again from the start; the run's summary says so
    (tests/run_notes.py), and a second timeout fails the lecture."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    for attempt in (1, 2):
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(HOOK))
        nb.cells.append(nbformat.v4.new_code_cell(REPORT))
        try:
            NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", shutdown_kernel="immediate",  # see nbgrader_config.py
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            break
        except (CellTimeoutError, DeadKernelError) as exc:
            if attempt == 2:
                raise
            import run_notes

            run_notes.add([f"[lectures] {path.stem}: no reply for a cell within {CELL_TIMEOUT} s "
                           f"({type(exc).__name__}); ran it again in a fresh kernel"])
    hook, report = nb.cells[0], nb.cells[-1]
    del nb.cells[-1]
    del nb.cells[0]
    for output in hook.get("outputs", []):
        if output.get("output_type") == "error":
            raise RuntimeError(f"the figure hook failed in {path.name}: {output.get('ename')}: {output.get('evalue')}")
    text = "".join(o.get("text", "") for o in report.get("outputs", []) if o.get("output_type") == "stream")
    records = json.loads(text.split(MARKER, 1)[1]) if MARKER in text else []
    cell_of = {cell.get("execution_count"): cell.get("id", "?") for cell in nb.cells if cell.cell_type == "code"}
    figures = [Figure(cell_of.get(r["execution_count"], "?"), r["figure"] + 1, [tuple(t) for t in r["texts"]]) for r in records]
    return ExecutedLecture(nb, figures)
