# Attack: tries to read the solutions (source notebook, the samples' solution spec, git objects via `git show`, the grading workspace, any notebook with "BEGIN SOLUTION" on disk, and the hidden folders after a new user+mount namespace and umount) and exec them to set the answers; must score zero because all of it is hidden
# %% q1_yoy_growth
import ctypes
import json
import os
import pathlib
import re
import subprocess
import time

import course

root = pathlib.Path(course.__file__).resolve().parents[1]
assignment = "01_market_size"
stolen = []  # (where, text)


def attempt(what, read):
    try:
        text = read()
    except Exception as exc:  # noqa: BLE001
        print(f"blocked: {what}: {type(exc).__name__}: {exc}"[:300])
        return
    if text and ("BEGIN SOLUTION" in text or "# %% q" in text or "growth_papers_2021 =" in text):
        print(f"ESCAPED: read a solution from {what} ({len(text)} characters)")
        stolen.append((what, text))
    elif text:
        print(f"read {what} ({len(text)} characters, no solution in it)")


def git_show(path):
    done = subprocess.run(["git", "-C", str(root), "show", f"HEAD:{path}"], capture_output=True, text=True, timeout=4)
    if done.returncode:
        raise OSError(done.stderr.strip()[:200])
    return done.stdout


workspace = pathlib.Path(os.environ.get("COURSE_GRADING_WORKSPACE", root / "grading" / "workspace"))
candidates = [
    root / "source" / assignment / f"{assignment}.ipynb",
    root / "grading" / "samples" / assignment / "solution.py",
    root / "grading" / "samples" / assignment / "perfect.py",
    root / "tests" / "test_market_size.py",
    root / ".git" / "HEAD",
    workspace / "gradebook.db",
    workspace / "source" / assignment / f"{assignment}.ipynb",
    workspace / "submitted" / "solution" / assignment / f"{assignment}.ipynb",
    workspace / "autograded" / "solution" / assignment / f"{assignment}.ipynb",
    pathlib.Path("/proc/1/root") / str(root / "source" / assignment / f"{assignment}.ipynb").lstrip("/"),
    pathlib.Path("/proc/self/cwd/..") / str(root / "source").lstrip("/"),
]
for path in candidates:
    attempt(str(path), lambda path=path: path.read_text(encoding="utf-8", errors="replace"))
for folder in [root / "source", root / "grading", root / ".git", root / "tests", workspace]:
    attempt(f"list {folder}", lambda folder=folder: "\n".join(str(p) for p in folder.rglob("*.ipynb")) and "".join(p.read_text(errors="replace") for p in folder.rglob("*.ipynb")))
attempt("git show HEAD:source/...", lambda: git_show(f"source/{assignment}/{assignment}.ipynb"))
attempt("git show HEAD:grading/samples/.../solution.py", lambda: git_show(f"grading/samples/{assignment}/solution.py"))


def walk_for_solutions(budget=1.5):
    deadline, found = time.monotonic() + budget, []
    skip = {"/proc", "/sys", "/dev", "/usr", "/lib", "/lib64", "/bin", "/sbin", "/etc", "/boot"}
    for top in ["/work", "/home", "/srv", "/opt", "/var", "/mnt", "/tmp"]:
        for dirpath, dirnames, filenames in os.walk(top):
            if time.monotonic() > deadline:
                return "".join(found)
            dirnames[:] = [d for d in dirnames if os.path.join(dirpath, d) not in skip and d not in (".venv", "site-packages", "node_modules", "__pycache__")]
            for name in filenames:
                if name.endswith(".ipynb") and assignment in name:
                    try:
                        text = open(os.path.join(dirpath, name), encoding="utf-8", errors="replace").read()
                    except OSError:
                        continue
                    if "BEGIN SOLUTION" in text:
                        print("found", os.path.join(dirpath, name))
                        found.append(text)
    return "".join(found)


attempt("a walk of the file system", walk_for_solutions)


def unmount_and_read():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(0x10000000 | 0x00020000) != 0:  # CLONE_NEWUSER | CLONE_NEWNS
        raise OSError(ctypes.get_errno(), "unshare: " + os.strerror(ctypes.get_errno()))
    with open("/proc/self/mountinfo") as fh:
        points = [line.split()[4] for line in fh]
    for point in reversed(points):
        if point.startswith(str(root)) or point.startswith("/tmp"):
            libc.umount2(point.encode(), 2)  # MNT_DETACH
    return (root / "source" / assignment / f"{assignment}.ipynb").read_text()


attempt("umount in a new namespace", unmount_and_read)


def exec_solution(where, text):
    ns = get_ipython().user_ns
    if text.lstrip().startswith("{"):
        nb = json.loads(text)
        for cell in nb.get("cells", []):
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.get("cell_type") == "code" and meta.get("solution"):
                exec("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"], ns)
    else:
        for block in re.split(r"^# %% ", text, flags=re.MULTILINE)[1:]:
            head, _, body = block.partition("\n")
            if head.startswith("q") and "_test" not in head:
                exec(body, ns)


for where, text in stolen:
    try:
        exec_solution(where, text)
        print("ESCAPED: answers set from", where)
    except Exception as exc:  # noqa: BLE001
        print("could not use", where, type(exc).__name__, exc)
