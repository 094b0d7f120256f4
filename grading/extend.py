"""Extensions: `python -m grading extend STUDENT ASSIGNMENT (--hours N | --until WHEN)`.

An extension is nbgrader's own (`Gradebook.grant_extension`: the submission's `extension`
interval), so nbgrader's `total_seconds_late`, and with it the late penalty of stock autograde
and of `python -m grading grade`, honour it. nbgrader keeps an extension on the student's
submission row; when the student has not submitted yet, that row is created (as nbgrader's
`add_submission` does, without a timestamp). Extensions do not stack: a new one replaces the
old, counted from the assignment's due date. `--list` shows every extension.

Bad input is a one-line `ExtensionError`: an unknown student or assignment, an assignment
without a due date, a new due date in the past or before the due date, a time that cannot
be read.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import warnings

from nbgrader.api import MissingEntry
from sqlalchemy.exc import SAWarning

from grading.gradebook import ensure_submission, open_gradebook


class ExtensionError(ValueError):
    """The extension cannot be recorded; the message says why, in one line."""


@dataclass(frozen=True)
class Extension:
    student_id: str
    assignment: str
    due: dt.datetime  # aware UTC: the assignment's due date
    extension: dt.timedelta

    @property
    def until(self) -> dt.datetime:
        return self.due + self.extension


def parse_when(text: str, zone: dt.tzinfo) -> dt.datetime:
    """An ISO date and time ("2027-03-14 23:59", "2027-03-14T23:59+08:00", "2027-03-14"
    for the end of that day); without an offset it is in `zone` (the course's time zone)."""
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ExtensionError(f"cannot read the time {text!r}: write it as YYYY-MM-DD HH:MM (in the course's time zone) or with an offset, e.g. 2027-03-14T23:59+08:00") from None
    if len(text.strip()) == 10:  # a date alone: the end of that day
        when = when.replace(hour=23, minute=59)
    return when.replace(tzinfo=zone) if when.tzinfo is None else when


def _utc(naive: dt.datetime) -> dt.datetime:
    return naive.replace(tzinfo=dt.timezone.utc)  # nbgrader stores naive UTC


def grant(db_url: str, student_id: str, assignment: str, *, hours: float | None = None, until: dt.datetime | None = None, now: dt.datetime | None = None) -> Extension:
    """Record an extension of `hours` after the due date, or up to `until` (aware)."""
    if (hours is None) == (until is None):
        raise ExtensionError("give either --hours N or --until WHEN")
    now = now or dt.datetime.now(dt.timezone.utc)
    with open_gradebook(db_url) as gb:
        try:
            record = gb.find_assignment(assignment)
        except MissingEntry:
            known = ", ".join(a.name for a in gb.assignments) or "none"
            raise ExtensionError(f"no assignment {assignment!r} in the gradebook (known: {known}); run `python -m grading release` to record the assignments") from None
        try:
            gb.find_student(student_id)
        except MissingEntry:
            raise ExtensionError(f"no student {student_id!r} in the gradebook; add them with `nbgrader db student add {student_id}`") from None
        if record.duedate is None:
            raise ExtensionError(f"{assignment} has no due date in the gradebook; give it one in schedule.toml and run `python -m grading release`")
        due = _utc(record.duedate)
        if hours is not None:
            if not hours > 0:
                raise ExtensionError(f"--hours must be above 0 (got {hours:g}); `--hours` counts from the due date")
            until = due + dt.timedelta(hours=hours)
        assert until is not None
        if until <= now:
            raise ExtensionError(f"the new due date {until.astimezone(dt.timezone.utc):%Y-%m-%d %H:%M} UTC is in the past")
        if until <= due:
            raise ExtensionError(f"the new due date {until.astimezone(dt.timezone.utc):%Y-%m-%d %H:%M} UTC is not after the due date {due:%Y-%m-%d %H:%M} UTC")
        extension = until - due
        with warnings.catch_warnings():  # nbgrader's own SQLAlchemy autoflush notices
            warnings.simplefilter("ignore", SAWarning)
            ensure_submission(gb, assignment, student_id)
        gb.grant_extension(assignment, student_id, minutes=extension.total_seconds() / 60)
    return Extension(student_id, assignment, due, extension)


def extensions(db_url: str) -> list[Extension]:
    """Every extension in the gradebook, by assignment then student."""
    found = []
    with open_gradebook(db_url) as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                if submission.extension and assignment.duedate is not None:
                    found.append(Extension(submission.student.id, assignment.name, _utc(assignment.duedate), submission.extension))
    return sorted(found, key=lambda e: (e.assignment, e.student_id))


def describe(ext: Extension, zone: dt.tzinfo) -> str:
    local = ext.until.astimezone(zone)
    hours = ext.extension.total_seconds() / 3600
    return f"{ext.student_id}  {ext.assignment}  +{hours:g} h  until {local:%Y-%m-%d %H:%M} {getattr(zone, 'key', zone)} ({ext.until:%Y-%m-%d %H:%M} UTC)"


def run_cli(student: str | None, assignment: str | None, hours: float | None, until: str | None, listing: bool) -> int:
    import sys

    from grading.paths import gradebook_url
    from grading.schedule import ScheduleError, load

    try:
        zone = load().timezone
        if listing:
            found = extensions(gradebook_url())
            print("\n".join(describe(e, zone) for e in found) if found else "no extensions")
            return 0
        if not student or not assignment:
            raise ExtensionError("give STUDENT and ASSIGNMENT (or --list)")
        ext = grant(gradebook_url(), student, assignment, hours=hours, until=parse_when(until, zone) if until is not None else None)
    except (ExtensionError, ScheduleError) as exc:
        print(f"extension not recorded: {exc}", file=sys.stderr)
        return 2
    print(f"extension recorded: {describe(ext, zone)}")
    return 0
