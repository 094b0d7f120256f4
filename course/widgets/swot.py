"""Module 03 widgets: the SWOT explorer (weights and ratings) and the weight-shift explorer.

Both are thin faces: the numbers come from `course.swot.evaluate` (after
`course.swot.normalise_weights`) and `course.swot.shift_weights`, which the tests call
without a browser. Each widget's second child is an HTML line with the totals and the
strategy, so a test can see that moving a control changed the result.
"""
from __future__ import annotations

import html
import math

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.plotting.swot import plot_position
from course.swot import (
    ALLOWED_RATINGS, FAVOURABLE, MATRICES, TOWS_MEANINGS, UNFAVOURABLE, SwotError, default_ratings, default_weights,
    evaluate, factor_frame, group_shift_threshold, normalise_weights, shift_weights,
)


def _summary(result) -> str:
    return (
        f"<b>IFE total</b> {result.ife_total:.2f} &nbsp; <b>EFE total</b> {result.efe_total:.2f} &nbsp; -> "
        f"<b>{result.strategy}</b>: {html.escape(TOWS_MEANINGS[result.strategy])}"
    )


def _error(exc: Exception) -> str:
    return f"<span style='color:#b00'><b>Cannot evaluate:</b> {html.escape(str(exc))}</span>"


def swot_explorer(factors: pd.DataFrame, weights: dict | None = None, ratings: dict | None = None) -> widgets.Widget:
    """A weight slider and a rating slider per factor (IFE and EFE on two tabs); the matrices,
    the totals and the position chart update as you move them.

    The weight sliders set each factor's importance; the explorer divides them by their sum
    within each matrix (`normalise_weights`), so the weights always sum to 1. Rating sliders
    follow the convention: strengths 3-4, weaknesses 1-2, opportunities and threats 1-4.
    Defaults are the dataset's teaching choices.
    """
    table = factor_frame(factors)
    weights = dict(weights or default_weights(factors))
    ratings = dict(ratings or default_ratings(factors))
    weight_w: dict[str, widgets.FloatSlider] = {}
    rating_w: dict[str, widgets.IntSlider] = {}
    tabs = []
    for matrix in MATRICES:
        rows = []
        for _, row in table[table["matrix"] == matrix].iterrows():
            fid = row["factor_id"]
            low, high = min(ALLOWED_RATINGS[row["group"]]), max(ALLOWED_RATINGS[row["group"]])
            weight_w[fid] = widgets.FloatSlider(value=float(weights[fid]), min=0, max=0.3, step=0.01, description="weight",
                                                readout_format=".2f", continuous_update=False)
            rating_w[fid] = widgets.IntSlider(value=int(ratings[fid]), min=low, max=high, description="rating", continuous_update=False)
            label = widgets.HTML(f"<b>{fid}</b> {html.escape(str(row['factor']))}", layout=widgets.Layout(width="360px"))
            rows.append(widgets.HBox([label, weight_w[fid], rating_w[fid]]))
        tabs.append(widgets.VBox(rows))
    tab = widgets.Tab(children=tabs)
    for i, matrix in enumerate(MATRICES):
        tab.set_title(i, {"IFE": "IFE: strengths and weaknesses", "EFE": "EFE: opportunities and threats"}[matrix])
    summary = widgets.HTML()
    out = widgets.Output()

    def render(*_):
        importance = {k: w.value for k, w in weight_w.items()}
        chosen = {k: w.value for k, w in rating_w.items()}
        try:
            result = evaluate(factors, normalise_weights(factors, importance), chosen)
        except SwotError as exc:
            summary.value = _error(exc)
            with out:
                out.clear_output(wait=True)
            return
        summary.value = _summary(result) + " &nbsp; <i>(weights = slider values divided by their sum in each matrix)</i>"
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(6, 5.5))
            plot_position(pd.DataFrame([{"ife_total": result.ife_total, "efe_total": result.efe_total, "label": "your weights and ratings"}]), ax=ax)
            plt.show()
            for name, matrix in (("IFE", result.ife), ("EFE", result.efe)):
                print(f"{name} matrix (total {matrix['weighted_score'].sum():.2f})")
                display(matrix.round({"weight": 3, "weighted_score": 3}))

    for w in list(weight_w.values()) + list(rating_w.values()):
        w.observe(render, names="value")
    render()
    return widgets.VBox([tab, summary, out])


def shift_explorer(factors: pd.DataFrame, weights: dict | None = None, ratings: dict | None = None) -> widgets.Widget:
    """Pick a matrix and move weight between its two groups (strengths <-> weaknesses, or
    opportunities <-> threats, each group rescaled in proportion); the position moves on the
    chart, and the threshold at which the strategy flips is marked."""
    weights = dict(weights or default_weights(factors))
    ratings = dict(ratings or default_ratings(factors))
    base = evaluate(factors, weights, ratings)
    matrix_w = widgets.Dropdown(options=list(MATRICES), value="IFE", description="matrix")
    shift_w = widgets.FloatSlider(value=0.0, step=0.005, description="shift", readout_format="+.3f", continuous_update=False,
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
            summary.value = _error(exc)
            return
        threshold = group_shift_threshold(factors, weights, ratings, matrix)
        where = "no feasible shift reaches 2.5" if math.isnan(threshold) else f"the {matrix} total reaches 2.5 at a shift of {threshold:+.4f}"
        summary.value = (
            f"shift {shift_w.value:+.3f} of {matrix} weight from the {FAVOURABLE[matrix]} to the {UNFAVOURABLE[matrix]} group: "
            + _summary(shifted) + f" &nbsp; (before: {base.strategy}; {where})"
        )
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(6, 5.5))
            points = pd.DataFrame([
                {"ife_total": base.ife_total, "efe_total": base.efe_total, "label": "before the shift"},
                {"ife_total": shifted.ife_total, "efe_total": shifted.efe_total, "label": "after the shift"},
            ])
            plot_position(points, title=f"Shifting {shift_w.value:+.3f} of the {matrix} weight", ax=ax)
            plt.show()

    matrix_w.observe(lambda *_: (set_range(), render()), names="value")
    shift_w.observe(render, names="value")
    set_range()
    render()
    return widgets.VBox([widgets.HBox([matrix_w, shift_w]), summary, out])
