"""Where a module's lecture lives: one notebook or several units of one sitting.

A module's lecture is either one notebook, `course/lectures/NN_module.ipynb`, or units of one
sitting each, `course/lectures/NN_module_K_topic.ipynb` (K = 1, 2, ... in reading order), with
an optional appendix `NN_module_appendix_topic.ipynb` for what a unit leaves out. The module's
name stays at the front of every file name, so a module's lecture, assignment (`source/NN_module`),
data and widgets are found in one look.
"""
from __future__ import annotations

import re
from pathlib import Path

LECTURES = Path(__file__).resolve().parent / "lectures"

#: a unit's file name (without .ipynb): the module, then the unit's number or "appendix", then its topic
UNIT_NAME = re.compile(r"^(?P<module>\d\d_[a-z]+(?:_[a-z]+)*?)(?:_(?P<unit>\d|appendix)(?:_(?P<topic>[a-z0-9_]+))?)?$")

__all__ = ["LECTURES", "UNIT_NAME", "LectureNameError", "all_units", "units", "module_of", "first_unit", "shows_widgets"]


class LectureNameError(ValueError):
    """A notebook in course/lectures/ whose name says no module."""


def module_of(path: Path | str) -> str:
    """The module a lecture notebook belongs to, from its file name."""
    stem = Path(path).stem
    match = UNIT_NAME.match(stem)
    if not match:
        raise LectureNameError(
            f"{Path(path).name}: a lecture's file name is NN_module.ipynb or NN_module_K_topic.ipynb "
            "(K a unit number or 'appendix'; lower case, words joined by _)")
    return match["module"]


def _order(path: Path) -> tuple:
    unit = UNIT_NAME.match(path.stem)["unit"]
    return (module_of(path), 0 if unit is None else 10 if unit == "appendix" else int(unit), path.stem)


def all_units(folder: Path = LECTURES) -> list[Path]:
    """Every lecture notebook, by module and then in reading order (the appendix last)."""
    return sorted(folder.glob("*.ipynb"), key=_order)


def units(module: str, folder: Path = LECTURES) -> list[Path]:
    """The notebooks of one module's lecture, in reading order."""
    return [p for p in all_units(folder) if module_of(p) == module]


def first_unit(module: str, folder: Path = LECTURES) -> Path:
    found = units(module, folder)
    if not found:
        raise LectureNameError(f"module {module} has no lecture in {folder} (NN_module.ipynb or NN_module_K_topic.ipynb)")
    return found[0]


def shows_widgets(path: Path | str) -> bool:
    """Whether a lecture notebook must display a widget: a whole lecture (NN_module.ipynb) always
    does; a unit does when one of its code cells builds one from `course.widgets`. A unit of one
    sitting has a widget only where it answers a question a static figure cannot."""
    import nbformat

    if UNIT_NAME.match(Path(path).stem)["unit"] is None:
        return True
    nb = nbformat.read(path, as_version=4)
    return any(cell.cell_type == "code" and "course.widgets" in cell.source for cell in nb.cells)
