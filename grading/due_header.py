"""The due-date line of a released notebook's header, from `schedule.toml`.

`nbgrader_config.py` runs `DueDateHeader` in `nbgrader generate_assignment` right after
nbgrader's `IncludeHeaderFooter`: it adds to the course header (the cell `course-header` of
`source/header.ipynb`) one line saying when the assignment is due, in the course's time zone
and in UTC, and what happens to late work. An assignment the schedule does not list gets no
line. The header cell is not graded or locked, so nbgrader's checksums are not involved.
"""
from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

HEADER_ID = "course-header"


class DueDateHeader(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        from grading.schedule import load

        line = load().due_line(resources["nbgrader"]["assignment"])
        if line:
            for cell in nb.cells:
                if cell.get("id") == HEADER_ID and cell.cell_type == "markdown":
                    cell.source = cell.source.rstrip() + f"\n\n**{line}**"
                    break
        return nb, resources
