"""Module 01 widgets: the market explorer and the compounding explorer."""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import display

from course.market_size import explore, growth_paths, series_names, series_table
from course.plotting import plot_series


def market_explorer(stats: pd.DataFrame) -> widgets.Widget:
    """Pick a series and a period; see every paper's figures, the growth and the CAGR."""
    names = series_names(stats)
    series = widgets.Dropdown(options=names, value=names[0], description="series")
    period = widgets.IntRangeSlider(description="period", continuous_update=False)
    out = widgets.Output()

    def set_years(*_):
        years = series_table(stats, series.value)["year"]
        lo, hi = int(years.min()), int(years.max())
        # widen first, then narrow, so the slider's value always lies within its bounds
        period.max = max(hi, period.max)
        period.min = min(lo, period.min)
        period.value = (lo, hi)
        period.min, period.max = lo, hi

    def render(*_):
        result = explore(stats, series.value, *period.value)
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots()
            plot_series(result.table, title=series.value, ax=ax)
            plt.show()
            print(result.text())
            display(result.table[["year", "value", "unit", "source_id", "original", "scope"]])

    series.observe(lambda *_: (set_years(), render()), names="value")
    period.observe(render, names="value")
    set_years()
    render()
    return widgets.VBox([widgets.HBox([series, period]), out])


def compounding_explorer(start: float = 36.2, rate: float = 0.35, years: int = 4) -> widgets.Widget:
    """Sliders for a start value, a yearly rate and a number of years: compound growth
    against the straight line to the same end."""
    start_w = widgets.FloatText(value=start, description="start")
    rate_w = widgets.FloatSlider(value=rate, min=-0.5, max=1.5, step=0.01, description="rate / year", readout_format=".0%", continuous_update=False)
    years_w = widgets.IntSlider(value=years, min=1, max=15, description="years", continuous_update=False)
    out = widgets.Output()

    def render(*_):
        paths = growth_paths(start_w.value, rate_w.value, years_w.value)
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots()
            sns.lineplot(data=paths, x="year", y="value", hue="path", marker="o", ax=ax)
            ax.set(xlabel="years from start", ylabel="value", title="compound growth vs a straight line")
            plt.show()
            end = paths[paths["path"] == "compound"]["value"].iloc[-1]
            simple = (end / start_w.value - 1) / years_w.value
            print(f"end value {end:,.4g}; CAGR {rate_w.value:.1%}; total growth divided by years would say {simple:.1%}")

    for w in (start_w, rate_w, years_w):
        w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([start_w, rate_w, years_w]), out])
