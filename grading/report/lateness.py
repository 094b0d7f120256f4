"""Late work for the instructor report: who submitted after their due date, by how much,
with which extension, and the penalty nbgrader recorded.

Read from nbgrader's gradebook (the due dates come from `schedule.toml` through
`python -m grading release`; extensions from `python -m grading extend`), with times shown in
the course's time zone.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

COLUMNS = ["assignment", "student", "submitted", "due", "extension_hours", "hours_late", "penalty", "score_after_penalty"]


def late_work(db_url: str, assignments: list[str], zone: dt.tzinfo, *, everyone: bool = False) -> pd.DataFrame:
    """One row per late submission (per submission with an extension too; every submission
    with `everyone`), by assignment then hours late."""
    from nbgrader.api import MissingEntry

    from grading.gradebook import open_gradebook

    utc = dt.timezone.utc
    rows = []
    with open_gradebook(db_url) as gb:
        for name in assignments:
            try:
                assignment = gb.find_assignment(name)
            except MissingEntry:
                continue
            for submission in assignment.submissions:
                late = submission.total_seconds_late
                if not (everyone or late > 0 or submission.extension):
                    continue
                due = submission.duedate
                rows.append({
                    "assignment": name,
                    "student": submission.student.id,
                    "submitted": submission.timestamp.replace(tzinfo=utc).astimezone(zone).strftime("%Y-%m-%d %H:%M") if submission.timestamp else "",
                    "due": due.replace(tzinfo=utc).astimezone(zone).strftime("%Y-%m-%d %H:%M") if due else "",
                    "extension_hours": submission.extension.total_seconds() / 3600 if submission.extension else 0.0,
                    "hours_late": late / 3600,
                    "penalty": float(submission.late_submission_penalty or 0.0),
                    "score_after_penalty": float(submission.score) - float(submission.late_submission_penalty or 0.0),
                })
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["assignment", "hours_late", "student"], ascending=[True, False, True], ignore_index=True)


def late_lines(db_url: str, assignment: str, zone: dt.tzinfo) -> list[str]:
    """One line per late or extended submission of `assignment`, for the grading summary:
    "late: alice, 2.0 h after 2027-03-12 23:59 (extension 0 h): penalty 1.6 of 16"."""
    lines = []
    for row in late_work(db_url, [assignment], zone).itertuples():
        if row.hours_late > 0:
            lines.append(f"late: {row.student}, {row.hours_late:.1f} h after {row.due} (extension {row.extension_hours:g} h): penalty {row.penalty:g} of {row.score_after_penalty + row.penalty:g}")
        else:
            lines.append(f"extension: {row.student}, due {row.due} ({row.extension_hours:g} h more), submitted on time")
    return lines
