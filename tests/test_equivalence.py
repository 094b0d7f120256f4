"""For honest submissions the engine's scores are stock nbgrader's, question by question.

Every honest sample submission of every assignment (solution, perfect, partial, mistakes,
blank, and tampered, whose only trick is rewriting test cells, which both graders ignore)
is graded twice in the same run: by stock `nbgrader autograde` in the student's own kernel,
in a temporary workspace and gradebook, and by the engine. The scores must be equal for
every autograded test cell. Stock nbgrader takes about five seconds a notebook, so this is
the slowest test of the suite (a few minutes).
"""
from __future__ import annotations

import pytest

from grading import nbgrader_cli, release
from grading.engine.batch import grade_files
from grading.engine.pool import sandbox_available
from grading.gradebook import cell_scores
from grading.paths import SAMPLES, assignments, gradebook_url
from grading.samples import load_samples, write_submission

HONEST = ("solution", "perfect", "partial", "mistakes", "blank", "tampered")
ASSIGNMENTS = [a for a in assignments() if (SAMPLES / a).is_dir()]

pytestmark = pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = tmp_path_factory.mktemp("equivalence")
    mp = pytest.MonkeyPatch()
    mp.setenv("COURSE_GRADING_WORKSPACE", str(ws))
    mp.delenv("COURSE_GRADEBOOK_URL", raising=False)
    yield ws
    mp.undo()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_engine_scores_equal_stock_nbgrader(workspace, assignment):
    samples = [s for s in load_samples(assignment) if s.student_id in HONEST]
    assert {s.student_id for s in samples} == set(HONEST), "every assignment has the honest samples"
    files = {s.student_id: write_submission(s, workspace / "submitted") for s in samples}
    release.register([assignment])
    stock = nbgrader_cli.run(["autograde", assignment, "--force"])
    assert stock.ok, stock.tail()
    engine = grade_files(assignment, files)
    differences = []
    for student in HONEST:
        theirs = cell_scores(gradebook_url(), assignment, student)
        assert theirs is not None, f"stock nbgrader recorded nothing for {student}"
        ours = {q.grade_id: q.score for q in engine[student].questions}
        assert engine[student].status == "graded", engine[student].message
        for grade_id, score in ours.items():
            stock_score = theirs[grade_id].score
            if stock_score is None or abs(stock_score - score) > 1e-9:
                differences.append(f"{student} {grade_id}: engine {score:g}, stock {stock_score}")
    assert not differences, "\n".join(differences)
