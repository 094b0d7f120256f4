"""The deadline-aware collect from GitHub Classroom clones, on real git repositories.

Each student's repository is built with commits at set times (GIT_COMMITTER_DATE) and pushed
to a bare "GitHub" repository; the instructor's folder holds fresh clones of those, as
`gh classroom clone student-repos` leaves them. Due date of 01_market_size in the gradebook:
2027-03-12 15:59 UTC.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from grading import classroom_collect, extend
from grading.__main__ import main
from grading.classroom_collect import ClassroomError, collect_classroom
from grading.gradebook import ensure_student, open_gradebook
from grading.paths import gradebook_url

ASSIGNMENT = "01_market_size"
DUE = dt.datetime(2027, 3, 12, 15, 59)  # naive UTC, as nbgrader stores it
BEFORE, WITHIN_EXTENSION, AFTER = "2027-03-11T10:00:00Z", "2027-03-13T10:00:00Z", "2027-03-20T10:00:00Z"
PREFIX = "cbec-01-market-size-"


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "s", "GIT_AUTHOR_EMAIL": "s@example.org", "GIT_COMMITTER_NAME": "s", "GIT_COMMITTER_EMAIL": "s@example.org"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout.strip()


class Student:
    """A student's working copy, pushing to a bare repository ("GitHub")."""

    def __init__(self, root: Path, name: str):
        self.remote = root / "github" / f"{PREFIX}{name}.git"
        self.work = root / "laptops" / name
        self.remote.mkdir(parents=True)
        git(self.remote, "init", "--bare", "-q", "-b", "main")
        self.work.mkdir(parents=True)
        git(self.work, "init", "-q", "-b", "main")
        git(self.work, "remote", "add", "origin", str(self.remote))

    def commit(self, text: str, when: str, *, path: str = f"assignments/{ASSIGNMENT}/{ASSIGNMENT}.ipynb") -> str:
        target = self.work / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        git(self.work, "add", "-A")
        git(self.work, "commit", "-q", "-m", f"work: {text}", when=when)
        return git(self.work, "rev-parse", "HEAD")

    def push(self, *, force: bool = False) -> None:
        git(self.work, "push", "-q", *(["--force"] if force else []), "origin", "main")


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A workspace whose gradebook holds 01_market_size with its due date and the students."""
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("COURSE_GRADEBOOK_URL", raising=False)
    (tmp_path / "workspace").mkdir()
    with open_gradebook(gradebook_url()) as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate=DUE)
        for name in ("alice", "bob", "carol", "dave", "erin"):
            ensure_student(gb, name)
    return tmp_path


def clone_all(root: Path) -> Path:
    classroom = root / "classroom"
    classroom.mkdir()
    for remote in sorted((root / "github").iterdir()):
        subprocess.run(["git", "clone", "-q", str(remote), str(classroom / remote.name.removesuffix(".git"))], check=True, capture_output=True)
    return classroom


def submitted(root: Path, student: str) -> Path:
    return root / "workspace" / "submitted" / student / ASSIGNMENT


def test_takes_the_last_commit_before_each_deadline(course):
    alice = Student(course, "alice")  # two commits before, one after
    alice.commit("alice v1", BEFORE)
    alice_v2 = alice.commit("alice v2", "2027-03-12T15:00:00Z")
    alice.commit("alice v3", AFTER)
    alice.push()
    bob = Student(course, "bob")  # an extension of two days covers his second commit
    bob.commit("bob v1", BEFORE)
    bob_v2 = bob.commit("bob v2", WITHIN_EXTENSION)
    bob.commit("bob v3", AFTER)
    bob.push()
    extend.grant(gradebook_url(), "bob", ASSIGNMENT, hours=48, now=dt.datetime(2027, 3, 1, tzinfo=dt.timezone.utc))
    carol = Student(course, "carol")  # pushed before and after, then force-pushed a new history
    carol_v1 = carol.commit("carol v1", BEFORE)
    carol.commit("carol v2", "2027-03-12T15:30:00Z")
    carol.push()
    git(carol.work, "reset", "-q", "--hard", carol_v1)
    carol.commit("carol v3", AFTER)
    carol.push(force=True)
    dave = Student(course, "dave")  # nothing before the deadline
    dave.commit("dave v1", AFTER)
    dave.push()
    erin = Student(course, "erin")  # a commit back-dated to before the deadline, on top of a later one
    erin.commit("erin v1", BEFORE)
    erin.commit("erin v2", AFTER)
    erin_v3 = erin.commit("erin v3", "2027-03-12T12:00:00Z")
    erin.push()
    classroom = clone_all(course)
    (classroom / "notes").mkdir()  # not a repository

    collected = collect_classroom(classroom, ASSIGNMENT)

    assert sorted(collected.taken) == ["alice", "bob", "carol", "erin"]
    expected = {"alice": (alice_v2, "alice v2"), "bob": (bob_v2, "bob v2"), "carol": (carol_v1, "carol v1"), "erin": (erin_v3, "erin v3")}
    for student, (sha, text) in expected.items():
        folder = submitted(course, student)
        assert (folder / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8") == text
        assert (folder / "commit.txt").read_text().strip() == sha
        assert collected.taken[student].commit.sha == sha and not collected.taken[student].late
    assert (submitted(course, "alice") / "timestamp.txt").read_text() == "2027-03-12 15:00:00.000000 UTC"
    assert (submitted(course, "bob") / "timestamp.txt").read_text() == "2027-03-13 10:00:00.000000 UTC"
    assert collected.taken["bob"].deadline == dt.datetime(2027, 3, 14, 15, 59, tzinfo=dt.timezone.utc)
    assert not submitted(course, "dave").exists()
    assert collected.taken["erin"].warnings and "backwards" in collected.taken["erin"].warnings[0]
    assert not collected.taken["alice"].warnings
    report = collected.report()
    assert f"alice: commit {alice_v2[:10]} of 2027-03-12 15:00:00 UTC" in report
    assert "dave: no commit at or before the deadline 2027-03-12 15:59 UTC" in report
    assert "notes: not a git repository" in report

    # the late policy decides instead: the newest commit, with its time
    late = collect_classroom(classroom, ASSIGNMENT, accept_late=True)
    assert late.taken["dave"].late
    assert (submitted(course, "dave") / "timestamp.txt").read_text() == "2027-03-20 10:00:00.000000 UTC"


def test_a_notebook_elsewhere_in_the_tree_an_empty_repository_and_a_missing_notebook(course):
    alice = Student(course, "alice")
    alice.commit("alice at the top", BEFORE, path=f"{ASSIGNMENT}.ipynb")
    alice.push()
    bob = Student(course, "bob")
    bob.commit("just notes", BEFORE, path="notes.md")
    bob.push()
    Student(course, "carol")  # never pushed anything
    collected = collect_classroom(clone_all(course), ASSIGNMENT)
    assert (submitted(course, "alice") / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8") == "alice at the top"
    assert any(s.startswith("bob: commit ") and s.endswith(f"has no {ASSIGNMENT}.ipynb") for s in collected.skipped)
    assert "carol: cbec-01-market-size-carol has no commit" in collected.skipped


def test_command_line(course, capsys):
    alice = Student(course, "alice")
    alice.commit("alice v1", BEFORE)
    alice.push()
    Student(course, "bob").commit("bob v1", AFTER)  # committed, never pushed: bob's clone is empty
    classroom = clone_all(course)
    assert main(["collect-classroom", str(classroom), "--assignment", ASSIGNMENT]) == 1  # bob skipped
    out = capsys.readouterr().out
    assert "collected 1 submission(s) at their deadline" in out and "alice: commit" in out
    assert main(["collect-classroom", str(course / "nowhere"), "--assignment", ASSIGNMENT]) == 2
    assert "no such folder of repository clones" in capsys.readouterr().err


def test_no_due_date_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("COURSE_GRADEBOOK_URL", raising=False)
    (tmp_path / "workspace").mkdir()
    with open_gradebook(gradebook_url()) as gb:
        gb.update_or_create_assignment(ASSIGNMENT)
    repo = tmp_path / "classroom" / "x-alice"
    repo.mkdir(parents=True)
    git(repo, "init", "-q")
    with pytest.raises(ClassroomError, match="01_market_size has no due date in the gradebook"):
        collect_classroom(tmp_path / "classroom", ASSIGNMENT)


def test_default_prefix():
    assert classroom_collect.default_prefix(["cbec-01-market-size-alice", "cbec-01-market-size-bob"]) == "cbec-01-market-size-"
    assert classroom_collect.default_prefix(["alice"]) == ""
