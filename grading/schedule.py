"""The course's schedule (`schedule.toml`): release and due dates and the late policy.

One file states, in the course's time zone, when each assignment is released and due, and
how late work is penalised. It is read here and nowhere else: `release.register` records
the due dates in nbgrader's gradebook, `nbgrader_config.py` configures nbgrader's late
penalty from the policy, and `extend`, the GitHub Classroom collect and the instructor report
read the due dates through `load`.

A schedule that cannot be used (not TOML, an unknown time zone, a due date before its
release, an assignment that does not exist, a policy that is not one of the three) is a
`ScheduleError` naming the file and the problem.
"""
from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from grading.paths import ROOT

SCHEDULE = ROOT / "schedule.toml"
METHODS = ("none", "zero", "percent_per_day")


class ScheduleError(ValueError):
    """The schedule file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class LatePolicy:
    method: str = "none"
    percent_per_day: float = 0.0
    max_percent: float = 100.0

    def words(self) -> str:
        """The policy in one sentence, for students."""
        if self.method == "zero":
            return "late work scores 0"
        if self.method == "percent_per_day":
            return f"late work loses {self.percent_per_day:g}% of its score for each day or part of a day late, at most {self.max_percent:g}%"
        return "late work is graded in full, without penalty"

    def nbgrader_config(self) -> dict[str, dict[str, object]]:
        """The nbgrader settings that apply this policy (for nbgrader_config.py)."""
        if self.method == "percent_per_day":
            return {
                "AssignLatePenalties": {"plugin_class": "grading.late_penalty.PercentPerDay"},
                "PercentPerDay": {"percent_per_day": self.percent_per_day, "max_percent": self.max_percent},
            }
        return {"LateSubmissionPlugin": {"penalty_method": self.method}}


@dataclass(frozen=True)
class Dates:
    assignment: str
    release: dt.datetime  # aware, in the course's time zone
    due: dt.datetime  # aware, in the course's time zone

    @property
    def due_utc(self) -> dt.datetime:
        return self.due.astimezone(dt.timezone.utc)


@dataclass(frozen=True)
class Schedule:
    path: Path
    timezone: ZoneInfo
    late_policy: LatePolicy
    assignments: dict[str, Dates]

    def dates(self, assignment: str) -> Dates | None:
        return self.assignments.get(assignment)

    def due_line(self, assignment: str) -> str | None:
        """The header line of a released notebook: due in the course's zone and in UTC, and
        the late policy ("Due Friday 12 March 2027, 23:59 Asia/Shanghai (15:59 UTC); late
        work ..."); None for an assignment without a due date."""
        dates = self.dates(assignment)
        if dates is None:
            return None
        utc = dates.due_utc
        same_day = utc.date() == dates.due.date()
        in_utc = f"{utc:%H:%M} UTC" if same_day else f"{_day(utc)}, {utc:%H:%M} UTC"
        return f"Due {_day(dates.due)}, {dates.due:%H:%M} {self.timezone.key} ({in_utc}); {self.late_policy.words()}."

    def due_from_now(self, assignment: str, now: dt.datetime) -> str | None:
        """"due Friday 12 March 23:59 Asia/Shanghai, in 3 days" (or "3 hours ago")."""
        dates = self.dates(assignment)
        if dates is None:
            return None
        return f"due {dates.due:%A} {dates.due.day} {dates.due:%B %H:%M} {self.timezone.key}, {relative(dates.due - now)}"


def _day(when: dt.datetime) -> str:
    return f"{when:%A} {when.day} {when:%B %Y}"


def relative(delta: dt.timedelta) -> str:
    """A time difference in words: "in 3 days", "in 5 hours", "2 days ago"."""
    seconds = delta.total_seconds()
    span = abs(seconds)
    if span >= 2 * 86400:
        amount = f"{int(span // 86400)} days"
    elif span >= 2 * 3600:
        amount = f"{int(span // 3600)} hours"
    elif span >= 120:
        amount = f"{int(span // 60)} minutes"
    else:
        return "now"
    return f"in {amount}" if seconds > 0 else f"{amount} ago"


def _local(value: object, zone: ZoneInfo, where: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(23, 59), zone)
    raise ScheduleError(f"{where} is {value!r}, not a TOML date and time such as 2027-03-12T23:59:00")


def schedule_path() -> Path:
    """`schedule.toml` in the course root, or the file `$COURSE_SCHEDULE` names."""
    return Path(os.environ.get("COURSE_SCHEDULE", SCHEDULE))


def load(path: Path | None = None, known: list[str] | None = None) -> Schedule:
    """Read and check the schedule (default `schedule_path()`); `known` (default: the
    course's assignments) are the ids it may name."""
    path = schedule_path() if path is None else Path(path)
    if known is None:
        from grading.paths import assignments

        known = assignments()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScheduleError(f"{path}: no such schedule file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(f"{path}: not valid TOML ({exc})") from None
    try:
        zone = ZoneInfo(str(raw.get("timezone", "")))
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"{path}: timezone {raw.get('timezone')!r} is not an IANA time zone name such as 'Asia/Shanghai'") from None
    policy_raw = raw.get("late_policy", {})
    method = policy_raw.get("method", "none")
    if method not in METHODS:
        raise ScheduleError(f"{path}: late_policy.method {method!r} is not one of {', '.join(METHODS)}")
    try:
        policy = LatePolicy(method, float(policy_raw.get("percent_per_day", 0)), float(policy_raw.get("max_percent", 100)))
    except (TypeError, ValueError):
        raise ScheduleError(f"{path}: late_policy.percent_per_day and max_percent must be numbers") from None
    if method == "percent_per_day" and not (0 < policy.percent_per_day <= 100 and 0 < policy.max_percent <= 100):
        raise ScheduleError(f"{path}: late_policy.percent_per_day and max_percent must be above 0 and at most 100")
    dates = {}
    for assignment, entry in raw.get("assignments", {}).items():
        if assignment not in known:
            raise ScheduleError(f"{path}: [assignments.{assignment}] is not an assignment of the course ({', '.join(known)})")
        if not isinstance(entry, dict) or "due" not in entry:
            raise ScheduleError(f"{path}: [assignments.{assignment}] has no due date")
        due = _local(entry["due"], zone, f"{path}: assignments.{assignment}.due")
        release = _local(entry.get("release", entry["due"]), zone, f"{path}: assignments.{assignment}.release")
        if due < release:
            raise ScheduleError(f"{path}: {assignment} is due ({due:%Y-%m-%d %H:%M}) before it is released ({release:%Y-%m-%d %H:%M})")
        dates[assignment] = Dates(assignment, release, due)
    return Schedule(path, zone, policy, dates)


def record_due_dates(db_url: str, schedule: Schedule, assignment_ids: list[str]) -> None:
    """Set each assignment's due date in the gradebook (naive UTC, as nbgrader stores it)."""
    from grading.gradebook import open_gradebook

    with open_gradebook(db_url) as gb:
        for assignment in assignment_ids:
            dates = schedule.dates(assignment)
            if dates is not None:
                gb.update_or_create_assignment(assignment, duedate=dates.due_utc.replace(tzinfo=None))
