# Attack: reads the grading user's home folder (hidden_paths lists it): its nbgrader cache of submitted notebooks and the notebooks at its top, and execs any solution found; must fail because the home folder is hidden, and it scores zero
# %% q1_yoy_growth
import json
import os
import pathlib
import pwd
import sys

home = pathlib.Path(pwd.getpwuid(os.getuid()).pw_dir)
try:
    entries = os.listdir(home)
except OSError as exc:
    print(f"blocked: list {home}: {exc}")
else:
    # the names of the entries may show (each is covered by an empty mount); what is in them may not
    readable = []
    for name in entries:
        entry = home / name
        try:
            if entry.is_dir() and os.listdir(entry) and not (sys.prefix.startswith(str(entry)) or sys.base_prefix.startswith(str(entry))):
                readable.append(name)
            elif entry.is_file() and entry.read_bytes():
                readable.append(name)
        except OSError:
            pass
    if readable:
        print(f"ESCAPED: read what is in the grading user's home folder {home}: {readable[:5]}")
cache = home / ".local" / "share" / "jupyter" / "nbgrader_cache"
found = []
try:
    found = [p for p in cache.rglob("*.ipynb")] + [p for p in home.glob("*.ipynb")]
except OSError as exc:
    print(f"blocked: {cache}: {exc}")
for path in found[:20]:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        print(f"blocked: {path}: {exc}")
        continue
    print(f"ESCAPED: read a notebook in the home folder ({len(text)} characters)")
    if "BEGIN SOLUTION" in text:
        for cell in json.loads(text).get("cells", []):
            if cell.get("cell_type") == "code" and cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
                exec("".join(cell["source"]), get_ipython().user_ns)
        print("ESCAPED: answers set from", path.name)
growth_papers_2021 = globals().get("growth_papers_2021", -1.0)
