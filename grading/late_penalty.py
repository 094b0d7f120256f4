"""The late penalty of a submission graded by the engine, decided exactly as stock
`nbgrader autograde` decides it.

Stock autograde ends with nbgrader's `AssignLatePenalties` preprocessor: it resets the
notebook's `late_submission_penalty`, and when the submission's `total_seconds_late` (its
timestamp against the assignment's due date plus the student's extension, if any) is above
zero it asks the configured plugin (`AssignLatePenalties.plugin_class`, by default
`LateSubmissionPlugin`, whose `penalty_method` is "none" or "zero") for a penalty and clamps
it between 0 and the notebook's score. `assign_late_penalty` does the same with nbgrader's own
classes, configured from the same configuration files nbgrader reads (Jupyter's config folders,
then the course's `nbgrader_config.py`), through the batch's gradebook connection.
"""
from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

from jupyter_core.paths import jupyter_config_path
import math

from nbgrader.api import Gradebook
from nbgrader.plugins import BasePlugin
from nbgrader.preprocessors import AssignLatePenalties
from traitlets import Float
from traitlets.config import Config
from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

from grading.paths import ROOT

_log = logging.getLogger("grading.late_penalty")


class LatePolicyError(RuntimeError):
    """nbgrader's configuration cannot be read, so the late policy is unknown."""


def check_config(root: Path = ROOT) -> None:
    """Raise `LatePolicyError` (one line) unless the late policy can be configured: called
    before a batch is graded, so that no submission is graded under an unknown policy."""
    try:
        _assigner(root)
    except LatePolicyError:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. a plugin_class that cannot be imported
        raise LatePolicyError(f"nbgrader's late penalty cannot be configured: {type(exc).__name__}: {exc}") from None


class PercentPerDay(BasePlugin):
    """A late policy as an nbgrader plugin (`AssignLatePenalties.plugin_class`): the penalty
    is `percent_per_day` of the notebook's score for each started day late (one second late
    is one day), at most `max_percent` of it. `schedule.toml`'s `percent_per_day` policy."""

    percent_per_day = Float(10.0, help="percent of the score taken per started day late").tag(config=True)
    max_percent = Float(50.0, help="the most that is taken, in percent of the score").tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float) -> float | None:
        if total_seconds_late <= 0:
            return None
        days = math.ceil(total_seconds_late / 86400)
        return score * min(self.max_percent, self.percent_per_day * days) / 100


def course_config(root: Path = ROOT) -> Config:
    """nbgrader's configuration as `nbgrader` run from `root` sees it: the system's and the
    user's `nbgrader_config.py` (Jupyter's config path, `$JUPYTER_CONFIG_DIR` first), then the
    course's own, which wins."""
    config = Config()
    for folder in [*reversed(jupyter_config_path()), str(root)]:
        try:
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
        except ConfigFileNotFound:
            continue
        except SystemExit as stop:  # the course's config stops on a schedule it cannot read
            raise LatePolicyError(str(stop.code)) from None
    return config


def _assigner(root: Path) -> AssignLatePenalties:
    return _configured(root, tuple(jupyter_config_path()), os.environ.get("COURSE_SCHEDULE", ""))


@lru_cache(maxsize=8)
def _configured(root: Path, config_path: tuple[str, ...], schedule: str) -> AssignLatePenalties:
    assigner = AssignLatePenalties(config=course_config(root), log=_log)
    assigner.init_plugin()  # raises when plugin_class names a class that cannot be imported
    return assigner


def assign_late_penalty(gb: Gradebook, assignment: str, student_id: str, notebook_id: str, *, root: Path = ROOT) -> float | None:
    """Set the submitted notebook's `late_submission_penalty` as stock autograde does and
    return it (None: not late, or the policy gives no penalty). `gb` is an open gradebook
    session; the caller commits."""
    assigner = _assigner(root)
    submission = gb.find_submission(assignment, student_id)
    notebook = gb.find_submission_notebook(notebook_id, assignment, student_id)
    notebook.late_submission_penalty = None
    if submission.total_seconds_late > 0:
        penalty = assigner.plugin_inst.late_submission_penalty(student_id, notebook.score, submission.total_seconds_late)
        if penalty is not None:
            penalty = assigner._check_late_penalty(notebook, penalty)  # nbgrader's clamp to [0, score]
            notebook.late_submission_penalty = penalty
    return notebook.late_submission_penalty


def clear_cache() -> None:
    """Forget the configuration read so far (a test that changes it)."""
    _configured.cache_clear()


def record_late_penalty(gradebook, assignment: str, student_id: str, notebook_id: str) -> float | None:
    """`assign_late_penalty` in its own transaction of `gradebook` (a URL or a batch's
    `BatchGradebook`), committed; the pipeline's call after `record`."""
    from grading.gradebook import session

    with session(gradebook) as gb:
        penalty = assign_late_penalty(gb, assignment, student_id, notebook_id)
        gb.db.commit()
    return penalty
