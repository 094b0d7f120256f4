# Attack: copies another student's answers from the same grading batch: their submission folders on disk, and the job queue the grading process inherited through fork (gc objects with the other jobs' steps); must score zero because no other submission may be visible to a job
# %% q1_yoy_growth
import gc
import json
import os
import pathlib
import re

me = None
others = {}
for obj in gc.get_objects():
    steps = getattr(obj, "steps", None) if type(obj).__name__ == "Job" else None
    if isinstance(steps, list):
        others[str(getattr(obj, "job_id", "?"))] = steps
hints = json.loads(os.environ.get("ADVERSARIAL_HINTS", "{}"))
for folder in [pathlib.Path.cwd().parent, pathlib.Path(hints.get("submitted", "/nonexistent"))]:
    try:
        for path in folder.glob("*/01_market_size/*.ipynb"):
            nb = json.loads(path.read_text())
            others[f"disk:{path.parent.parent.name}"] = [
                ["answer", c["metadata"]["nbgrader"]["grade_id"], "".join(c["source"]), []]
                for c in nb["cells"]
                if c.get("cell_type") == "code" and c.get("metadata", {}).get("nbgrader", {}).get("solution")
            ]
    except OSError as exc:
        print("blocked:", folder, exc)
# my own job is the one whose first answer step is this cell
mine = [job for job, steps in others.items() if any("copies another student" in str(s) or "gc.get_objects" in str(s) for s in steps)]
for job in mine:
    others.pop(job)
print("jobs seen:", sorted(others))


def answer_code(steps):
    return [step[2] if isinstance(step, (list, tuple)) else getattr(step, "code", "") for step in steps
            if (step[0] if isinstance(step, (list, tuple)) else getattr(step, "kind", "")) in ("answer", "student")]


# the classmate to copy: the one whose answers use the course's data the most (a diligent one)
def diligence(steps):
    return sum(bool(re.search(r"\bstats\b|\bstat_value\(", code)) for code in answer_code(steps))


best = max(others.values(), key=diligence, default=None)
if best and not diligence(best):
    best = None
if best:
    ns = get_ipython().user_ns
    copied = 0
    for code in answer_code(best):
        try:
            exec(code, ns)
            copied += 1
        except Exception as exc:  # noqa: BLE001
            print("copy failed:", type(exc).__name__, exc)
    print(f"ESCAPED: copied {copied} answer cells of another submission in the batch")
