"""Command line: python -m grading {cycle,release,grade,check,normalize,bundle}."""
from __future__ import annotations

import argparse
import subprocess
import sys

from grading.paths import ROOT, is_student_bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grading", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    cycle = sub.add_parser("cycle", help="the main job: release, then autograde the sample submissions, feedback, grades CSV, summary")
    cycle.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    rel = sub.add_parser("release", help="generate release/ from source/")
    rel.add_argument("assignments", nargs="*")
    grade = sub.add_parser("grade", help="autograde what is in grading/workspace/submitted for one assignment")
    grade.add_argument("assignment")
    grade.add_argument("--resume", action="store_true", help="keep the grades of submissions already graded (same file, same instructor notebook) and grade the rest")
    check = sub.add_parser("check", help="CI mode: grade one notebook without a gradebook; prints a summary, --json writes the result")
    check.add_argument("notebooks", nargs="+", metavar="notebook")
    check.add_argument("--assignment", help="assignment id (default: found from the notebook's name)")
    check.add_argument("--json", dest="json_path", help="write the result as JSON here (one notebook)")
    check.add_argument("--json-dir", help="write each notebook's result as JSON into this folder")
    check.add_argument("--summary", dest="summary_path", help="append a Markdown report to this file (e.g. $GITHUB_STEP_SUMMARY)")
    check.add_argument("--visible-only", action="store_true", help="use the release's visible tests only (a student's early feedback)")
    sub.add_parser("normalize", help="strip outputs and normalise metadata of every notebook git tracks")
    bundle = sub.add_parser("bundle", help="build the student repository (a GitHub Classroom template): releases, lectures, data, CI workflow; no solutions")
    bundle.add_argument("--to", dest="target", help="folder to write (replaced; default grading/workspace/student-bundle)")
    if is_student_bundle():  # the student bundle ships CI mode only
        for name in list(sub.choices):
            if name != "check":
                sub.choices.pop(name)
        sub._choices_actions[:] = [a for a in sub._choices_actions if a.dest == "check"]
    args = parser.parse_args(argv)

    if args.command == "cycle":
        from grading.cycle import run_cycle

        return run_cycle(args.assignments or None)
    if args.command == "release":
        from grading.release import ReleaseError, generate, register

        for nb in generate(args.assignments or None):
            print(nb.relative_to(ROOT))
        try:
            register(args.assignments or None)
        except ReleaseError as exc:
            print(f"release/ is up to date, but the gradebook was not updated: {exc}", file=sys.stderr)
            return 1
        print("assignments recorded in the gradebook")
        return 0
    if args.command == "grade":
        from grading.gradebook import roster
        from grading.paths import gradebook_url, workspace
        from grading.pipeline import grade_and_report, summary_table

        # everyone in the gradebook's roster (so a missing submission is reported) and
        # everyone who submitted
        submitted = workspace() / "submitted"
        handed_in = {p.name for p in submitted.iterdir() if (p / args.assignment).is_dir()} if submitted.is_dir() else set()
        students = sorted(handed_in | set(roster(gradebook_url())))
        cells, outcomes, path = grade_and_report(args.assignment, students, resume=args.resume)
        print(summary_table(cells, outcomes))
        print(f"Grades CSV: {path}")
        return 0 if all(o.status == "graded" for o in outcomes) else 1
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
    return 2


if __name__ == "__main__":
    sys.exit(main())
