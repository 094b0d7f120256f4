"""Module 03 plots: factor evaluation matrices, the position chart, sensitivity and TOWS links.

Each function takes the tables that `course.swot` computes and returns the Axes it drew on.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from course.swot import GROUPS, MIDPOINT, TOWS_MEANINGS, split_ids

#: one colour per SWOT group, the same in every plot of the module
GROUP_COLOURS = {"strength": "#0072B2", "weakness": "#D55E00", "opportunity": "#009E73", "threat": "#CC79A7"}

#: where each TOWS cell sits on the position chart (IFE on x, EFE on y)
_CELL_ANCHORS = {"SO": (4, 4, "right", "top"), "WO": (1, 4, "left", "top"), "ST": (4, 1, "right", "bottom"), "WT": (1, 1, "left", "bottom")}


def plot_matrix(matrix: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """A `course.swot.factor_matrix` as horizontal bars of weighted scores, one per factor,
    coloured by group and labelled "weight x rating"."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * len(matrix) + 1.2))
    names = [textwrap.shorten(str(n), width=44, placeholder="...") for n in matrix["factor"]]
    data = matrix.assign(label=[f"{i}  {n}" for i, n in zip(matrix["factor_id"], names)])
    sns.barplot(data=data, y="label", x="weighted_score", hue="group", palette=GROUP_COLOURS, dodge=False, ax=ax)
    for position, row in enumerate(data.itertuples()):  # a categorical axis puts row i at y = i
        ax.annotate(f"{row.weight:.2f} x {row.rating:g}", (row.weighted_score, position),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    total = float(matrix["weighted_score"].sum())
    ax.set(xlabel="weighted score (weight x rating)", ylabel="", title=title or f"total weighted score {total:.2f}")
    ax.set_xlim(0, max(float(matrix["weighted_score"].max()) * 1.35, 0.1))
    ax.legend(title="group", loc="lower right")
    return ax


def plot_position(points: pd.DataFrame, *, title: str = "Position: IFE total vs EFE total", ax: plt.Axes | None = None) -> plt.Axes:
    """The position chart: each row of `points` (columns ife_total, efe_total and label) as a
    point on the IFE (x) by EFE (y) plane, split at the 2.5 midpoints into the four TOWS cells."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 6))
    ax.axvspan(MIDPOINT, 4, ymin=0.5, ymax=1, color=GROUP_COLOURS["strength"], alpha=0.06, zorder=0)
    ax.axvspan(1, MIDPOINT, ymin=0, ymax=0.5, color=GROUP_COLOURS["weakness"], alpha=0.06, zorder=0)
    ax.axvline(MIDPOINT, color="0.4", lw=1.2, zorder=1)
    ax.axhline(MIDPOINT, color="0.4", lw=1.2, zorder=1)
    for cell, (x, y, ha, va) in _CELL_ANCHORS.items():
        pad_x = -0.06 if ha == "right" else 0.06
        pad_y = -0.06 if va == "top" else 0.06
        ax.text(x + pad_x, y + pad_y, f"{cell}\n" + textwrap.fill(TOWS_MEANINGS[cell], 22), ha=ha, va=va, fontsize=9,
                color="0.3", multialignment=ha)
    sns.scatterplot(data=points, x="ife_total", y="efe_total", hue="label", s=140, zorder=3, ax=ax)
    for _, row in points.iterrows():
        ax.annotate(f"({row['ife_total']:.2f}, {row['efe_total']:.2f})", (row["ife_total"], row["efe_total"]),
                    xytext=(8, -12), textcoords="offset points", fontsize=8.5)
    ax.set(xlim=(1, 4), ylim=(1, 4), xlabel="IFE total (internal: 1 weak ... 4 strong)",
           ylabel="EFE total (external: 1 poor ... 4 superior response)", title=title)
    ax.set_aspect("equal")
    ax.legend(title="", loc="center left", bbox_to_anchor=(1.02, 0.5))
    return ax


def plot_sensitivity(path: pd.DataFrame, *, thresholds: dict[str, float] | None = None, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Matrix totals against the shift of weight between a matrix's two groups (rows of
    `course.swot.sensitivity_path`, one or both matrices), with the 2.5 midpoint and the
    thresholds (by matrix) marked."""
    if ax is None:
        _, ax = plt.subplots()
    sns.lineplot(data=path, x="shift", y="total", hue="matrix", palette={"IFE": GROUP_COLOURS["strength"], "EFE": GROUP_COLOURS["opportunity"]}, ax=ax)
    ax.axhline(MIDPOINT, color="0.4", lw=1, ls="--")
    ax.axvline(0, color="0.7", lw=1)
    for matrix, s in (thresholds or {}).items():
        if s is not None and np.isfinite(s):
            ax.plot([s], [MIDPOINT], marker="o", ms=9, mfc="white", mec="black", zorder=3)
            right = s >= 0  # label positive shifts above right, negative ones below left, so two labels do not collide
            ax.annotate(f"{matrix} reaches 2.5 at {s:+.3f}", (s, MIDPOINT), xytext=(8, 8) if right else (-8, -16),
                        textcoords="offset points", ha="left" if right else "right", fontsize=9)
    ax.set(xlabel="shift of weight (+: from strengths / opportunities to weaknesses / threats)",
           ylabel="matrix total", title=title or "How the totals move when weight shifts between groups")
    ax.legend(title="matrix")
    return ax


#: each strategy of `swot_strategies` in a few words, for a figure's tick labels
STRATEGY_SHORT = {
    "SO1": "reward creators for sales", "SO2": "forecast demand from streams",
    "ST1": "scripts for each culture", "ST2": "minimal data, federated learning",
    "ST3": "localise market by market", "WO1": "overseas warehouses",
    "WO2": "train multilingual hosts", "WO3": "bring brands and influencers",
    "WT1": "after-sales team", "WT2": "supervise sellers",
    "WT3": "blockchain customs, crowd delivery", "WT4": "recruit diverse talent",
}


def factor_label(factor_id: str, name: str, width: int = 48) -> str:
    """A factor as a reader sees it on a figure: its short name, then its id in brackets."""
    return f"{textwrap.shorten(str(name), width=width, placeholder='...')} ({factor_id})"


def plot_strategy_links(strategies: pd.DataFrame, factors: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Which factors each TOWS strategy pairs: a grid of factors (rows, in SWOT order, named
    in words) against strategies (columns, grouped by TOWS cell, named in a few words)."""
    order = {g: i for i, g in enumerate(GROUPS)}
    ordered = factors.sort_values("group", key=lambda s: s.map(order), kind="stable")
    names = {r.factor_id: factor_label(r.factor_id, r.factor) for r in ordered.itertuples()}
    rows = strategies.sort_values(["tows", "strategy_id"])
    columns = {r.strategy_id: f"{r.tows}: {STRATEGY_SHORT.get(r.strategy_id, r.strategy_id)}" for r in rows.itertuples()}
    grid = pd.DataFrame(0, index=list(names.values()), columns=list(columns.values()))
    for r in rows.itertuples():
        for fid in split_ids(r.factor_ids):
            grid.loc[names[fid], columns[r.strategy_id]] = 1
    if ax is None:
        _, ax = plt.subplots(figsize=(0.5 * len(grid.columns) + 5, 0.36 * len(grid) + 3))
    sns.heatmap(grid, cmap=sns.light_palette("#0072B2", as_cmap=True), cbar=False, linewidths=0.5, linecolor="0.85", ax=ax)
    ax.set_xticklabels(ax.get_xticklabels(), rotation=60, ha="right", rotation_mode="anchor")
    ax.set(xlabel="strategy (TOWS cell: what it does)", ylabel="", title="Which factors each strategy pairs")
    return ax


def plot_single_factor(single: pd.DataFrame, factors: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Each factor's default weight (dot) and the weight at which its matrix total reaches 2.5
    (ring), the other factors of its matrix rescaled in proportion
    (`course.swot.single_factor_thresholds`); a factor whose weight alone cannot move the total
    across 2.5 has only its dot and the words "cannot flip"."""
    names = factors.set_index("factor_id")["factor"]
    data = single.assign(label=[factor_label(f, names[f], 36) for f in single["factor_id"]])
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.34 * len(data) + 1.5))
    for y, row in enumerate(data.itertuples()):
        colour = GROUP_COLOURS[row.group]
        ax.plot([row.weight], [y], "o", color=colour, ms=7)
        if row.feasible:
            ax.plot([row.weight, row.weight_to_flip], [y, y], color=colour, lw=1.5)
            ax.plot([row.weight_to_flip], [y], "o", mfc="white", mec=colour, ms=8)
        else:
            ax.annotate("cannot flip", (row.weight, y), xytext=(8, 0), textcoords="offset points", va="center", fontsize=8, color="0.35")
    ax.set_yticks(range(len(data)), data["label"])
    ax.invert_yaxis()
    ax.set(xlim=(0, max(0.45, float(data["weight_to_flip"].max()) + 0.05)), xlabel="weight of the factor (share of its matrix, 0 to 1)",
           title=title or "How far one factor's weight must move to change the strategy")
    handles = [plt.Line2D([], [], marker="o", ls="", color="0.3", label="default weight"),
               plt.Line2D([], [], marker="o", ls="", mfc="white", mec="0.3", label="weight at which the total reaches 2.5")]
    ax.legend(handles=handles, loc="lower right", fontsize=8)
    return ax
