"""Feedback that keeps the tests' messages but never shows hidden test code.

Stock nbgrader feedback shows each test cell's source, hidden tests included, and full
tracebacks, whose context lines quote the failing test. `nbgrader_config.py` adds these
preprocessors to `nbgrader generate_feedback`:

- nbgrader's `ClearHiddenTests` removes the hidden block from every test cell's source;
- `ConciseErrors` replaces each error's traceback with its last line, e.g.
  "AssertionError: `growth_2019` = 1.38 is not right. That is the ratio of the two years ...".
"""
from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool


class ConciseErrors(Preprocessor):
    """Keep only `ename: evalue` of every error output."""

    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources
