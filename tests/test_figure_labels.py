"""Every figure of every lecture speaks to a student, not in code.

Each lecture is executed (once per session, shared with tests/test_lectures.py) and every title,
axis label, tick label, legend entry and text drawn on the axes of every matplotlib figure is
read. None may look like an identifier: a snake_case name (`landed_cost_usd`), a bare
True/False, or a dataset id (`tian2022`).
"""
from __future__ import annotations

import re

import pytest

from tests.lecture_run import LECTURES, executed

SNAKE_CASE = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")
BOOLEAN = re.compile(r"^\s*(True|False|true|false|None|nan|NaN)\s*$")
DATASET_ID = re.compile(r"\b(?:tian|socialized|liu|gan|yang|luo)_?\d{4}\b", re.IGNORECASE)


def identifier_in(text: str) -> str | None:
    """The part of `text` that looks like an identifier, or None."""
    for pattern in (BOOLEAN, SNAKE_CASE, DATASET_ID):
        match = pattern.search(text)
        if match:
            return match.group(0).strip()
    return None


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("postal_small_packet", "postal_small_packet"),
        ("landed cost (landed_cost_usd)", "landed_cost_usd"),
        ("False", "False"),
        (" True ", "True"),
        ("tian2022", "tian2022"),
        ("Yang2025", "Yang2025"),
        ("Tian (2022)", None),
        ("landed cost (USD)", None),
        ("GMV per 1,000 viewers", None),
        ("2024", None),
        ("−0.5", None),
        ("海外仓", None),
        ("Kogut-Singh distance", None),
        ("True or false?", None),
    ],
)
def test_the_identifier_rule(text, bad):
    assert identifier_in(text) == bad


@pytest.mark.parametrize("path", LECTURES, ids=[p.stem for p in LECTURES])
def test_figures_have_human_labels(path):
    lecture = executed(path)
    assert lecture.figures, f"{path.name}: no figure was drawn (the hook saw none)"
    problems = sorted({
        f"{path.name}, figure {figure.number} (cell {figure.cell_id}), {what}: {text!r} looks like an identifier ({bad!r})"
        for figure in lecture.figures
        for what, text in figure.texts
        if (bad := identifier_in(text))
    })
    assert not problems, "\n".join(problems)


CAPTION = re.compile(r"\*Figure (\d+)\.(.*?)(?<!\\)\*", re.DOTALL)


@pytest.mark.parametrize("path", LECTURES, ids=[p.stem for p in LECTURES])
def test_every_figure_caption_has_alt_text(path):
    """Each figure's caption (the markdown line starting *Figure N.*) says in words what the
    figure shows ("Alt text: ..."), for a reader who cannot see it; figures are numbered 1, 2, ..."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    captions = [m for cell in nb.cells if cell.cell_type == "markdown" for m in CAPTION.finditer(cell.source)]
    assert captions, f"{path.name}: no figure captions (*Figure N. ...*)"
    assert [int(m.group(1)) for m in captions] == list(range(1, len(captions) + 1)), f"{path.name}: figures are not numbered 1, 2, ..."
    missing = [f"Figure {m.group(1)}" for m in captions if "Alt text:" not in " ".join(m.group(2).split())]
    assert not missing, f"{path.name}: captions without alt text: {', '.join(missing)}"
