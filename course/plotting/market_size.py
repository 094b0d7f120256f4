"""Module 01 plots beyond the shared ones in `course.plotting`: several published figures for
one quantity, side by side."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from course.plotting import SOURCE_COLOURS


def plot_claims(claims: pd.DataFrame, *, unit_label: str, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """One row per published figure of the same quantity (`market_size.claims_of`): a point at
    its value on an axis that starts at zero, coloured by paper, labelled with its value and
    named on the left by paper and section, so that a reader sees how far apart they are."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.9 + 0.7 * len(claims)))
    positions = range(len(claims))[::-1]
    for y, (_, row) in zip(positions, claims.iterrows()):
        ax.hlines(y, 0, row["value"], color="0.85", linewidth=1)
        ax.scatter(row["value"], y, s=110, color=SOURCE_COLOURS.get(row["source_id"], "0.3"), zorder=3)
        ax.annotate(f"{row['value']:g} {unit_label}", (row["value"], y), xytext=(9, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(list(positions), claims["label"])
    ax.set_xlim(0, claims["value"].max() * 1.3)
    ax.set_ylim(-0.6, len(claims) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.set(xlabel=unit_label, ylabel="", title=title)
    return ax
