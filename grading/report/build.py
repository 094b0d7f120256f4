"""Write the instructor report: execute `instructor_report.ipynb` against a workspace.

    python -m grading report [--to DIR]

executes the report notebook (nbclient, the course's `python3` kernel, this environment's
Python) with the workspace given to it in an injected parameters cell and in
`$COURSE_GRADING_WORKSPACE`, then writes to DIR (default `<workspace>/reports/`):

- `instructor_report.ipynb`: the notebook, executed;
- `instructor_report.html`: the same as a web page (nbconvert, code hidden, the figures
  embedded as PNG images, so the page is one file that can be mailed or archived).

Nothing is downloaded. A workspace with no graded batch, a notebook that fails, a kernel
that does not start: each is a `ReportError` that says what happened and where; a notebook
that failed is kept as `instructor_report.failed.ipynb` beside, and a report written
earlier is left as it was.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat

from grading.paths import ROOT
from grading.paths import workspace as default_workspace
from grading.report import ReportError
from grading.report.results import grade_reports

NOTEBOOK = Path(__file__).with_name("instructor_report.ipynb")
NAME = "instructor_report"
#: seconds a cell of the report may take (the whole report takes a few seconds)
CELL_TIMEOUT = 120


def parameterise(nb: nbformat.NotebookNode, workspace: Path) -> nbformat.NotebookNode:
    """Insert, after the cell tagged `parameters`, a cell that sets `workspace` (as
    papermill does); returns `nb`."""
    cell = nbformat.v4.new_code_cell(f"# injected by python -m grading report\nworkspace = {str(workspace)!r}", metadata={"tags": ["injected-parameters"]})
    cell["id"] = "injected-parameters"
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    nb.cells.insert(tagged[0] + 1 if tagged else 0, cell)
    return nb


def write_report(workspace: Path | None = None, target: Path | None = None, *, timeout: int = CELL_TIMEOUT) -> Path:
    """Execute the report for `workspace` (default: the grading workspace) into `target`
    (default `<workspace>/reports`); returns the HTML's path."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    ws = Path(workspace).resolve() if workspace is not None else default_workspace()
    if not grade_reports(ws):
        raise ReportError(
            f"no graded batch in {ws / 'reports'}: there is no <assignment>_grades.csv there; grade a batch first "
            "(`python -m grading grade ASSIGNMENT`, or `python -m grading cycle` for the samples), or point "
            "COURSE_GRADING_WORKSPACE at the workspace that has one"
        )
    out = Path(target).resolve() if target is not None else ws / "reports"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot write the report to {out}: {exc.strerror or exc}") from None
    nb = parameterise(nbformat.read(NOTEBOOK, as_version=4), ws)
    env = {**os.environ, "COURSE_GRADING_WORKSPACE": str(ws)}
    env.pop("MPLBACKEND", None)  # the notebook's figures use the inline backend
    try:
        with tempfile.TemporaryDirectory(prefix="instructor-report-") as sockets:
            # the kernel talks over Unix sockets in a folder of its own: no TCP port on the
            # machine (and no "running over TCP without encryption" warning in the job's log)
            # (set by config, so that the client starts the kernel and also shuts it down)
            config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})
            NotebookClient(nb, config=config, kernel_name="python3", timeout=timeout, shutdown_kernel="immediate", resources={"metadata": {"path": str(ROOT)}}).execute(env=env)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        failed = out / f"{NAME}.failed.ipynb"
        nbformat.write(nb, failed)
        what = f"{exc.ename}: {exc.evalue}" if isinstance(exc, CellExecutionError) else f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
        raise ReportError(f"the report notebook {NOTEBOOK.name} failed ({what}); the notebook as far as it ran is {failed}") from None
    except (RuntimeError, OSError) as exc:  # the kernel did not start
        raise ReportError(f"cannot start the python3 kernel to run {NOTEBOOK}: {exc}") from None
    executed = out / f"{NAME}.ipynb"
    nbformat.write(nb, executed)
    html, _ = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True).from_notebook_node(nb, resources={"metadata": {"name": "Instructor report"}})
    page = out / f"{NAME}.html"
    page.write_text(html, encoding="utf-8")
    (out / f"{NAME}.failed.ipynb").unlink(missing_ok=True)  # an earlier failure is history now
    return page
