"""Collect from GitHub Classroom clones what each student had committed at the due date.

    python -m grading collect-classroom FOLDER --assignment 01_market_size [--prefix P] [--accept-late]

FOLDER holds the students' repository clones as GitHub Classroom's tools download them
(`gh classroom clone student-repos`, the Classroom Assistant): one git repository per
student, named `<prefix><github user>` (by default the prefix is what every folder's name
shares up to its last "-", e.g. `cbec-01-market-size-`). For each student the collect step:

- reads the student's deadline from nbgrader's gradebook: the assignment's due date (from
  `schedule.toml`, recorded by `python -m grading release`) plus the student's extension
  (`python -m grading extend`);
- walks the clone's current branch (HEAD, first parents) from the newest commit and takes
  the last commit whose commit time is at or before that deadline;
- copies the assignment's notebook as it was in that commit (`assignments/<id>/<name>.ipynb`
  of the student bundle, or the one file of that name anywhere in the tree) to
  `<workspace>/submitted/<student>/<assignment>/`, with the commit time as the submission
  time (`timestamp.txt`, as `nbgrader collect` writes it), and says which commit it took.

A clone is only what the repository holds now: commits a force-push removed are gone, and
commits on top of them count by their own times. Commit times are written by the student's
own machine; a history whose times go backwards (a commit older than its parent: a rebase
or a clock set back) is reported so that a person can look. A repository with no commit at
or before the deadline (or without the notebook in it) is reported and not collected;
`--accept-late` then takes the newest commit instead, with its time, so that the late
policy decides.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from grading.collect_folder import STUDENT_ID
from grading.paths import released_notebook, workspace


class ClassroomError(RuntimeError):
    """The folder cannot be collected at all (the message names it and why)."""


@dataclass(frozen=True)
class Commit:
    sha: str
    when: dt.datetime  # aware UTC (committer date)
    subject: str


@dataclass
class Taken:
    student_id: str
    repository: Path
    commit: Commit
    deadline: dt.datetime
    late: bool
    target: Path
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        when = f"{self.commit.when:%Y-%m-%d %H:%M:%S} UTC"
        state = "LATE, after the deadline" if self.late else f"deadline {self.deadline:%Y-%m-%d %H:%M} UTC"
        note = "".join(f"; {w}" for w in self.warnings)
        return f"{self.student_id}: commit {self.commit.sha[:10]} of {when} ({state}) \"{self.commit.subject[:60]}\"{note}"


@dataclass
class ClassroomCollected:
    taken: dict[str, Taken] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"collected {len(self.taken)} submission(s) at their deadline:"]
        lines += [f"  {t}" for t in sorted(self.taken.values(), key=lambda t: t.student_id)]
        lines += [f"  skipped {why}" for why in self.skipped]
        return "\n".join(lines)


def _git(repo: Path, *args: str, binary: bool = False):
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, env=env, timeout=120)
    if done.returncode != 0:
        raise ClassroomError(f"{repo}: git {' '.join(args[:2])} failed: {done.stderr.decode(errors='replace').strip().splitlines()[-1:] or ['no message']}")
    return done.stdout if binary else done.stdout.decode("utf-8", errors="replace")


def history(repo: Path) -> list[Commit]:
    """The current branch's commits, newest first (first parents), with committer times."""
    try:
        out = _git(repo, "log", "--first-parent", "--format=%H%x00%ct%x00%s", "HEAD")
    except ClassroomError:
        return []  # an empty repository: no commit at all
    commits = []
    for line in out.splitlines():
        sha, stamp, subject = line.split("\x00", 2)
        commits.append(Commit(sha, dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc), subject))
    return commits


def notebook_path(repo: Path, sha: str, assignment: str, name: str) -> str | None:
    """Where the assignment's notebook is in that commit."""
    files = _git(repo, "ls-tree", "-r", "--name-only", "-z", sha).split("\x00")
    preferred = f"assignments/{assignment}/{name}"
    if preferred in files:
        return preferred
    matches = [f for f in files if f == name or f.endswith("/" + name)]
    return matches[0] if len(matches) == 1 else None


def default_prefix(names: list[str]) -> str:
    """What every repository name shares up to its last '-' ("" when nothing is shared or
    there is a single repository)."""
    if len(names) < 2:
        return ""
    common = os.path.commonprefix(names)
    return common[: common.rfind("-") + 1] if "-" in common else ""


def deadlines(db_url: str, assignment: str, students: list[str]) -> dict[str, dt.datetime]:
    """Each student's deadline (aware UTC): the gradebook's due date plus their extension."""
    from nbgrader.api import MissingEntry

    from grading.gradebook import open_gradebook

    with open_gradebook(db_url) as gb:
        try:
            record = gb.find_assignment(assignment)
        except MissingEntry:
            raise ClassroomError(f"no assignment {assignment!r} in the gradebook; run `python -m grading release` to record it with its due date") from None
        if record.duedate is None:
            raise ClassroomError(f"{assignment} has no due date in the gradebook; give it one in schedule.toml and run `python -m grading release`")
        due = record.duedate.replace(tzinfo=dt.timezone.utc)
        found = {}
        for student in students:
            try:
                extension = gb.find_submission(assignment, student).extension
            except MissingEntry:
                extension = None
            found[student] = due + (extension or dt.timedelta(0))
    return found


def collect_classroom(folder: Path, assignment: str, *, prefix: str | None = None, accept_late: bool = False, db_url: str | None = None) -> ClassroomCollected:
    from grading.paths import gradebook_url

    folder = Path(folder)
    if not folder.is_dir():
        raise ClassroomError(f"{folder}: no such folder of repository clones")
    name = released_notebook(assignment).name
    repos = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    done = ClassroomCollected()
    clones = []
    for repo in repos:
        if (repo / ".git").exists():
            clones.append(repo)
        else:
            done.skipped.append(f"{repo.name}: not a git repository")
    if not clones:
        raise ClassroomError(f"{folder}: no git repositories in it (expected one clone per student)")
    prefix = default_prefix([r.name for r in clones]) if prefix is None else prefix
    students: dict[str, Path] = {}
    for repo in clones:
        if not repo.name.startswith(prefix):
            done.skipped.append(f"{repo.name}: does not start with {prefix!r}")
            continue
        student = repo.name[len(prefix):]
        if not STUDENT_ID.match(student):
            done.skipped.append(f"{repo.name}: {student!r} is not a valid student id")
            continue
        students[student] = repo
    limits = deadlines(db_url or gradebook_url(), assignment, list(students))
    for student, repo in sorted(students.items()):
        commits = history(repo)
        deadline = limits[student]
        if not commits:
            done.skipped.append(f"{student}: {repo.name} has no commit")
            continue
        chosen = next((c for c in commits if c.when <= deadline), None)
        late = False
        if chosen is None:
            if not accept_late:
                done.skipped.append(f"{student}: no commit at or before the deadline {deadline:%Y-%m-%d %H:%M} UTC (the first is of {commits[-1].when:%Y-%m-%d %H:%M} UTC); --accept-late takes the newest")
                continue
            chosen, late = commits[0], True
        path = notebook_path(repo, chosen.sha, assignment, name)
        if path is None:
            done.skipped.append(f"{student}: commit {chosen.sha[:10]} has no {name}")
            continue
        warnings = []
        if any(newer.when < older.when for newer, older in zip(commits, commits[1:])):
            warnings.append("commit times go backwards in this history (rebased, or a clock set back): look at it")
        target = workspace() / "submitted" / student / assignment / name
        if target.parent.exists():
            shutil.rmtree(target.parent)
        target.parent.mkdir(parents=True)
        target.write_bytes(_git(repo, "show", f"{chosen.sha}:{path}", binary=True))
        (target.parent / "timestamp.txt").write_text(f"{chosen.when:%Y-%m-%d %H:%M:%S.%f} UTC", encoding="utf-8")
        (target.parent / "commit.txt").write_text(f"{chosen.sha}\n", encoding="utf-8")
        done.taken[student] = Taken(student, repo, chosen, deadline, late, target, warnings)
    return done


def run_cli(folder: str, assignment: str, prefix: str | None, accept_late: bool) -> int:
    import sys

    try:
        collected = collect_classroom(Path(folder), assignment, prefix=prefix, accept_late=accept_late)
    except (ClassroomError, FileNotFoundError) as exc:
        print(f"not collected: {exc}", file=sys.stderr)
        return 2
    print(collected.report())
    return 2 if not collected.taken else 1 if collected.skipped else 0
