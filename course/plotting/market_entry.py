"""Module 09 plots: the normalised decision matrix, the ranking and the weight sweep.

Each function takes the tables that `course.market_entry` returns and returns the Axes.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from course.market_entry import CRITERION_LABELS


def plot_matrix(normalised: pd.DataFrame, *, title: str = "normalised criteria (1 = best)", ax: plt.Axes | None = None) -> plt.Axes:
    """The normalised decision matrix as a heatmap, markets in rows, criteria in columns."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.8))
    data = normalised.rename(columns=lambda c: CRITERION_LABELS.get(c, c).split(" (")[0])
    sns.heatmap(data, annot=True, fmt=".2f", vmin=0, vmax=1, cmap="viridis", cbar_kws={"label": "normalised value"}, ax=ax)
    ax.set(xlabel="", ylabel="market", title=title)
    ax.tick_params(axis="x", rotation=20)
    return ax


def plot_contributions(contrib: pd.DataFrame, *, title: str = "weighted scores by criterion", ax: plt.Axes | None = None) -> plt.Axes:
    """Each market's score as stacked bars of weight x normalised value, best market on top."""
    if ax is None:
        _, ax = plt.subplots()
    order = contrib.sum(axis=1).sort_values(ascending=True).index
    data = contrib.loc[order]
    left = pd.Series(0.0, index=data.index)
    palette = sns.color_palette("colorblind", len(data.columns))
    for colour, column in zip(palette, data.columns):
        ax.barh([str(i) for i in data.index], data[column], left=left, color=colour, label=CRITERION_LABELS.get(column, column).split(" (")[0])
        left = left + data[column]
    for y, total in enumerate(left):
        ax.annotate(f"{total:.3f}", (total, y), xytext=(3, 0), textcoords="offset points", va="center")
    ax.set(xlabel="weighted score (0 to 1)", ylabel="market", title=title, xlim=(0, max(1.0, float(left.max()) + 0.1)))
    ax.legend(loc="lower right", fontsize="small")
    return ax


def plot_sweep(sweep: pd.DataFrame, criterion: str, *, current: float | None = None, switch: float | None = None, ax: plt.Axes | None = None) -> plt.Axes:
    """Every market's score against the weight on one criterion (`market_entry.weight_sweep`),
    with the current weight and the switch point marked."""
    if ax is None:
        _, ax = plt.subplots()
    # one line per market, named at its right end (direct labels, no legend over the lines)
    markets = sweep.groupby("iso2", observed=True, sort=False)
    for colour, (market, rows) in zip(sns.color_palette(n_colors=markets.ngroups), markets):
        rows = rows.sort_values("weight")
        ax.plot(rows["weight"], rows["score"], color=colour)
        ax.annotate(str(market), (rows["weight"].iloc[-1], rows["score"].iloc[-1]), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=9, color=colour)
    if current is not None:
        ax.axvline(current, color="0.3", linestyle=":", label=f"current weight {current:.2f}")
    if switch is not None:
        ax.axvline(switch, color="crimson", linestyle="--", label=f"top market changes at {switch:.3f}")
    # a weight is a share of the decision (0 to 1), not the criterion's unit: name the criterion without it
    name = CRITERION_LABELS.get(criterion, criterion.replace("_", " ")).split(" (")[0]
    ax.set(xlabel=f"weight on {name} (share of the decision, 0 to 1)", ylabel="weighted score", title=f"Sensitivity to the weight on {name}")
    ax.set_xlim(right=float(sweep["weight"].max()) * 1.08)
    if current is not None or switch is not None:
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def plot_intervals(interval: pd.DataFrame, countries: pd.DataFrame | None = None, *, unit: str = "GMV per 1,000 live viewers (USD)",
                   title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Each market's estimate (dot) and its interval (line), from `market_entry.bootstrap_top`'s
    `gmv_interval` (columns sessions, estimate, low, high), with the number of sessions
    written beside each market; highest estimate on top. A linear axis: the intervals'
    lengths compare as they are."""
    data = interval.sort_values("estimate", ascending=True)
    names = {} if countries is None else countries.set_index("iso2")["name_en"].astype(str).to_dict()
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.5 * len(data) + 1.4))
    y = range(len(data))
    ax.hlines(list(y), data["low"], data["high"], color="#0072B2", lw=2.5)
    ax.plot(data["estimate"], list(y), "o", color="black", ms=6)
    for i, (market, row) in enumerate(data.iterrows()):
        ax.annotate(f"{row['sessions']:.0f} sessions", (row["high"], i), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(list(y), [names.get(m, m) for m in data.index])
    ax.set(xlabel=unit, title=title)
    ax.set_xlim(right=float(data["high"].max()) * 1.15)
    return ax
