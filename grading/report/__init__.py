"""The instructor report: what a graded batch says about the assignment and the class.

    python -m grading report [--to DIR]

- `results`: the graded batches in the workspace (grades CSVs, the gradebook's current
  scores, the autograded notebooks' test messages) as one tidy table;
- `analysis`: pure computations on that table: totals, item analysis (difficulty and
  discrimination per question), the most common failure messages, the attention list;
- `tampering`: does a submission's test cells or nbgrader metadata differ from what was
  released (or from the instructor's notebook)?
- `plots`: seaborn figures of the above, each returning the Axes it drew on;
- `build`: executes `instructor_report.ipynb` against a workspace and writes it, executed,
  with its HTML, to `<workspace>/reports/`.

Only `build` is imported here, lazily, so `import grading.report` stays cheap.
"""
from __future__ import annotations

from pathlib import Path


class ReportError(RuntimeError):
    """The report cannot be written; the message says why and names the folder or file."""


def write_report(workspace: Path | None = None, target: Path | None = None) -> Path:
    """Execute the report notebook; returns the HTML's path (see `grading.report.build`)."""
    from grading.report.build import write_report as _write

    return _write(workspace, target)
