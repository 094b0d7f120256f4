"""Generate the student versions in `release/` from `source/` (nbgrader generate_assignment).

`generate()` writes `release/<assignment>/` for every assignment and normalises the notebooks
so that the committed copies diff cleanly; `tests/test_release.py` regenerates into a
temporary folder and fails when the committed `release/` is stale.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from grading import nbgrader_cli
from grading.notebooks import normalize_file
from grading.paths import RELEASE, assignments, gradebook_url


class ReleaseError(RuntimeError):
    pass


def generate(assignment_ids: list[str] | None = None, *, release_dir: Path = RELEASE, db_url: str | None = None) -> list[Path]:
    """Generate the release of each assignment into `release_dir`; returns the notebooks written.

    Without `db_url` a throwaway gradebook is used, so the release depends on `source/` alone
    (not on what the instructor's gradebook already holds); `register` records the
    assignments in the real gradebook.
    """
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="course-gradebook-") as scratch:
        db = db_url or f"sqlite:///{Path(scratch) / 'gradebook.db'}"
        for assignment in assignments() if assignment_ids is None else assignment_ids:
            written.extend(_generate_one(assignment, release_dir, db))
    return written


def register(assignment_ids: list[str] | None = None) -> None:
    """Record the assignments (their graded cells and points, and their due dates from
    `schedule.toml`) in the course's gradebook. Raises `grading.gradebook.GradebookError`
    when the gradebook cannot be opened, `grading.schedule.ScheduleError` when the schedule
    cannot be read."""
    from grading.gradebook import connect
    from grading.schedule import load, record_due_dates

    schedule = load()  # a broken schedule stops before anything is written

    # open it once here: a server that cannot be reached is a clear message, not nbgrader's
    # traceback, and a new gradebook's tables are created under the course's lock
    connect(gradebook_url()).close()
    with tempfile.TemporaryDirectory(prefix="course-release-") as scratch:
        for assignment in assignments() if assignment_ids is None else assignment_ids:
            _generate_one(assignment, Path(scratch), gradebook_url())
    record_due_dates(gradebook_url(), schedule, assignments() if assignment_ids is None else assignment_ids)


def _generate_one(assignment: str, release_dir: Path, db_url: str) -> list[Path]:
    target = release_dir / assignment
    if target.exists():
        shutil.rmtree(target)
    args = ["generate_assignment", assignment, "--force", f"--CourseDirectory.release_directory={release_dir}"]
    # the URL goes through the environment (nbgrader_config.py reads it), not the command line,
    # where every user of the machine could read a server's password
    result = nbgrader_cli.run(args, env={"COURSE_GRADEBOOK_URL": db_url})
    if not result.ok:
        reason = result.tail()
        if "there are submissions associated with it" in result.output:
            from grading.gradebook import masked

            reason = (
                f"the gradebook ({masked(db_url)}) already holds submissions of {assignment} and its graded "
                "cells have changed since; nbgrader refuses to change an assignment that has "
                "been graded. Remove those submissions or use a new assignment id."
            )
        raise ReleaseError(f"nbgrader could not generate {assignment}: {reason}")
    written = sorted(target.glob("*.ipynb"))
    for nb in written:
        normalize_file(nb)
    return written


def generate_to_temp(assignment_ids: list[str] | None = None) -> Path:
    """Generate every release into a fresh temporary folder."""
    tmp = Path(tempfile.mkdtemp(prefix="course-release-"))
    generate(assignment_ids, release_dir=tmp / "release")
    return tmp / "release"
