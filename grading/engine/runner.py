"""The student's side: run one submission's steps and send back plain data only.

This runs in a job's own sandboxed process (see `sandbox.confine`), forked from the zygote.
It executes the steps of `AssignmentSpec.plan` in an IPython shell, as a kernel would
(magics, display and the displayhook work), and writes JSON lines to the job's pipe:

    {"t": "cell", "i": 3, "ref": "q1_yoy_growth"}            a step starts (the watchdog's clock)
    {"t": "result", "i": 3, "error": "ZeroDivisionError: ...", "out": "..."}   it ended
    {"t": "snap", "ref": "q1_yoy_growth_test", "values": {...}, "missing": [...]}
    {"t": "done"}

A snapshot carries the values a test reads, each as the text of `plain_data.encode`, taken
at the test's place in the notebook. Nothing here decides a score: the student's code
can rewrite all of this module at run time, and the most it can achieve is to send other
values, which it could as well have typed into an answer cell.
"""
from __future__ import annotations

import json
import os
import sys

from grading import plain_data

_AXES_TYPES = ("Axes", "AxesSubplot", "Figure", "FacetGrid", "JointGrid", "PairGrid")


class BoundedStream:
    """A text stream that keeps the first `limit` characters and counts the rest."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size, self.dropped = limit, [], 0, 0

    def write(self, text) -> int:
        text = str(text)
        room = self.limit - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(len(text), room)
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def getvalue(self) -> str:
        text = "".join(self.parts)
        return text + (f"\n... ({self.dropped} more characters not kept)" if self.dropped else "")


def _send(fd: int, message: dict) -> None:
    data = (json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8", "replace")
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def axes_summary(value) -> dict | None:
    """What a test may ask of a plot, as plain data (None if `value` is not a plot)."""
    if type(value).__name__ not in _AXES_TYPES or not type(value).__module__.startswith(("matplotlib", "seaborn")):
        return None
    from course.checks import plotted_values

    ax = value
    if hasattr(ax, "ax") and not hasattr(ax, "get_lines"):
        ax = ax.ax
    if hasattr(ax, "axes") and not hasattr(ax, "get_lines") and getattr(ax, "axes", None):
        ax = ax.axes[0]
    return {
        "__course_axes__": 1,
        "type": type(value).__name__,
        "values": [float(v) for v in plotted_values(ax)],
        "xlabel": str(ax.get_xlabel()),
        "ylabel": str(ax.get_ylabel()),
        "title": str(ax.get_title()),
    }


def encode_value(value) -> str:
    try:
        summary = axes_summary(value)
        return plain_data.encode(summary if summary is not None else value)
    except Exception as exc:  # a value whose conversion fails is refused, with the reason
        kind = type(value)
        return json.dumps({"$": "refused", "type": f"{kind.__module__}.{kind.__qualname__}", "why": f"reading it failed: {type(exc).__name__}"})


def _error_text(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) < 2000 else text[:2000] + " ..."


def run(steps: list[list], fd: int, cell_output_bytes: int) -> None:
    """Run the plan; every message goes to `fd`."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "NoColor"
    config.InteractiveShell.xmode = "Plain"
    shell = InteractiveShell.instance(config=config)
    real_out, real_err = sys.stdout, sys.stderr
    for index, (kind, ref, code, reads) in enumerate(steps):
        if kind == "snapshot":
            values, missing = {}, []
            for name in reads:
                if name in shell.user_ns:
                    values[name] = encode_value(shell.user_ns[name])
                else:
                    missing.append(name)
            _send(fd, {"t": "snap", "ref": ref, "values": values, "missing": missing})
            continue
        _send(fd, {"t": "cell", "i": index, "ref": ref, "kind": kind})
        stream = BoundedStream(cell_output_bytes)
        sys.stdout = sys.stderr = stream
        error = None
        try:
            result = shell.run_cell(code, store_history=True, silent=False)
            exc = result.error_before_exec or result.error_in_exec
            if exc is not None:
                error = _error_text(exc)
        except BaseException as exc:  # noqa: BLE001 - SystemExit and friends end only this cell
            error = _error_text(exc)
        finally:
            sys.stdout, sys.stderr = real_out, real_err
        _send(fd, {"t": "result", "i": index, "ref": ref, "error": error, "out": stream.getvalue()})
    _send(fd, {"t": "done"})
