"""Command line: python -m grading {cycle,release,grade,check,normalize,bundle,collect-folder,collect-zip,export-lms,extend,collect-classroom}."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from grading.paths import ROOT, is_student_bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grading", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    cycle = sub.add_parser("cycle", help="the main job: release, then autograde the sample submissions, feedback, grades CSV, summary")
    cycle.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    rel = sub.add_parser("release", help="generate release/ from source/")
    rel.add_argument("assignments", nargs="*")
    rel.add_argument("--record-only", action="store_true", help="only record the assignments in the gradebook, leaving release/ as committed (a CI grading run)")
    grade = sub.add_parser("grade", help="autograde what is in grading/workspace/submitted for one assignment")
    grade.add_argument("assignment")
    grade.add_argument("--resume", action="store_true", help="keep the grades of submissions already graded (same file, same instructor notebook) and grade the rest")
    grade.add_argument("--allow-ungraded", action="store_true", help="exit 0 also when some submissions are corrupt, missing or crashed (each is reported); non-zero only when grading itself failed")
    grade.add_argument("--summary", dest="summary_path", help="append a Markdown summary of the batch to this file (e.g. $GITHUB_STEP_SUMMARY)")
    check = sub.add_parser("check", help="CI mode: grade one notebook without a gradebook; prints a summary, --json writes the result")
    check.add_argument("notebooks", nargs="+", metavar="notebook")
    check.add_argument("--assignment", help="assignment id (default: found from the notebook's name)")
    check.add_argument("--json", dest="json_path", help="write the result as JSON here (one notebook)")
    check.add_argument("--json-dir", help="write each notebook's result as JSON into this folder")
    check.add_argument("--summary", dest="summary_path", help="append a Markdown report to this file (e.g. $GITHUB_STEP_SUMMARY)")
    check.add_argument("--visible-only", action="store_true", help="use the release's visible tests only (a student's early feedback)")
    sub.add_parser("normalize", help="strip outputs and normalise metadata of every notebook git tracks")
    folder = sub.add_parser("collect-folder", help="copy a folder of submissions (<student>/<assignment>/*.ipynb, <student>/*.ipynb or <student>.ipynb) into the workspace's submitted/")
    folder.add_argument("folder")
    folder.add_argument("--assignment", required=True)
    bundle = sub.add_parser("bundle", help="build the student repository (a GitHub Classroom template): releases, lectures, data, CI workflow; no solutions")
    bundle.add_argument("--to", dest="target", help="folder to write (replaced; default grading/workspace/student-bundle)")
    lms = sub.add_parser("export-lms", help="grades as a Canvas or Moodle gradebook import CSV (nbgrader export with grading.lms_export)")
    lms.add_argument("platform", choices=["canvas", "moodle"])
    lms.add_argument("--to", help="CSV to write (default grading/workspace/reports/<platform>_grades.csv)")
    lms.add_argument("--assignment", action="append", help="export this assignment only (repeat for more; default all)")
    lms.add_argument("--canvas-gradebook", help="the CSV of Canvas's Grades > Export, to fill in")
    lms.add_argument("--set", action="append", metavar="CLASS.TRAIT=VALUE", help="an exporter setting, e.g. --set CanvasExportPlugin.assignment_ids=01_market_size=48213 or --set MoodleExportPlugin.feedback=True (repeat for more)")
    zipc = sub.add_parser("collect-zip", help="collect a zip of submissions downloaded from Canvas or Moodle (nbgrader zip_collect) into the workspace's submitted/")
    zipc.add_argument("zip", help="the downloaded zip (or a folder holding its files)")
    zipc.add_argument("--assignment", required=True)
    zipc.add_argument("--platform", choices=["canvas", "moodle", "plain"], help="the file names' pattern (default: Canvas's or Moodle's)")
    zipc.add_argument("--roster", help="CSV mapping the platform's ids to student ids: Canvas's gradebook export, Moodle's grading worksheet, or lms_id,student_id")
    classroom = sub.add_parser("collect-classroom", help="from a folder of GitHub Classroom clones, collect each student's notebook at the last commit before their deadline (due date plus extension)")
    classroom.add_argument("folder", help="the folder of the students' repository clones")
    classroom.add_argument("--assignment", required=True)
    classroom.add_argument("--prefix", help="what the repositories' names start with before the GitHub user (default: what they all share up to its last '-')")
    classroom.add_argument("--accept-late", action="store_true", help="where no commit is at or before the deadline, take the newest (the late policy then decides)")
    ext = sub.add_parser("extend", help="give a student more time for an assignment (nbgrader's gradebook extension; the late penalty honours it), or --list the extensions")
    ext.add_argument("student", nargs="?")
    ext.add_argument("assignment", nargs="?")
    when = ext.add_mutually_exclusive_group()
    when.add_argument("--hours", type=float, help="hours after the assignment's due date")
    when.add_argument("--until", help="the new due date, YYYY-MM-DD HH:MM in the course's time zone (schedule.toml) or with an offset")
    when.add_argument("--list", action="store_true", help="list every extension")
    report = sub.add_parser("report", help="the instructor report of the graded batches in the workspace: score distributions, item analysis, common failures, submissions that need attention (HTML and executed notebook)")
    report.add_argument("--to", dest="target", help="folder to write instructor_report.html and .ipynb to (default grading/workspace/reports)")
    if is_student_bundle():  # the student bundle ships CI mode only
        for name in list(sub.choices):
            if name != "check":
                sub.choices.pop(name)
        sub._choices_actions[:] = [a for a in sub._choices_actions if a.dest == "check"]
    args = parser.parse_args(argv)

    if args.command in ("cycle", "grade"):
        from grading.engine.unsandboxed import sandbox_unavailable

        why = sandbox_unavailable()
        if why:  # before any release or gradebook work: grading never runs unsandboxed
            print(f"python -m grading {args.command}: not graded: grading runs only in the grading sandbox, which is not "
                  f"available here: {why}. Grade on Linux with user namespaces (see docs/engine.md, The grading engine)", file=sys.stderr)
            return 2
    if args.command == "cycle":
        from grading.cycle import run_cycle

        return run_cycle(args.assignments or None)
    if args.command == "release":
        from grading.release import ReleaseError, generate, register

        if not args.record_only:
            for nb in generate(args.assignments or None):
                print(nb.relative_to(ROOT))
        from grading.schedule import ScheduleError

        try:
            register(args.assignments or None)
        except (ReleaseError, ScheduleError) as exc:
            print(f"the gradebook was not updated: {exc}", file=sys.stderr)
            return 1
        print("assignments recorded in the gradebook")
        return 0
    if args.command == "grade":
        from grading.gradebook import roster
        from grading.paths import gradebook_url, workspace
        from grading.late_penalty import LatePolicyError, check_config
        from grading.pipeline import grade_and_report, summary_markdown, summary_table

        try:
            check_config()  # no submission is graded under a late policy that cannot be read
        except LatePolicyError as exc:
            print(f"not graded: {exc}", file=sys.stderr)
            return 1

        # everyone in the gradebook's roster (so a missing submission is reported) and
        # everyone who submitted
        submitted = workspace() / "submitted"
        handed_in = {p.name for p in submitted.iterdir() if (p / args.assignment).is_dir()} if submitted.is_dir() else set()
        students = sorted(handed_in | set(roster(gradebook_url())))
        cells, outcomes, path = grade_and_report(args.assignment, students, resume=args.resume)
        print(summary_table(cells, outcomes))
        from grading.report.lateness import late_lines
        from grading.schedule import load as load_schedule

        for line in late_lines(gradebook_url(), args.assignment, load_schedule().timezone):
            print(line)
        print(f"Grades CSV: {path}")
        if args.summary_path:
            with open(args.summary_path, "a", encoding="utf-8") as fh:
                fh.write(summary_markdown(args.assignment, cells, outcomes))
        accepted = ("graded", "crashed", "corrupt", "missing") if args.allow_ungraded else ("graded",)
        return 0 if all(o.status in accepted for o in outcomes) else 1
    if args.command == "collect-folder":
        from grading.collect_folder import CollectError, collect_folder

        try:
            collected = collect_folder(Path(args.folder), args.assignment)
        except (CollectError, FileNotFoundError) as exc:
            print(f"not collected: {exc}", file=sys.stderr)
            return 2
        print(collected.report())
        return 2 if not collected.placed else 1 if collected.skipped else 0
    if args.command == "check":
        # jsonschema (through nbformat) builds rfc3987_syntax's grammar on import, 1-2 s of a CI
        # job's wait, for the "iri" string format that no notebook schema uses; without it
        # jsonschema simply skips that format
        sys.modules.setdefault("rfc3987_syntax", None)
        from grading.ci import main as check_main

        return check_main(args.notebooks, args.assignment, args.json_path, args.visible_only, args.json_dir, args.summary_path)
    if args.command == "bundle":
        from grading.bundle import BundleError, build

        try:
            target = build(args.target)
        except BundleError as exc:
            print(f"bundle not built: {exc}", file=sys.stderr)
            return 1
        print(f"student bundle written to {target}: push it as the GitHub Classroom template repository")
        return 0
    if args.command == "normalize":
        from grading.notebooks import normalize_file

        files = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
        for name in files:
            if normalize_file(ROOT / name):
                print(f"normalised {name}")
        return 0
    if args.command == "export-lms":
        from grading.lms_export import run_cli

        return run_cli(args.platform, args.to, args.assignment, args.canvas_gradebook, args.set)
    if args.command == "collect-zip":
        from grading.zip_collect import collect_zip

        return collect_zip(args.zip, args.assignment, args.platform, args.roster)
    if args.command == "collect-classroom":
        from grading.classroom_collect import run_cli as classroom_cli

        return classroom_cli(args.folder, args.assignment, args.prefix, args.accept_late)
    if args.command == "extend":
        from grading.extend import run_cli as extend_cli

        return extend_cli(args.student, args.assignment, args.hours, args.until, args.list)
    if args.command == "report":
        from grading.report import ReportError, write_report

        try:
            print(f"instructor report: {write_report(target=args.target)}")
        except ReportError as exc:
            print(f"no instructor report: {exc}", file=sys.stderr)
            return 1
        return 0
    return 2


def _cli() -> int:
    """`main`, with a gradebook that cannot be opened (a server down, a wrong password) told
    in one line that names the URL, password masked, instead of a traceback."""
    try:
        return main()
    except Exception as exc:
        gradebook = sys.modules.get("grading.gradebook")  # loaded by whatever opened the gradebook
        if gradebook is None or not isinstance(exc, gradebook.GradebookError):
            raise
        print(f"python -m grading: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(_cli())
