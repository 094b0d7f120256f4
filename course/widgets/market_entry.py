"""Module 09 widget: weight sliders over the decision matrix; the ranking and the chart
update as the sliders move. A thin face over `course.market_entry`. Its labels are in the course's
language at the time it is built (`course.language`)."""
from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.market_entry import CRITERIA, CRITERION_LABELS, DEFAULT_WEIGHTS, MARKET_SIZE, contributions, rank_markets, weights_from_points
from course.plotting.market_entry import plot_contributions
from course.widgets._i18n import get_language, join, plot_language, relabel_legend, t


def _criterion(column: str, language: str) -> str:
    """A criterion's name in `language`: its label for the course's criteria and the lecture's
    market size, else the column name with spaces."""
    return t(f"market_entry.criterion.{column}", language) if column in (*CRITERIA, MARKET_SIZE) else column.replace("_", " ")


def explore_weights(normalised: pd.DataFrame, points: Mapping[str, float]) -> tuple[dict[str, float], pd.DataFrame, pd.DataFrame]:
    """What the widget shows for slider positions `points`: the weights (points divided by
    their sum), the ranking and the contributions of each criterion."""
    weights = weights_from_points(points)
    return weights, rank_markets(normalised, weights), contributions(normalised, weights)


def weight_explorer(normalised: pd.DataFrame, weights: Mapping[str, float] | None = None) -> widgets.Widget:
    """One slider per criterion (importance points, 0 to 10); the weights are the points
    divided by their sum. Shows the weights, the ranking and the stacked scores."""
    lang = get_language()
    start = dict(DEFAULT_WEIGHTS if weights is None else weights)
    sliders = {
        c: widgets.FloatSlider(value=round(10 * start.get(c, 0.0) / max(start.values()), 1), min=0, max=10, step=0.5, description=_criterion(c, lang), continuous_update=False,
                                style={"description_width": "initial"}, layout=widgets.Layout(width="460px"))
        for c in normalised.columns
    }
    out = widgets.Output()
    box = widgets.VBox([widgets.VBox(list(sliders.values())), out])
    #: what the widget shows now (weights, ranking), for tests and for reading in code
    box.result = {}

    def render(*_):
        points = {c: s.value for c, s in sliders.items()}
        with out:
            out.clear_output(wait=True)
            if sum(points.values()) <= 0:
                box.result = {}
                print(t("market_entry.no_importance", lang))
                return
            w, ranked, contrib = explore_weights(normalised, points)
            box.result = {"weights": w, "ranking": ranked["iso2"].tolist()}
            names = {c: _criterion(c, lang) for c in w}
            print(t("market_entry.weights", lang, items=join((f"{names[c]} {v:.0%}" for c, v in w.items()), lang)))
            print(t("market_entry.ranking", lang, top=ranked["iso2"].iloc[0], ranking=" > ".join(ranked["iso2"])))
            plang = plot_language(lang)
            fig, ax = plt.subplots()
            plot_contributions(contrib, title=t("market_entry.plot.title", plang), ax=ax)
            ax.set(xlabel=t("market_entry.plot.score", plang), ylabel=t("common.market", plang))
            if plang != "en":
                relabel_legend(ax, {CRITERION_LABELS[c].split(" (")[0]: t(f"market_entry.legend.{c}", plang) for c in (*CRITERIA, MARKET_SIZE)})
            plt.show()

    for s in sliders.values():
        s.observe(render, names="value")
    render()
    return box


__all__ = ["CRITERIA", "explore_weights", "weight_explorer"]
