"""Run nbgrader commands in a child process, one at a time, from the course root.

Running each command in its own process keeps a crash or a hang in one submission from
touching the others, and makes the same commands the README documents.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from grading.paths import ROOT, put_environment_scripts_on_path, workspace


@dataclass
class Result:
    args: list[str]
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def tail(self, lines: int = 12) -> str:
        return "\n".join(self.output.strip().splitlines()[-lines:])


def run(args: list[str], *, timeout: float = 900, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """`nbgrader <args>` run from the course root (or `cwd`) with the course's config."""
    ensure_workspace()
    command = [sys.executable, "-m", "nbgrader", *args]
    put_environment_scripts_on_path()
    full_env = {**os.environ, "COURSE_GRADING_WORKSPACE": str(workspace()), "MPLBACKEND": "Agg", **(env or {})}
    try:
        done = subprocess.run(command, cwd=cwd or ROOT, env=full_env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return Result(args, -9, out + f"\nnbgrader {' '.join(args)} did not finish within {timeout:.0f} s and was stopped")
    return Result(args, done.returncode, done.stdout + done.stderr)


def ensure_workspace() -> Path:
    ws = workspace()
    for sub in ("submitted", "autograded", "feedback", "reports", "exchange"):
        (ws / sub).mkdir(parents=True, exist_ok=True)
    return ws


__all__ = ["Result", "run", "ensure_workspace"]
