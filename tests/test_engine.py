"""The grading engine's parts: what it reads from source/, CI mode, and the sandbox's walls.

The adversarial corpus (every class of attack) is in test_adversarial.py; the sample
submissions in test_grading_cycle.py check that honest work scores what nbgrader gives.
"""
from __future__ import annotations

import json
import sys

import nbformat
import pytest

from grading import ci
from grading.engine.batch import grade_files
from grading.engine.pool import SYSTEM_DIRS, Pool, PoolError, sandbox_available
from grading.engine.spec import AssignmentSpec, free_names
from grading.paths import SOURCE, assignments, released_notebook
from grading.samples import load_samples, write_submission

A = "01_market_size"


def _sample(name, tmp_path):
    sample = next(s for s in load_samples(A) if s.student_id == name)
    return write_submission(sample, tmp_path)


def test_tests_read_only_the_students_answers():
    spec = AssignmentSpec.load(A)
    reads = {t.grade_id: t.reads for t in spec.tests}
    assert reads["q1_yoy_growth_test"] == ("growth_papers_2021",)
    assert reads["q7b_plot_test"] == ("ax",)
    assert all("stats" not in r and "check_number" not in r for r in reads.values())
    assert free_names("from m import f\nf(x)\n[y for y in z]") == {"x", "z"}
    assert free_names("try:\n    pass\nexcept ValueError as e:\n    print(e)") == set()


def test_asking_whether_a_name_is_set_is_a_read_of_it():
    # `"x" in dir()` in a visible test: the grader must send x, or the test says it is unset
    assert free_names('assert "cd_uae" in dir(), "assign it"') == {"cd_uae"}
    assert free_names('ok = "y" not in globals()') == {"y"}
    assert free_names('x = 1\nassert "x" in dir()') == set()  # bound by the cell itself
    assert free_names('assert "not an identifier" in dir()') == set()


@pytest.mark.parametrize("assignment", assignments())
def test_visible_tests_give_a_correct_answer_full_marks_as_validate_does(assignment, tmp_path):
    """The `perfect` sample (a student's correct answers) against the release's visible
    tests, with nbgrader's partial-credit rule: what the lab's Validate button runs. A visible
    test whose last line has a value (say `check_is_number(...)` without a `;`) makes
    nbgrader read that value as partial credit and `nbgrader validate` crash on a right answer."""
    sample = next(s for s in load_samples(assignment) if s.student_id == "perfect")
    path = write_submission(sample, tmp_path)
    spec = AssignmentSpec.from_notebook(assignment, released_notebook(assignment))
    result = grade_files(assignment, {"perfect": path}, spec=spec)["perfect"].as_json()
    short = [f"{q['grade_id']}: {q['score']:g}/{q['max_score']:g} {q['message']}" for q in result["questions"] if q["score"] != q["max_score"]]
    assert not short, f"{assignment}: the visible tests do not give a correct answer full marks:\n  " + "\n  ".join(short)


def test_the_plan_never_runs_a_submissions_test_cells():
    spec = AssignmentSpec.load(A)
    nb = nbformat.read(released_notebook(A), as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
            cell.source = "raise SystemExit('tampered')"
    steps = spec.plan(nb)
    assert all("tampered" not in s.code for s in steps)
    assert [s.ref for s in steps if s.kind == "snapshot"] == spec.test_ids
    # a test cell deleted from the submission is still graded, at its place
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q3_share_test"]
    assert "q3_share_test" in [s.ref for s in spec.plan(nb) if s.kind == "snapshot"]


def test_ci_mode_reports_every_question(tmp_path):
    code, payload = ci.check(_sample("partial", tmp_path))
    assert code == 0 and payload["status"] == "graded"
    assert payload["score"] == 9 and payload["max_score"] == 16
    assert len(payload["questions"]) == len(AssignmentSpec.load(A).tests)
    missing = [q for q in payload["questions"] if q["score"] == 0]
    assert missing and all("NameError" in q["message"] for q in missing)
    json.dumps(payload)  # serialisable as it is
    assert "q5a_sum_test" in ci.summary(payload)


def test_an_unassigned_answer_says_what_to_do_about_it(tmp_path):
    """"name 'x' is not defined" alone does not teach: the message says why from what the
    answer cell that should assign x did."""
    nb = nbformat.read(released_notebook(A), as_version=4)
    answers = {
        "q1_yoy_growth": "growth_papers_2012 = 0.5",  # misspelt
        "q2_cagr": "cbec_years = 2023 - 2018\ncagr_cbec = 1 / 0",  # stops with an error
        # q3_share is left as released: raise NotImplementedError()
    }
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "q4_implied_total"]  # deleted
    path = tmp_path / f"{A}.ipynb"
    nbformat.write(nb, path)
    code, payload = ci.check(path)
    assert code == 0
    said = {q["grade_id"]: q["message"] for q in payload["questions"]}
    assert said["q1_yoy_growth_test"].startswith("NameError: name 'growth_papers_2021' is not defined.")
    assert "ran without assigning it: check the name's spelling" in said["q1_yoy_growth_test"]
    assert "stopped with ZeroDivisionError before assigning it" in said["q2b_cagr_test"]
    assert not said["q2a_years_test"].startswith("NameError")  # assigned before the error
    assert "still raises NotImplementedError: replace `raise NotImplementedError()`" in said["q3_share_test"]
    assert "Its answer cell was not run" in said["q4_implied_total_test"]


def test_ci_mode_exit_codes(tmp_path):
    bad = tmp_path / f"{A}.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    code, payload = ci.check(bad)
    assert code == 1 and payload["status"] == "corrupt" and "invalid JSON" in payload["message"]
    assert ci.main(str(tmp_path / "unknown.ipynb"), None, None, False) == 2


@pytest.mark.skipif(sandbox_available() is not None, reason="no user namespaces here")
def test_a_student_cannot_read_instructor_files_or_the_network(tmp_path):
    path = _sample("blank", tmp_path)
    nb = nbformat.read(path, as_version=4)
    solution = SOURCE / A / f"{A}.ipynb"
    probe = f"""
import os, socket
found = []
for p in [{str(solution)!r}, {str(SOURCE)!r}]:
    try:
        found.append(len(os.listdir(p)) if os.path.isdir(p) else len(open(p).read()))
    except OSError:
        pass
try:
    socket.create_connection(("127.0.0.1", 9), timeout=1)
    found.append("network")
except OSError:
    pass
# outside the system folders, Python, the course package, the datasets and its own /tmp, a
# job sees no file at all: not a second checkout, a backup or another test's folder
import sys, course, pathlib
keep = {{os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, os.getcwd(), *course.__path__, pathlib.Path(course.__path__[0]).parent / "datasets")}}
system = {{"/" + d for d in {sorted(SYSTEM_DIRS)!r}}}
for top, dirs, files in os.walk("/"):
    if top in system or os.path.realpath(top) in keep:
        dirs[:] = []
        continue
    found += [f for f in (os.path.join(top, name) for name in files) if os.path.isfile(f)][:3]  # hidden files are /dev/null
caps = [l.split()[1] for l in open("/proc/self/status") if l.startswith("CapEff")][0]
growth_papers_2021 = 50 / 17 - 1 if not found and caps == "0000000000000000" else repr((found[:6], caps))
"""
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q1_yoy_growth":
            cell.source = probe
    nbformat.write(nb, path)
    result = grade_files(A, {"probe": path})["probe"]
    q1 = next(q for q in result.questions if q.grade_id == "q1_yoy_growth_test")
    assert q1.score == q1.max_score, f"the probe saw instructor files, the network or capabilities: {q1.message}"


def test_a_sandbox_that_cannot_start_says_why(monkeypatch, tmp_path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'ImportError: no module named pandas' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(fake))
    with pytest.raises(PoolError, match="exited with code 3: ImportError: no module named pandas"):
        with Pool(1):
            pass


@pytest.mark.skipif(sandbox_available() is not None, reason="no user namespaces here")
def test_a_hang_is_stopped_and_the_rest_still_scores(tmp_path):
    from grading.engine.sandbox import Limits

    path = _sample("solution", tmp_path)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q6_fact_check":
            cell.source = "while True:\n    pass"
    nbformat.write(nb, path)
    honest = _sample("partial", tmp_path / "other")
    results = grade_files(A, {"hang": path, "partial": honest}, limits=Limits(cell_seconds=3, notebook_seconds=60))
    hang = results["hang"]
    assert hang.status == "crashed" and "ran longer than" in hang.message
    scores = {q.grade_id: q.score for q in hang.questions}
    assert scores["q1_yoy_growth_test"] == 2 and scores["q6_per_declaration_test"] == 0
    assert results["partial"].score == 9


@pytest.mark.skipif(sandbox_available() is not None, reason="no user namespaces here")
def test_an_interrupted_batch_resumes_where_it_stopped(tmp_path, monkeypatch):
    """With --resume, submissions already graded (same file, same instructor notebook) keep
    their grades and are not run again; a changed submission is graded anew."""
    from grading import release
    from grading.pipeline import grade_batch

    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.delenv("COURSE_GRADEBOOK_URL", raising=False)
    samples = {s.student_id: s for s in load_samples(A)}
    for name in ("solution", "partial"):
        write_submission(samples[name], tmp_path / "ws" / "submitted")
    release.register([A])
    first = {o.student_id: o for o in grade_batch(A, ["solution", "partial"], progress=lambda line: None)}
    assert first["solution"].autograded_score([c for c in _cells() if c.autograded]) == 16
    # partial's student resubmits the solution; the solution's submission is unchanged
    solution_nb = (tmp_path / "ws" / "submitted" / "solution" / A / f"{A}.ipynb").read_text(encoding="utf-8")
    (tmp_path / "ws" / "submitted" / "partial" / A / f"{A}.ipynb").write_text(solution_nb, encoding="utf-8")
    lines: list[str] = []
    second = {o.student_id: o for o in grade_batch(A, ["solution", "partial"], progress=lines.append, resume=True)}
    assert any("solution: already graded" in line for line in lines), lines
    assert not any("partial: already graded" in line for line in lines), lines
    auto = [c for c in _cells() if c.autograded]
    assert second["solution"].autograded_score(auto) == 16 and second["partial"].autograded_score(auto) == 16


def _cells():
    from grading.gradebook import graded_cells

    return graded_cells(released_notebook(A))


# ---------------------------------------------------------------------------- the grader's side under limits


def _run_of(sample: str, tmp_path):
    """What the solution's run sends (frames and end), from a real sandboxed run."""
    from grading.engine.pool import Pool

    path = _sample(sample, tmp_path)
    spec = AssignmentSpec.load(A)
    with Pool(1) as pool:
        pool.submit("s", spec.plan(nbformat.read(path, as_version=4)))
        _, frames, end = pool.next_finished(timeout=120)
    return spec, frames, end


@pytest.mark.skipif(sandbox_available() is not None, reason="no user namespaces here")
def test_a_test_that_runs_too_long_or_takes_all_memory_costs_one_question(tmp_path, monkeypatch):
    from grading.engine import judge as judge_module
    from grading.engine.judge_process import JudgeLimits, judge_isolated

    spec, frames, end = _run_of("solution", tmp_path)
    judge = judge_module.Judge(spec)
    assert judge_isolated(judge, frames, end).score == 16
    real = judge_module.Judge.question

    def rigged(self, test, snap, ns, incident, cells):
        if test.grade_id == "q2a_years_test":
            while True:  # a check that never ends, in C or in Python
                pass
        if test.grade_id == "q3_share_test":
            [bytearray(512 * 1024**2) for _ in range(64)]  # far more memory than the grader's child may use
        return real(self, test, snap, ns, incident, cells)

    monkeypatch.setattr(judge_module.Judge, "question", rigged)
    # 4 s: room for the memory question to fail on memory, not time, on a loaded machine
    verdict = judge_isolated(judge, frames, end, JudgeLimits(test_seconds=4, memory_bytes=1024**3))
    by_id = {q.grade_id: q for q in verdict.questions}
    assert by_id["q2a_years_test"].score == 0 and "took longer than 4 s" in by_id["q2a_years_test"].message
    assert by_id["q3_share_test"].score == 0 and "memory" in by_id["q3_share_test"].message
    others = [q for q in verdict.questions if q.grade_id not in ("q2a_years_test", "q3_share_test")]
    assert all(q.score == q.max_score for q in others), [(q.grade_id, q.message) for q in others]


@pytest.mark.skipif(sandbox_available() is not None, reason="no user namespaces here")
def test_the_pool_says_which_limits_hold(tmp_path):
    with Pool(1) as pool:
        said = pool.limits_in_force()
    assert "own user, mount, PID, network and IPC namespaces" in said
    assert "processes and threads per job" in said and "memory" in said


@pytest.mark.skipif(sandbox_available() is not None, reason="no user namespaces here")
def test_a_sandbox_that_stops_mid_batch_is_replaced(tmp_path, monkeypatch):
    """If the zygote itself dies (it never should because of a job), the notebooks it was
    running get a strike and everything left is graded by a new sandbox."""
    import os
    import signal
    import threading

    from grading.engine import batch as batch_module
    from grading.engine.sandbox import Limits

    made = []

    class Doomed(batch_module.Pool):
        def wait_ready(self):
            super().wait_ready()
            made.append(self)
            if len(made) == 1:  # the first sandbox dies 1.5 s into the batch
                threading.Timer(1.5, lambda: os.killpg(self.proc.pid, signal.SIGKILL)).start()

    monkeypatch.setattr(batch_module, "Pool", Doomed)
    files = {name: _sample(name, tmp_path / name) for name in ("solution", "partial", "blank")}
    slow = tmp_path / "slow.ipynb"
    nb = nbformat.read(files["solution"], as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell("import time\ntime.sleep(4)"))
    nbformat.write(nb, slow)
    files = {"slow": slow, **files}
    lines = []
    results = grade_files(A, files, workers=1, limits=Limits(cell_seconds=20), progress=lines.append)
    assert len(made) == 2, lines
    assert any("a new sandbox grades" in line for line in lines), lines
    assert results["solution"].score == 16 and results["partial"].score == 9 and results["blank"].score == 0
    assert results["slow"].score == 16, results["slow"].message


@pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")
def test_batches_share_a_sandbox_only_inside_the_block_and_only_with_the_same_settings(tmp_path, launched_sandboxes):
    """grading/engine/shelf.py: inside `reusing_sandboxes()` the next batch of the process takes
    the sandbox the last one left, when it was started with the same settings, and grades as a
    fresh sandbox would; outside the block and at its end every sandbox is closed."""
    from grading.engine.sandbox import Limits
    from grading.engine.shelf import reusing_sandboxes

    launched = launched_sandboxes
    files = {name: _sample(name, tmp_path / name) for name in ("solution", "partial")}

    def scores(**kwargs):
        return {s: r.score for s, r in grade_files(A, files, workers=1, **kwargs).items()}

    assert scores() == {"solution": 16, "partial": 9}
    assert len(launched) == 1 and launched[0].proc is None  # outside the block: closed at the end
    with reusing_sandboxes():
        assert scores() == {"solution": 16, "partial": 9}
        assert scores() == {"solution": 16, "partial": 9}
        assert len(launched) == 2, "the second batch started a sandbox of its own"
        kept = launched[1]
        assert kept.proc is not None and kept.proc.poll() is None  # on the shelf, alive
        assert scores(limits=Limits(cell_seconds=25)) == {"solution": 16, "partial": 9}
        assert len(launched) == 3, "a batch with other limits took a sandbox started with the default ones"
        kept.proc.kill()  # a sandbox that stopped while on the shelf is not handed out
        kept.proc.wait()
        assert scores() == {"solution": 16, "partial": 9}
        assert len(launched) == 4
    assert all(pool.proc is None for pool in launched), "the end of the block left a sandbox running"


@pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")
def test_a_pool_closed_before_its_reader_ends_still_reports_the_zygotes_end(monkeypatch):
    """close() forgets the zygote (`proc = None`) once it exited; the thread reading the zygote's
    output may reach the end of that output only afterwards, and must still say the zygote ended
    (it once failed with AttributeError on `self.proc.wait()`, a race seen in full test runs).
    Here the reader is held at the end of the output until close() has returned."""
    import subprocess
    import threading

    from grading.engine import pool as pool_module

    gate = threading.Event()
    errors = []

    class HeldAtTheEnd:
        def __init__(self, stream):
            self.stream = stream

        def __iter__(self):
            yield from self.stream
            gate.wait(60)

    class ZygoteHeldAtTheEnd(subprocess.Popen):
        def __init__(self, args, *rest, **kwargs):
            super().__init__(args, *rest, **kwargs)
            if "grading.engine.zygote" in args:
                self.stdout = HeldAtTheEnd(self.stdout)

    monkeypatch.setattr(pool_module.subprocess, "Popen", ZygoteHeldAtTheEnd)
    monkeypatch.setattr(threading, "excepthook", lambda hook: errors.append(hook.exc_value))
    pool = Pool(1)
    pool.start()
    pool.close()
    assert pool.proc is None
    gate.set()
    job, frames, end = pool._finished.get(timeout=60)
    assert (job, frames, end) == ("", [], {"t": "died"}) and not errors, errors


def test_a_visible_spec_whose_tests_read_more_than_the_plan_sends_is_refused_before_grading(tmp_path):
    """grade_files(visible_spec=...) judges one run twice; a visible test that reads an answer the
    run does not send would be judged on nothing, so it is refused up front."""
    assignment = "01_market_size"
    nb = nbformat.read(released_notebook(assignment), as_version=4)
    test_cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code" and not c.metadata["nbgrader"].get("solution"))
    test_cell.source += "\nassert an_answer_no_cell_gives is not None"
    path = tmp_path / released_notebook(assignment).name
    nbformat.write(nb, path)
    visible = AssignmentSpec.from_notebook(assignment, path)
    with pytest.raises(ValueError, match="an_answer_no_cell_gives"):
        grade_files(assignment, {"nobody": None}, visible_spec=visible)


@pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")
def test_a_check_of_several_assignments_starts_one_sandbox(tmp_path, launched_sandboxes):
    """`python -m grading check` over a student's notebooks of several assignments (the
    bundle's CI run checks all nine) grades each assignment's batch in the same sandbox, and
    none is left running."""
    solution = next(s for s in load_samples("01_market_size") if s.student_id == "solution")
    partial = next(s for s in load_samples("03_swot") if s.student_id == "partial")
    paths = [write_submission(solution, tmp_path / "a"), write_submission(partial, tmp_path / "b")]
    code, payloads = ci.check_many(paths, visible_only=True)
    assert code == 0 and [p["assignment"] for p in payloads] == ["01_market_size", "03_swot"]
    assert payloads[0]["score"] == payloads[0]["max_score"] > 0 and 0 < payloads[1]["score"] < payloads[1]["max_score"], payloads
    assert len(launched_sandboxes) == 1, f"{len(launched_sandboxes)} sandboxes started for two assignments"
    assert launched_sandboxes[0].proc is None, "the check left its sandbox running"
