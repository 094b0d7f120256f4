"""How much a batch gains from one gradebook connection instead of one per submission.

    .venv/bin/python benchmarks/gradebook_recording.py [--assignment 01_market_size] [--count 100]
                                                       [--postgres | --url URL] [--json out.json]

The engine grades a submission in about a tenth of a second; writing its grades to
nbgrader's gradebook used to take longer than that, because every submission opened the
gradebook anew (a connection, nbgrader's schema check, SQLAlchemy compiling every query
again). `grading.pipeline.grade_batch` now shares one `BatchGradebook` across the batch.
This script measures both ways in the same run, on the same gradebook:

1. in a fresh temporary workspace and gradebook (SQLite by default; `--postgres` starts a
   throwaway PostgreSQL server as the tests do, `--url` uses a database you give, which
   must be empty), records the assignment and grades its honest samples once with the
   engine;
2. **per submission**: records `--count` results (the samples' results cycled, as students
   `per-000`, `per-001`, ...) as the pipeline did before, `record(url, ...)` and then
   `cell_scores(url, ...)`, each opening its own connection;
3. **one per batch**: the same for students `batch-000`, ... through one `BatchGradebook`;
4. checks that both give every student the same scores, and prints the time per submission
   of each, and their ratio. `--json` writes the same as JSON.

Exit status: 0 when the scores are identical, 1 when any differs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignment", default="01_market_size")
    parser.add_argument("--count", type=int, default=100, help="submissions recorded each way (default 100)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL server (needs .ci/install-postgres)")
    where.add_argument("--url", help="an empty gradebook database (SQLAlchemy URL) instead of SQLite in the temporary workspace")
    parser.add_argument("--json", dest="json_path", help="also write the report as JSON here")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    return args


def say(text: str = "") -> None:
    print(text, flush=True)


def sample_results(assignment: str, folder: Path) -> list:
    """The engine's results for the assignment's graded samples (no corrupt or missing one)."""
    from grading.engine.batch import grade_files
    from grading.samples import load_samples, write_submission

    samples = [s for s in load_samples(assignment) if s.status in ("graded", "crashed") and not s.corrupt]
    files = {s.student_id: write_submission(s, folder / s.student_id) for s in samples}
    results = grade_files(assignment, files)
    return [results[s.student_id] for s in samples]


def record_all(gradebook, prefix: str, results: list, count: int, spec, release_path: Path, release, autograded: Path) -> tuple[float, dict]:
    """Record `count` results as students `<prefix>-000`, ... and read their scores back;
    returns the seconds taken and the scores read."""
    from grading.engine.record import record
    from grading.gradebook import cell_scores

    scores = {}
    start = time.perf_counter()
    for i in range(count):
        base = results[i % len(results)]
        student = f"{prefix}-{i:03d}"
        record(gradebook, spec, release_path, replace(base, student_id=student), autograded, release=release)
        got = cell_scores(gradebook, spec.assignment, student) or {}
        scores[i] = {gid: s.score for gid, s in got.items()}
    return time.perf_counter() - start, scores


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with ExitStack() as stack:
        tmp = Path(tempfile.mkdtemp(prefix="gradebook-bench-"))
        stack.callback(shutil.rmtree, tmp, True)
        if args.postgres:
            from postgres_server import postgres_url

            url = stack.enter_context(postgres_url("bench"))
            kind = "PostgreSQL (throwaway server on 127.0.0.1)"
        elif args.url:
            url, kind = args.url, "the database given with --url"
        else:
            url, kind = f"sqlite:///{tmp / 'gradebook.db'}", "SQLite (a file in the temporary workspace)"
        os.environ["COURSE_GRADING_WORKSPACE"] = str(tmp)
        os.environ["COURSE_GRADEBOOK_URL"] = url

        import nbformat

        from grading.engine.spec import AssignmentSpec
        from grading.gradebook import BatchGradebook, masked
        from grading.paths import released_notebook
        from grading.release import register

        say(f"gradebook: {kind}: {masked(url)}")
        register([args.assignment])
        results = sample_results(args.assignment, tmp / "submitted-samples")
        spec = AssignmentSpec.load(args.assignment)
        release_path = released_notebook(args.assignment)
        release = nbformat.read(release_path, as_version=4)
        say(f"{args.assignment}: {len(results)} sample results, recorded {args.count} times each way")

        per_seconds, per_scores = record_all(url, "per", results, args.count, spec, release_path, release, tmp / "autograded")
        with BatchGradebook(url) as batch:
            batch_seconds, batch_scores = record_all(batch, "batch", results, args.count, spec, release_path, release, tmp / "autograded")

    identical = per_scores == batch_scores and all(per_scores.values())
    report = {
        "assignment": args.assignment,
        "gradebook": kind,
        "submissions": args.count,
        "per_submission_connection_seconds": round(per_seconds, 3),
        "one_connection_per_batch_seconds": round(batch_seconds, 3),
        "per_submission_connection_ms_each": round(1000 * per_seconds / args.count, 1),
        "one_connection_per_batch_ms_each": round(1000 * batch_seconds / args.count, 1),
        "ratio": round(per_seconds / batch_seconds, 2) if batch_seconds else None,
        "identical_scores": identical,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "date": dt.date.today().isoformat(),
    }
    say()
    say(f"{'way':<34}{'seconds':>9}{'ms per submission':>20}")
    say(f"{'a connection per submission':<34}{per_seconds:>9.2f}{report['per_submission_connection_ms_each']:>20.1f}")
    say(f"{'one connection for the batch':<34}{batch_seconds:>9.2f}{report['one_connection_per_batch_ms_each']:>20.1f}")
    say(f"ratio: {report['ratio']}x faster with one connection; identical scores: {'yes' if identical else 'NO'}")
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
