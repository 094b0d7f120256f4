"""CI mode: grade one notebook with no course database.

    python -m grading check path/to/01_market_size.ipynb [--json result.json] [--visible-only]
    python -m grading check a.ipynb b.ipynb ... [--json-dir results/] [--summary summary.md]

Prints a readable summary (a line per question with score, maximum and message) and, with
`--json`, writes the same as JSON:

    {"assignment": "01_market_size", "notebook": "...", "status": "graded",
     "score": 9.0, "max_score": 16.0, "message": "",
     "questions": [{"grade_id": "q1_yoy_growth_test", "score": 2.0, "max_score": 2.0, "message": ""}, ...]}

The assignment is found from the notebook's file name (source/<assignment>/<name>.ipynb), or
given with `--assignment`. `--visible-only` grades with the release's visible tests only (a
student's early feedback, as nbgrader's Validate gives it; hidden tests decide the real grade).

Where the grading sandbox is not available (macOS, Windows, Linux without user namespaces;
`engine.unsandboxed.sandbox_unavailable` says why) or fails to start, `--visible-only` runs each notebook in a
plain child process instead (`engine.unsandboxed`: same runner, same judge, so the same scores
and messages; time and output limits, no isolation) and says so in one line, and the result
has `"sandboxed": false` and `"unsandboxed_because"`; a check with all tests (hidden ones, an
instructor's) refuses there, exit status 2.

Exit status: 0 when the notebook was graded (whatever its score, also when it crashed part
way: every question still has a score and a reason), 1 when the notebook could not be read
(missing, empty, not JSON, not a notebook), 2 when grading itself failed (unknown
assignment, all tests without the sandbox). Several notebooks: the worst of these. `--summary FILE` appends a
Markdown report (a table per notebook) to FILE, e.g. `$GITHUB_STEP_SUMMARY`.
"""
from __future__ import annotations

import datetime as dt

import json
import sys
from pathlib import Path

from grading.engine.batch import CORRUPT, MISSING, grade_files
from grading.engine.pool import PoolError
from grading.engine.shelf import reusing_sandboxes
from grading.engine.spec import AssignmentSpec, SpecError
from grading.engine.unsandboxed import full_grading_refusal, notice, sandbox_unavailable
from grading.paths import RELEASE, SOURCE, assignments, is_student_bundle, released_notebook


def find_assignment(notebook: Path) -> str | None:
    for assignment in assignments():
        if (SOURCE / assignment / notebook.name).is_file() or (RELEASE / assignment / notebook.name).is_file():
            return assignment
    return notebook.parent.name if notebook.parent.name in assignments() else None


def summary(result: dict) -> str:
    lines = [f"{result['assignment']}: {result['notebook']}: {result['status']}, {result['score']:g} / {result['max_score']:g} points"]
    if result["message"]:
        lines.append(f"  {result['message']}")
    width = max((len(q["grade_id"]) for q in result["questions"]), default=0)
    for q in result["questions"]:
        mark = "ok " if q["score"] >= q["max_score"] else "   "
        text = f"  {mark}{q['grade_id'].ljust(width)}  {q['score']:g}/{q['max_score']:g}"
        if q["message"]:
            text += f"  {q['message'][:300]}"
        lines.append(text)
    return "\n".join(lines)


def due_text(assignment: str, now: dt.datetime | None = None) -> str | None:
    """"due Friday 12 March 23:59 Asia/Shanghai, in 3 days" from `schedule.toml`, or None
    when the schedule does not list the assignment (or cannot be read: the check goes on)."""
    from grading.schedule import ScheduleError, load

    try:
        schedule = load()
    except ScheduleError:
        return None
    return schedule.due_from_now(assignment, now or dt.datetime.now(dt.timezone.utc))


def markdown(result: dict, now: dt.datetime | None = None) -> str:
    """The result as a Markdown section (for a CI job summary such as `$GITHUB_STEP_SUMMARY`),
    with the assignment's due date from `schedule.toml`."""
    tests = "visible tests only: early feedback, not the grade" if result.get("tests") == "visible" else "all tests"
    due = due_text(result["assignment"], now) if result.get("assignment") else None
    lines = [f"### {result['assignment']}: {result['score']:g} / {result['max_score']:g} points", "",
             f"`{result['notebook']}`, {result['status']} ({tests})" + (f"; **{due}**" if due else ""), ""]
    if result.get("message"):
        lines += [f"> {_cell(result['message'])}", ""]
    if result.get("questions"):
        lines += ["| question | score | max | message |", "| --- | ---: | ---: | --- |"]
        lines += [f"| {q['grade_id']} | {q['score']:g} | {q['max_score']:g} | {_cell(q['message'][:300]) if q['message'] else ''} |" for q in result["questions"]]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def check(notebook: Path, assignment: str | None = None, *, visible_only: bool = False) -> tuple[int, dict]:
    code, payloads = check_many([notebook], assignment, visible_only=visible_only)
    return code, payloads[0]


def check_many(notebooks: list[Path], assignment: str | None = None, *, visible_only: bool = False) -> tuple[int, list[dict]]:
    """Grade `notebooks` (grouped by assignment, one sandboxed batch each); returns the exit
    status (the worst) and one result per notebook, in the order given."""
    if is_student_bundle() and not visible_only:
        raise SpecError("this is the student bundle: it has only the visible tests; add --visible-only")
    groups: dict[str, list[int]] = {}
    for i, notebook in enumerate(notebooks):
        found = assignment or find_assignment(notebook)
        if found is None or found not in assignments():
            raise SpecError(f"{notebook}: cannot tell which assignment this is; name it with --assignment (one of {', '.join(assignments())})")
        groups.setdefault(found, []).append(i)
    payloads: list[dict] = [{} for _ in notebooks]
    why = sandbox_unavailable()
    if why and not visible_only:
        raise PoolError(full_grading_refusal(why))
    # one sandbox for every assignment's batch (grading/engine/shelf.py): a student's CI run
    # checks all nine assignments, and each sandbox costs about 1.7 s of CPU to start
    with reusing_sandboxes():
        code = _check_groups(groups, notebooks, payloads, visible_only, why)
    return code, payloads


def _check_groups(groups: dict[str, list[int]], notebooks: list[Path], payloads: list[dict], visible_only: bool, why: str | None) -> int:
    """Grade each assignment's notebooks as one batch, filling `payloads`; the exit status."""
    code = 0
    for found, indices in groups.items():
        spec = AssignmentSpec.from_notebook(found, released_notebook(found, RELEASE)) if visible_only else AssignmentSpec.load(found)
        files = {str(i): notebooks[i] for i in indices}
        # partial credit as nbgrader reads it, also for the visible tests: what `nbgrader
        # validate` (the lab's Validate button) would say
        try:
            results = grade_files(found, files, spec=spec, sandboxed=why is None)
        except PoolError as exc:
            if why is not None or not visible_only:
                raise
            # namespaces exist but the sandbox could not start (a container's seccomp, a
            # locked mount): for a visible-only check that is the same as no sandbox
            why = f"it failed to start ({exc})"
            results = grade_files(found, files, spec=spec, sandboxed=False)
        for i in indices:
            result = results[str(i)]
            payload = {"assignment": found, "notebook": str(notebooks[i]), "tests": "visible" if visible_only else "all",
                       **result.as_json(), "sandboxed": why is None}
            if why:
                payload["unsandboxed_because"] = why
            payload.pop("student_id")
            payloads[i] = payload
            if result.status in (CORRUPT, MISSING):
                code = 1
    return code


def main(notebooks: list[str] | str, assignment: str | None, json_path: str | None, visible_only: bool,
         json_dir: str | None = None, summary_path: str | None = None) -> int:
    paths = [Path(n) for n in ([notebooks] if isinstance(notebooks, str) else notebooks)]
    if json_path and len(paths) != 1:
        print("grading failed: --json takes one notebook; use --json-dir for several", file=sys.stderr)
        return 2
    try:
        code, payloads = check_many(paths, assignment, visible_only=visible_only)
    except (SpecError, PoolError, FileNotFoundError) as exc:
        print(f"grading failed: {exc}", file=sys.stderr)
        failure = {"notebooks": [str(p) for p in paths], "status": "error", "message": str(exc)}
        if json_path:
            Path(json_path).write_text(json.dumps(failure, indent=2), encoding="utf-8")
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as fh:
                fh.write(f"### Grading failed\n\n> {_cell(exc)}\n")
        return 2
    unsandboxed = next((p["unsandboxed_because"] for p in payloads if "unsandboxed_because" in p), None)
    if unsandboxed:
        print(notice(unsandboxed))
    print("\n\n".join(summary(p) for p in payloads))
    if json_path:
        Path(json_path).write_text(json.dumps(payloads[0], indent=2, ensure_ascii=False), encoding="utf-8")
    if json_dir:
        folder = Path(json_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for payload in payloads:
            name = f"{payload['assignment']}--{Path(payload['notebook']).stem}.json"
            (folder / name).write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as fh:
            total, best = sum(p["score"] for p in payloads), sum(p["max_score"] for p in payloads)
            fh.write(f"## Notebook check: {total:g} / {best:g} points\n\n")
            if visible_only:
                fh.write("Visible tests only: this is early feedback, not your grade. Hidden tests and hand grading decide it.\n\n")
            if unsandboxed:
                fh.write(f"> {_cell(notice(unsandboxed))}\n\n")
            fh.write("\n".join(markdown(p) for p in payloads))
    return code
