"""The similarity report: planted copies are found, independent work stays below the threshold.

The test set, for each of the seven assignments: the honest samples (`perfect`, `partial`,
`mistakes`, `blank`: written independently, by other routes than the solution) and two planted
copies, one of `perfect` and one of `mistakes`, each with every variable of its own renamed,
a comment added and its answer cells in reverse order in the notebook. Every planted pair
must score at or above the threshold and every other pair below it; the rates are printed
(pytest -s) and quoted in docs/instructors.md.
"""
from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from grading.engine.spec import AssignmentSpec, bound_names, free_names, grade_id_of
from grading.paths import SOURCE, assignments, released_notebook
from grading.report import similarity
from grading.samples import build, load_samples

HONEST = ("perfect", "partial", "mistakes", "blank")
COPIED = {"copy_of_perfect": "perfect", "copy_of_mistakes": "mistakes"}


def plant_copy(spec: AssignmentSpec, notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy as a student would disguise it: own variables renamed (the names the tests
    read must stay), a comment added, the answer cells moved into reverse order."""
    copy = nbformat.from_dict(notebook)
    tested = set().union(*(free_names(t.source) for t in spec.tests))
    places = [i for i, c in enumerate(copy.cells) if grade_id_of(c) in spec.answers and c.cell_type == "code"]
    for i in places:
        source = copy.cells[i].source
        for name in sorted(bound_names(source) - tested, key=len, reverse=True):
            source = re.sub(rf"\b{re.escape(name)}\b", f"my_{name[::-1]}", source)
        copy.cells[i].source = "# my own work\n" + source
    cells = [copy.cells[i] for i in places]
    for i, cell in zip(places, reversed(cells)):
        copy.cells[i] = cell
    return copy


def planted_set(assignment: str):
    spec = AssignmentSpec.load(assignment)
    release = nbformat.read(released_notebook(assignment), as_version=4)
    solution = nbformat.read(next((SOURCE / assignment).glob("*.ipynb")), as_version=4)
    notebooks = {s.student_id: nbformat.reads(build(s), as_version=4) for s in load_samples(assignment) if s.student_id in HONEST}
    for copy, original in COPIED.items():
        notebooks[copy] = plant_copy(spec, notebooks[original])
    codes = [similarity.answer_code(spec, release, nb, student) for student, nb in notebooks.items()]
    return spec, codes, similarity.boilerplate(spec, release, solution)


def test_planted_copies_are_found_and_independent_work_is_not():
    planted = {tuple(sorted(pair)) for pair in COPIED.items()}
    found, compared, false_positives, scores = 0, 0, [], []
    for assignment in assignments():
        spec, codes, template = planted_set(assignment)
        # the copy really is disguised: not one answer cell is the same text as the original's
        by_id = {c.student_id: c for c in codes}
        answers = lambda code: {c.code for c in code.cells if not c.label.startswith("added")}  # noqa: E731
        assert not answers(by_id["copy_of_perfect"]) & answers(by_id["perfect"])
        flagged, every = similarity.similar_pairs(codes, template)
        flagged_ids = {(p.a, p.b) for p in flagged}
        for pair in every:
            key = (pair.a, pair.b)
            compared += 1
            scores.append({"assignment": assignment, "pair": f"{pair.a}/{pair.b}", "planted": key in planted, "score": pair.score})
            if key in planted:
                found += key in flagged_ids
            elif key in flagged_ids:
                false_positives.append(f"{assignment} {pair.a}/{pair.b} {pair.score:.2f}")
        assert "blank" not in {c for p in every for c in (p.a, p.b)}, "an unanswered notebook has no code of its own to compare"
    table = pd.DataFrame(scores)
    honest = table[~table["planted"]]
    print(f"\nplanted pairs found: {found} of {len(planted) * len(assignments())}; false positives: {len(false_positives)} of {len(honest)} other pairs")
    print(f"planted scores: min {table[table['planted']]['score'].min():.2f}; other pairs: max {honest['score'].max():.2f}")
    assert found == len(planted) * len(assignments())
    assert not false_positives
    assert compared == len(table)


def test_matching_cells_side_by_side():
    spec, codes, template = planted_set("05_logistics")
    flagged, _ = similarity.similar_pairs(codes, template)
    pair = next(p for p in flagged if {p.a, p.b} == {"copy_of_perfect", "perfect"})
    assert pair.cells, "the matching cells are shown"
    # each copied cell is matched with the cell of the same question, wherever it was moved to
    assert all(m.left.label == m.right.label for m in pair.cells if not m.left.label.startswith("added"))
    frame = similarity.side_by_side(pair)
    assert list(frame.columns) == [f"{pair.a}: cell", f"{pair.a}: code", f"{pair.b}: cell", f"{pair.b}: code", "share"]


def test_the_template_and_the_solution_are_not_evidence():
    spec, _, template = planted_set("01_market_size")
    solution = nbformat.read(next((SOURCE / "01_market_size").glob("*.ipynb")), as_version=4)
    release = nbformat.read(released_notebook("01_market_size"), as_version=4)
    a = similarity.answer_code(spec, release, solution, "one")
    b = similarity.answer_code(spec, release, solution, "two")
    flagged, every = similarity.similar_pairs([a, b], template)
    assert not flagged  # two students handing in the model answer have nothing of their own in common


def test_shared_rare_wrong_answers():
    d = {name: name * 64 for name in "abcde"}  # stand-in digests: equal text, equal values
    rows = []
    for student, answers in {
        "ann": [("q1", d["a"], "growth = 194.1"), ("q2", d["b"], "cagr = 12.1")],
        "ben": [("q1", d["a"], "growth = 194.1"), ("q2", d["b"], "cagr = 12.1")],
        "cat": [("q1", d["c"], "growth = 3.5"), ("q2", d["b"], "cagr = 12.1")],
        "dan": [("q1", d["d"], "growth = 0.66"), ("q2", d["e"], "cagr = 7")],
        "eve": [("q1", d["d"], "growth = 0.66"), ("q3", d["e"], "share = 7")],
    }.items():
        rows += [{"assignment": "A", "student": student, "question": q, "digest": digest, "answer": shown} for q, digest, shown in answers]
    answers = pd.DataFrame(rows)
    shared = similarity.shared_wrong_answers(answers)
    # q2's 12.1 is given by three students (a common mistake, not rare); dan and eve share one
    # rare value (q1) and the same digest on different questions, which is not the same answer
    assert shared.empty
    shared = similarity.shared_wrong_answers(answers, few=3, min_shared=2)
    assert [(r.student_a, r.student_b, r.shared) for r in shared.itertuples()] == [("ann", "ben", 2)]
    assert shared.loc[0, "answers"] == "q1: growth = 194.1 | q2: cagr = 12.1"
    assert similarity.shared_wrong_answers(answers.iloc[0:0]).empty


def test_the_judge_keeps_each_wrong_answers_digest_and_the_journal_gives_it_to_the_report(tmp_path):
    """A planted copy of `mistakes` (variables renamed, cells reordered) gives the judge the
    very same wrong values as `mistakes`; `partial` gives others; full marks keep nothing."""
    import json

    from grading.engine.batch import grade_files

    assignment = "01_market_size"
    spec = AssignmentSpec.load(assignment)
    samples = {s.student_id: s for s in load_samples(assignment)}
    notebooks = {"mistakes": nbformat.reads(build(samples["mistakes"]), as_version=4), "partial": nbformat.reads(build(samples["partial"]), as_version=4),
                 "perfect": nbformat.reads(build(samples["perfect"]), as_version=4)}
    notebooks["copy"] = plant_copy(spec, notebooks["mistakes"])
    files = {}
    for student, nb in notebooks.items():
        files[student] = tmp_path / f"{student}.ipynb"
        nbformat.write(nb, files[student])
    results = grade_files(assignment, files, spec=spec)
    wrong = {student: {q.grade_id: q.answer for q in r.questions if q.answer} for student, r in results.items()}
    lost = {student: {q.grade_id for q in r.questions if q.score < q.max_score} for student, r in results.items()}
    assert not wrong["perfect"] and not lost["perfect"]
    assert wrong["mistakes"] and set(wrong["mistakes"]) <= lost["mistakes"]
    assert wrong["copy"] == wrong["mistakes"]
    assert all(len(digest) == 64 and 0 < len(shown) <= 200 for digest, shown in wrong["mistakes"].values())
    assert any(wrong["partial"].get(q) != answer for q, answer in wrong["mistakes"].items())
    # the journal's form, read back for the report
    (tmp_path / "engine").mkdir()
    with open(tmp_path / "engine" / f"{assignment}.jsonl", "w", encoding="utf-8") as fh:
        for student, found in wrong.items():
            fh.write(json.dumps({"student_id": student, "status": "graded", "wrong": {q: list(a) for q, a in found.items()}}) + "\n")
        fh.write('{"student_id": "copy", "wrong": {"q1": ["not a dig\n')  # a line cut short by a crash
    tidy = pd.DataFrame([{"assignment": assignment, "student": s, "status": "graded"} for s in wrong])
    table = similarity.wrong_answers(tmp_path, tidy)
    shared = similarity.shared_wrong_answers(table)
    assert [(r.student_a, r.student_b) for r in shared.itertuples()] == [("copy", "mistakes")]
    assert shared.loc[0, "shared"] == len(wrong["mistakes"]) >= 2


@pytest.mark.parametrize("assignment", ["01_market_size"])
def test_answer_code_ignores_unchanged_template_cells(assignment):
    spec = AssignmentSpec.load(assignment)
    release = nbformat.read(released_notebook(assignment), as_version=4)
    assert similarity.answer_code(spec, release, release, "untouched").cells == []


def test_scores_are_the_same_in_every_run():
    """copydetect hashes with Python's per-process randomised `hash`; with every k-gram kept
    the scores do not depend on it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    probe = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from test_similarity import planted_set\n"
        "from grading.report import similarity\n"
        "_, codes, template = planted_set('01_market_size')\n"
        "print(sorted((p.a, p.b, round(p.score, 12)) for p in similarity.similar_pairs(codes, template)[1]))\n"
    )
    root = Path(__file__).resolve().parent.parent
    outputs = {
        subprocess.run([sys.executable, "-c", probe], cwd=root, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and "copy_of_perfect" in outputs.pop()
