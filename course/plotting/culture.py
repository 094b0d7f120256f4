"""Module 04 plots: Hofstede profiles, differences from China, distances and groupings.

Each function draws with seaborn and returns the matplotlib Axes.
"""
from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from course.culture import DIMENSION_NAMES, DIMENSIONS, score_table

HOFSTEDE_CITATION = "Hofstede, Hofstede and Minkov (2010), data matrix of 2015-08-16"


def profile_table(scores: pd.DataFrame, countries: pd.DataFrame, markets: Sequence[str], dims: Sequence[str] = DIMENSIONS) -> pd.DataFrame:
    """Long table for a profile plot: market (English name), dimension, score (NaN if missing)."""
    table = score_table(scores, dims).loc[list(markets)]
    names = countries.set_index("iso2")["name_en"].astype(str)
    long = table.reset_index().melt(id_vars="iso2", var_name="dimension", value_name="score")
    long["market"] = long["iso2"].map(names)
    return long


def plot_profiles(scores: pd.DataFrame, countries: pd.DataFrame, markets: Sequence[str], dims: Sequence[str] = DIMENSIONS, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Profiles (a parallel-coordinates chart): one line per market across the dimensions.
    A missing score leaves a gap in the line rather than a made-up point."""
    if ax is None:
        _, ax = plt.subplots()
    long = profile_table(scores, countries, markets, dims)
    order = list(dims)
    long["x"] = long["dimension"].map({d: i for i, d in enumerate(order)})
    names = list(dict.fromkeys(long["market"]))
    palette = dict(zip(names, sns.color_palette(n_colors=len(names))))
    for market, part in long.groupby("market", sort=False):
        part = part.sort_values("x")
        ax.plot(part["x"], part["score"], color=palette[market], linewidth=2, zorder=1)  # NaN breaks the line
    sns.scatterplot(data=long.dropna(subset=["score"]), x="x", y="score", hue="market", style="market", palette=palette, s=70, ax=ax, zorder=2)
    ax.set_xticks(range(len(order)), [f"{d.upper()}\n" + textwrap.fill(DIMENSION_NAMES[d], 12, break_long_words=False) for d in order], fontsize=8)
    ax.set(xlabel="", ylabel="Hofstede score (0 to about 100)", title=title or "Hofstede profiles")
    ax.legend(title="", loc="best", fontsize=8)
    return ax


def plot_differences(diff: pd.DataFrame, *, market_name: str = "market", base_name: str = "China", ax: plt.Axes | None = None) -> plt.Axes:
    """The difference market - base per dimension (a `course.culture.differences` table) as bars."""
    if ax is None:
        _, ax = plt.subplots()
    data = diff.assign(label=[d.upper() for d in diff["dimension"]])
    colours = {label: ("#0072B2" if v > 0 else "#D55E00") for label, v in zip(data["label"], data["difference"].fillna(0))}
    sns.barplot(data=data, x="label", y="difference", hue="label", palette=colours, legend=False, ax=ax)
    ax.axhline(0, color="0.3", linewidth=1)
    for i, value in enumerate(data["difference"]):
        if pd.notna(value):
            ax.annotate(f"{value:+.0f}", (i, value), xytext=(0, 3 if value >= 0 else -11), textcoords="offset points", ha="center", fontsize=9)
        else:
            ax.annotate("no score", (i, 0), xytext=(0, 4), textcoords="offset points", ha="center", fontsize=8, color="0.4")
    ax.set(xlabel="dimension", ylabel=f"{market_name} minus {base_name} (points)", title=f"{market_name} against {base_name}")
    ax.margins(y=0.12)
    return ax


def plot_distances(distances: pd.DataFrame, countries: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """A `course.culture.kogut_singh` table as horizontal bars, nearest first; distances over
    fewer dimensions than the others are drawn in grey and marked, markets without one are left out."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    names = countries.set_index("iso2")["name_en"].astype(str)
    data = distances.dropna(subset=["distance"]).copy()
    data["market"] = [f"{names[c]}" + ("" if ok else f" ({n} dims only)") for c, ok, n in zip(data["iso2"], data["complete"], data["n_dims"])]
    data["comparable"] = data["complete"].map({True: "all dimensions", False: "fewer dimensions: not comparable"})
    sns.barplot(data=data, y="market", x="distance", hue="comparable", palette={"all dimensions": "#0072B2", "fewer dimensions: not comparable": "0.7"}, dodge=False, ax=ax)
    ax.set(xlabel="Kogut-Singh distance from China", ylabel="", title=title or "Cultural distance from China")
    ax.legend(title="", fontsize=8, loc="center right")
    return ax


def plot_standardised(z: pd.DataFrame, labels: pd.Series, countries: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """z-scores (markets x dimensions) as a heatmap, the markets ordered by group, with the
    group number in the row label."""
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 7))
    names = countries.set_index("iso2")["name_en"].astype(str)
    order = labels.sort_values(kind="stable").index
    data = z.loc[order].copy()
    data.index = [f"{labels[c]} · {names[c]}" for c in order]
    data.columns = [c.upper() for c in data.columns]
    sns.heatmap(data, cmap="vlag", center=0, annot=True, fmt=".1f", annot_kws={"fontsize": 7}, cbar_kws={"label": "z-score"}, ax=ax)
    ax.set(xlabel="dimension", ylabel="group · market", title=title or "Standardised scores by group")
    return ax


def _spread(positions: Sequence[float], gap: float) -> list[float]:
    """Label heights at `positions`, the upper of two labels closer than `gap` moved up just
    enough (bottom to top), so that labels never overlap and stay in the order of their points."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    out = [0.0] * len(positions)
    last = None
    for i in order:
        last = positions[i] if last is None else max(positions[i], last + gap)
        out[i] = last
    return out


def plot_slopes(table: pd.DataFrame, left: str, right: str, *, title: str = "", ylabel: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """A slope chart: for each row of `table` (index: the names shown), a line from its value in
    column `left` to its value in column `right`, labelled directly at both ends with the name and
    its rank (1 = lowest), so that no legend of near-identical colours is needed."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 7))
    data = table[[left, right]].dropna()
    colours = sns.color_palette("tab10" if len(data) <= 10 else "husl", n_colors=len(data))
    ranks = {column: table[column].rank(method="min") for column in (left, right)}
    span = float(data.to_numpy().max() - data.to_numpy().min()) or 1.0
    for colour, (name, row) in zip(colours, data.iterrows()):
        ax.plot([0, 1], [row[left], row[right]], color=colour, marker="o", linewidth=2)
    for x, column, ha, offset in ((0, left, "right", -0.04), (1, right, "left", 0.04)):
        heights = _spread(list(data[column]), gap=span * 0.035)
        for colour, (name, row), y in zip(colours, data.iterrows(), heights):
            ax.text(x + offset, y, f"{name} ({int(ranks[column][name])})" if ha == "left" else f"({int(ranks[column][name])}) {name}",
                    ha=ha, va="center", fontsize=8, color=colour)
    ax.set_xticks([0, 1], [left, right])
    ax.set_xlim(-0.75, 1.75)
    ax.set(xlabel="", ylabel=ylabel, title=title)
    ax.grid(axis="x", visible=False)
    return ax


def plot_service_coverage(coverage: pd.DataFrame, countries: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Each market's waking day (rows of `course.culture_rules.service_coverage`) as one
    horizontal bar of hours: the part a team in China covers, then the part it does not, each
    labelled with its hours; most covered market on top."""
    names = countries.set_index("iso2")["name_en"].astype(str)
    data = coverage.sort_values("covered_share", ascending=False, kind="stable").reset_index(drop=True)
    labels = [names.get(m, m) for m in data["market"]]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.42 * len(data) + 1.4))
    y = range(len(data))
    ax.barh(y, data["covered_hours"], color="#009E73", label="covered by the team in China")
    ax.barh(y, data["uncovered_hours"], left=data["covered_hours"], color="#D9D9D9", label="no one answers")
    for i, row in data.iterrows():
        if row["covered_hours"] > 0:
            ax.text(row["covered_hours"] / 2, i, f"{row['covered_hours']:g} h", ha="center", va="center", fontsize=8, color="white")
        ax.text(row["covered_hours"] + row["uncovered_hours"] / 2, i, f"{row['uncovered_hours']:g} h", ha="center", va="center", fontsize=8)
    ax.set_yticks(list(y), labels)
    ax.invert_yaxis()
    ax.set(xlabel="hours of the local waking day (08:00-23:00)", xlim=(0, float(data["waking_hours"].max())),
           title=title or "Who answers a customer's message, by market")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False, fontsize=8)
    return ax
