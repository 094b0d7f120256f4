"""Where things are: the repository root and the instructor's grading workspace."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
RELEASE = ROOT / "release"
SAMPLES = ROOT / "grading" / "samples"


def workspace() -> Path:
    """The grading workspace (git-ignored); `$COURSE_GRADING_WORKSPACE` moves it."""
    return Path(os.environ.get("COURSE_GRADING_WORKSPACE", ROOT / "grading" / "workspace")).resolve()


def assignments() -> list[str]:
    """Assignment ids: the folders of `source/`."""
    return sorted(p.name for p in SOURCE.iterdir() if p.is_dir() and not p.name.startswith("."))
