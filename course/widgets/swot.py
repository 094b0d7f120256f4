"""Module 03 widgets: the SWOT explorer (one factor's weight and rating) and the weight-shift explorer.

Both are thin faces: the numbers come from `course.swot.evaluate` (after
`course.swot.set_factor_weight`) and `course.swot.shift_weights`, which the tests call
without a browser. Each widget's second child is an HTML line with the totals and the
strategy, so a test can see that moving a control changed the result. Their labels are in the
course's language at the time a widget is built (`course.language`).
"""
from __future__ import annotations

import html
import math
import textwrap

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.plotting.swot import plot_position
from course.swot import (
    ALLOWED_RATINGS, FAVOURABLE, MATRICES, TOWS_MEANINGS, UNFAVOURABLE, SwotError, default_ratings, default_weights,
    evaluate, factor_frame, group_shift_threshold, set_factor_weight, shift_weights,
)
from course.widgets._i18n import get_language, plot_language, relabel_texts, t


def _summary(result, lang: str = "en") -> str:
    return t("swot.summary", lang, ife=result.ife_total, efe=result.efe_total, strategy=result.strategy,
             meaning=html.escape(t(f"swot.tows.{result.strategy}", lang)))


def _error(exc: Exception, lang: str = "en") -> str:
    return f"<span style='color:#b00'><b>{t('swot.cannot_evaluate', lang)}</b> {html.escape(str(exc))}</span>"


def _position_labels(ax, plang: str) -> None:
    """The position chart's axis labels and its quadrants' strategy texts in `plang`."""
    ax.set(xlabel=t("swot.plot.ife_axis", plang), ylabel=t("swot.plot.efe_axis", plang))
    if plang != "en":
        def quadrant(text: str) -> str | None:
            cell = text.split("\n", 1)[0]
            return f"{cell}\n{t(f'swot.tows.{cell}', plang)}" if cell in TOWS_MEANINGS and "\n" in text else None

        relabel_texts(ax, quadrant)


def swot_explorer(factors: pd.DataFrame, weights: dict | None = None, ratings: dict | None = None, factor: str = "W4") -> widgets.Widget:
    """Three controls: a factor, its weight and its rating. The other factors of its matrix
    share the rest of the weight in proportion (`course.swot.set_factor_weight`, the
    convention of `single_factor_thresholds`); the totals, the strategy and the position
    chart (before and after) update as you move them.

    The question it answers: does my judgement of *this* factor, its importance and its
    rating together, change the recommended strategy? Figure 4 of lecture 03's first unit
    draws the weights alone for every factor at the default ratings; the widget adds the
    rating. The rating slider follows the convention: strengths 3-4, weaknesses 1-2,
    opportunities and threats 1-4. Defaults are the dataset's teaching choices.
    """
    lang = get_language()
    table = factor_frame(factors).set_index("factor_id")
    weights = dict(weights or default_weights(factors))
    ratings = dict(ratings or default_ratings(factors))
    base = evaluate(factors, weights, ratings)
    options = [(f"{fid} {textwrap.shorten(str(row['factor']), width=48, placeholder='...')}", fid) for fid, row in table.iterrows()]
    factor_w = widgets.Dropdown(options=options, value=factor, description=t("swot.factor", lang), layout=widgets.Layout(width="460px"))
    weight_w = widgets.FloatSlider(min=0, max=1, step=0.01, description=t("swot.weight", lang), readout_format=".2f", continuous_update=False)
    rating_w = widgets.IntSlider(min=1, max=4, description=t("swot.rating", lang), continuous_update=False)
    summary = widgets.HTML()
    out = widgets.Output()
    busy = {"reset": False}

    def reset(*_):
        fid = factor_w.value
        allowed = ALLOWED_RATINGS[table.loc[fid, "group"]]
        busy["reset"] = True
        rating_w.min, rating_w.max = 1, 4          # widen first, so that min <= max at every step
        rating_w.value = int(ratings[fid])
        rating_w.min, rating_w.max = min(allowed), max(allowed)
        weight_w.value = float(weights[fid])
        busy["reset"] = False
        render()

    def render(*_):
        if busy["reset"]:
            return
        fid = factor_w.value
        try:
            moved = set_factor_weight(factors, weights, fid, weight_w.value)
            result = evaluate(factors, moved, {**ratings, fid: rating_w.value})
        except SwotError as exc:
            summary.value = _error(exc, lang)
            return
        chosen = t("swot.factor_line", lang, factor=html.escape(f"{fid} {table.loc[fid, 'factor']}"), weight=weight_w.value, rating=rating_w.value)
        summary.value = (chosen + "<br>" + _summary(result, lang)
                         + t("swot.before", lang, strategy=base.strategy, where=t("swot.factor_note", lang)))
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            fig, ax = plt.subplots(figsize=(6, 5.5))
            points = pd.DataFrame([
                {"ife_total": base.ife_total, "efe_total": base.efe_total, "label": t("swot.plot.defaults", plang)},
                {"ife_total": result.ife_total, "efe_total": result.efe_total, "label": t("swot.plot.yours", plang)},
            ])
            plot_position(points, title=t("swot.plot.position_title", plang), ax=ax)
            _position_labels(ax, plang)
            plt.show()

    factor_w.observe(reset, names="value")
    weight_w.observe(render, names="value")
    rating_w.observe(render, names="value")
    reset()
    return widgets.VBox([widgets.HBox([factor_w, weight_w, rating_w]), summary, out])


def shift_explorer(factors: pd.DataFrame, weights: dict | None = None, ratings: dict | None = None) -> widgets.Widget:
    """Pick a matrix and move weight between its two groups (strengths <-> weaknesses, or
    opportunities <-> threats, each group rescaled in proportion); the position moves on the
    chart, and the threshold at which the strategy flips is marked."""
    weights = dict(weights or default_weights(factors))
    ratings = dict(ratings or default_ratings(factors))
    lang = get_language()
    base = evaluate(factors, weights, ratings)
    matrix_w = widgets.Dropdown(options=list(MATRICES), value="IFE", description=t("swot.matrix", lang))
    shift_w = widgets.FloatSlider(value=0.0, step=0.005, description=t("swot.shift", lang), readout_format="+.3f", continuous_update=False,
                                  layout=widgets.Layout(width="420px"))
    summary = widgets.HTML()
    out = widgets.Output()

    def set_range(*_):
        table = base.ife if matrix_w.value == "IFE" else base.efe
        fav = float(table.loc[table["group"] == FAVOURABLE[matrix_w.value], "weight"].sum())
        unfav = float(table.loc[table["group"] == UNFAVOURABLE[matrix_w.value], "weight"].sum())
        shift_w.value = 0.0
        shift_w.min, shift_w.max = -round(unfav, 3), round(fav, 3)

    def render(*_):
        matrix = matrix_w.value
        try:
            shifted = evaluate(factors, shift_weights(factors, weights, matrix, shift_w.value), ratings)
        except SwotError as exc:
            summary.value = _error(exc, lang)
            return
        threshold = group_shift_threshold(factors, weights, ratings, matrix)
        where = t("swot.no_flip", lang) if math.isnan(threshold) else t("swot.flip_at", lang, matrix=matrix, threshold=threshold)
        summary.value = (
            t("swot.shift_summary", lang, shift=shift_w.value, matrix=matrix, favourable=t(f"swot.group.{FAVOURABLE[matrix]}", lang),
              unfavourable=t(f"swot.group.{UNFAVOURABLE[matrix]}", lang))
            + _summary(shifted, lang) + t("swot.before", lang, strategy=base.strategy, where=where)
        )
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            fig, ax = plt.subplots(figsize=(6, 5.5))
            points = pd.DataFrame([
                {"ife_total": base.ife_total, "efe_total": base.efe_total, "label": t("swot.plot.before_shift", plang)},
                {"ife_total": shifted.ife_total, "efe_total": shifted.efe_total, "label": t("swot.plot.after_shift", plang)},
            ])
            plot_position(points, title=t("swot.plot.shift_title", plang, shift=shift_w.value, matrix=matrix), ax=ax)
            _position_labels(ax, plang)
            plt.show()

    matrix_w.observe(lambda *_: (set_range(), render()), names="value")
    shift_w.observe(render, names="value")
    set_range()
    render()
    return widgets.VBox([widgets.HBox([matrix_w, shift_w]), summary, out])
