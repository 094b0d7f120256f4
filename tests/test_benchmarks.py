"""The benchmark scripts run and report what they say (their numbers are not checked: speed
is measured by running them, see benchmarks/README.md, never by a timed test)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from grading.paths import ROOT


def test_gradebook_recording_benchmark_reports_both_ways(tmp_path):
    out = tmp_path / "result.json"
    done = subprocess.run(
        [sys.executable, "benchmarks/gradebook_recording.py", "--count", "3", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["submissions"] == 3 and report["identical_scores"] is True
    assert report["per_submission_connection_seconds"] > 0 and report["one_connection_per_batch_seconds"] > 0
    # the ratio is of the unrounded times; the seconds shown are rounded to milliseconds
    assert report["ratio"] == pytest.approx(report["per_submission_connection_seconds"] / report["one_connection_per_batch_seconds"], rel=0.02, abs=0.02)
    assert "a connection per submission" in done.stdout and "identical scores: yes" in done.stdout
