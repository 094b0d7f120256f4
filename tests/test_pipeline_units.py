"""Pieces of the grading pipeline that need no nbgrader run."""
import json

from grading.pipeline import _error_reason, unreadable


def test_error_reason_explains_a_dead_kernel():
    log = "[AutogradeApp | ERROR] Kernel died while waiting for execute reply.\n    nbclient.exceptions.DeadKernelError: Kernel died\n[AutogradeApp | ERROR] Please see the the above traceback"
    assert "kernel died while running the notebook" in _error_reason(log)


def test_error_reason_keeps_an_unknown_exception_and_skips_generic_lines():
    assert _error_reason("x\n    ValueError: bad cell\n[App | ERROR] Please see the above") == "ValueError: bad cell"
    assert _error_reason("[App | ERROR] disk full\n[App | ERROR] Please see the above") == "[App | ERROR] disk full"
    assert _error_reason("") == "nbgrader failed; see its log"


def test_unreadable_names_the_problem(tmp_path):
    nb = tmp_path / "a.ipynb"
    nb.write_text("")
    assert unreadable(nb) == "a.ipynb is empty"
    nb.write_bytes(b"\xff\xfe")
    assert "not UTF-8" in unreadable(nb)
    nb.write_text('{"cells": [')
    assert "invalid JSON at line 1" in unreadable(nb)
    nb.write_text(json.dumps({"cells": "no"}))
    assert "JSON but not a valid notebook" in unreadable(nb)
    nb.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    assert unreadable(nb) is None


def test_grade_command_reports_corrupt_and_missing_without_running_a_kernel(tmp_path, monkeypatch, capsys):
    import csv

    from grading.__main__ import main
    from nbgrader.api import Gradebook
    from grading.paths import gradebook_url
    from grading.release import register

    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("COURSE_GRADEBOOK_URL", raising=False)
    register(["01_market_size"])
    with Gradebook(gradebook_url()) as gb:
        gb.add_student("on_roster_only")
    broken = tmp_path / "submitted" / "truncated" / "01_market_size" / "01_market_size.ipynb"
    broken.parent.mkdir(parents=True)
    broken.write_text('{"cells": [')
    assert main(["grade", "01_market_size"]) == 1
    out = capsys.readouterr().out
    assert "on_roster_only  missing" in out and "truncated       corrupt" in out
    with (tmp_path / "reports" / "01_market_size_grades.csv").open() as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert rows["truncated"]["message"].startswith("01_market_size.ipynb is not a notebook: invalid JSON")
    assert rows["on_roster_only"]["status"] == "missing"


def test_a_batch_shares_one_gradebook_connection_and_a_failure_affects_one_block(tmp_path):
    """`BatchGradebook`: one connection for the batch's blocks, committed after each (so no
    transaction stays open between submissions), and a block that raises is rolled back and
    the connection replaced, so the next submission is recorded as if nothing happened."""
    import sqlite3

    import pytest

    from grading.gradebook import BatchGradebook, ensure_student

    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with BatchGradebook(url) as batch:
        with batch.session() as first:
            ensure_student(first, "a")
        with batch.session() as again:
            assert again is first  # the same connection
            ensure_student(again, "b")
        # committed: another connection sees both, and can write (no lock is held)
        with sqlite3.connect(tmp_path / "gradebook.db", timeout=0.5) as other:
            assert sorted(r[0] for r in other.execute("SELECT id FROM student")) == ["a", "b"]
            other.execute("INSERT INTO student (id) VALUES ('from_elsewhere')")
        with pytest.raises(RuntimeError), batch.session() as gb:
            gb.find_student("a").first_name = "not saved"  # a change not yet committed
            raise RuntimeError("the gradebook refused this submission")
        with batch.session() as fresh:
            assert fresh is not first  # a new connection after the failure
            ensure_student(fresh, "c")
            assert sorted(s.id for s in fresh.students) == ["a", "b", "c", "from_elsewhere"]
            assert fresh.find_student("a").first_name is None  # rolled back
    assert batch._gb is None  # closed at the end
