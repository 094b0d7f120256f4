"""The student bundle: built, proven free of solutions and hidden tests, and its CI workflow
run step by step as GitHub would run it."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import nbformat
import pytest

from course.lecture_units import first_unit, units

from grading import bundle
from grading.engine.pool import sandbox_available
from grading.paths import SOURCE, assignments
from grading.samples import build as build_sample
from grading.samples import load_samples
from workflow_runner import run_workflow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return bundle.build(tmp_path_factory.mktemp("bundle") / "student-repo")


def test_the_bundle_has_what_a_student_needs(built):
    for a in assignments():
        assert (built / "assignments" / a / f"{a}.ipynb").is_file()
        assert (built / "release" / a / f"{a}.ipynb").is_file()
        assert units(a, built / "course" / "lectures"), f"the bundle has no lecture of {a}"
    for path in ("course/data.py", "datasets/paper_statistics.csv", "datasets/paper_statistics.md", "README.md", "pyproject.toml", ".github/workflows/check.yml", "grading/ci.py", "LICENSE", "schedule.toml", "grading/schedule.py"):
        assert (built / path).is_file(), path
    # nothing of the instructor's side: no source, samples, tests, gradebook writer or cycle
    for path in ("source", "grading/samples", "tests", "grading/cycle.py", "grading/engine/record.py", "grading/bundle.py", "nbgrader_config.py", ".git"):
        assert not (built / path).exists(), path


def test_the_readme_has_the_schedules_due_dates(built):
    readme = (built / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Due dates")[1]
    assert "Times are in the course's time zone, Asia/Shanghai, and in UTC; late work loses 10%" in section
    assert "| 01_market_size | Mon 01 Mar 2027 09:00 | Fri 12 Mar 2027 23:59 | Fri 12 Mar 2027 15:59 |" in section
    assert all(f"| {a} | " in section for a in assignments())


def test_no_solution_and_no_hidden_test_is_in_the_bundle(built):
    leaks = bundle.find_leaks(built)
    assert not leaks, "\n".join(map(str, leaks))
    for path in built.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
                assert marker not in text, f"{path.relative_to(built)} holds {marker!r}"


def test_the_leak_check_finds_a_planted_solution_a_hidden_test_and_a_model_answer(built, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    source = nbformat.read(SOURCE / "01_market_size" / "01_market_size.ipynb", as_version=4)
    solution = next(c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q2_cagr")
    hidden = next(c for c in source.cells if "BEGIN HIDDEN TESTS" in c.source and c.metadata["nbgrader"]["grade_id"] == "q3_share_test")
    answer = next(c for c in source.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution"))
    # a solution block pasted, re-indented, into a lecture's cell, with outputs stripped
    lecture = first_unit("02_live_commerce", copy / "course" / "lectures")
    nb = nbformat.read(lecture, as_version=4)
    body = solution.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
    nb.cells.append(nbformat.v4.new_code_cell("if True:\n" + "\n".join("    " + line for line in body.splitlines())))
    nbformat.write(nb, lecture)
    # one hidden-test line in a module, a model answer in the README
    hidden_line = next(line for line in hidden.source.split("### BEGIN HIDDEN TESTS")[1].splitlines() if "check_" in line)
    with open(copy / "course" / "units.py", "a", encoding="utf-8") as fh:
        fh.write("\n" + hidden_line + "\n")
    with open(copy / "README.md", "a", encoding="utf-8") as fh:
        fh.write("\n" + answer.source + "\n")
    found = {(leak.file, leak.origin.split(": ")[1].split(" of ")[0]) for leak in bundle.find_leaks(copy)}
    assert (f"course/lectures/{lecture.name}", "solution") in found
    assert ("course/units.py", "hidden test") in found
    assert ("README.md", "solution") in found


def test_the_bundle_refuses_to_overwrite_the_repository():
    with pytest.raises(bundle.BundleError, match="outside the repository"):
        bundle.build(SOURCE.parent / "course")


@pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")
def test_the_students_workflow_installs_the_bundle_and_checks_every_notebook(built, tmp_path):
    # slow: every step runs as on GitHub: pip install of the bundle, then the visible tests of
    # every assignment in the sandbox
    checkout = tmp_path / "student1"
    shutil.copytree(built, checkout)
    subprocess.run(["git", "init", "-q", str(checkout)], check=True)
    # student1 has solved assignment 01 and left the rest untouched
    solved = next(s for s in load_samples("01_market_size") if s.student_id == "solution")
    (checkout / "assignments" / "01_market_size" / "01_market_size.ipynb").write_text(build_sample(solved, checkout / "release"), encoding="utf-8")
    run = run_workflow(checkout / ".github" / "workflows" / "check.yml", checkout)
    assert run.ok, run.report()
    assert [s.status for s in run.steps] == ["success"] * len(run.steps)
    assert "visible tests only" in run.summary.lower() and "not your grade" in run.summary
    first = run.summary.split("### 01_market_size")[1].split("###")[0]
    assert "| q1_yoy_growth_test | 2 | 2 |" in first and "| q7b_plot_test | 1 | 1 |" in first
    assert "### 09_capstone: 0 /" in run.summary
    # each assignment's due date from the bundle's schedule.toml, counted from now
    assert re.search(r"\*\*due Friday 12 March 23:59 Asia/Shanghai, (in \d+ (days|hours|minutes)|\d+ (days|hours|minutes) ago|now)\*\*", first)
    results = sorted(p.name for p in (run.artifacts / "check-results").rglob("*.json"))
    assert len(results) == len(assignments())
    solved_result = json.loads(next((run.artifacts / "check-results").rglob("01_market_size--*.json")).read_text())
    assert solved_result["tests"] == "visible" and solved_result["score"] == solved_result["max_score"] > 0


@pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")
def test_a_broken_notebook_turns_the_students_run_red_after_a_whole_install_and_check(built, tmp_path):
    checkout = tmp_path / "student2"
    shutil.copytree(built, checkout)
    (checkout / "assignments" / "03_swot" / "03_swot.ipynb").write_text('{"cells": [', encoding="utf-8")
    run = run_workflow(checkout / ".github" / "workflows" / "check.yml", checkout)
    check = run.step("Check the notebooks with the visible tests")
    assert check.status == "failure" and "invalid JSON" in check.output
    assert run.step("Keep the results").status == "success"  # the results still land
    assert "03_swot" in run.summary and "corrupt" in run.summary
