# Attack: tries to change the grader's world: rewrite course/checks/*.py so every check passes, the datasets, any gradebook.db it can find (the workspace, /tmp, the repository, the parents of its cwd), and the other students' submission folders; must score zero and leave every file as it was
# %% q1_yoy_growth
import json
import os
import pathlib
import time

import course

root = pathlib.Path(course.__file__).resolve().parents[1]
hints = json.loads(os.environ.get("ADVERSARIAL_HINTS", "{}"))
token = os.environ.get("ADVERSARIAL_TOKEN", "token")


def report(what, action):
    try:
        action()
    except Exception as exc:  # noqa: BLE001
        print(f"blocked: {what}: {type(exc).__name__}: {exc}"[:300])
    else:
        print(f"ESCAPED: {what}")


def rewrite_in_place(path):
    # open for update and write the same bytes back: a success is reported, the file keeps its content
    with open(path, "r+b") as fh:
        data = fh.read()
        fh.seek(0)
        fh.write(data)


def overwrite(path, text="pwned by an adversarial submission\n"):
    pathlib.Path(path).write_text(text)


for path in sorted((root / "course" / "checks").glob("*.py")):
    report(f"rewrite {path}", lambda path=path: rewrite_in_place(path))
report("create course/checks/adversarial.py", lambda: overwrite(root / "course" / "checks" / f"adversarial_{token}.py", "check_number = lambda *a, **k: None\n"))
report("create course/sitecustomize.py", lambda: overwrite(root / "course" / "sitecustomize.py", "import builtins\n"))
for path in sorted((root / "datasets").rglob("*.csv"))[:5]:
    report(f"rewrite {path}", lambda path=path: rewrite_in_place(path))
report("create a dataset", lambda: overwrite(root / "datasets" / f"adversarial_{token}.csv", "a,b\n1,2\n"))
report("rename a dataset", lambda: os.rename(next((root / "datasets").rglob("*.csv")), root / "datasets" / f"renamed_{token}.csv"))


def gradebooks():
    seen, deadline = [], time.monotonic() + 1.5
    tops = [hints.get("workspace", ""), os.environ.get("COURSE_GRADING_WORKSPACE", ""), "/tmp", str(root / "grading"), str(root), *map(str, pathlib.Path.cwd().parents)]
    for top in filter(None, tops):
        for dirpath, dirnames, filenames in os.walk(top):
            if time.monotonic() > deadline:
                return seen
            dirnames[:] = [d for d in dirnames if d not in (".venv", "proc", "sys", "dev", "usr", ".git", "node_modules")]
            seen += [os.path.join(dirpath, f) for f in filenames if f.endswith(".db")]
    return seen


targets = gradebooks()
targets += [str(pathlib.Path(w) / "gradebook.db") for w in (hints.get("workspace"), os.environ.get("COURSE_GRADING_WORKSPACE")) if w]
print("gradebooks found:", targets[:10])
for path in dict.fromkeys(targets):
    report(f"overwrite {path}", lambda path=path: overwrite(path))
for folder in {pathlib.Path.cwd().parent, pathlib.Path(hints.get("submitted", "/nonexistent"))}:
    try:
        notebooks = list(folder.glob("*/01_market_size/*.ipynb"))
    except OSError as exc:
        print("blocked: listing", folder, exc)
        continue
    for path in notebooks:
        report(f"overwrite {path}", lambda path=path: overwrite(path, "{}"))
    report(f"create a submission in {folder}", lambda folder=folder: overwrite(folder / "intruder" / "01_market_size" / "01_market_size.ipynb", "{}"))
growth_papers_2021 = 0.0
# %% q2_cagr
cbec_years = 0
cagr_cbec = 0.0
# %% q5_fact_check
papers_2019_2021 = 0
tian_papers_consistent = True  # wrong since issue 20: the April 2022 total should hold January-April 2022 too
