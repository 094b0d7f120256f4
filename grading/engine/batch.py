"""Grade many submissions of one assignment with the engine (no gradebook here).

    results = grade_files("01_market_size", {"alice": Path(".../01_market_size.ipynb"), ...})

Each submission is read and checked (a corrupt or missing file is a result with its
reason, not an error), planned from the instructor's notebook, run in its own sandboxed
process (all cores at once) and judged in this process. One submission's crash, hang or
flood never touches another's result. `progress` gets one line per finished submission
with an estimate of the time left.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from grading.engine import shelf
from grading.engine.judge import Judge, Question, Verdict
from grading.engine.judge_process import JudgeLimits, judge_isolated
from grading.engine.pool import Pool, PoolError
from grading.engine.sandbox import Limits
from grading.engine.spec import AssignmentSpec
from grading.notebooks import unreadable
from grading.paths import SOURCE
from grading.plain_data import safe_text

CORRUPT, MISSING, ERROR = "corrupt", "missing", "error"


@dataclass
class Result:
    student_id: str
    status: str  # graded, crashed, corrupt, missing, error (the grader failed on it)
    questions: list[Question] = field(default_factory=list)
    message: str = ""  # the incident or the reason the file could not be graded
    verdict: Verdict | None = None
    notebook: nbformat.NotebookNode | None = None
    seconds: float = 0.0
    #: with grade_files(visible_spec=...): the same run judged by the visible tests alone
    visible_questions: list[Question] | None = None

    @property
    def score(self) -> float:
        return sum(q.score for q in self.questions)

    @property
    def max_score(self) -> float:
        return sum(q.max_score for q in self.questions)

    def as_json(self) -> dict:
        return {
            "student_id": self.student_id,
            "status": self.status,
            "score": self.score,
            "max_score": self.max_score,
            "message": self.message,
            "questions": [{"grade_id": q.grade_id, "score": q.score, "max_score": q.max_score, "message": q.message} for q in self.questions],
        }


def _zeros(spec: AssignmentSpec, why: str) -> list[Question]:
    return [Question(t.grade_id, 0.0, t.points, why) for t in spec.tests]


def duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def grade_files(
    assignment: str,
    files: dict[str, Path | None],
    *,
    spec: AssignmentSpec | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    progress: Callable[[str], None] | None = None,
    on_result: Callable[[Result], None] | None = None,
    source_dir: Path = SOURCE,
    partial_credit: bool = True,
    judge_limits: JudgeLimits | None = None,
    sandboxed: bool = True,
    visible_spec: AssignmentSpec | None = None,
) -> dict[str, Result]:
    """Grade `files` (student id -> notebook path, or None for nothing submitted).

    Whatever one submission holds or does, it ends as that submission's `Result` (a score
    and a reason); no exception from reading, planning, running or judging it, nor from
    `on_result` or `progress` on it, reaches the other submissions or the caller.
    `sandboxed=False` runs each notebook in a plain child process instead
    (`unsandboxed.UnsandboxedPool`: a visible-only check where the sandbox is unavailable).
    `visible_spec` (the released notebook's tests) judges each run a second time, into
    `Result.visible_questions`: what Validate would say of the same notebook, without running
    it twice. Every answer its tests read must be one `spec`'s tests read (ValueError if not)."""
    spec = spec or AssignmentSpec.load(assignment, source_dir)
    judges = [Judge(spec, partial_credit=partial_credit)]
    if visible_spec is not None:
        _check_judged_on_the_same_run(spec, visible_spec)
        judges.append(Judge(visible_spec, partial_credit=partial_credit))
    judge = judges[0]
    results: dict[str, Result] = {}
    total, started = len(files), time.monotonic()

    def finish(result: Result) -> None:
        result.message = safe_text(result.message, 2000)
        if visible_spec is not None and result.visible_questions is None:
            result.visible_questions = _zeros(visible_spec, result.message)
        results[result.student_id] = result
        if on_result:
            try:
                on_result(result)
            except Exception as exc:  # noqa: BLE001 - recording one result failed: that result says so
                result.status, result.message = ERROR, safe_text(f"the grader failed to record this submission ({type(exc).__name__}: {exc}); grade it by hand", 2000)
        if progress:
            done = len(results)
            elapsed = time.monotonic() - started
            left = elapsed / done * (total - done)
            what = f"{result.status} {result.score:g}/{result.max_score:g}"
            if result.message:
                what += f" - {result.message}"
            try:
                progress(safe_text(f"[{done}/{total}] {assignment} {result.student_id}: {what} (about {duration(left)} left)"))
            except Exception:  # noqa: BLE001 - a progress line that cannot be shown is not a reason to stop
                pass

    runnable: dict[str, tuple[Path, nbformat.NotebookNode, list]] = {}
    for student, path in files.items():
        try:
            if path is None or not Path(path).is_file():
                where = f"{safe_text(path.name)} " if path is not None else ""
                finish(Result(student, MISSING, _zeros(spec, "no submission"), f"no submission: {where}does not exist".replace("  ", " ")))
                continue
            reason = unreadable(Path(path))
            if reason:
                finish(Result(student, CORRUPT, _zeros(spec, reason), reason))
                continue
            nb = nbformat.read(path, as_version=4)
            steps = spec.plan(nb)
        except Exception as exc:  # noqa: BLE001 - a notebook nbformat accepts but nobody can grade
            why = safe_text(f"{Path(path).name if path else student} has malformed cells or metadata ({type(exc).__name__}: {str(exc)[:200]})")
            finish(Result(student, CORRUPT, _zeros(spec, why), why))
            continue
        runnable[student] = (Path(path), nb, steps)
    if not runnable:
        return results
    first = True
    strikes: dict[str, int] = {}
    while runnable:
        pool, key = None, None
        if sandboxed:
            key = shelf.settings_key(Pool, workers, limits)
            pool = shelf.take(key)  # an idle sandbox of an earlier batch, inside shelf.reusing_sandboxes()
            if pool is None:
                pool = Pool(workers, limits=limits)
                pool.launch()
        else:
            from grading.engine.unsandboxed import UnsandboxedPool

            pool = UnsandboxedPool(workers, limits=limits)
            pool.launch()
        if first:
            for each in judges:
                try:
                    each.base_namespace()  # the grader's own imports, while the sandbox warms up on the other core
                except Exception:  # noqa: BLE001 - a broken setup shows in every test's message instead
                    pass
        pool.wait_ready()  # a sandbox that cannot start raises PoolError to the caller (and is closed)
        if progress and first and sandboxed:
            progress(f"{assignment}: sandbox: {pool.limits_in_force()}")
        first = False
        ended_normally = False
        try:
            _run(pool, runnable, judges, judge_limits, finish)
            ended_normally = True
        except PoolError as exc:
            # the sandbox itself stopped (it never should because of a job): the notebooks that
            # were running get a strike and the rest go to a new sandbox; a notebook running at
            # two such stops is not tried again
            for student in pool.in_flight():
                if student in runnable:
                    strikes[student] = strikes.get(student, 0) + 1
                    if strikes[student] >= 2:
                        why = f"the grading sandbox stopped twice while this notebook ran ({exc}); grade it by hand"
                        finish(Result(student, ERROR, _zeros(spec, why), why, None, runnable.pop(student)[1]))
            if progress:
                progress(f"{assignment}: {exc}; a new sandbox grades the {len(runnable)} submission(s) left")
        finally:
            if ended_normally and key is not None:
                shelf.put_back(key, pool)  # closes it unless a shelf wants it
            else:
                pool.close()
    return results


def _check_judged_on_the_same_run(spec: AssignmentSpec, visible_spec: AssignmentSpec) -> None:
    """A run planned by `spec` sends what `visible_spec`'s tests read: the same setup cells, and
    for each visible test no answer its hidden counterpart does not read."""
    if visible_spec.setup != spec.setup:
        raise ValueError(f"{visible_spec.source_path}: its setup cells differ from {spec.source_path}'s, so one run cannot serve both")
    reads = {t.grade_id: set(t.reads) for t in spec.tests}
    for test in visible_spec.tests:
        extra = set(test.reads) - reads.get(test.grade_id, set())
        if extra:
            raise ValueError(f"{test.grade_id}: the visible test reads {sorted(extra)}, which the plan of {spec.source_path} does not send")


def _run(pool: Pool, runnable: dict, judges: list[Judge], judge_limits, finish) -> None:
    """Grade every submission of `runnable` in `pool`, removing each from it as it finishes;
    the first judge gives the result, a second one its `visible_questions`."""
    judge = judges[0]
    submitted_at = {}  # the caller closes the pool afterwards, or shelves it (shelf.py)
    for student, (_, _, steps) in runnable.items():
        pool.submit(student, steps)
        submitted_at[student] = time.monotonic()
    while pool.pending:
        student, frames, end = pool.next_finished()
        _, nb, _ = runnable.pop(student)
        try:
            verdict = judge_isolated(judge, frames, end, judge_limits)
        except Exception as exc:  # noqa: BLE001 - a fault of the grader on one submission is that submission's alone
            why = safe_text(f"the grader failed on this submission ({type(exc).__name__}: {str(exc)[:200]}); grade it by hand")
            finish(Result(student, ERROR, _zeros(judge.spec, why), why, None, nb))
            continue
        result = Result(student, verdict.status, verdict.questions, verdict.incident, verdict, nb)
        result.seconds = time.monotonic() - submitted_at[student]
        for second in judges[1:]:
            try:
                result.visible_questions = judge_isolated(second, frames, end, judge_limits).questions
            except Exception as exc:  # noqa: BLE001 - as above, this submission's alone
                result.visible_questions = _zeros(second.spec, safe_text(f"the grader failed on this submission's visible tests ({type(exc).__name__}: {str(exc)[:200]})"))
        finish(result)
