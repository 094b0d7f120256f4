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
from grading.paths import RELEASE, assignments


class ReleaseError(RuntimeError):
    pass


def generate(assignment_ids: list[str] | None = None, *, release_dir: Path = RELEASE, db_url: str | None = None) -> list[Path]:
    """Generate the release of each assignment into `release_dir`; returns the notebooks written."""
    written: list[Path] = []
    for assignment in assignment_ids or assignments():
        target = release_dir / assignment
        if target.exists():
            shutil.rmtree(target)
        args = ["generate_assignment", assignment, "--force", f"--CourseDirectory.release_directory={release_dir}"]
        if db_url:
            args.append(f"--CourseDirectory.db_url={db_url}")
        result = nbgrader_cli.run(args)
        if not result.ok:
            raise ReleaseError(f"nbgrader could not generate {assignment}:\n{result.tail()}")
        for nb in sorted(target.glob("*.ipynb")):
            normalize_file(nb)
            written.append(nb)
    return written


def generate_to_temp(assignment_ids: list[str] | None = None) -> Path:
    """Generate every release into a fresh temporary folder with a throwaway gradebook."""
    tmp = Path(tempfile.mkdtemp(prefix="course-release-"))
    generate(assignment_ids, release_dir=tmp / "release", db_url=f"sqlite:///{tmp / 'gradebook.db'}")
    return tmp / "release"
