"""The grader's words for an unanswered question, in the lab too.

When a test cell reads a name that the notebook never assigned, the grading engine says why
("NameError: name 'x' is not defined. Its answer cell still raises NotImplementedError:
replace `raise NotImplementedError()` with your answer and run the cell."). In JupyterLab, when
a test cell runs or Validate is pressed, Python alone says only "name 'x' is not defined".
Importing `course.checks` in an IPython kernel (every test cell does) installs a handler for
NameError that adds the same explanation, from the cells this kernel has run.

The handler only rewords the error: the exception still propagates, the cell still fails and
nbgrader still sees an error, so it cannot raise a score. Outside IPython (the grading engine
runs tests with plain `exec`) nothing is installed, and the engine's own messages are unchanged.
"""
from __future__ import annotations

import re
import sys
from typing import Any

_NOT_IMPLEMENTED = re.compile(r"^\s*raise\s+NotImplementedError\b", re.MULTILINE)
_TEST_CELL = "from course.checks import"
_MARK = "_course_lab_messages"

NOT_IMPLEMENTED = ("Its answer cell still raises NotImplementedError: replace `raise NotImplementedError()` "
                   "with your answer and run the cell.")
NOT_RUN = ("Its answer cell has not been run in this kernel: run the cells above it "
           "(Kernel → Restart Kernel and Run All Cells).")


def _mentions(source: str, name: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", source) is not None


def explain(name: str, history: list[tuple[str, str]]) -> str:
    """Why `name` is undefined, from the cells this kernel ran: `history` is (source, error
    type name or "") per run cell, oldest first; errors are "" where unknown."""
    for source, error in reversed(history):
        if _TEST_CELL in source or not _mentions(source, name):
            continue
        if _NOT_IMPLEMENTED.search(source):
            return NOT_IMPLEMENTED
        if error:
            return f"Its answer cell stopped with {error} before assigning it: fix that error (see the cell's output)."
        return "Its answer cell ran without assigning it: check the name's spelling, the test reads exactly this name."
    return NOT_RUN


class _Recorder:
    """Which cells ran and how each ended, from IPython's post_run_cell event."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, str]] = []

    def __call__(self, result: Any) -> None:
        error = result.error_in_exec or result.error_before_exec
        self.runs.append((result.info.raw_cell if result.info is not None else "", type(error).__name__ if error else ""))


def _history(shell: Any, recorder: _Recorder) -> list[tuple[str, str]]:
    """The recorded runs, preceded by the cells run before the recorder was installed (from
    the input history, their errors unknown)."""
    recorded = [source for source, _ in recorder.runs]
    earlier = list(shell.user_ns.get("In", []))[1:]
    # the input history holds every run cell, the recorded ones last
    earlier = earlier[: max(0, len(earlier) - len(recorded) - 1)]
    return [(source, "") for source in earlier] + recorder.runs


def install(shell: Any | None = None) -> bool:
    """Install the NameError explanation in the running IPython shell; False outside IPython."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is None or getattr(shell, _MARK, None) is not None:
        return shell is not None
    if tuple(getattr(shell, "custom_exceptions", ())):
        return False  # someone else's handler: leave it alone
    recorder = _Recorder()
    shell.events.register("post_run_cell", recorder)

    def handler(self: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> Any:
        try:
            name = getattr(value, "name", None)
            if isinstance(value, NameError) and name and name not in self.user_ns and not getattr(value, _MARK, False):
                value.args = (f"{value.args[0] if value.args else value}. {explain(name, _history(self, recorder))}",)
                setattr(value, _MARK, True)
        except Exception:  # noqa: BLE001 - a failed explanation never hides the error itself
            pass
        # IPython shows nothing of a custom handler's own: show the error as it would have
        self.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return []

    shell.set_custom_exc((NameError,), handler)
    setattr(shell, _MARK, recorder)
    return True
