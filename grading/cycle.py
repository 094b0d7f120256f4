"""The main job: the instructor's cycle on the bundled sample submissions.

    python -m grading cycle

1. generate `release/` from `source/` (nbgrader generate_assignment);
2. put every sample submission where `nbgrader collect` would (grading/workspace/submitted);
3. grade them all with the course's engine (each in its own sandboxed process, all cores at
   once), record the scores in nbgrader's gradebook and write everyone's feedback HTML;
4. write a grades CSV per assignment and nbgrader's own export, and print a summary table
   that compares every sample with its expected scores;
5. write the instructor report (`python -m grading report`) to the workspace's reports/.

Exit status 0 when every sample got its expected status and scores and the report was
written, 1 otherwise (a failed report leaves the grades as written).
"""
from __future__ import annotations

import shutil

from grading import nbgrader_cli, release
from grading.engine.shelf import reusing_sandboxes
from grading.gradebook import GradebookError, check_gradebook, forget_students
from grading.paths import SAMPLES, assignments, gradebook_url, workspace
from grading.pipeline import Outcome, grade_and_report, summary_table
from grading.samples import expected_scores, load_samples, write_submission


def differences(outcome: Outcome, expected_rows: list[dict[str, str]]) -> list[str]:
    """How a sample's grading differs from its expected status and scores."""
    found = []
    for row in expected_rows:
        if row["status"] != outcome.status:
            return [f"status {outcome.status}, expected {row['status']}"]
        if outcome.status not in ("graded", "crashed"):
            continue
        got = outcome.scores.get(row["grade_id"])
        got_text = "missing" if got is None else ("pending" if got.score is None else f"{got.score:g}")
        want = row["score"].strip()
        if got_text != want and not (got is not None and got.score is not None and want not in ("", "pending") and abs(got.score - float(want)) < 1e-9):
            found.append(f"{row['grade_id']}: {got_text}, expected {want}")
    return found


def _clear_previous(assignment: str, students: list[str]) -> None:
    ws = workspace()
    for step in ("submitted", "autograded", "feedback"):
        for student in students:
            shutil.rmtree(ws / step / student / assignment, ignore_errors=True)


def _instructor_report(echo) -> bool:
    """Write the instructor report; a failure is told, never raised (the grades stay)."""
    from grading.report import ReportError, write_report

    try:
        echo(f"Instructor report: {write_report()}")
        return True
    except ReportError as exc:
        echo(f"Instructor report NOT written: {exc}")
    except Exception as exc:  # noqa: BLE001 - a broken report must not hide the grades above
        echo(f"Instructor report NOT written: {type(exc).__name__}: {exc} (the grades above are written; retry with `python -m grading report`)")
    return False


def run_cycle(assignment_ids: list[str] | None = None, *, write_release: bool = True, echo=print) -> int:
    """Run the cycle; with `write_release=False` the committed `release/` is left as it is."""
    ws = nbgrader_cli.ensure_workspace()
    echo(f"Grading workspace: {ws}")
    try:
        check_gradebook(gradebook_url())  # before minutes of work that would end in a traceback
    except GradebookError as exc:
        echo(f"Cannot grade the samples: {exc}")
        return 1
    if write_release:
        echo("Generating release/ from source/ with nbgrader ...")
        for nb in release.generate(assignment_ids):
            echo(f"  {nb.relative_to(nb.parents[2])}")
    wanted = assignments() if assignment_ids is None else assignment_ids
    with_samples = [a for a in wanted if (SAMPLES / a).is_dir()]
    for assignment in sorted(set(wanted) - set(with_samples)):
        echo(f"{assignment}: no sample submissions, skipped")
    # the samples are regraded from scratch: forget their earlier grades, then record the
    # assignments as source/ has them now in the gradebook
    try:
        for assignment in with_samples:
            forget_students(gradebook_url(), [s.student_id for s in load_samples(assignment)])
        release.register(with_samples)
    except (release.ReleaseError, GradebookError) as exc:
        echo(f"Cannot grade the samples: {exc}")
        return 1
    with reusing_sandboxes():  # one sandbox for every assignment's batch, not one each
        all_ok = _grade_samples(with_samples, ws, echo)
    export = ws / "reports" / "nbgrader_export.csv"
    result = nbgrader_cli.run(["export", f"--to={export}"])
    echo(f"nbgrader export: {export}" if result.ok else f"nbgrader export failed:\n{result.tail()}")
    report_ok = _instructor_report(echo)
    echo("\nAll samples graded as expected." if all_ok else "\nSome samples did not get their expected grades (see DIFFERS above).")
    return 0 if all_ok and report_ok else 1


def _grade_samples(with_samples: list[str], ws, echo) -> bool:
    """Grade each assignment's samples and print its table; True if all got their expected grades."""
    all_ok = True
    for assignment in with_samples:
        samples = load_samples(assignment)
        students = [s.student_id for s in samples]
        _clear_previous(assignment, students)
        for sample in samples:
            write_submission(sample, ws / "submitted")
        echo(f"\nAutograding {len(samples)} sample submissions of {assignment} ...")
        cells, outcomes, grades_csv = grade_and_report(assignment, students, progress=lambda line: echo("  " + line))

        expected_rows = expected_scores(assignment)
        verdicts = {}
        for outcome in outcomes:
            diff = differences(outcome, [r for r in expected_rows if r["student_id"] == outcome.student_id])
            verdicts[outcome.student_id] = "as expected" if not diff else "DIFFERS: " + "; ".join(diff)
            all_ok &= not diff
        echo(f"\n{assignment}: grades")
        echo(summary_table(cells, outcomes, verdicts))
        echo(f"\nGrades CSV:    {grades_csv}")
        echo(f"Feedback HTML: {ws / 'feedback'}/<student>/{assignment}/")
        attention = [o for o in outcomes if o.status != "graded" or o.message]
        for o in attention:
            echo(f"Needs attention: {o.student_id}: {o.status}: {o.message}")
    return all_ok
