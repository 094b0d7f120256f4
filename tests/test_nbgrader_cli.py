"""`grading.nbgrader_cli.run` is the command `nbgrader <args>`: the same exit status and output,
in the command's own environment, folder and time limit, whether it is forked from the server
that imported nbgrader once or started as a new `python -m nbgrader` process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from grading import nbgrader_cli
from grading.gradebook import ensure_student, open_gradebook

BOTH = pytest.mark.parametrize("mode", ["forked", "subprocess"])


@pytest.fixture
def workspace(tmp_path, monkeypatch, mode):
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("COURSE_GRADEBOOK_URL", raising=False)
    monkeypatch.setenv("COURSE_NBGRADER_SUBPROCESS", "1" if mode == "subprocess" else "0")
    return tmp_path


def _stock(args, cwd):
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, "MPLBACKEND": "Agg"})
    return done.returncode, done.stdout + done.stderr


FORKED = pytest.mark.parametrize("mode", ["forked"])


@FORKED
def test_status_and_output_are_stock_nbgraders(workspace, mode):
    version = nbgrader_cli.run(["--version"])
    assert version.ok and "nbgrader version" in version.output
    args = ["export", f"--to={workspace / 'no such folder' / 'grades.csv'}"]
    failed = nbgrader_cli.run(args)
    code, output = _stock(args, nbgrader_cli.ROOT)
    assert failed.returncode == code == 1
    assert failed.output.strip().splitlines()[-1] == output.strip().splitlines()[-1]
    assert "No such file or directory" in failed.output


@FORKED
def test_the_command_has_its_own_environment_and_folder(workspace, mode):
    # the gradebook named in the environment of this call, not the one the server started with
    url = f"sqlite:///{workspace / 'other.db'}"
    with open_gradebook(url) as gb:
        ensure_student(gb, "only_in_other_db")
    listed = nbgrader_cli.run(["db", "student", "list"], env={"COURSE_GRADEBOOK_URL": url})
    assert listed.ok, listed.tail()
    assert "only_in_other_db" in listed.output
    assert "only_in_other_db" not in nbgrader_cli.run(["db", "student", "list"]).output
    # a relative path is read from the folder the call names
    folder = workspace / "student"
    folder.mkdir()
    (folder / "empty.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    validated = nbgrader_cli.run(["validate", "empty.ipynb"], cwd=folder)
    assert validated.ok, validated.tail()
    assert "Success! Your notebook passes all the tests." in validated.output


@BOTH
def test_a_command_past_its_time_limit_is_stopped_and_the_next_one_runs(workspace, mode):
    stopped = nbgrader_cli.run(["db", "student", "list"], timeout=0.05)
    assert stopped.returncode == -9
    assert "did not finish within 0 s and was stopped" in stopped.output
    assert nbgrader_cli.run(["--version"]).ok


@FORKED
def test_commands_at_once_from_threads_each_get_their_own_result(workspace, mode):
    results = {}

    def run(name, args):
        results[name] = nbgrader_cli.run(args)

    threads = [threading.Thread(target=run, args=("version", ["--version"])), threading.Thread(target=run, args=("list", ["db", "student", "list"]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results["version"].ok and "nbgrader version" in results["version"].output
    assert results["list"].ok and "nbgrader version" not in results["list"].output



@FORKED
def test_a_server_that_died_is_replaced(workspace, mode):
    assert nbgrader_cli.run(["--version"]).ok
    for server in list(nbgrader_cli._idle):
        server.process.kill()
        server.process.wait()
    again = nbgrader_cli.run(["--version"])
    assert again.ok and "nbgrader version" in again.output


def test_stock_nbgraders_kernels_are_stopped_at_once_after_the_last_cell():
    """nbgrader_config.py: autograde and validate kill each notebook's kernel once its cells ran
    (nbclient's `shutdown_kernel = "immediate"`) instead of asking it politely and waiting up to
    2.5 s for a kernel that sometimes never answers. The option must reach nbgrader's own
    Execute step: a misspelt trait would be ignored without a word."""
    from nbgrader.preprocessors import Execute

    from grading.late_penalty import course_config

    execute = Execute(config=course_config())
    assert execute.shutdown_kernel == "immediate"
    assert execute.timeout == 60 and execute.interrupt_on_timeout  # the rest of the section still applies
