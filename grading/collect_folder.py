"""Collect a folder of submissions into the grading workspace, as `nbgrader collect` would.

    python -m grading collect-folder FOLDER --assignment 01_market_size

Accepted layouts (the student id is a folder or file name; anything else is reported):

    FOLDER/<student>/<assignment>/<name>.ipynb    nbgrader's own `submitted/` layout
    FOLDER/<student>/<name>.ipynb                 one folder per student
    FOLDER/<student>.ipynb                        one file per student

Each notebook lands in `<workspace>/submitted/<student>/<assignment>/<released name>.ipynb`,
replacing an earlier copy. A student with two notebooks for the assignment, a file that is not
a notebook, or a name that is not a valid student id is reported and skipped, never guessed.
Exit status of the command: 0 all collected, 1 some skipped (the rest are in place), 2 nothing
collected or no such folder (as `collect-zip`).
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from grading.plain_data import safe_text
from grading.paths import released_notebook, workspace

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")


class CollectError(RuntimeError):
    """The folder cannot be collected at all (the message names it and why)."""


@dataclass
class Collected:
    placed: dict[str, Path] = field(default_factory=dict)  # student -> notebook in submitted/
    skipped: list[str] = field(default_factory=list)  # "path: why"

    def report(self) -> str:
        lines = [f"collected {len(self.placed)} submission(s): {', '.join(sorted(self.placed)) or 'none'}"]
        lines += [f"  skipped {why}" for why in self.skipped]
        # a file name is whatever bytes a student's machine made: undecodable ones print as U+FFFD
        return safe_text("\n".join(lines))


def collect_folder(folder: Path, assignment: str) -> Collected:
    folder = Path(folder)
    if not folder.is_dir():
        raise CollectError(f"{folder}: no such folder of submissions")
    name = released_notebook(assignment).name
    found: dict[str, list[Path]] = {}
    done = Collected()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        parts = path.relative_to(folder).parts
        if path.suffix != ".ipynb":
            done.skipped.append(f"{path.relative_to(folder)}: not a notebook")
            continue
        if len(parts) == 1:
            student = path.stem
        elif len(parts) == 2 or (len(parts) == 3 and parts[1] == assignment):
            student = parts[0]
        else:
            done.skipped.append(f"{path.relative_to(folder)}: not in a layout this command reads (see `collect-folder --help`)")
            continue
        if not STUDENT_ID.match(student):
            done.skipped.append(f"{path.relative_to(folder)}: {student!r} is not a valid student id (letters, digits, _ . @ -)")
            continue
        found.setdefault(student, []).append(path)
    target_root = workspace() / "submitted"
    for student, paths in sorted(found.items()):
        if len(paths) > 1:
            listed = ", ".join(str(p.relative_to(folder)) for p in paths)
            done.skipped.append(f"{student}: {len(paths)} notebooks ({listed}); keep one")
            continue
        target = target_root / student / assignment / name
        if target.parent.exists():
            shutil.rmtree(target.parent)
        target.parent.mkdir(parents=True)
        shutil.copyfile(paths[0], target)
        done.placed[student] = target
    return done
