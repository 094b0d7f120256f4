"""Module 01 widgets: the market explorer and the compounding explorer.

Their labels are in the course's language at the time a widget is built (`course.language`).
"""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import display

from course.market_size import explore, growth_paths, series_names, series_table
from course.plotting import plot_series
from course.widgets._i18n import get_language, plot_language, relabel_legend, t


def market_explorer(stats: pd.DataFrame) -> widgets.Widget:
    """Pick a series and a period; see every paper's figures, the growth and the CAGR."""
    lang = get_language()
    names = series_names(stats)
    series = widgets.Dropdown(options=names, value=names[0], description=t("market_size.series", lang))
    # wide enough that the readout shows both years ("2020 – 2024", not "2020 – 202")
    period = widgets.IntRangeSlider(description=t("market_size.period", lang), continuous_update=False, layout=widgets.Layout(width="400px"))
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
            plang = plot_language(lang)
            fig, ax = plt.subplots()
            # the series' name in words (the metric the papers' rows measure), not its id
            metric = stats.loc[stats["series"] == series.value, "metric"]
            title = str(metric.iloc[0]) if len(metric) else series.value.replace("_", " ")
            plot_series(result.table, title=title, ax=ax, forecast_label=t("market_size.plot.forecast", plang), language=plang)
            ax.set_xlabel(t("market_size.plot.year", plang))
            relabel_legend(ax, title=t("market_size.plot.source", plang))
            plt.show()
            print(result.text(lang))
            display(result.table[["year", "value", "unit", "forecast", "source_id", "original", "scope"]])

    series.observe(lambda *_: (set_years(), render()), names="value")
    period.observe(render, names="value")
    set_years()
    render()
    return widgets.VBox([widgets.HBox([series, period]), out])


def compounding_explorer(start: float = 36.2, rate: float = 0.35, years: int = 4) -> widgets.Widget:
    """Sliders for a start value, a yearly rate and a number of years: compound growth
    against the straight line to the same end."""
    lang = get_language()
    start_w = widgets.FloatText(value=start, description=t("market_size.start", lang))
    rate_w = widgets.FloatSlider(value=rate, min=-0.5, max=1.5, step=0.01, description=t("market_size.rate", lang), readout_format=".0%", continuous_update=False)
    years_w = widgets.IntSlider(value=years, min=1, max=15, description=t("market_size.years", lang), continuous_update=False)
    out = widgets.Output()

    def render(*_):
        paths = growth_paths(start_w.value, rate_w.value, years_w.value)
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            # the legend shows the hue column's name and values: name and values in the language
            hue = t("market_size.plot.path", plang)
            names = {"compound": t("market_size.plot.compound", plang), "straight line": t("market_size.plot.straight_line", plang)}
            shown = paths.rename(columns={"path": hue}).assign(**{hue: paths["path"].map(names)})
            fig, ax = plt.subplots()
            sns.lineplot(data=shown, x="year", y="value", hue=hue, marker="o", ax=ax)
            ax.set(xlabel=t("market_size.plot.years_from_start", plang), ylabel=t("market_size.plot.value", plang),
                   title=t("market_size.plot.compounding_title", plang))
            plt.show()
            end = paths[paths["path"] == "compound"]["value"].iloc[-1]
            simple = (end / start_w.value - 1) / years_w.value
            print(t("market_size.compounding_text", lang, end=end, cagr=rate_w.value, simple=simple))

    for w in (start_w, rate_w, years_w):
        w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([start_w, rate_w, years_w]), out])
