"""`release/` is generated from `source/` by one command and kept in step with it."""
from __future__ import annotations

import subprocess

from grading.notebooks import problems
from grading.paths import RELEASE, ROOT, SOURCE, assignments
from grading.release import generate_to_temp


def test_release_is_in_step_with_source():
    fresh = generate_to_temp()
    for assignment in assignments():
        made = sorted(p.name for p in (fresh / assignment).iterdir())
        committed = sorted(p.name for p in (RELEASE / assignment).iterdir()) if (RELEASE / assignment).is_dir() else []
        assert made == committed, f"release/{assignment} is stale: run `make release`"
        for name in made:
            assert (fresh / assignment / name).read_bytes() == (RELEASE / assignment / name).read_bytes(), (
                f"release/{assignment}/{name} differs from what source/ generates: run `make release` and commit"
            )


def test_release_has_no_solutions_or_hidden_tests():
    for nb in RELEASE.glob("*/*.ipynb"):
        text = nb.read_text(encoding="utf-8")
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "check_number("):
            assert marker not in text, f"{nb}: contains {marker!r}"


def test_every_source_assignment_has_header_and_one_notebook():
    assert (SOURCE / "header.ipynb").is_file()
    for assignment in assignments():
        assert len(list((SOURCE / assignment).glob("*.ipynb"))) == 1, assignment


def test_notebooks_in_git_are_clean():
    files = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    untracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in files + untracked:
        found.extend(problems(ROOT / name))
    assert not found, "\n".join(found)
