"""Module 07 widget: weight sliders over the decision matrix; the ranking and the chart
update as the sliders move. A thin face over `course.market_entry`."""
from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.market_entry import CRITERIA, DEFAULT_WEIGHTS, contributions, rank_markets, weights_from_points
from course.plotting.market_entry import plot_contributions


def explore_weights(normalised: pd.DataFrame, points: Mapping[str, float]) -> tuple[dict[str, float], pd.DataFrame, pd.DataFrame]:
    """What the widget shows for slider positions `points`: the weights (points divided by
    their sum), the ranking and the contributions of each criterion."""
    weights = weights_from_points(points)
    return weights, rank_markets(normalised, weights), contributions(normalised, weights)


def weight_explorer(normalised: pd.DataFrame, weights: Mapping[str, float] | None = None) -> widgets.Widget:
    """One slider per criterion (importance points, 0 to 10); the weights are the points
    divided by their sum. Shows the weights, the ranking and the stacked scores."""
    start = dict(DEFAULT_WEIGHTS if weights is None else weights)
    sliders = {
        c: widgets.FloatSlider(value=round(10 * start.get(c, 0.0) / max(start.values()), 1), min=0, max=10, step=0.5, description=c.replace("_", " ")[:18], continuous_update=False, style={"description_width": "130px"})
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
                print("give at least one criterion some importance")
                return
            w, ranked, contrib = explore_weights(normalised, points)
            box.result = {"weights": w, "ranking": ranked["iso2"].tolist()}
            print("weights: " + ", ".join(f"{c} {v:.0%}" for c, v in w.items()))
            print(f"top market: {ranked['iso2'].iloc[0]}   ranking: {' > '.join(ranked['iso2'])}")
            fig, ax = plt.subplots()
            plot_contributions(contrib, ax=ax)
            plt.show()

    for s in sliders.values():
        s.observe(render, names="value")
    render()
    return box


__all__ = ["CRITERIA", "explore_weights", "weight_explorer"]
