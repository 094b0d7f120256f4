"""The course's plotting theme and the plots the lectures share.

Module 01's plots are here; each later module keeps its plots in `course/plotting/<topic>.py`.

Plot functions take data and return the matplotlib Axes they drew on, so a notebook can
adjust it and a test can read what was drawn.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

#: one colour per source paper, the same in every plot of the course
SOURCE_COLOURS = {
    "tian2022": "#1b9e77",
    "socialized2025": "#d95f02",
    "liu2021": "#7570b3",
    "gan2024": "#e7298a",
    "yang2025": "#66a61e",
}


def set_theme() -> None:
    """Apply the course's seaborn theme (call once at the top of a notebook)."""
    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind", rc={"figure.figsize": (8, 4.5), "axes.titleweight": "bold"})


def source_label(source_id: str, language: str | None = None) -> str:
    """How a figure names a paper: its author-year citation ("Yang and Luo (2025)", in Chinese
    "杨倩、罗琪（2025）"), never its dataset id; an unknown id stays as it is."""
    from course.glossary import GlossaryError, citation

    try:
        return citation(source_id, language)
    except GlossaryError:
        return str(source_id)


def plot_series(table: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None, forecast_label: str = "forecast",
                join: bool = True, language: str | None = None) -> plt.Axes:
    """A `market_size.series_table` as points per source joined by a line over years.

    Measured figures are filled points on a solid line. Forecasts (the table's `forecast`
    column) are hollow points reached by a dashed line from the last measured year, with a
    legend entry `forecast_label`, so that an expected value never reads as a measured one.
    With `join=False` no line is drawn: for figures on different definitions, which a line
    would present as one series. The legend names each paper by its citation (`source_label`
    in `language`, default the course's).
    """
    if ax is None:
        _, ax = plt.subplots()
    names = {sid: source_label(sid, language) for sid in table["source_id"].unique()} if "source_id" in table else {}
    palette = {names[sid]: colour for sid, colour in SOURCE_COLOURS.items() if sid in names}
    expected = table["forecast"].astype(bool) if "forecast" in table else pd.Series(False, index=table.index)
    measured, forecast = table[~expected], table[expected]
    line = table.groupby("year", as_index=False)["value"].mean()
    # solid up to the last measured year, dashed from there to the forecasts
    last = measured["year"].max() if len(measured) else -math.inf
    solid = line[line["year"] <= last]
    dashed = line[line["year"] >= last] if len(forecast) else line.iloc[0:0]
    if join and len(solid):
        ax.plot(solid["year"], solid["value"], color="0.7", zorder=1)
    if join and len(dashed):
        ax.plot(dashed["year"], dashed["value"], color="0.7", linestyle="--", zorder=1)
    if len(measured):
        sns.scatterplot(data=measured.assign(paper=measured["source_id"].map(names)), x="year", y="value", hue="paper",
                        palette=palette, s=80, ax=ax, zorder=2)
    for source, rows in forecast.groupby("source_id"):
        ax.scatter(rows["year"], rows["value"], s=80, facecolors="white", edgecolors=SOURCE_COLOURS.get(source, "0.3"), linewidths=2, zorder=2,
                   label=None if source in set(measured["source_id"]) else names[source])
    if len(forecast):
        ax.plot([], [], color="0.5", linestyle="--" if join else "none", marker="o", markerfacecolor="white", markeredgecolor="0.3", label=forecast_label)
    unit = table["unit"].iloc[0] if len(table) else ""
    ax.set(xlabel="year", ylabel=unit, title=title)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if len(table):
        ax.legend(title="source", loc="upper left")
    return ax


def plot_shares(shares: pd.Series, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Shares (fractions, indexed by label) as a horizontal bar chart in percent."""
    if ax is None:
        _, ax = plt.subplots()
    data = pd.DataFrame({"label": shares.index.astype(str), "percent": shares.to_numpy() * 100})
    sns.barplot(data=data, y="label", x="percent", hue="label", legend=False, ax=ax)
    ax.set(xlabel="share (%)", ylabel="", title=title)
    for patch, value in zip(ax.patches, data["percent"]):
        ax.annotate(f"{value:.1f}%", (patch.get_width(), patch.get_y() + patch.get_height() / 2), xytext=(3, 0), textcoords="offset points", va="center")
    return ax
