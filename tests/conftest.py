from __future__ import annotations

import os
import re
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


#: which seed file holds which paper (tests only: the course cites papers by author and year)
SEED_FILES = {
    "tian2022": "000_c26c5e1a412d5350.txt",
    "socialized2025": "001_7ae1e98e697c0bcd.txt",
    "liu2021": "002_b2415f39b8446322.txt",
    "gan2024": "003_830e8573e36d3ab1.txt",
    "yang2025": "004_549627fb6e445a74.txt",
}


def squash(text: str) -> str:
    """Text without whitespace, so a quote matches its paper across line breaks."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def papers(seeds_dir) -> dict[str, str]:
    """Each paper's text, squashed, by source_id (skips when the papers are absent)."""
    return {sid: squash((seeds_dir / name).read_text(encoding="utf-8")) for sid, name in SEED_FILES.items()}


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


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server on 127.0.0.1 for the session (tests/postgres_server.py);
    `postgres.create_database(name)` returns the SQLAlchemy URL of a new, empty database on
    it. Skips where the server binaries are missing (.ci/install-postgres installs them), and
    fails there instead with COURSE_REQUIRE_SERVICES=1."""
    from postgres_server import postgres_server

    with postgres_server() as server:
        yield server
