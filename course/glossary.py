"""Each lecture's glossary: its key terms in English and in the papers' Chinese, with a source.

    >>> from course.glossary import show_glossary, glossary_table, terms
    >>> show_glossary("05_logistics")            # the table at the end of lecture 05
    >>> glossary_table("05_logistics", "zh")     # the same as a DataFrame, headers in Chinese

The terms come from the `glossary` dataset (`datasets/glossary.md`): one row per term and
module, with the Chinese term as the paper writes it and the quote that shows it there. A few
standard terms that the lectures use but no paper does are marked "not from the papers" and
cite their own source. These are pure functions: they read the dataset and return tables.
"""
from __future__ import annotations

import re

import pandas as pd
from pandas.io.formats.style import Styler

from course.data import load
from course.language import resolve_language, t
from course.schemas import MODULES

__all__ = ["GlossaryError", "MODULES", "terms", "citation", "glossary_table", "show_glossary", "glossary_html"]


class GlossaryError(ValueError):
    """An unknown module."""


def _check_module(module: str) -> str:
    if module not in MODULES:
        raise GlossaryError(f"unknown module {module!r}; the course's modules are {', '.join(MODULES)}")
    return module


def terms(module: str | None = None) -> pd.DataFrame:
    """The glossary rows of `module` (e.g. "01_market_size"), in the dataset's order, with all
    the dataset's columns; every module's rows if `module` is None."""
    frame = load("glossary")
    if module is None:
        return frame
    return frame[frame["module"] == _check_module(module)].reset_index(drop=True)


def _surnames_en(citation_text: str) -> str:
    # "Yang, Q., & Luo, Q. (2025). ..." -> "Yang and Luo"; "Anonymous (2025). ..." -> "Anonymous"
    authors = citation_text.split(" (")[0]
    return " and ".join(part.split(",")[0].strip() for part in authors.split("&"))


def _names_zh(authors: str) -> str:
    # "Yang Qian (杨倩); Luo Qi (罗琪)" -> "杨倩、罗琪"; an author without a Chinese name -> "佚名"
    names = re.findall(r"\(([\u4e00-\u9fff·]+)\)", authors)
    return "、".join(names) if names else "佚名"


def citation(source_id: str, language: str | None = None, sources: pd.DataFrame | None = None) -> str:
    """A paper's author-year citation from `paper_sources`: "Yang and Luo (2025)" in English,
    "杨倩、罗琪（2025）" in Chinese."""
    sources = load("paper_sources") if sources is None else sources
    rows = sources[sources["source_id"] == source_id]
    if rows.empty:
        raise GlossaryError(f"no paper with source_id {source_id!r} in paper_sources")
    row = rows.iloc[0]
    if resolve_language(language) == "zh":
        return f"{_names_zh(str(row['authors']))}（{row['year']}）"
    return f"{_surnames_en(str(row['citation']))} ({row['year']})"


def glossary_table(module: str, language: str | None = None) -> pd.DataFrame:
    """The glossary of `module` ready to show: English | 中文 | definition | source, one row per
    term. `language` ("en" or "zh"; default the course's, `course.language`) sets the headers
    and the form of the citations; the terms and definitions are the same in both."""
    language = resolve_language(language)
    rows = terms(module)
    sources = load("paper_sources")
    cited = {sid: citation(sid, language, sources) for sid in rows["source_id"].dropna().unique()}
    source = [
        cited[r.source_id] if r.source_kind == "paper" else t("glossary.not_from_papers", language, source=r.other_source)
        for r in rows.itertuples()
    ]
    return pd.DataFrame({
        t("glossary.english", language): rows["term_en"].astype(str).to_numpy(),
        t("glossary.chinese", language): rows["term_zh"].astype(str).to_numpy(),
        t("glossary.definition", language): rows["definition_en"].astype(str).to_numpy(),
        t("glossary.source", language): source,
    })


def show_glossary(module: str, language: str | None = None) -> Styler:
    """The glossary table of `module` styled for a notebook: no index, text aligned left and
    top, HTML escaped. The last cell of each lecture shows it (a notebook displays the Styler
    as an HTML table)."""
    table = glossary_table(module, language)
    return (
        Styler(table, uuid=f"glossary-{module}")  # a fixed id, so that the same table gives the same HTML
        .hide(axis="index")
        .format(escape="html")
        .set_properties(**{"text-align": "left", "vertical-align": "top"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    )


def glossary_html(module: str, language: str | None = None) -> str:
    """The glossary table of `module` as an HTML `<table>` (for a web page or a handout)."""
    return show_glossary(module, language).to_html()
