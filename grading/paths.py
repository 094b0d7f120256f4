"""Where things are: the repository, the grading workspace and the gradebook.

`nbgrader_config.py` reads the workspace and the gradebook URL from here too, so the course's
nbgrader commands and the `grading` package always agree.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
RELEASE = ROOT / "release"
SAMPLES = ROOT / "grading" / "samples"
#: the course's id in nbgrader (nbgrader_config.py) and in the gradebook's course table
COURSE_ID = "cbec-live"


def workspace() -> Path:
    """The grading workspace (git-ignored); `$COURSE_GRADING_WORKSPACE` moves it."""
    return Path(os.environ.get("COURSE_GRADING_WORKSPACE", ROOT / "grading" / "workspace")).resolve()


def gradebook_url() -> str:
    """The gradebook: SQLite in the workspace, or `$COURSE_GRADEBOOK_URL` (any SQLAlchemy URL)."""
    return os.environ.get("COURSE_GRADEBOOK_URL", f"sqlite:///{workspace() / 'gradebook.db'}")


def assignments() -> list[str]:
    """Assignment ids: the folders of `source/`, or of `release/` in the student bundle
    (which has no `source/`)."""
    folder = SOURCE if SOURCE.is_dir() else RELEASE
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def is_student_bundle() -> bool:
    """True in the student bundle (`python -m grading bundle`): no instructor files here."""
    return not SOURCE.is_dir()


def released_notebook(assignment: str, release_dir: Path = RELEASE) -> Path:
    """The one notebook of an assignment's release."""
    notebooks = sorted((release_dir / assignment).glob("*.ipynb"))
    if len(notebooks) != 1:
        raise FileNotFoundError(f"{release_dir / assignment}: expected one released notebook, found {len(notebooks)}; run `make release`")
    return notebooks[0]


def put_environment_scripts_on_path() -> None:
    """nbgrader runs `alembic`, a console script of this environment, which is not on PATH
    unless the environment is activated (as under `make`)."""
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([scripts, os.environ.get("PATH", "")])
