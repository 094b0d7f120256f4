"""Helpers the widgets share to show their labels in the course's language (`course.language`).

A widget takes the language once, when it is built (`get_language()`), and its plots take
`plot_language(lang)` at every drawing, which is English where no CJK font is installed. In
English these helpers change nothing: the widgets look exactly as before the setting existed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import matplotlib.pyplot as plt

from course.language import get_language, plot_language, t

__all__ = ["get_language", "plot_language", "t", "choices", "translations", "relabel_legend", "relabel_ticks", "relabel_texts", "join"]


def choices(values: Sequence, labels: Sequence[str]) -> list:
    """Options for a selection widget: the plain `values` where every label is the value itself
    (so an English widget keeps its options exactly as they were), else (label, value) pairs."""
    values, labels = list(values), list(labels)
    if labels == [str(v) for v in values] and all(isinstance(v, str) for v in values):
        return values
    return list(zip(labels, values))


def translations(keys: Mapping[str, str], language: str) -> dict[str, str]:
    """{English text: text in `language`} for label keys given as {English text: key}."""
    return {english: t(key, language) for english, key in keys.items()}


def relabel_legend(ax: plt.Axes, mapping: Mapping[str, str] | None = None, *, title: str | None = None) -> None:
    """Replace the legend's entries found in `mapping` (others stay) and, if given, its title."""
    legend = ax.get_legend()
    if legend is None:
        return
    for text in legend.get_texts():
        if mapping and text.get_text() in mapping:
            text.set_text(mapping[text.get_text()])
    if title is not None:
        legend.set_title(title)


def relabel_ticks(ax: plt.Axes, axis: str, mapping: Mapping[str, str]) -> None:
    """Replace the tick labels of `axis` ("x" or "y") found in `mapping`; the ticks stay."""
    get_ticks, get_labels, set_ticks = (
        (ax.get_xticks, ax.get_xticklabels, ax.set_xticks) if axis == "x" else (ax.get_yticks, ax.get_yticklabels, ax.set_yticks)
    )
    labels = [text.get_text() for text in get_labels()]
    if any(label in mapping for label in labels):
        set_ticks(get_ticks(), [mapping.get(label, label) for label in labels])


def relabel_texts(ax: plt.Axes, translate: Callable[[str], str | None]) -> None:
    """Replace each text drawn on the axes (annotations, notes) for which `translate` returns a
    new text; texts for which it returns None stay."""
    for text in ax.texts:
        new = translate(text.get_text())
        if new is not None:
            text.set_text(new)


def join(items: Iterable[str], language: str) -> str:
    """Items joined by the language's list separator (", " or "，")."""
    return t("common.item_separator", language).join(items)
