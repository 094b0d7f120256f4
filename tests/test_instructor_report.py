"""The instructor report (grading/report/): its computations on hand-made tables whose
answers are worked out here by hand, its plots, the tampering check on every sample, and
one run of the cycle on 01_market_size's samples followed by `python -m grading report`."""
from __future__ import annotations

import csv
import html as html_lib
import math
import os
import re
import subprocess
import sys

import nbformat
import pandas as pd
import pytest
from matplotlib.collections import PathCollection, QuadMesh
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from grading.paths import ROOT, SOURCE, assignments, released_notebook
from grading.report import ReportError, analysis, build, plots
from grading.report.analysis import attention_list, common_failures, failure_messages, item_analysis, normalise_message, pearson, submission_totals
from grading.report.results import grade_reports, load_results
from grading.report.tampering import find_tampering, tampering_reasons
from grading.samples import build as build_sample
from grading.samples import expected_scores, load_samples


def tidy_table(scores: dict[str, dict[str, float]], maxima: dict[str, float], *, status=None, manual=(), messages=None) -> pd.DataFrame:
    """A tidy table (analysis.TIDY_COLUMNS) from {student: {question: score}}."""
    rows = []
    for student, by_question in scores.items():
        for q, score in by_question.items():
            st = (status or {}).get(student, "graded")
            pending = q in manual and st in analysis.SCORED and math.isnan(score)
            rows.append(["A1", student, q, score, maxima[q], st, (messages or {}).get((student, q), ""), q not in manual, pending, ""])
    return pd.DataFrame(rows, columns=analysis.TIDY_COLUMNS)


# --- item analysis, by hand -------------------------------------------------------------

#: four students, q1 and q2 worth 1 point, q3 worth 2, q4 everyone got
FOUR = {
    "s1": {"q1": 1, "q2": 1, "q3": 2, "q4": 1},
    "s2": {"q1": 1, "q2": 0, "q3": 2, "q4": 1},
    "s3": {"q1": 0, "q2": 1, "q3": 0, "q4": 1},
    "s4": {"q1": 0, "q2": 0, "q3": 0, "q4": 1},
}
FOUR_MAX = {"q1": 1, "q2": 1, "q3": 2, "q4": 1}


def test_difficulty_and_corrected_item_total_correlation_by_hand():
    items = item_analysis(tidy_table(FOUR, FOUR_MAX)).set_index("question")
    # difficulty = mean / max: q1 2/4 / 1, q2 2/4 / 1, q3 (4/4) / 2, q4 1
    assert items["difficulty"].to_dict() == pytest.approx({"q1": 0.5, "q2": 0.5, "q3": 0.5, "q4": 1.0})
    # q1 = (1,1,0,0) against the rest q2+q3+q4 = (4,3,2,1): deviations (.5,.5,-.5,-.5) and
    # (1.5,.5,-.5,-1.5): sum of products 2, sums of squares 1 and 5: r = 2 / sqrt(5)
    assert items.loc["q1", "discrimination"] == pytest.approx(2 / math.sqrt(5))
    # q2 = (1,0,1,0) against q1+q3+q4 = (4,4,1,1): products .75 - .75 - .75 + .75 = 0
    assert items.loc["q2", "discrimination"] == pytest.approx(0.0, abs=1e-12)
    # q3 = (2,2,0,0) against q1+q2+q4 = (3,2,2,1): deviations (1,1,-1,-1), (1,0,0,-1): 2 / sqrt(4 * 2)
    assert items.loc["q3", "discrimination"] == pytest.approx(2 / math.sqrt(8))
    # the same numbers as scipy's Pearson r on the same columns
    from scipy.stats import pearsonr

    assert items.loc["q1", "discrimination"] == pytest.approx(pearsonr([1, 1, 0, 0], [4, 3, 2, 1])[0])
    # q4 does not vary: no discrimination, a note, no crash
    assert math.isnan(items.loc["q4", "discrimination"])
    assert "every submission scored 1" in items.loc["q4", "note"]
    # four submissions: flagged as too few
    assert items["small_n"].all() and (items["n"] == 4).all()
    assert "only 4 submissions" in items.loc["q1", "note"]
    # upper-lower 27%: round(0.27 * 4) = 1 student each side, s1 (total 5) and s4 (total 1)
    assert items["upper_lower"].to_dict() == pytest.approx({"q1": 1.0, "q2": 1.0, "q3": 1.0, "q4": 0.0})
    assert items.loc["q2", "rating"] == "poor discrimination"
    assert items.loc["q4", "rating"] == "very easy"


def test_upper_lower_index_with_ten_students():
    # totals 0..9 (q2 = total - q1); round(0.27 * 10) = 3 per group: lower s0-s2, upper s7-s9
    q1 = [0, 0, 1, 0, 1, 0, 1, 1, 0, 1]
    scores = {f"s{i}": {"q1": q1[i], "q2": i - q1[i]} for i in range(10)}
    items = item_analysis(tidy_table(scores, {"q1": 1, "q2": 9})).set_index("question")
    # upper q1 = (1, 0, 1) mean 2/3, lower (0, 0, 1) mean 1/3: D = 1/3
    assert items.loc["q1", "upper_lower"] == pytest.approx(1 / 3)
    assert not items["small_n"].any()


def test_a_rest_total_that_does_not_vary_gives_no_discrimination():
    scores = {"a": {"q1": 1, "q2": 1}, "b": {"q1": 0, "q2": 1}, "c": {"q1": 1, "q2": 1}}
    items = item_analysis(tidy_table(scores, {"q1": 1, "q2": 1})).set_index("question")
    assert math.isnan(items.loc["q1", "discrimination"])
    assert "other questions' total is the same" in items.loc["q1", "note"]
    assert items.loc["q1", "difficulty"] == pytest.approx(2 / 3)


def test_one_submission_and_an_empty_table_do_not_crash():
    one = item_analysis(tidy_table({"a": {"q1": 1, "q2": 0}}, {"q1": 1, "q2": 1}))
    assert one["discrimination"].isna().all() and one["small_n"].all()
    assert "one submission" in one["note"].iloc[0]
    empty = analysis.empty_tidy()
    assert item_analysis(empty).empty and failure_messages(empty).empty and common_failures(failure_messages(empty)).empty
    assert submission_totals(empty).empty and attention_list(empty).empty
    assert math.isnan(pearson([1.0], [2.0]))


def test_only_graded_submissions_count_and_hand_grades_pending_are_left_out():
    scores = {**FOUR, "crashed": {"q1": 1, "q2": 1, "q3": 0, "q4": 0}}
    scores = {s: {**qs, "memo": {"s1": 3.0, "s2": math.nan, "s3": 1.0, "s4": 0.0, "crashed": math.nan}[s]} for s, qs in scores.items()}
    tidy = tidy_table(scores, {**FOUR_MAX, "memo": 3}, status={"crashed": "crashed"}, manual={"memo"})
    items = item_analysis(tidy).set_index("question")
    assert items.loc["q1", "discrimination"] == pytest.approx(2 / math.sqrt(5))  # as without the crashed one
    # the memo: s1, s3, s4 graded (3, 1, 0), s2 pending: difficulty (4/3) / 3; against the
    # autograded totals (5, 2, 1): deviations (5/3, -1/3, -4/3) and (7/3, -2/3, -5/3),
    # products 57/9, squares 42/9 and 78/9: r = 57 / sqrt(42 * 78)
    assert items.loc["memo", "n"] == 3 and not items.loc["memo", "autograded"]
    assert items.loc["memo", "difficulty"] == pytest.approx(4 / 9)
    assert items.loc["memo", "discrimination"] == pytest.approx(57 / math.sqrt(42 * 78))
    assert "graded by hand; 1 pending" in items.loc["memo", "note"]
    totals = submission_totals(tidy).set_index("student")
    assert totals.loc["s1", "score"] == 5 and totals.loc["s1", "max_score"] == 5  # the memo is not autograded
    assert totals.loc["s2", "pending"] == 1 and totals.loc["s2", "pending_questions"] == "memo"
    assert totals.loc["crashed", "pending"] == 1


# --- failure messages --------------------------------------------------------------------


@pytest.mark.parametrize(("message", "pattern"), [
    ("AssertionError: `growth` = 2.9411764705882355 is not right. Growth is the ratio minus 1.", "`growth` = <value> is not right. Growth is the ratio minus <n>."),
    ("AssertionError: `growth` = 194.1 is not right. Growth is the ratio minus 1.", "`growth` = <value> is not right. Growth is the ratio minus <n>."),
    ("NameError: name 'cbec_years' is not defined", "NameError: name '<name>' is not defined"),
    ("AssertionError: `levels`: trillion_cny for stat_id = cbec_2018 is np.float64(1347.0), which is not right.", "`levels`: trillion_cny for stat_id = <value> is <n>, which is not right."),
    ("AssertionError: `ranking` = ['BR', 'MX', 3] is not in the right order", "`ranking` = <value> is not in the right order"),
    ("AssertionError: expected [1, 2.5, -3] got (4, 5)", "expected <value> got <value>"),
    ("AssertionError: 01_market_size q3_share: 1,000 or 10%?", "01_market_size q3_share: <n> or <n>?"),
])
def test_messages_are_normalised_so_the_same_mistake_reads_the_same(message, pattern):
    assert normalise_message(message) == pattern


def test_failure_messages_are_counted_per_question_and_pattern():
    scores = {"a": {"q1": 0, "q2": 0}, "b": {"q1": 0, "q2": 1}, "c": {"q1": 1, "q2": 0}, "d": {"q1": 0, "q2": 0}}
    messages = {
        ("a", "q1"): "AssertionError: `x` = 3 is not right.",
        ("b", "q1"): "AssertionError: `x` = 4.5 is not right.",
        ("d", "q1"): "NameError: name 'x' is not defined",
        ("a", "q2"): "NameError: name 'y' is not defined",
        ("c", "q2"): "NameError: name 'y' is not defined",
        ("d", "q2"): "NameError: name 'y' is not defined",
        ("c", "q1"): "a message on a full score is not a failure",
    }
    tidy = tidy_table(scores, {"q1": 1, "q2": 1}, messages=messages)
    got = failure_messages(tidy)
    assert got[["question", "pattern", "count", "students"]].values.tolist() == [
        ["q2", "NameError: name '<name>' is not defined", 3, "a, c, d"],
        ["q1", "`x` = <value> is not right.", 2, "a, b"],
        ["q1", "NameError: name '<name>' is not defined", 1, "d"],
    ]
    assert got["example"].iloc[1] == "AssertionError: `x` = 3 is not right."
    common = common_failures(got, top=1)
    assert common[["pattern", "count", "questions"]].values.tolist() == [["NameError: name '<name>' is not defined", 4, "q2, q1"]]
    # a crashed submission's messages are left out unless asked for
    crashed = tidy_table(scores, {"q1": 1, "q2": 1}, messages=messages, status={"a": "crashed"})
    assert failure_messages(crashed)["count"].sum() == 4
    assert failure_messages(crashed, statuses=("graded", "crashed"))["count"].sum() == 6


# --- the attention list ------------------------------------------------------------------


def test_attention_list_names_each_issue_with_its_reason():
    scores = {s: {"q1": 0.0, "memo": math.nan if s in ("ok", "crash") else 0.0} for s in ("ok", "crash", "broken", "gone", "cheat", "done")}
    status = {"crash": "crashed", "broken": "corrupt", "gone": "missing"}
    tidy = tidy_table(scores, {"q1": 1, "memo": 2}, status=status, manual={"memo"})
    tidy.loc[tidy["student"] == "broken", "submission_message"] = "x.ipynb is not a notebook"
    tampering = pd.DataFrame([["A1", "cheat", "test cells edited: q1_test"]], columns=["assignment", "student", "detail"])
    got = attention_list(tidy, tampering)
    assert got[["student", "status", "issue"]].values.tolist() == [
        ["cheat", "graded", "tampering suspected"],
        ["crash", "crashed", "crashed"],
        ["broken", "corrupt", "corrupt notebook"],
        ["gone", "missing", "missing submission"],
        ["crash", "crashed", "hand grading pending"],
        ["ok", "graded", "hand grading pending"],
    ]
    assert got.loc[got["student"] == "broken", "detail"].item() == "x.ipynb is not a notebook"
    assert got.loc[got["student"] == "cheat", "detail"].item() == "test cells edited: q1_test"
    assert got.loc[(got["student"] == "ok"), "detail"].item() == "1 answer(s) to grade in formgrader: memo"
    assert "done" not in set(got["student"])


# --- tampering ---------------------------------------------------------------------------


def _cell(kind, gid, source, **nbgrader):
    meta = {"nbgrader": {"grade_id": gid, "grade": False, "solution": False, "locked": False, "schema_version": 3, "task": False, **nbgrader}}
    cell = (new_code_cell if kind == "code" else new_markdown_cell)(source, metadata=meta)
    cell["id"] = gid
    return cell


def _notebooks():
    """A release, its instructor's notebook (a hidden test), and an honest submission."""
    release = new_notebook(cells=[
        _cell("code", "setup", "import math", locked=True, checksum="c0"),
        _cell("code", "q1", "x = None", solution=True, checksum="c1"),
        _cell("code", "q1_test", "assert x is not None", grade=True, locked=True, points=2, checksum="c2"),
        _cell("markdown", "memo", "YOUR ANSWER HERE", grade=True, solution=True, points=3, checksum="c3"),
    ])
    source = new_notebook(cells=[
        _cell("code", "setup", "import math", locked=True),
        _cell("code", "q1", "x = 4", solution=True),
        _cell("code", "q1_test", "assert x is not None\n### BEGIN HIDDEN TESTS\nassert x == 4\n### END HIDDEN TESTS", grade=True, locked=True, points=2),
        _cell("markdown", "memo", "The answer.", grade=True, solution=True, points=3),
    ])
    honest = nbformat.from_dict(release)
    honest.cells[1].source = "x = 4"
    honest.cells[3].source = "My memo."
    honest.cells.insert(2, new_code_cell("print(x)  # scratch work"))
    return release, source, honest


def test_an_honest_submission_and_the_instructors_own_notebook_are_not_tampering():
    release, source, honest = _notebooks()
    assert tampering_reasons(honest, release, source) == []
    assert tampering_reasons(source, release, source) == []
    assert tampering_reasons(release, release, source) == []


def _by(nb, gid):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid)


@pytest.mark.parametrize(("change", "reason"), [
    (lambda nb: setattr(_by(nb, "q1_test"), "source", "pass"), "test cells edited: q1_test (1 of 1 test cells)"),
    (lambda nb: nb.cells.remove(_by(nb, "q1_test")), "test or locked cells deleted: q1_test"),
    (lambda nb: setattr(_by(nb, "setup"), "source", "import math\nmath.isclose = lambda *a, **k: True"), "test or locked cells edited: setup"),
    (lambda nb: _by(nb, "q1_test").metadata.nbgrader.update(points=20), "nbgrader metadata changed: q1_test (points 2.0 -> 20.0)"),
    (lambda nb: _by(nb, "q1_test").metadata.nbgrader.update(checksum="forged"), "nbgrader metadata changed: q1_test (checksum)"),
    (lambda nb: _by(nb, "memo").metadata.nbgrader.update(grade=False), "nbgrader metadata changed: memo (grade True -> False)"),
    (lambda nb: nb.cells.append(nbformat.from_dict(_by(nb, "q1_test"))), "cells duplicated: q1_test"),
    (lambda nb: nb.cells.append(_cell("code", "bonus_test", "pass", grade=True, points=10)), "cells with grade_ids the assignment does not have: bonus_test"),
])
def test_tampering_is_found_and_named(change, reason):
    release, source, honest = _notebooks()
    change(honest)
    assert tampering_reasons(honest, release, source) == [reason]


@pytest.mark.parametrize("assignment", [a for a in assignments() if (ROOT / "grading" / "samples" / a).is_dir()])
def test_every_tampered_sample_is_flagged_and_no_honest_one(assignment):
    release = nbformat.read(released_notebook(assignment), as_version=4)
    source = nbformat.read(SOURCE / assignment / released_notebook(assignment).name, as_version=4)
    flagged = {}
    for sample in load_samples(assignment):
        if sample.status in ("graded", "crashed"):
            flagged[sample.student_id] = tampering_reasons(nbformat.reads(build_sample(sample), as_version=4), release, source)
    tampered = flagged.pop("tampered")
    assert len(tampered) == 1 and tampered[0].startswith("test cells edited: ") and tampered[0].endswith(" test cells)")
    assert {s: r for s, r in flagged.items() if r} == {}, "honest samples flagged"


# --- plots -------------------------------------------------------------------------------


def _points(ax) -> int:
    return sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))


def test_plots_draw_a_mark_per_row():
    tidy = tidy_table({**FOUR, "c": {"q1": 1, "q2": 0, "q3": 0, "q4": 0}, "m": {q: 0 for q in FOUR_MAX}}, FOUR_MAX, status={"c": "crashed", "m": "missing"})
    totals = submission_totals(tidy)
    ax = plots.score_distribution(totals)
    assert _points(ax) == 5  # 4 graded and 1 crashed; the missing one has no score
    items = item_analysis(tidy)
    ax = plots.difficulty_discrimination(items)
    assert _points(ax) == 3  # q4 has no discrimination
    assert "1 question(s) without a discrimination" in ax.get_title()
    assert ax.get_title().startswith("A1:")
    assert [line.get_ydata()[0] for line in ax.lines if line.get_linestyle() == "--"] == [0.2, 0.4]
    # one assignment: its name is in the title, so the legend only says what the markers mean
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["n ≥ 5", "n < 5"]
    assert ax.get_legend().get_title().get_text() == "submissions scored"
    two = plots.difficulty_discrimination(pd.concat([items, items.assign(assignment="A2")]))
    assert [t.get_text() for t in two.get_legend().get_texts()] == ["assignment", "A1", "A2", "submissions scored", "n ≥ 5", "n < 5"]
    common = pd.DataFrame({"assignment": ["A1"] * 12, "pattern": [f"mistake {i}" for i in range(12)], "count": range(12, 0, -1), "questions": "q1"})
    ax = plots.failure_bars(common, top=10)
    assert sum(len(c) for c in ax.containers) == 10
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["1. mistake 0", "2. mistake 1"]
    attention = pd.DataFrame([["A1", "c", "crashed", "crashed", ""], ["A1", "m", "missing", "missing submission", ""], ["A2", "x", "graded", "hand grading pending", ""]], columns=analysis.ATTENTION_COLUMNS)
    ax = plots.attention_overview(attention)
    mesh = next(c for c in ax.collections if isinstance(c, QuadMesh))
    assert mesh.get_array().size == 2 * 3  # assignments x issues
    assert sorted(t.get_text() for t in ax.texts) == ["0", "0", "0", "1", "1", "1"]


def test_plots_of_nothing_say_so():
    empty = analysis.empty_tidy()
    assert "no graded submissions" in plots.score_distribution(submission_totals(empty)).texts[0].get_text()
    assert "no question" in plots.difficulty_discrimination(item_analysis(empty)).texts[0].get_text()
    assert "no test failed" in plots.failure_bars(common_failures(failure_messages(empty))).texts[0].get_text()
    assert "nothing needs attention" in plots.attention_overview(attention_list(empty)).texts[0].get_text()


# --- reading a workspace -----------------------------------------------------------------


def test_a_workspace_is_read_into_the_tidy_table(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    with (reports / "01_market_size_grades.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["assignment", "student_id", "status", "q1_yoy_growth_test", "q8_definitions", "autograded_score", "autograded_max", "manual_pending", "message", "feedback"])
        w.writerow(["01_market_size", "ann", "graded", "0", "", "0", "16", "1", "", ""])
        w.writerow(["01_market_size", "bob", "corrupt", "0", "0", "0", "16", "0", "bob.ipynb is not a notebook", ""])
    (reports / "canvas_grades.csv").write_text("Student,ID\nAnn,1\n", encoding="utf-8")  # an LMS export: not a batch
    autograded = tmp_path / "autograded" / "ann" / "01_market_size"
    autograded.mkdir(parents=True)
    nb = new_notebook(cells=[_cell("code", "q1_yoy_growth_test", "check()", grade=True, points=2)])
    nb.cells[0].outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="`growth` = 3 is not right.", traceback=[])]
    nbformat.write(nb, autograded / "01_market_size.ipynb")
    assert list(grade_reports(tmp_path)) == ["01_market_size"]
    tidy = load_results(tmp_path, gradebook=False)
    assert list(tidy.columns) == analysis.TIDY_COLUMNS
    rows = {(r.student, r.question): r for r in tidy.itertuples()}
    ann = rows[("ann", "q1_yoy_growth_test")]
    assert (ann.score, ann.max_score, ann.autograded, ann.message) == (0.0, 2.0, True, "AssertionError: `growth` = 3 is not right.")
    memo = rows[("ann", "q8_definitions")]
    assert math.isnan(memo.score) and memo.pending and not memo.autograded and memo.max_score == 3.0
    bob = rows[("bob", "q1_yoy_growth_test")]
    assert bob.status == "corrupt" and bob.submission_message == "bob.ipynb is not a notebook" and not rows[("bob", "q8_definitions")].pending


def test_a_workspace_without_a_graded_batch_is_a_clear_error(tmp_path):
    with pytest.raises(ReportError, match=re.escape(str(tmp_path / "reports"))):
        build.write_report(tmp_path)
    env = {**os.environ, "COURSE_GRADING_WORKSPACE": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "grading", "report"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "no graded batch in" in run.stderr and str(tmp_path / "reports") in run.stderr
    assert "Traceback" not in run.stderr


def test_a_failing_report_is_told_by_the_cycle_not_raised(monkeypatch):
    import grading.report
    from grading import cycle

    def broken(*args, **kwargs):
        raise KeyError("plot")

    monkeypatch.setattr(grading.report, "write_report", broken)
    lines = []
    assert cycle._instructor_report(lines.append) is False
    assert lines and lines[0].startswith("Instructor report NOT written: KeyError") and "the grades above are written" in lines[0]


# --- the samples, graded, then the report -------------------------------------------------

ASSIGNMENT = "01_market_size"


@pytest.fixture(scope="module")
def cycle_workspace(graded_market_size):
    """The main job on one assignment's samples in a temporary workspace (as
    tests/test_grading_cycle.py runs it for all): it grades and writes the report. Run once
    per session and shared with tests/test_lms_export.py (tests/conftest.py)."""
    return graded_market_size


def _text(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_cycle_writes_the_report_and_prints_its_path(cycle_workspace):
    ws, code, out = cycle_workspace
    assert code == 0, out
    page = ws / "reports" / "instructor_report.html"
    assert f"Instructor report: {page}" in out
    assert page.is_file() and (ws / "reports" / "instructor_report.ipynb").is_file()
    assert (ws / "reports" / f"{ASSIGNMENT}_grades.csv").is_file()


def test_report_command_writes_the_html_with_every_section(cycle_workspace, tmp_path):
    ws, _, _ = cycle_workspace
    env = {**os.environ, "COURSE_GRADING_WORKSPACE": str(ws)}
    env.pop("COURSE_GRADEBOOK_URL", None)
    run = subprocess.run([sys.executable, "-m", "grading", "report", "--to", str(tmp_path / "out")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    page = tmp_path / "out" / "instructor_report.html"
    assert f"instructor report: {page}" in run.stdout
    html = page.read_text(encoding="utf-8")
    text = _text(html)
    for section in ("Score distribution", "Item analysis: difficulty and discrimination", "Most common failure messages", "Late work", "Similar submissions: evidence for a person, never a penalty", "Submissions that need attention"):
        assert section in text
    # the samples are independent work, none late: the two term sections say so
    assert "No late submission and no extension." in text and "Late policy: late work loses 10%" in text
    assert "No pair of submissions has unusually similar answer code." in text and "No pair of students shares rare wrong answers." in text
    assert "corrected item-total correlation" in text and "Ebel and Frisbie" in text
    # the four figures (score distribution, this assignment's questions, failures, attention) are embedded
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', html)) == 4
    assert "q1_yoy_growth_test" in text and "NameError: name '&lt;name&gt;' is not defined" in html
    executed = nbformat.read(tmp_path / "out" / "instructor_report.ipynb", as_version=4)
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error" and output.get("name") != "stderr", (cell.source[:80], output)
    assert f"workspace = {str(ws)!r}" in executed.cells[2].source
    # the attention table: one row per submission and issue
    rows = {tuple(_text(row).split(" ", 3)[:3]) for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)}
    assert (ASSIGNMENT, "tampered", "graded") in rows


def test_the_batch_journal_keeps_the_wrong_answers_the_report_compares(cycle_workspace):
    from grading.report import similarity
    from grading.report.results import load_results

    ws, _, _ = cycle_workspace
    tidy = load_results(ws, gradebook=False)
    wrong = similarity.wrong_answers(ws, tidy)
    lost = tidy[(tidy["score"] < tidy["max_score"]) & tidy["autograded"] & (tidy["status"] == "graded")]
    # every wrong answer kept is a question that lost points; `mistakes` lost points on answers
    assert set(zip(wrong["student"], wrong["question"])) <= set(zip(lost["student"], lost["question"]))
    assert (wrong["student"] == "mistakes").sum() >= 3
    assert wrong["digest"].str.fullmatch(r"[0-9a-f]{64}").all() and (wrong["answer"].str.len() > 0).all()


def test_the_attention_list_flags_the_right_samples(cycle_workspace):
    ws, _, _ = cycle_workspace
    tidy = load_results(ws)
    tampering = find_tampering(ws, {ASSIGNMENT: list(tidy["student"].unique())})
    got = attention_list(tidy, tampering)
    issues = {(r.student, r.issue) for r in got.itertuples()}
    assert {("tampered", "tampering suspected"), ("crash", "crashed"), ("corrupt", "corrupt notebook"), ("missing", "missing submission")} <= issues
    pending = {r["student_id"] for r in expected_scores(ASSIGNMENT) if r["score"] == "pending"}
    assert pending and {s for s, i in issues if i == "hand grading pending"} == pending
    assert {s for s, i in issues if i == "tampering suspected"} == {"tampered"}
    for honest in ("solution", "perfect", "partial"):
        assert (honest, "tampering suspected") not in issues
    assert "10 of 10 test cells" in got.loc[got["issue"] == "tampering suspected", "detail"].item()
    # the item analysis of the samples: the solution and perfect get every autograded point
    items = item_analysis(tidy).set_index("question")
    assert items.loc["q1_yoy_growth_test", "n"] == 6  # graded: solution, perfect, partial, mistakes, tampered, blank
    assert items.loc["q1_yoy_growth_test", "difficulty"] == pytest.approx(3 * 2 / 6 / 2)  # solution, perfect, partial


def test_a_failing_report_notebook_is_kept_and_the_grades_stay(cycle_workspace, tmp_path, monkeypatch):
    ws, _, _ = cycle_workspace
    grades = (ws / "reports" / f"{ASSIGNMENT}_grades.csv").read_bytes()
    broken = tmp_path / "broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("workspace = None", metadata={"tags": ["parameters"]}), new_code_cell("raise ValueError('a broken plot')")]), broken)
    monkeypatch.setattr(build, "NOTEBOOK", broken)
    with pytest.raises(ReportError, match=r"failed \(ValueError: a broken plot\).*instructor_report\.failed\.ipynb"):
        build.write_report(ws, tmp_path / "out")
    assert (tmp_path / "out" / "instructor_report.failed.ipynb").is_file()
    assert not (tmp_path / "out" / "instructor_report.html").exists()
    assert (ws / "reports" / f"{ASSIGNMENT}_grades.csv").read_bytes() == grades
