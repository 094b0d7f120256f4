"""Submissions from a learning platform's "Download all submissions" zip, with nbgrader's zip_collect.

    python -m grading collect-zip ZIP --assignment 01_market_size [--platform canvas|moodle|plain] [--roster CSV]
    nbgrader zip_collect 01_market_size          (after putting the zip in downloaded/01_market_size/archive/)

`collect-zip` copies ZIP (or the files of a folder) to
`<workspace>/downloaded/<assignment>/archive/`, runs `nbgrader zip_collect <assignment> --force`
(nbgrader extracts it to `.../extracted/` and copies each notebook to
`<workspace>/submitted/<student>/<assignment>/<notebook>.ipynb`, replacing that student's earlier
submission), then reports which file went to which student and which files were not
collected, and why. nbgrader_config.py sets the folders, the file-name pattern and the
collector plugin below.

File names (the patterns are `PATTERNS`; nbgrader matches `FileNameCollectorPlugin.named_regexp`):

  canvas  <lastfirst>[_late]_<canvas user id>_<submission file id>_<file name>
          smithjohn_48213_7730215_01_market_size.ipynb, doejane_late_48214_7730299_01_market_size-1.ipynb
          (Canvas's ContentZipper: the sortable name lowercased without spaces or punctuation;
          Canvas appends -1, -2 to a file name a student uploaded again)
  moodle  <Full Name>_<participant id>_assignsubmission_file_<file name>, or, with "Download
          submissions in folders" (Moodle's default since 3.1), the same without the last
          underscore as a folder: Jane Doe_1234567_assignsubmission_file/01_market_size.ipynb
  plain   <student id>/<file name>, or <student id>/<assignment>/<file name> (nbgrader's own layout)

Without --platform, Canvas and Moodle names are both accepted (the `LMS` pattern, the default
in nbgrader_config.py).

Who is the student: a Canvas zip names the Canvas user id and the name, a Moodle zip the
participant id of this assignment and the full name; neither has the nbgrader student id
(for Canvas, the login or SIS id). `LmsFileNameCollector` maps them, first rule that applies:

  1. a roster CSV (--roster): Canvas's gradebook export (Grades > Export: ID -> SIS Login ID,
     else SIS User ID), Moodle's grading worksheet (Identifier "Participant 1234567" -> Email
     address, ID number or Username, looked up in the gradebook), or any CSV with the columns
     lms_id,student_id;
  2. Canvas only: the gradebook student whose lms_user_id is the Canvas user id;
  3. the name: the one gradebook student whose first and last name give the file's name part
     (Canvas: "smithjohn" for Smith, John; Moodle: "Jane Doe").

A file none of these places is not collected, and the report says why. The file name's last
part must be the assignment's notebook (01_market_size.ipynb, or Canvas's 01_market_size-1.ipynb,
or a browser's "01_market_size (1).ipynb"); anything else is reported, never filed under a
guessed name.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Unicode

# Canvas: the name part never contains _<digits>_ (Canvas removes that from names, since it reads
# the ids back from the first _<digits>_ when graded files are uploaded again)
_CANVAS = r"(?:(?!late_|\d+_)(?P<lms_name>[^/]+?)_)?(?:(?P<late>late)_)?(?P<student_id>\d+)_(?P<canvas_file_id>\d+)_(?:[^/]*/(?:[^/]+/)*)?(?P<file_id>[^/]+)"
# Moodle: the name part has no underscores (Moodle turns them into spaces)
_MOODLE = r"(?P<lms_name>[^/_]+)_(?P<student_id>\d+)_(?P<moodle_plugin>assignsubmission_file)(?:_|/(?:[^/]+/)*)(?P<file_id>[^/]+)"
_LMS = (
    r"(?:(?!late_|\d+_)(?P<lms_name>[^/]+?)_)?(?:(?P<late>late)_)?(?P<student_id>\d+)_"
    r"(?:(?P<canvas_file_id>\d+)_(?:[^/]*/(?:[^/]+/)*)?|(?P<moodle_plugin>assignsubmission_file)(?:_|/(?:[^/]+/)*))(?P<file_id>[^/]+)"
)
PATTERNS = {
    "canvas": rf"^(?:.*/)?{_CANVAS}$",
    "moodle": rf"^(?:.*/)?{_MOODLE}$",
    "plain": r"^(?:(?P<outer>.*)/)?(?P<student_id>[^/]+)/(?P<file_id>[^/]+)$",
    "lms": rf"^(?:.*/)?{_LMS}$",
}
LMS_PATTERN = PATTERNS["lms"]  # nbgrader_config.py's FileNameCollectorPlugin.named_regexp
DESCRIPTIONS = {
    "canvas": "<lastfirst>[_late]_<canvas user id>_<file id>_<notebook> (Canvas)",
    "moodle": "<Full Name>_<participant id>_assignsubmission_file_<notebook> or .../<notebook> (Moodle)",
    "plain": "<student id>/<notebook> or <student id>/<assignment>/<notebook>",
    "lms": "Canvas's <lastfirst>_<user id>_<file id>_<notebook> or Moodle's <Full Name>_<participant id>_assignsubmission_file_<notebook>",
}
MAX_UNPACKED_BYTES = 2 * 1024**3  # a submissions zip bigger than this once unpacked is refused


class CollectError(Exception):
    """A problem with the input that stops the collection (shown as it is, no traceback)."""


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text or "").casefold()


def canvas_name(first: str | None, last: str | None) -> str:
    """The name part of a Canvas file name for a student: "Smith, John" -> "smithjohn"."""
    return re.sub(r"[^\w]", "", f"{last or ''}, {first or ''}").lower()


# -- the roster ----------------------------------------------------------------------------
@dataclass
class Roster:
    """Platform id -> nbgrader student id (or None with the reason it could not be resolved)."""

    path: Path
    kind: str
    ids: dict[str, str]
    unresolved: dict[str, str]


def load_roster(path: Path, students: list) -> Roster:
    """Read a roster CSV (see the module's docstring); `students` are the gradebook's, used to
    resolve a Moodle worksheet's emails."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CollectError(f"cannot read the roster {path}: {exc}") from exc
    header = {h.strip() for h in (rows[0].keys() if rows else []) if h}
    clean = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in rows]
    ids: dict[str, str] = {}
    unresolved: dict[str, str] = {}
    if {"lms_id", "student_id"} <= header:
        kind = "lms_id,student_id"
        for row in clean:
            if row["lms_id"] and row["student_id"]:
                ids[row["lms_id"]] = row["student_id"]
    elif "ID" in header and ({"SIS Login ID", "SIS User ID"} & header):
        kind = "Canvas gradebook export"
        for row in clean:
            if row.get("ID", "").isdigit():
                student = row.get("SIS Login ID") or row.get("SIS User ID")
                if student:
                    ids[row["ID"]] = student
                else:
                    unresolved[row["ID"]] = f"the roster has no SIS Login ID or SIS User ID for {row.get('Student') or row['ID']}"
    elif "Identifier" in header:
        kind = "Moodle grading worksheet"
        by_email = {(s.email or "").strip().casefold(): s.id for s in students if (s.email or "").strip()}
        known = {s.id for s in students}
        for row in clean:
            match = re.search(r"(\d+)\s*$", row.get("Identifier", ""))
            if not match:
                continue
            email = row.get("Email address", "").casefold()
            student = by_email.get(email) if email else None
            for column in ("ID number", "Username"):
                student = student or (row.get(column) if row.get(column) in known else None)
            if student:
                ids[match[1]] = student
            else:
                who = row.get("Full name") or row["Identifier"]
                unresolved[match[1]] = f"the roster's {who} ({row.get('Email address') or 'no email'}) is not a student of the gradebook (matched by email, ID number or username)"
    else:
        raise CollectError(
            f"the roster {path} has the columns {', '.join(sorted(header)) or 'none'}; expected Canvas's gradebook export "
            "(ID, SIS Login ID), Moodle's grading worksheet (Identifier, Email address) or the columns lms_id,student_id"
        )
    return Roster(Path(path), kind, ids, unresolved)


def _gradebook_students(db_url: str) -> list:
    from grading.gradebook import open_gradebook

    with open_gradebook(db_url) as gb:
        return [_Student(s.id, s.first_name, s.last_name, s.email, s.lms_user_id) for s in gb.students]


@dataclass(frozen=True)
class _Student:
    id: str
    first_name: str | None
    last_name: str | None
    email: str | None
    lms_user_id: str | None


# -- the nbgrader collector plugin ---------------------------------------------------------
class LmsFileNameCollector(FileNameCollectorPlugin):
    """nbgrader's file-name collector, plus: the student id mapped from the platform's id or
    name, the notebook name checked against the release, duplicates and other files reported.
    Uses `named_regexp` (nbgrader_config.py sets `PATTERNS['lms']`)."""

    roster = Unicode("", help="CSV mapping the platform's ids to nbgrader student ids (Canvas gradebook export, Moodle grading worksheet, or lms_id,student_id)").tag(config=True)
    report = Unicode("", help="append a JSON line per file (collected or not, and why) to this file").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._students = None
        self._roster: Roster | None = None
        self._seen: dict[tuple[str, str], str] = {}

    # what the app knows ---------------------------------------------------------------------
    def _app_path(self, step: str) -> Path | None:
        app = self.parent
        fmt = getattr(app, "_format_collect_path", None)
        return Path(fmt(getattr(app, step))) if fmt else None

    def _assignment(self) -> str:
        return getattr(getattr(self.parent, "coursedir", None), "assignment_id", "") or ""

    def _released(self) -> list[str]:
        coursedir = getattr(self.parent, "coursedir", None)
        if coursedir is None:
            return []
        folder = Path(coursedir.format_path(coursedir.release_directory, ".", coursedir.assignment_id))
        return sorted(p.name for p in folder.glob("*.ipynb"))

    def students(self) -> list:
        if self._students is None:
            coursedir = getattr(self.parent, "coursedir", None)
            self._students = _gradebook_students(coursedir.db_url) if coursedir is not None else []
        return self._students

    def _roster_ids(self) -> Roster | None:
        if self.roster and self._roster is None:
            self._roster = load_roster(Path(self.roster), self.students())
        return self._roster

    def _note(self, **entry) -> None:
        if "skipped" in entry:
            self.log.warning("Not collected: %s: %s", entry["file"], entry["skipped"])
        elif "ignored" in entry:
            self.log.info("Ignored: %s: %s", entry["file"], entry["ignored"])
        else:
            self.log.info("Collected for %s: %s (%s)", entry["student"], entry["file"], entry["how"])
        if self.report:
            with open(self.report, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry) + "\n")

    def _relative(self, path: str) -> str:
        """The file's path inside the download: relative to extracted/, without the folder
        nbgrader made for the zip itself."""
        extracted = self._app_path("extracted_directory")
        rel = Path(path)
        if extracted is not None:
            try:
                rel = Path(path).resolve().relative_to(extracted.resolve())
            except ValueError:
                return Path(path).as_posix()
            archive = self._app_path("archive_directory")
            parts = rel.parts
            if archive is not None and len(parts) > 1:
                stems = {p.name[:-4] for p in archive.iterdir() if p.is_file() and p.name.endswith(".zip")}
                if parts[0] in stems:
                    rel = Path(*parts[1:])
        return rel.as_posix()

    # the mapping ---------------------------------------------------------------------------
    def _student(self, platform: str, found: dict) -> tuple[str | None, str]:
        """(nbgrader student id, how it was found) or (None, why not)."""
        lms_id, name = found["student_id"], (found.get("lms_name") or "").strip()
        if platform == "plain":
            return lms_id, "folder name"
        label = f"Canvas user {lms_id}" if platform == "canvas" else f"Moodle participant {lms_id}"
        label += f" '{name}'" if name else ""
        roster = self._roster_ids()
        if roster is not None:
            if lms_id in roster.ids:
                return roster.ids[lms_id], f"{label}, by the roster"
            if lms_id in roster.unresolved:
                return None, f"{label}: {roster.unresolved[lms_id]}"
        students = self.students()
        if platform == "canvas":
            by_lms = [s for s in students if (s.lms_user_id or "").strip() == lms_id]
            if len(by_lms) == 1:
                return by_lms[0].id, f"{label}, by lms_user_id"
            by_name = [s for s in students if name and canvas_name(s.first_name, s.last_name) == name.lower()]
        else:
            by_name = [
                s for s in students if name and (s.first_name or s.last_name)
                and _squash(name) in (_squash(f"{s.first_name or ''} {s.last_name or ''}"), _squash(f"{s.last_name or ''} {s.first_name or ''}"))
            ]
        if len(by_name) == 1:
            return by_name[0].id, f"{label}, by name"
        if len(by_name) > 1:
            return None, f"{label}: the name fits several students of the gradebook ({', '.join(sorted(s.id for s in by_name))}); give a roster (--roster)"
        known = f"lms_user_id {lms_id} or the name '{name}'" if platform == "canvas" else f"the name '{name}'"
        roster_kind = "Canvas's gradebook export (Grades > Export)" if platform == "canvas" else "Moodle's grading worksheet (Download grading worksheet)"
        if roster is not None:
            return None, f"{label}: not in the roster {roster.path.name}, and no student of the gradebook has {known}"
        return None, f"{label}: no student of the gradebook has {known}; give a roster: --roster with {roster_kind}"

    def _notebook(self, file_id: str) -> str | None:
        """The release's notebook this file is, or None."""
        released = self._released()
        if not released:  # no release to check against: take the name as it is
            return file_id
        candidates = [file_id]
        stem, ext = os.path.splitext(file_id)
        for pattern in (r"-\d+$", r"\s*\(\d+\)$", r"\s*-\s*Copy(\s*\(\d+\))?$|\s+copy(\s*\d+)?$"):
            stripped = re.sub(pattern, "", stem, flags=re.I)
            if stripped != stem:
                candidates.append(stripped + ext)
        for candidate in candidates:
            if candidate in released:
                return candidate
        return None

    def collect(self, submitted_file: str):
        rel = self._relative(submitted_file)
        name = rel.rsplit("/", 1)[-1]
        if "__MACOSX" in rel.split("/") or name.startswith("._") or name == ".DS_Store":
            self._note(file=rel, ignored="macOS metadata, not a submission")
            return None
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            self._note(file=rel, ignored="not a notebook")
            return None
        if not self.named_regexp:
            self._note(file=rel, skipped="no file-name pattern is configured (FileNameCollectorPlugin.named_regexp)")
            return None
        match = re.match(self.named_regexp, rel)
        if not match or "student_id" not in match.groupdict() or "file_id" not in match.groupdict():
            self._note(file=rel, skipped="the name does not fit the file-name pattern")
            return None
        found = match.groupdict()
        platform = "canvas" if found.get("canvas_file_id") else "moodle" if found.get("moodle_plugin") else "plain"
        if platform == "plain" and found["student_id"] == self._assignment() and found.get("outer"):
            found["student_id"] = found["outer"].rsplit("/", 1)[-1]  # <student>/<assignment>/<notebook>
        try:
            student, how = self._student(platform, found)
        except CollectError as exc:  # an unreadable roster: the app stops with this message
            fail = getattr(self.parent, "fail", None)
            if fail is not None:
                fail(str(exc))
            raise
        if student is None:
            self._note(file=rel, skipped=how)
            return None
        notebook = self._notebook(found["file_id"])
        if notebook is None:
            self._note(file=rel, student=student, skipped=f"{found['file_id']} is not the assignment's notebook ({', '.join(self._released())})")
            return None
        if (student, notebook) in self._seen:
            self._note(file=rel, student=student, skipped=f"{student} already has {notebook}, from {self._seen[student, notebook]}; this copy is not used")
            return None
        self._seen[student, notebook] = rel
        self._note(file=rel, student=student, notebook=notebook, how=how, late=bool(found.get("late")))
        return {"student_id": student, "file_id": notebook}


# -- python -m grading collect-zip -----------------------------------------------------------
def check_archive(path: Path) -> list[str]:
    """Raise CollectError unless `path` is a readable zip whose zips inside (a student's
    upload) are readable too; returns the names of members nbgrader will not extract
    (absolute paths or paths with ..)."""
    if not zipfile.is_zipfile(path):
        raise CollectError(f"{path} is not a zip archive (it may be truncated, or another kind of file); download it again")
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise CollectError(f"{path}: unpacked it would be larger than {MAX_UNPACKED_BYTES // 1024**3} GiB; not extracted")
            bad = zf.testzip()
            if bad is not None:
                raise CollectError(f"{path} is a damaged zip archive: {bad} fails its checksum; download it again")
            for m in members:
                if m.filename.lower().endswith(".zip"):
                    inner = io.BytesIO(zf.read(m))
                    try:
                        if not zipfile.is_zipfile(inner) or zipfile.ZipFile(inner).testzip() is not None:
                            raise zipfile.BadZipFile("not a readable zip")
                    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
                        raise CollectError(f"{path} holds {m.filename}, which is not a readable zip ({exc}); nbgrader would stop at it: remove it from {path.name}, then collect again") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError) as exc:
        raise CollectError(f"{path} is a damaged zip archive ({exc}); download it again") from exc
    return [m.filename for m in members if m.filename.startswith("/") or ".." in m.filename.split("/")]


def _archive_name(path: Path) -> str:
    """The copy's name in archive/: nbgrader extracts only names ending in .zip (lower case)."""
    return (path.name[:-4] if path.name.lower().endswith(".zip") else path.name) + ".zip"


def _reason(output: str) -> str:
    lines = [re.sub(r"^\[\w+ \| \w+\]\s*", "", line).strip() for line in output.splitlines() if "| ERROR]" in line or "| CRITICAL]" in line]
    return lines[-1] if lines else "\n".join(output.strip().splitlines()[-8:])


def collect_zip(source: str | Path, assignment: str, platform: str | None = None, roster: str | Path | None = None, echo=print) -> int:
    """Collect a platform's zip (or a folder of submissions) for one assignment; see the
    module's docstring. Exit status: 0 every notebook collected; 1 some notebooks were not
    (the rest are in place); 2 nothing was collected, or the input is unusable."""
    from grading import nbgrader_cli
    from grading.paths import assignments, gradebook_url, released_notebook

    source = Path(source)
    try:
        if assignment not in assignments():
            raise CollectError(f"{assignment} is not an assignment of this course ({', '.join(assignments())})")
        try:
            notebook = released_notebook(assignment).name
        except FileNotFoundError as exc:
            raise CollectError(str(exc)) from exc
        if not source.exists():
            raise CollectError(f"{source}: no such file or folder")
        unsafe = check_archive(source) if source.is_file() else []
        if roster is not None:
            roster = Path(roster).resolve()
            if not roster.is_file():
                raise CollectError(f"the roster {roster}: no such file")
            loaded = load_roster(roster, _gradebook_students(gradebook_url()))
            echo(f"Roster: {roster.name} ({loaded.kind}, {len(loaded.ids)} students)")
    except CollectError as exc:
        echo(f"Cannot collect: {exc}")
        return 2

    ws = nbgrader_cli.ensure_workspace()
    base = ws / "downloaded" / assignment
    archive = base / "archive"
    shutil.rmtree(archive, ignore_errors=True)  # a staging copy: replaced by this download
    archive.mkdir(parents=True)
    if source.is_file():
        shutil.copyfile(source, archive / _archive_name(source))
    else:
        shutil.copytree(source, archive, dirs_exist_ok=True)
    report = base / "collect_report.jsonl"
    report.unlink(missing_ok=True)
    submitted = ws / "submitted"
    before = {p.name for p in submitted.iterdir() if (p / assignment).is_dir()} if submitted.is_dir() else set()

    args = ["zip_collect", assignment, "--force", f"--LmsFileNameCollector.report={report}"]
    if platform:
        args.append(f"--FileNameCollectorPlugin.named_regexp={PATTERNS[platform]}")
    if roster is not None:
        args.append(f"--LmsFileNameCollector.roster={roster}")
    result = nbgrader_cli.run(args)
    entries = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines() if line.strip()] if report.is_file() else []
    collected = [e for e in entries if "notebook" in e]
    skipped = [e for e in entries if "skipped" in e]
    ignored = [e for e in entries if "ignored" in e]
    missing_files = [e for e in collected if not (submitted / e["student"] / assignment / e["notebook"]).is_file()]

    what = source.name
    echo(f"{assignment}: {len(collected)} notebook(s) collected from {what}" + (":" if collected else ""))
    width = max([len(e["student"]) for e in collected] + [7])
    for e in sorted(collected, key=lambda e: e["student"]):
        notes = [e["how"]] + (["late"] if e.get("late") else []) + (["replaces the earlier submission"] if e["student"] in before else [])
        echo(f"  {e['student'].ljust(width)}  <- {e['file']}  ({'; '.join(notes)})")
    if skipped:
        echo(f"Not collected ({len(skipped)} notebook(s)); pattern: {DESCRIPTIONS[platform or 'lms']}:")
        for e in skipped:
            echo(f"  {e['file']}: {e['skipped']}")
    if ignored:
        echo(f"Ignored, not notebooks: {', '.join(e['file'] for e in ignored)}")
    for name in unsafe:
        echo(f"Not extracted (a path outside the archive's folder): {name}")
    if not result.ok:
        echo(f"nbgrader zip_collect failed: {_reason(result.output)}")
        return 2
    if missing_files:
        echo("Not in place after zip_collect: " + ", ".join(f"{e['student']}/{assignment}/{e['notebook']}" for e in missing_files))
        return 2
    if not entries:
        echo(f"{what} holds no files (after extraction in {base / 'extracted'})")
    if not collected:
        echo(f"Nothing was collected: no file name fits {DESCRIPTIONS[platform or 'lms']} with the notebook {notebook}")
        return 2
    echo(f"Submissions: {submitted}/<student>/{assignment}/{notebook}; grade them with: python -m grading grade {assignment}")
    return 1 if skipped or unsafe else 0
