"""The visible-only check without the sandbox (a student's Mac or Windows laptop).

The sandbox's absence is simulated with COURSE_SIMULATE_NO_SANDBOX=1, so these run on the
Linux machine that has the sandbox, and compare the two ways on the same notebooks.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat
import pytest

from grading import ci
from grading.engine import unsandboxed
from grading.engine.batch import grade_files
from grading.engine.pool import sandbox_available
from grading.engine.sandbox import Limits
from grading.engine.spec import AssignmentSpec
from grading.paths import ROOT
from grading.samples import expected_scores, load_samples, write_submission

needs_sandbox = pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here to compare with: {sandbox_available()}")

#: two assignments whose samples are graded both ways
COMPARED = ["01_market_size", "03_swot"]


def _samples(assignment, folder):
    paths = []
    for sample in load_samples(assignment):
        path = write_submission(sample, folder / sample.student_id)
        paths.append(path if path is not None else folder / sample.student_id / "missing.ipynb")
    return paths


def _comparable(payload: dict) -> dict:
    return {k: v for k, v in payload.items() if k not in ("sandboxed", "unsandboxed_because")}


@needs_sandbox
@pytest.mark.parametrize("assignment", COMPARED)
def test_the_fallback_gives_the_sandboxed_check_scores_and_messages(assignment, tmp_path, monkeypatch):
    """Every bundled sample of the assignment (honest, partial, crashing, tampered, blank,
    corrupt, missing) checked with the visible tests, in the sandbox and without it."""
    paths = _samples(assignment, tmp_path)
    monkeypatch.delenv(unsandboxed.SIMULATE, raising=False)
    code_sandboxed, sandboxed = ci.check_many(paths, assignment, visible_only=True)
    monkeypatch.setenv(unsandboxed.SIMULATE, "1")
    code_plain, plain = ci.check_many(paths, assignment, visible_only=True)
    assert all(p["sandboxed"] for p in sandboxed) and not any(p["sandboxed"] for p in plain)
    assert all(unsandboxed.SIMULATE in p["unsandboxed_because"] for p in plain)
    assert code_plain == code_sandboxed == 1  # the corrupt and the missing sample
    assert [_comparable(p) for p in plain] == [_comparable(p) for p in sandboxed]
    statuses = {p["status"] for p in plain}
    assert {"graded", "crashed", "corrupt", "missing"} <= statuses, statuses
    # and the visible tests are not trivially passed: the solution gets more than the blank notebook
    by_student = {s.student_id: p for s, p in zip(load_samples(assignment), plain)}
    assert by_student["solution"]["score"] > by_student["blank"]["score"]


@pytest.mark.parametrize("assignment", COMPARED)
def test_the_fallback_gives_the_samples_expected_scores_with_all_tests(assignment, tmp_path):
    """The engine's child processes without the sandbox, judged with every test: each sample
    scores what grading/samples/<assignment>/expected_scores.csv says, cell by cell."""
    samples = load_samples(assignment)
    files = {s.student_id: write_submission(s, tmp_path / "submitted") for s in samples}
    results = grade_files(assignment, files, sandboxed=False)
    autograded = {t.grade_id for t in AssignmentSpec.load(assignment).tests}  # not the cells graded by hand
    rows = [row for row in expected_scores(assignment) if row["grade_id"] in autograded]
    assert {row["student_id"] for row in rows} == set(files)
    for row in rows:
        result = results[row["student_id"]]
        scores = {q.grade_id: q.score for q in result.questions}
        assert scores[row["grade_id"]] == float(row["score"]), (row, result.message)


def _with_cell(path, grade_id, source):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    nbformat.write(nb, path)
    return path


@needs_sandbox
def test_the_fallbacks_time_and_output_limits_stop_a_notebook_with_the_sandboxes_message(tmp_path):
    assignment = "01_market_size"
    solution = next(s for s in load_samples(assignment) if s.student_id == "solution")
    hang = _with_cell(write_submission(solution, tmp_path / "hang"), "q6_fact_check", "while True:\n    pass")
    # printed output is cut to cell_output_bytes; an answer is sent whole, so a huge answer floods
    flood = _with_cell(write_submission(solution, tmp_path / "flood"), "q6_fact_check", "value_per_declaration = 'x' * 300_000")
    cases = {"hang": (hang, Limits(cell_seconds=3, notebook_seconds=60), "the cell q6_fact_check ran longer than 3 s and was stopped"),
             "flood": (flood, Limits(output_bytes=200_000), "KiB of output and answers (an output flood), so it was stopped")}
    tests = [t.grade_id for t in AssignmentSpec.load(assignment).tests]
    before = tests[: tests.index("q6_per_declaration_test")]  # the tests before the stopped cell's
    for student, (path, limits, message) in cases.items():
        both = [grade_files(assignment, {student: path}, limits=limits, sandboxed=flag)[student] for flag in (True, False)]
        for result in both:
            assert result.status == "crashed" and message in result.message, result.message
        # a stopped job is killed asynchronously, in the zygote as here: what it sends between
        # passing a limit and dying (the next cell's start, a snapshot) varies from run to run,
        # so the comparison is of the reason and of every score up to the stopped cell
        reasons = [r.message.partition(": ")[2] for r in both]
        assert reasons[0] == reasons[1] and message in reasons[0]
        scores = [{q.grade_id: (q.score, q.message) for q in r.questions if q.grade_id in before} for r in both]
        assert scores[0] == scores[1] and len(scores[0]) == len(before) and all(score > 0 for score, _ in scores[0].values())


def _cli(*args, env_extra=None, cwd=ROOT):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "grading", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_check_says_in_one_line_that_it_ran_unsandboxed_and_why(tmp_path):
    path = write_submission(next(s for s in load_samples("01_market_size") if s.student_id == "partial"), tmp_path)
    out = tmp_path / "result.json"
    run = _cli("check", str(path), "--visible-only", "--json", str(out), env_extra={unsandboxed.SIMULATE: "1"})
    assert run.returncode == 0, run.stderr
    first, *rest = run.stdout.splitlines()
    assert first.startswith("note: ran unsandboxed") and "not available" in first and unsandboxed.SIMULATE in first
    assert "not a grade" in first and not any("unsandboxed" in line for line in rest)
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["sandboxed"] is False and result["tests"] == "visible" and result["questions"]


def test_full_grading_refuses_without_the_sandbox_and_says_what_works(tmp_path):
    path = write_submission(next(s for s in load_samples("01_market_size") if s.student_id == "partial"), tmp_path)
    env = {unsandboxed.SIMULATE: "1", "COURSE_GRADING_WORKSPACE": str(tmp_path / "ws")}
    check = _cli("check", str(path), env_extra=env)
    assert check.returncode == 2 and check.stdout == ""
    assert "runs only in the grading sandbox" in check.stderr and "--visible-only" in check.stderr
    assert "Traceback" not in check.stderr
    for command in (["grade", "01_market_size"], ["cycle", "01_market_size"]):
        run = _cli(*command, env_extra=env)
        assert run.returncode == 2, run.stderr
        assert "grading runs only in the grading sandbox" in run.stderr and unsandboxed.SIMULATE in run.stderr
        assert "Traceback" not in run.stderr
    assert not (tmp_path / "ws").exists()  # refused before any work


def test_the_reason_names_the_platform(monkeypatch):
    monkeypatch.delenv(unsandboxed.SIMULATE, raising=False)
    for platform, name in (("darwin", "macOS"), ("win32", "Windows")):
        monkeypatch.setattr(sys, "platform", platform)
        assert unsandboxed.sandbox_unavailable() == f"it needs Linux user namespaces and this is {name}"
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv(unsandboxed.SIMULATE, "0")
    assert unsandboxed.sandbox_unavailable() == sandbox_available()


def test_a_sandbox_that_fails_to_start_falls_back_for_a_visible_only_check(monkeypatch, tmp_path):
    from grading.engine import pool

    def broken(self):
        raise pool.PoolError("the grading sandbox failed to start: mount tmpfs on /home: Operation not permitted")

    monkeypatch.delenv(unsandboxed.SIMULATE, raising=False)
    monkeypatch.setattr(unsandboxed, "sandbox_unavailable", lambda: None)
    monkeypatch.setattr(ci, "sandbox_unavailable", lambda: None)
    monkeypatch.setattr(pool.Pool, "launch", broken)
    path = write_submission(next(s for s in load_samples("01_market_size") if s.student_id == "partial"), tmp_path)
    code, result = ci.check(path, visible_only=True)
    assert code == 0 and result["sandboxed"] is False and result["status"] == "graded"
    assert result["unsandboxed_because"] == "it failed to start (the grading sandbox failed to start: mount tmpfs on /home: Operation not permitted)"
    with pytest.raises(pool.PoolError, match="failed to start"):
        ci.check(path)  # all tests: never unsandboxed
