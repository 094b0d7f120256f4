"""Grades as a learning platform imports them: nbgrader export plugins for Canvas and Moodle.

    nbgrader export --exporter=grading.lms_export.CanvasExportPlugin --to canvas.csv
    nbgrader export --exporter=grading.lms_export.MoodleExportPlugin --to moodle.csv
    python -m grading export-lms canvas|moodle [--to FILE] [--assignment A ...]

Both read nbgrader's gradebook (the system of record) and write one row per student with one
column per assignment. A score is what nbgrader's own `CsvExportPlugin` writes: the
submission's total, autograded plus manual grades (an answer still waiting for a manual grade
counts 0), less the late-submission penalty, never below 0. Every problem that would make the
platform drop or misplace a grade is a warning naming the students (kept in `.warnings` too),
never a silent blank.

Canvas (Grades > Import; the columns of Canvas's own gradebook export):

    Student, ID, SIS User ID, SIS Login ID, Section, <assignment> (<canvas assignment id>) ...
    Points Possible,,,,,19,21
    "Doe, Jane",48213,,jdoe,,16,

  Student       "last_name, first_name" (Canvas's sortable name); the nbgrader id when the
                gradebook has no name (warned)
  ID            lms_user_id (Canvas's user id); Canvas matches a row by ID first
  SIS Login ID  the nbgrader student id (`student_id_column` puts it in SIS User ID instead);
                Canvas matches by it when ID is blank (a warning names those students)
  SIS User ID   blank (or the nbgrader id, see above); Section blank (Canvas ignores it)
  assignments   "<name> (<id>)" when `assignment_ids` maps the nbgrader assignment to a Canvas
                assignment id: Canvas fills that assignment. A column without an id fills the
                assignment of exactly that title, or Canvas creates a new assignment with that
                title and the Points Possible row as its points.
  missing       no submission in the gradebook: blank, as Canvas shows an ungraded cell
                (Canvas then marks it Missing after the due date and applies the course's
                missing-submission policy); `missing='zero'` writes 0 instead.

  With `canvas_gradebook` (the CSV of Grades > Export, downloaded by the instructor) the
  output is that gradebook filled in: its students in its order with their Canvas ids and
  sections, its assignment columns (matched by `assignment_ids`, else by title), its Points
  Possible. Canvas students the nbgrader gradebook does not know keep what Canvas has, and
  nbgrader students Canvas does not know are left out; both are warned.

Moodle (Grades > Import > CSV file; "Map from" the identifier column "Map to" the same user
field, then each grade column to its grade item or to "new grade item"):

    First name, Last name, ID number, Email address, <assignment> [, <assignment> (Feedback)] ...

  First name, Last name  first_name, last_name (for people reading the file; Moodle ignores them)
  ID number              the nbgrader student id (`id_column='Username'` names it Username)
  Email address          email
  <assignment>           the score as a number (item name: the assignment id, or `item_names`)
  (Feedback)             with `feedback=True`: points, autograded and manual parts, lateness
  missing                no submission: 0 (Moodle aggregates only non-empty grades, so a blank
                         would leave the assignment out of the course total); `missing='blank'`
                         writes an empty cell ("no grade").

  Moodle matches every row by the `identifier` column (Email address by default, or ID number /
  Username). A row whose identifier is blank is left out with a warning naming the student:
  Moodle's importer stops at such a row, or gives its grades to the row before.
"""
from __future__ import annotations

import csv
import os
import re
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Bool, Dict, Enum, Unicode

STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
POINTS_POSSIBLE = "Points Possible"
# columns of a Canvas export that Canvas computes and never imports
_CANVAS_COMPUTED = re.compile(r"Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade|Override Score|Override Grade|Override Status")
_TITLE_AND_ID = re.compile(r"^(?P<title>.*?)\s*\((?P<id>\d+)\)\s*$")


def number(value: float) -> str:
    """A score as platforms read it: 16, 9.5, 0.3333 (no exponent, no trailing zeros)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def names(ids) -> str:
    ids = sorted(ids)
    return ", ".join(ids)


def _squash(text: str) -> str:
    """A title compared loosely: case, spaces and punctuation ignored ("01 Market size" ~ "01_market_size")."""
    return re.sub(r"[\W_]+", "", text).casefold()


class LmsExportError(ValueError):
    pass


class _LmsExportPlugin(ExportPlugin):
    """What the Canvas and Moodle exporters share: which assignments and students, the scores."""

    missing = Enum(["zero", "blank"], help="what a student without a submission gets: 0, or an empty cell").tag(config=True)
    default_file = "grades.csv"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        self.log.warning(message)

    # -- what to export ---------------------------------------------------------------------
    def selected_assignments(self, gradebook: Gradebook) -> list:
        known = {a.name: a for a in gradebook.assignments}
        wanted = [str(a) for a in self.assignment] or sorted(known)
        unknown = [a for a in wanted if a not in known]
        if unknown:
            raise LmsExportError(f"not in the gradebook: assignment(s) {names(unknown)}; the gradebook has {names(known) or 'none'} (run `python -m grading release` to record them)")
        if not wanted:
            raise LmsExportError("the gradebook has no assignments to export (run `python -m grading release` to record them)")
        return [known[a] for a in wanted]

    def selected_students(self, gradebook: Gradebook) -> list:
        students = sorted(gradebook.students, key=lambda s: s.id)
        if self.student:
            wanted = {str(s) for s in self.student}
            unknown = wanted - {s.id for s in students}
            if unknown:
                self.warn(f"not in the gradebook, so not exported: student(s) {names(unknown)}")
            students = [s for s in students if s.id in wanted]
        return students

    def scores(self, gradebook: Gradebook, assignments: list, students: list) -> dict[tuple[str, str], dict | None]:
        """(assignment, student) -> the submission's score and its parts, or None when the
        gradebook has no submission. The score is nbgrader's CsvExportPlugin's."""
        found: dict[tuple[str, str], dict | None] = {}
        for assignment in assignments:
            pending, missing = [], []
            for student in students:
                try:
                    sub = gradebook.find_submission(assignment.name, student.id)
                except MissingEntry:
                    found[assignment.name, student.id] = None
                    missing.append(student.id)
                    continue
                penalty = sub.late_submission_penalty or 0.0
                found[assignment.name, student.id] = {
                    "score": max(0.0, sub.score - penalty),
                    "raw": sub.score,
                    "penalty": penalty,
                    "max": assignment.max_score,
                    "code": sub.code_score,
                    "max_code": sub.max_code_score,
                    "written": sub.written_score + sub.task_score,
                    "max_written": sub.max_written_score + sub.max_task_score,
                    "pending": bool(sub.needs_manual_grade),
                }
                if sub.needs_manual_grade:
                    pending.append(student.id)
            if pending:
                self.warn(f"{assignment.name}: answers still to grade by hand (formgrader), counted 0 for now: {names(pending)}")
            if missing:
                what = "0" if self.missing == "zero" else "an empty cell"
                self.warn(f"{assignment.name}: no submission in the gradebook, exported as {what}: {names(missing)}")
        return found

    def cell(self, result: dict | None) -> str:
        if result is None:
            return "0" if self.missing == "zero" else ""
        return number(result["score"])

    # -- the nbgrader interface -------------------------------------------------------------
    def export(self, gradebook: Gradebook) -> None:
        dest = Path(self.to or self.default_file)
        try:
            header, rows = self.table(gradebook)
        except LmsExportError as exc:
            fail = getattr(self.parent, "fail", None)
            if fail is not None:
                fail(str(exc))  # logs the error; the nbgrader app exits with status 1
            raise
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
        self.log.info("Wrote %s: %d students, %d columns", dest, sum(1 for r in rows if r and r[0] != POINTS_POSSIBLE), len(header))

    def table(self, gradebook: Gradebook) -> tuple[list[str], list[list[str]]]:
        raise NotImplementedError


class CanvasExportPlugin(_LmsExportPlugin):
    """Canvas's gradebook import CSV (Grades > Import). See the module's docstring."""

    missing = Enum(["zero", "blank"], default_value="blank", help="a student without a submission: blank (Canvas's ungraded cell; its missing policy applies) or 0").tag(config=True)
    assignment_ids = Dict(
        value_trait=Unicode(),
        help="nbgrader assignment -> Canvas assignment id (the number in the assignment's URL), e.g. --CanvasExportPlugin.assignment_ids 01_market_size=48213",
    ).tag(config=True)
    canvas_gradebook = Unicode("", help="the CSV of Canvas's Grades > Export: fill its students and assignment columns").tag(config=True)
    student_id_column = Enum(["SIS Login ID", "SIS User ID"], default_value="SIS Login ID", help="the Canvas column that holds the nbgrader student id").tag(config=True)
    default_file = "canvas_grades.csv"

    def _canvas_id(self, assignment: str) -> str | None:
        value = self.assignment_ids.get(assignment)
        if value is None or str(value).strip() == "":
            return None
        value = str(value).strip()
        match = _TITLE_AND_ID.match(value)
        if match:  # "Title (48213)" as Canvas's export writes it
            value = match["id"]
        if not value.isdigit():
            raise LmsExportError(f"assignment_ids: {assignment} -> {value!r} is not a Canvas assignment id (the number in the assignment's URL)")
        return value

    def _title(self, assignment: str) -> str:
        canvas_id = self._canvas_id(assignment)
        return f"{assignment} ({canvas_id})" if canvas_id else assignment

    @staticmethod
    def _sortable_name(student) -> str:
        last, first = (student.last_name or "").strip(), (student.first_name or "").strip()
        if last and first:
            return f"{last}, {first}"
        return last or first or student.id

    def _identity(self, student) -> list[str]:
        sis_user, sis_login = ("", student.id) if self.student_id_column == "SIS Login ID" else (student.id, "")
        return [self._sortable_name(student), (student.lms_user_id or "").strip(), sis_user, sis_login, ""]

    def table(self, gradebook):
        assignments = self.selected_assignments(gradebook)
        for a in assignments:
            self._canvas_id(a.name)  # reject a malformed id before anything is written
        students = self.selected_students(gradebook)
        scores = self.scores(gradebook, assignments, students)
        if self.canvas_gradebook:
            return self._fill_template(assignments, students, scores)
        without_name = [s.id for s in students if not ((s.last_name or "").strip() or (s.first_name or "").strip())]
        if without_name:
            self.warn(f"no first or last name in the gradebook, the Student column shows the nbgrader id: {names(without_name)}")
        self._warn_unmatched_ids(students)
        header = STUDENT_COLUMNS + [self._title(a.name) for a in assignments]
        rows = [[POINTS_POSSIBLE, "", "", "", "", *[number(a.max_score) for a in assignments]]]
        for s in students:
            rows.append(self._identity(s) + [self.cell(scores[a.name, s.id]) for a in assignments])
        new = [a.name for a in assignments if self._canvas_id(a.name) is None]
        if new:
            self.warn(
                f"no Canvas assignment id for {names(new)}: Canvas fills the assignment with exactly that title, or creates a new one "
                "(map them with --CanvasExportPlugin.assignment_ids NAME=ID, or fill the gradebook you exported from Canvas with --CanvasExportPlugin.canvas_gradebook=FILE)"
            )
        return header, rows

    def _warn_unmatched_ids(self, students) -> None:
        without_id = [s.id for s in students if not (s.lms_user_id or "").strip()]
        if without_id and len(without_id) == len(students):
            self.warn(f"no student has an lms_user_id in the gradebook: Canvas will match every row by {self.student_id_column} (the nbgrader student id), so these must be the students' Canvas {self.student_id_column}s")
        elif without_id:
            self.warn(f"no lms_user_id in the gradebook, Canvas will match them by {self.student_id_column} (their nbgrader id): {names(without_id)}")

    # -- filling the gradebook the instructor exported from Canvas ------------------------------
    def _fill_template(self, assignments, students, scores):
        path = Path(self.canvas_gradebook)
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                table = [row for row in csv.reader(fh)]
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise LmsExportError(f"cannot read the Canvas gradebook {path}: {exc}") from exc
        if not table or len(table[0]) < 4 or "Student" not in table[0][0] or "ID" not in table[0][1]:
            raise LmsExportError(f"{path} is not a Canvas gradebook export: its first columns should be Student, ID, SIS User ID, SIS Login ID, Section (Grades > Export in Canvas)")
        head = [h.strip() for h in table[0]]
        if "Section" not in head:
            raise LmsExportError(f"{path} is not a Canvas gradebook export: it has no Section column")
        first_assignment = head.index("Section") + 1
        col = {name: head.index(name) for name in STUDENT_COLUMNS if name in head}
        template_columns: dict[int, tuple[str, str | None]] = {}  # index -> (title, canvas id)
        for i in range(first_assignment, len(head)):
            if not head[i] or _CANVAS_COMPUTED.search(head[i]):
                continue
            match = _TITLE_AND_ID.match(head[i])
            template_columns[i] = (match["title"], match["id"]) if match else (head[i], None)

        # which column each nbgrader assignment fills
        chosen: list[tuple[object, int | None, str]] = []  # (assignment, column index or None if new, header)
        for a in assignments:
            canvas_id = self._canvas_id(a.name)
            by_id = [i for i, (_, cid) in template_columns.items() if canvas_id and cid == canvas_id]
            by_title = [i for i, (title, _) in template_columns.items() if title == a.name]
            by_squash = [i for i, (title, _) in template_columns.items() if _squash(title) == _squash(a.name)]
            for found in (by_id, by_title, by_squash):
                if len(found) == 1:
                    chosen.append((a, found[0], head[found[0]]))
                    break
                if len(found) > 1:
                    raise LmsExportError(f"{path}: several columns could be {a.name}: {', '.join(head[i] for i in found)}; say which with --CanvasExportPlugin.assignment_ids {a.name}=ID")
            else:
                chosen.append((a, None, self._title(a.name)))
                if canvas_id:
                    self.warn(f"{path} has no column for Canvas assignment {canvas_id} ({a.name}): the import fills that assignment all the same")
                else:
                    self.warn(f"{path} has no column like {a.name}: Canvas will create a new assignment named {a.name} (map it with --CanvasExportPlugin.assignment_ids {a.name}=ID)")

        points_row = next((row for row in table[1:] if row and POINTS_POSSIBLE in row[0]), None)
        by_lms = {(s.lms_user_id or "").strip(): s for s in students if (s.lms_user_id or "").strip()}
        by_id = {s.id: s for s in students}
        header = STUDENT_COLUMNS + [h for _, _, h in chosen]
        rows = [[POINTS_POSSIBLE, "", "", "", ""]]
        for a, index, _ in chosen:
            canvas_points = points_row[index].strip() if points_row and index is not None and index < len(points_row) else ""
            try:
                differs = canvas_points and abs(float(canvas_points) - a.max_score) > 1e-9
            except ValueError:
                differs = False
            if differs:
                self.warn(f"{a.name}: Canvas's points possible is {canvas_points}, nbgrader's maximum is {number(a.max_score)}; the scores are nbgrader's points")
            rows[0].append(canvas_points or number(a.max_score))

        exported, canvas_only = set(), []
        for row in table[1:]:
            if not row or POINTS_POSSIBLE in row[0] or all(re.fullmatch(r"\s*(Muted|Manual Posting.*)?\s*", c or "", re.I) for c in row):
                continue
            value = lambda name: row[col[name]].strip() if name in col and col[name] < len(row) else ""  # noqa: E731
            student = by_lms.get(value("ID")) if value("ID") else None
            student = student or by_id.get(value("SIS Login ID")) or by_id.get(value("SIS User ID"))
            out = [value(name) for name in STUDENT_COLUMNS]
            for a, index, _ in chosen:
                existing = row[index].strip() if index is not None and index < len(row) else ""
                if student is None or (scores[a.name, student.id] is None and self.missing == "blank"):
                    out.append(existing)  # unchanged: Canvas keeps what it has
                else:
                    out.append(self.cell(scores[a.name, student.id]))
            if student is None:
                if value("Student") != "Student, Test":  # Canvas's own test student
                    canvas_only.append(value("Student") or value("ID"))
            elif student.id in exported:
                raise LmsExportError(f"{path}: two rows are student {student.id}")
            else:
                exported.add(student.id)
            rows.append(out)
        if canvas_only:
            self.warn(f"in the Canvas gradebook but not in nbgrader's, left as Canvas has them: {'; '.join(sorted(canvas_only))}")
        not_in_canvas = [s.id for s in students if s.id not in exported]
        if not_in_canvas:
            self.warn(f"not in the Canvas gradebook {path} (matched by ID = lms_user_id, then SIS Login ID or SIS User ID = nbgrader id), so not exported: {names(not_in_canvas)}")
        return header, rows


class MoodleExportPlugin(_LmsExportPlugin):
    """Moodle's grade import CSV (Grades > Import > CSV file). See the module's docstring."""

    missing = Enum(["zero", "blank"], default_value="zero", help="a student without a submission: 0, or blank (Moodle's 'no grade')").tag(config=True)
    id_column = Enum(["ID number", "Username"], default_value="ID number", help="the header of the column that holds the nbgrader student id").tag(config=True)
    identifier = Enum(["Email address", "ID number", "Username"], default_value="Email address", help="the column Moodle matches users by (Map from / Map to); rows where it is blank are left out").tag(config=True)
    item_names = Dict(value_trait=Unicode(), help="nbgrader assignment -> the Moodle grade item's name, used as the column header").tag(config=True)
    feedback = Bool(False, help="add a '<item> (Feedback)' column after each grade column").tag(config=True)
    default_file = "moodle_grades.csv"

    @staticmethod
    def _feedback(result: dict | None) -> str:
        if result is None:
            return "No submission."
        text = f"{number(result['score'])} of {number(result['max'])} points (autograded {number(result['code'])} of {number(result['max_code'])}"
        text += f"; graded by hand {number(result['written'])} of {number(result['max_written'])})" if result["max_written"] else ")"
        if result["penalty"]:
            text += f"; late: {number(result['penalty'])} points deducted"
        if result["pending"]:
            text += "; some answers are still to be graded by hand"
        return text + "."

    def table(self, gradebook):
        if self.identifier not in ("Email address", self.id_column):
            raise LmsExportError(f"identifier {self.identifier!r}: the file has no such column (its columns are Email address and {self.id_column})")
        assignments = self.selected_assignments(gradebook)
        students = self.selected_students(gradebook)
        scores = self.scores(gradebook, assignments, students)
        header = ["First name", "Last name", self.id_column, "Email address"]
        for a in assignments:
            item = self.item_names.get(a.name) or a.name
            header.append(item)
            if self.feedback:
                header.append(f"{item} (Feedback)")
        rows, left_out = [], []
        for s in students:
            identity = [(s.first_name or "").strip(), (s.last_name or "").strip(), s.id, (s.email or "").strip()]
            if not identity[header.index(self.identifier)]:
                left_out.append(s.id)
                continue
            row = identity
            for a in assignments:
                row.append(self.cell(scores[a.name, s.id]))
                if self.feedback:
                    row.append(self._feedback(scores[a.name, s.id]))
            rows.append(row)
        if left_out:
            other = "ID number" if self.identifier == "Email address" else "Email address"
            self.warn(
                f"no {self.identifier} in the gradebook, so left out (Moodle matches rows by {self.identifier}): {names(left_out)}; "
                f"add it (nbgrader db student add ID --email=...) or match by {other} with --MoodleExportPlugin.identifier='{other if other != 'ID number' else self.id_column}'"
            )
        if self.identifier != "Email address":
            no_email = [s.id for s in students if not (s.email or "").strip() and s.id not in left_out]
            if no_email:
                self.warn(f"no email in the gradebook, the Email address column is blank: {names(no_email)}")
        no_name = [s.id for s in students if not ((s.first_name or "").strip() or (s.last_name or "").strip()) and s.id not in left_out]
        if no_name:
            self.warn(f"no first or last name in the gradebook, those columns are blank (Moodle ignores them): {names(no_name)}")
        return header, rows


# -- python -m grading export-lms ------------------------------------------------------------
EXPORTERS = {"canvas": "grading.lms_export.CanvasExportPlugin", "moodle": "grading.lms_export.MoodleExportPlugin"}


def run_cli(platform: str, to: str | None = None, assignments: list[str] | None = None, canvas_gradebook: str | None = None, settings: list[str] | None = None, echo=print) -> int:
    """`nbgrader export` with the platform's exporter (so nbgrader_config.py's settings for it
    apply); `settings` are CLASS.TRAIT=VALUE options for nbgrader. Prints the exporter's
    warnings and where the file is."""
    from grading import nbgrader_cli
    from grading.paths import workspace

    dest = Path(to) if to else workspace() / "reports" / f"{platform}_grades.csv"
    args = ["export", f"--exporter={EXPORTERS[platform]}", f"--to={dest.resolve()}"]
    for a in assignments or []:
        args.append(f"--ExportPlugin.assignment={a}")
    if canvas_gradebook:
        if platform != "canvas":
            echo("--canvas-gradebook is for the Canvas export only")
            return 2
        if not os.path.isfile(canvas_gradebook):
            echo(f"no such file: {canvas_gradebook}")
            return 2
        args.append(f"--CanvasExportPlugin.canvas_gradebook={Path(canvas_gradebook).resolve()}")
    for setting in settings or []:
        if not re.match(r"^\w+\.\w+=", setting):
            echo(f"--set {setting}: expected CLASS.TRAIT=VALUE, e.g. CanvasExportPlugin.assignment_ids=01_market_size=48213")
            return 2
        args.append(f"--{setting}")
    result = nbgrader_cli.run(args)  # from the course root, so nbgrader_config.py applies
    for line in result.output.splitlines():
        if "WARNING" in line or "ERROR" in line or "CRITICAL" in line:
            echo(re.sub(r"^\[\w+ \| (\w+)\]\s*", lambda m: m[1].lower() + ": ", line).strip())
    if not result.ok:
        if not any("ERROR" in line for line in result.output.splitlines()):
            echo(result.tail())
        echo(f"nbgrader export failed (exit status {result.returncode})")
        return 1
    echo(f"{platform.capitalize()} grades: {dest}")
    return 0
