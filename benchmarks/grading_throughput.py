"""How much faster the grading engine is than stock `nbgrader autograde` (issue 5, "Speed").

    .venv/bin/python benchmarks/grading_throughput.py [--assignment 01_market_size] [--count 100]
                                                      [--stock-count N] [--json out.json]

In a fresh temporary workspace and gradebook (the course's own are never touched):

1. builds `--count` submissions of one assignment by cycling through its honest samples
   (graded in expected_scores.csv, no crash, no tampering), as students `bench-000-solution`,
   `bench-001-perfect`, ...;
2. grades them all with the engine (`grade_files`, every core) and times it, sandbox start
   included;
3. grades the same submissions with stock nbgrader, `nbgrader autograde <assignment>` once for
   the whole batch, and times it (with `--stock-count N` only the first N, and the time for the
   batch is extrapolated from N and labelled so);
4. compares the two question by question for every submission stock graded (exit status 1 if
   any score differs);
5. times CI mode on one notebook: a fresh `grade_files` call (sandbox start included) and
   `python -m grading check <notebook>` as a subprocess, 3 times each, median;
6. prints a report and, with `--json`, writes it as JSON.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TOLERANCE = 1e-9
CI_REPEATS = 3


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignment", default="01_market_size")
    parser.add_argument("--count", type=int, default=100, help="submissions in the batch (default 100)")
    parser.add_argument("--stock-count", type=int, default=None, metavar="N",
                        help="grade only the first N with stock nbgrader and extrapolate its time to the batch (default: the whole batch, no extrapolation)")
    parser.add_argument("--json", dest="json_path", help="also write the report as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace (its path is printed)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    if args.stock_count is not None and not 1 <= args.stock_count <= args.count:
        parser.error("--stock-count must be between 1 and --count")
    return args


def say(text: str = "") -> None:
    print(text, flush=True)


def honest_samples(assignment: str):
    """The samples a real student could hand in that grade normally: status graded, no
    tampering with test cells (solution, perfect, partial, mistakes, blank)."""
    from grading.samples import load_samples

    honest = [
        s for s in load_samples(assignment)
        if s.status == "graded" and not s.corrupt and not any(op == "overwrite" for _, op, _ in s.cells)
    ]
    if not honest:
        raise SystemExit(f"{assignment}: no honest samples in grading/samples/{assignment}")
    return honest


def build_batch(assignment: str, count: int, target_dir: Path) -> dict[str, Path]:
    """`count` submissions under `target_dir/<student>/<assignment>/<notebook>`, cycling
    through the honest samples; student id -> notebook path, in batch order."""
    from grading.paths import released_notebook
    from grading.samples import build

    name = released_notebook(assignment).name
    samples = honest_samples(assignment)
    texts = {s.student_id: build(s) for s in samples}
    files: dict[str, Path] = {}
    for i in range(count):
        sample = samples[i % len(samples)]
        student = f"bench-{i:03d}-{sample.student_id}"
        path = target_dir / student / assignment / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[sample.student_id], encoding="utf-8")
        files[student] = path
    return files


def time_engine(assignment: str, files: dict[str, Path]):
    from grading.engine.batch import grade_files

    started = time.perf_counter()
    results = grade_files(assignment, dict(files), workers=None)
    return time.perf_counter() - started, results


def time_stock(assignment: str, students: list[str]) -> tuple[float, float, object]:
    """Record the assignment in the (fresh) gradebook, then one `nbgrader autograde
    <assignment>` for everything in submitted/. Returns (register seconds, autograde seconds,
    the nbgrader result)."""
    from grading import nbgrader_cli, release

    started = time.perf_counter()
    release.register([assignment])
    registered = time.perf_counter() - started
    # no --student: nbgrader grades every student folder in submitted/, as an instructor would
    started = time.perf_counter()
    result = nbgrader_cli.run(["autograde", assignment, "--force"], timeout=max(900, 60 * len(students)))
    return registered, time.perf_counter() - started, result


def compare(assignment: str, students: list[str], engine_results: dict, manual_ids: set[str]) -> tuple[dict[str, list[str]], int]:
    """Per student, how stock's scores (from the gradebook) differ from the engine's, for the
    autograded questions. Returns (differences, number of questions compared)."""
    from grading.gradebook import cell_scores
    from grading.paths import gradebook_url

    differences: dict[str, list[str]] = {}
    compared = 0
    for student in students:
        found: list[str] = []
        result = engine_results.get(student)
        stock = cell_scores(gradebook_url(), assignment, student)
        if result is None:
            found.append("the engine returned no result")
        if stock is None:
            found.append("stock nbgrader recorded no submission in the gradebook")
        if found:
            differences[student] = found
            continue
        if result.status != "graded":
            found.append(f"engine status {result.status}: {result.message}")
        engine = {q.grade_id: q for q in result.questions}
        stock_auto = {gid: cell for gid, cell in stock.items() if gid not in manual_ids}
        for gid in sorted(set(stock_auto) - set(engine)):
            found.append(f"{gid}: graded by stock ({stock_auto[gid].score}), not by the engine")
        for gid, q in engine.items():
            cell = stock_auto.get(gid)
            if cell is None:
                found.append(f"{gid}: graded by the engine ({q.score:g}), not by stock")
                continue
            compared += 1
            if cell.score is None:
                found.append(f"{gid}: engine {q.score:g}, stock pending a manual grade")
            elif abs(cell.score - q.score) > TOLERANCE or abs(cell.max_score - q.max_score) > TOLERANCE:
                found.append(f"{gid}: engine {q.score:g}/{q.max_score:g}, stock {cell.score:g}/{cell.max_score:g}")
        if found:
            differences[student] = found
    return differences, compared


def against_expected(assignment: str, engine_results: dict) -> list[str]:
    """Where the engine's scores differ from expected_scores.csv (a sanity check of the batch)."""
    from grading.samples import expected_scores

    expected: dict[str, dict[str, str]] = {}
    for row in expected_scores(assignment):
        expected.setdefault(row["student_id"], {})[row["grade_id"]] = row["score"].strip()
    found = []
    for student, result in engine_results.items():
        sample = student.split("-", 2)[2]
        for q in result.questions:
            want = expected.get(sample, {}).get(q.grade_id)
            if want in (None, "", "pending"):
                continue
            if abs(float(want) - q.score) > TOLERANCE:
                found.append(f"{student} {q.grade_id}: engine {q.score:g}, expected {want}")
    return found


def ci_latency_engine(assignment: str, notebook: Path) -> list[float]:
    from grading.engine.batch import grade_files

    times = []
    for _ in range(CI_REPEATS):
        started = time.perf_counter()
        grade_files(assignment, {"ci": notebook}, workers=None)
        times.append(time.perf_counter() - started)
    return times


def check_command_exists() -> bool:
    done = subprocess.run([sys.executable, "-m", "grading", "--help"], cwd=ROOT, capture_output=True, text=True)
    return done.returncode == 0 and "check" in done.stdout.split("positional arguments")[0]


def ci_latency_cli(assignment: str, notebook: Path) -> tuple[list[float], list[int]]:
    times, codes = [], []
    for _ in range(CI_REPEATS):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "grading", "check", str(notebook), "--assignment", assignment],
                              cwd=ROOT, capture_output=True, text=True, env=os.environ.copy())
        times.append(time.perf_counter() - started)
        codes.append(done.returncode)
    return times, codes


def per_minute(count: int, seconds: float) -> float:
    return count / seconds * 60 if seconds > 0 else float("inf")


def report_text(r: dict) -> str:
    e, s, ci = r["engine"], r["stock"], r["ci_mode"]
    stock_label = "" if not s["extrapolated"] else (
        f"  EXTRAPOLATED from {s['graded']}: {s['graded_seconds']:.1f} s for {s['graded']}, scaled linearly"
        " (nbgrader's own start-up is scaled too, so this overstates stock's time a little)")
    lines = [
        f"Grading throughput: {r['assignment']}, {r['submissions']} submissions ({', '.join(r['samples'])} in turn)",
        f"  date:              {r['date']}",
        f"  machine:           {r['cores']} cores ({r['cores_usable']} usable), {r['platform']}, Python {r['python']}, nbgrader {r['nbgrader']}",
        f"  engine:            {e['seconds']:.1f} s for {r['submissions']}, {e['per_minute']:.1f} submissions/min (sandbox start included; {e['workers']} workers)",
        f"  stock nbgrader:    {s['seconds']:.1f} s for {r['submissions']}, {s['per_minute']:.1f} submissions/min{stock_label}",
        f"                     (one `nbgrader autograde {r['assignment']}`; recording the assignment in the gradebook took {s['register_seconds']:.1f} s more, not counted)",
        f"  ratio:             {r['ratio']:.1f}x  (engine throughput / stock throughput{', stock extrapolated' if s['extrapolated'] else ''})",
        f"  identical scores:  {'yes' if r['identical'] else 'NO'} ({r['compared_submissions']} submissions, {r['compared_questions']} autograded questions compared"
        + ("" if r["compared_submissions"] == r["submissions"] else f"; stock graded only {r['compared_submissions']} of {r['submissions']}") + ")",
    ]
    for student, diffs in list(r["differences"].items())[:20]:
        lines.append(f"    {student}: " + "; ".join(diffs))
    if len(r["differences"]) > 20:
        lines.append(f"    ... and {len(r['differences']) - 20} more submissions differ")
    if r["expected_differences"]:
        lines.append(f"  engine vs expected_scores.csv: {len(r['expected_differences'])} difference(s), e.g. {r['expected_differences'][0]}")
    else:
        lines.append("  engine vs expected_scores.csv: all as expected")
    lines.append(f"  CI mode, grade_files on 1 notebook: median {ci['grade_files_median']:.2f} s of {CI_REPEATS} ({', '.join(f'{t:.2f}' for t in ci['grade_files_seconds'])})")
    if ci["check_cli_median"] is None:
        lines.append("  CI mode, `python -m grading check`: not available, skipped")
    else:
        codes = "" if set(ci["check_cli_exit_codes"]) == {0} else f"; exit codes {ci['check_cli_exit_codes']}"
        lines.append(f"  CI mode, `python -m grading check <notebook>`: median {ci['check_cli_median']:.2f} s of {CI_REPEATS} ({', '.join(f'{t:.2f}' for t in ci['check_cli_seconds'])}){codes}")
    if s["returncode"] != 0:
        lines.append(f"  note: nbgrader autograde exited with {s['returncode']}: {s['tail']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="grading-bench-"))
    ws = scratch / "workspace"
    # a fresh workspace and gradebook, set before any grading module reads them
    os.environ["COURSE_GRADING_WORKSPACE"] = str(ws)
    os.environ["COURSE_GRADEBOOK_URL"] = f"sqlite:///{ws / 'gradebook.db'}"
    os.environ.setdefault("MPLBACKEND", "Agg")

    from grading.paths import put_environment_scripts_on_path

    put_environment_scripts_on_path()  # nbgrader's gradebook runs `alembic`

    import nbgrader

    from grading import nbgrader_cli
    from grading.engine.spec import AssignmentSpec

    try:
        nbgrader_cli.ensure_workspace()
        spec = AssignmentSpec.load(args.assignment)
        manual_ids = {m.grade_id for m in spec.manual}
        samples = [s.student_id for s in honest_samples(args.assignment)]

        # the engine's copies live outside the workspace; stock's in submitted/, where
        # `nbgrader collect` would put them (only the first N with --stock-count)
        say(f"Workspace: {scratch}")
        say(f"Building {args.count} submissions of {args.assignment} from the samples {', '.join(samples)} ...")
        files = build_batch(args.assignment, args.count, scratch / "batch")
        stock_students = list(files)[: args.stock_count or args.count]
        for student in stock_students:
            target = ws / "submitted" / student / args.assignment / files[student].name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(files[student], target)

        say(f"Engine: grading {len(files)} submissions on every core ...")
        engine_seconds, results = time_engine(args.assignment, files)
        say(f"  {engine_seconds:.1f} s")

        say(f"Stock nbgrader: `nbgrader autograde {args.assignment}` on {len(stock_students)} submissions (roughly 5-10 s each) ...")
        register_seconds, stock_graded_seconds, stock_result = time_stock(args.assignment, stock_students)
        say(f"  {stock_graded_seconds:.1f} s (exit {stock_result.returncode})")
        extrapolated = len(stock_students) < args.count
        stock_seconds = stock_graded_seconds * args.count / len(stock_students)

        differences, compared_questions = compare(args.assignment, stock_students, results, manual_ids)

        notebook = files[next(s for s in files if s.endswith("-solution"))] if any(s.endswith("-solution") for s in files) else next(iter(files.values()))
        say(f"CI mode: grading one notebook ({notebook.name}) {CI_REPEATS} times ...")
        ci_engine = ci_latency_engine(args.assignment, notebook)
        ci_cli, ci_codes = (None, None)
        if check_command_exists():
            ci_cli, ci_codes = ci_latency_cli(args.assignment, notebook)

        engine_rate = per_minute(args.count, engine_seconds)
        stock_rate = per_minute(args.count, stock_seconds)
        report = {
            "assignment": args.assignment,
            "submissions": args.count,
            "samples": samples,
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "cores": os.cpu_count(),
            "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "nbgrader": nbgrader.__version__,
            "engine": {"seconds": engine_seconds, "per_minute": engine_rate, "workers": os.cpu_count(),
                       "statuses": sorted({r.status for r in results.values()})},
            "stock": {"seconds": stock_seconds, "per_minute": stock_rate, "extrapolated": extrapolated,
                      "extrapolated_from": len(stock_students) if extrapolated else None,
                      "graded": len(stock_students), "graded_seconds": stock_graded_seconds,
                      "register_seconds": register_seconds, "returncode": stock_result.returncode,
                      "tail": stock_result.tail(3) if stock_result.returncode else ""},
            "ratio": engine_rate / stock_rate,
            "identical": not differences,
            "compared_submissions": len(stock_students),
            "compared_questions": compared_questions,
            "differences": differences,
            "expected_differences": against_expected(args.assignment, results),
            "ci_mode": {"grade_files_seconds": ci_engine, "grade_files_median": statistics.median(ci_engine),
                        "check_cli_seconds": ci_cli, "check_cli_median": statistics.median(ci_cli) if ci_cli else None,
                        "check_cli_exit_codes": ci_codes},
        }
        say()
        say(report_text(report))
        if args.json_path:
            Path(args.json_path).write_text(json.dumps(report, indent=2), encoding="utf-8")
            say(f"\nJSON: {args.json_path}")
        return 1 if differences else 0
    finally:
        if args.keep:
            say(f"Kept the workspace: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
