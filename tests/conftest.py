from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the read-only course inputs (papers, reference data) sit beside the repository
SHARED = Path(os.environ.get("COURSE_SHARED", ROOT.parent / "shared"))
NOTES = pytest.StashKey[Path]()

os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_configure(config):
    """The main process (not an xdist worker) names the file of tests/run_notes.py; the
    workers it starts inherit the name."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        fd, name = tempfile.mkstemp(prefix="cbec-test-notes-", suffix=".txt")
        os.close(fd)
        os.environ["COURSE_TEST_NOTES"] = name
        config.stash[NOTES] = Path(name)


def pytest_terminal_summary(terminalreporter, config):
    notes = config.stash.get(NOTES, None)
    if notes is None or not notes.is_file():
        return
    lines = notes.read_text(encoding="utf-8").splitlines()
    notes.unlink()
    if lines:
        terminalreporter.write_line("")
        for line in lines:
            terminalreporter.write_line(line)


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


# --- shared across the session and its xdist workers (tests/shared_batches.py) -------------

@pytest.fixture(scope="session")
def shared_batches(tmp_path_factory):
    from shared_batches import SharedBatches, shared_root

    return SharedBatches(shared_root(tmp_path_factory) / "shared-batches")


@pytest.fixture(scope="session", autouse=True)
def _lecture_runs_shared(tmp_path_factory):
    """Where tests/lecture_run.py keeps each lecture it executed, for every worker of this run."""
    from shared_batches import shared_root

    os.environ["COURSE_LECTURE_RUNS"] = str(shared_root(tmp_path_factory) / "lecture-runs")


@pytest.fixture(scope="session")
def graded_course(shared_batches):
    """The instructor's cycle on every assignment's samples, run once per session (by whichever
    worker asks first; the others wait for it): (workspace, exit code, printed output). For
    reading only."""
    from shared_batches import run_cycle_in

    ws, result = shared_batches.once("cycle-every-assignment", lambda ws: run_cycle_in(ws, None))
    return ws, result["code"], result["out"]


@pytest.fixture(scope="session")
def graded_market_size(shared_batches):
    """The cycle on 01_market_size's samples alone, once per session: (workspace, exit code,
    printed output). For reading only: a test that writes copies it (shared_batches.copy_workspace)."""
    from shared_batches import run_cycle_in

    ws, result = shared_batches.once("cycle-01_market_size", lambda ws: run_cycle_in(ws, ["01_market_size"]))
    return ws, result["code"], result["out"]


# --- one Playwright driver per process -----------------------------------------------------------

@pytest.fixture(scope="session")
def playwright_driver():
    """The process's one Playwright driver, for tests/test_browser.py and tests/test_site.py: its
    sync API cannot be started a second time while it runs in the same process ("using Playwright
    Sync API inside the asyncio loop"), and both modules' tests can land on one xdist worker.
    Ask for it after checking that Chromium and Playwright are there (`_require_browser`)."""
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    yield driver
    driver.stop()


# --- which worker runs what first (tests/xdist_schedule.py) ------------------------------------

@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadscope":
        return None  # another --dist asked for on the command line: xdist's own
    from xdist_schedule import HeavyFirstScheduling

    return HeavyFirstScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    from xdist_schedule import order_heavy_first

    order_heavy_first(items)


# --- which tests share a pytest-xdist worker ------------------------------------------------
#
# `make test` runs `pytest -n 2 --dist loadscope` (pyproject.toml): a module's tests all run on
# one worker, one after the other, and the two workers take modules as they become free. So
# whatever a module starts once for its tests (a server: JupyterLab and Chromium, JupyterHub,
# PostgreSQL; or a module-scoped batch) is started once per session, on one worker. (xdist's
# finer `loadgroup` does not group with pytest 9.2, which no longer reads the node id xdist
# rewrites to add the group.) The batches that several modules read are graded once for both
# workers by the fixtures above.


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server on 127.0.0.1 for the session (tests/postgres_server.py);
    `postgres.create_database(name)` returns the SQLAlchemy URL of a new, empty database on
    it. Skips where the server binaries are missing (.ci/install-postgres installs them), and
    fails there instead with COURSE_REQUIRE_SERVICES=1."""
    from postgres_server import postgres_server

    with postgres_server() as server:
        yield server


# --- sandboxes counted as grade_files starts them -------------------------------------------------

@pytest.fixture
def launched_sandboxes(monkeypatch):
    """The list of every sandbox (`Pool`) `grade_files` launches during the test, in order (for
    the tests of grading/engine/shelf.py, which reuses them)."""
    from grading.engine import batch

    launched = []

    class Counted(batch.Pool):
        def launch(self):
            launched.append(self)
            super().launch()

    monkeypatch.setattr(batch, "Pool", Counted)
    return launched
