from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the read-only course inputs (papers, reference data) sit beside the repository
SHARED = Path(os.environ.get("COURSE_SHARED", ROOT.parent / "shared"))

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def stats():
    from course.data import load

    return load("paper_statistics")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"the source papers are not at {seeds} (set COURSE_SHARED to the shared/ folder)")
    return seeds


@pytest.fixture(autouse=True)
def _close_figures():
    """Plot tests open figures; close them so a long run does not keep hundreds alive."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
