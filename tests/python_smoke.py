"""The smoke test's inside: run by another Python's fresh environment (tests/test_python_versions.py).

    <clone>/.venv/bin/python tests/python_smoke.py <output folder>

In the clone it runs one lecture top to bottom in a kernel of that environment, grades the
bundled samples of one assignment with the engine, and checks one sample in CI mode
(`python -m grading check`, a child process), then prints one JSON object: the interpreter's
version, the lecture's errors, and every score next to the expected one. The test decides.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LECTURE = "01_market_size"
ASSIGNMENT = "01_market_size"
CHECKED = "partial"  # the sample checked in CI mode


def run_lecture(name: str) -> tuple[list[str], str]:
    """The lecture's error outputs, and the Python version of the kernel that ran it."""
    from course.lecture_units import first_unit
    from lecture_run import execute_fresh  # tests/: a cell without reply is waited for 20 s, then the lecture runs again

    path = first_unit(name, ROOT / "course" / "lectures")
    nb = execute_fresh(path).notebook
    errors = [f"cell {i}: {o.get('ename')}: {o.get('evalue')}" for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    return errors, str(nb.metadata.get("language_info", {}).get("version", ""))


def main(out: Path) -> dict:
    from grading.engine.batch import grade_files
    from grading.engine.spec import AssignmentSpec
    from grading.samples import expected_scores, load_samples, write_submission

    report: dict = {"python": sys.version.split()[0], "executable": sys.executable}
    report["lecture_errors"], report["kernel_python"] = run_lecture(LECTURE)
    samples = load_samples(ASSIGNMENT)
    files = {s.student_id: write_submission(s, out / "submitted") for s in samples}
    results = grade_files(ASSIGNMENT, files)
    autograded = {t.grade_id for t in AssignmentSpec.load(ASSIGNMENT).tests}  # not the cells graded by hand
    expected = [row for row in expected_scores(ASSIGNMENT) if row["grade_id"] in autograded]
    report["engine"] = [{"student_id": row["student_id"], "grade_id": row["grade_id"], "expected": float(row["score"]), "status": results[row["student_id"]].status,
                         "got": next((q.score for q in results[row["student_id"]].questions if q.grade_id == row["grade_id"]), None)} for row in expected]
    checked = out / "check.json"
    run = subprocess.run([sys.executable, "-m", "grading", "check", str(files[CHECKED]), "--json", str(checked)],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    report["check"] = {"exit": run.returncode, "stderr": run.stderr[-2000:],
                       "result": json.loads(checked.read_text(encoding="utf-8")) if checked.is_file() else None,
                       "expected": {row["grade_id"]: float(row["score"]) for row in expected if row["student_id"] == CHECKED}}
    return report


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("MPLBACKEND", "Agg")
    print(json.dumps(main(folder)))
