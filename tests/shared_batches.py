"""Work done once per test session and shared by every test that reads it, across the
pytest-xdist workers too.

`SharedBatches(folder).once(name, make)` runs `make(workspace)` in `folder/name/` the first
time any worker asks for `name`, under an exclusive lock (`folder/name.lock`, fcntl), and
records what it returned (JSON) in `folder/name.json`; every later call, from this
worker or another, waits for the lock and returns the same workspace and result without doing
the work again. `folder` is under the session's pytest base temporary folder, which the
workers of one `pytest -n` run share (`tmp_path_factory.getbasetemp().parent` on a worker), so
nothing is shared between two runs. If `make` fails, nothing is recorded: the exception goes
to the test that asked, and the next one to ask tries again (and fails with its own message).

The shared workspaces are for reading: a test that changes one works on a copy
(`copy_workspace`).
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest


def shared_root(tmp_path_factory) -> Path:
    """The folder this pytest run's workers share: the base temporary folder, or its parent
    on an xdist worker (whose base folder is `.../pytest-N/popen-gwK`)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


class SharedBatches:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def _locked(self, name: str):
        with open(self.folder / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def once(self, name: str, make: Callable[[Path], object]) -> tuple[Path, object]:
        workspace = self.folder / name
        done = self.folder / f"{name}.json"
        with self._locked(name):
            if done.is_file():
                return workspace, json.loads(done.read_text(encoding="utf-8"))
            if workspace.exists():  # left half-made by a `make` that failed: start again
                shutil.rmtree(workspace)
            workspace.mkdir()
            result = make(workspace)
            done.write_text(json.dumps(result), encoding="utf-8")
            return workspace, result


def run_cycle_in(workspace: Path, assignment_ids: list[str] | None) -> dict:
    """The instructor's cycle (`python -m grading cycle` without regenerating release/) on the
    samples of `assignment_ids` (None: all), in `workspace` with its SQLite gradebook;
    returns its exit code and printed output."""
    from grading import cycle

    lines: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_GRADING_WORKSPACE", str(workspace))
        mp.delenv("COURSE_GRADEBOOK_URL", raising=False)
        code = cycle.run_cycle(assignment_ids, write_release=False, echo=lambda *a: lines.append(" ".join(map(str, a))))
    return {"code": code, "out": "\n".join(lines)}


def copy_workspace(source: Path, target: Path) -> Path:
    """A copy of a shared workspace (its SQLite gradebook too) for a test that writes to it;
    `target` may exist if empty."""
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target
