"""The instructor report's figures (seaborn). Each takes a DataFrame of
`grading.report.analysis` and returns the matplotlib Axes it drew on (a new figure unless
`ax` is given), so the notebook can adjust it and a test can count what was drawn."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from grading.report.analysis import EASY, HARD, ISSUE_ORDER, POOR_DISCRIMINATION, SCORED

GOOD_DISCRIMINATION = 0.4


def assignment_colours(names) -> dict[str, tuple]:
    """One colour per assignment, the same in every figure and every report: the course's
    assignments in order, then any other name."""
    from grading.paths import assignments

    try:
        known = assignments()
    except OSError:
        known = []
    order = list(dict.fromkeys([*known, *sorted(names)]))
    colours = sns.color_palette("colorblind", len(order))
    return {name: colours[order.index(name)] for name in names}


def _axes(ax, width: float, height: float) -> plt.Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=(width, height))
    return ax


def _nothing(ax: plt.Axes, title: str, why: str) -> plt.Axes:
    ax.text(0.5, 0.5, why, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set(title=title, xticks=[], yticks=[])
    return ax


def score_distribution(totals: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Autograded score (% of the maximum) of every graded or crashed submission, one row per
    assignment: a point per submission, and in black the median with the middle half of the
    scores (25th to 75th percentile) (`submission_totals`)."""
    scored = totals[totals["status"].isin(SCORED)].assign(percent=lambda t: t["fraction"] * 100)
    ax = _axes(ax, 8, 1.2 + 0.7 * max(1, scored["assignment"].nunique()))
    title = "Autograded score per assignment"
    if scored.empty:
        return _nothing(ax, title, "no graded submissions")
    order = sorted(scored["assignment"].unique())
    sns.stripplot(data=scored, x="percent", y="assignment", order=order, hue="status", hue_order=[s for s in SCORED if s in set(scored["status"])], jitter=0.15, size=7, alpha=0.7, ax=ax)
    # the median and the middle half of the scores (a line, so only the submissions are points)
    sns.pointplot(data=scored, x="percent", y="assignment", order=order, estimator="median", errorbar=("pi", 50), linestyle="none", marker="|", markersize=18, color="black", capsize=0.2, err_kws={"linewidth": 1.5}, ax=ax)
    ax.set(xlabel="autograded score (% of the maximum)", ylabel="", xlim=(-5, 105), title=title)
    ax.legend(title="status", fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def _short(question: str) -> str:
    return question.removesuffix("_test")


def difficulty_discrimination(items: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """Each question as a point: difficulty (share of the points scored) across,
    discrimination (corrected item-total r) up, labelled, coloured by assignment, with the
    usual guide lines: below 0.2 poor, above 0.4 very good; below 0.3 very hard, above 0.9
    very easy. Questions without a discrimination (no variance) are left out and counted in
    the title (`item_analysis`)."""
    ax = _axes(ax, 9, 6)
    shown = items.dropna(subset=["difficulty", "discrimination"])
    left_out = len(items) - len(shown)
    names = items["assignment"].unique()
    title = f"{names[0]}: difficulty and discrimination" if len(names) == 1 else "Questions: difficulty and discrimination"
    if left_out:
        title += f"\n({left_out} question(s) without a discrimination not shown)"
    if shown.empty:
        return _nothing(ax, title, "no question has both numbers")
    bottom = min(-0.25, float(shown["discrimination"].min()) - 0.1)
    ax.axhspan(bottom, POOR_DISCRIMINATION, color="tab:red", alpha=0.07, zorder=0)
    ax.axhline(POOR_DISCRIMINATION, color="tab:red", ls="--", lw=1)
    ax.axhline(GOOD_DISCRIMINATION, color="tab:green", ls="--", lw=1)
    for x in (HARD, EASY):
        ax.axvline(x, color="0.5", ls=":", lw=1)
    ax.text(1.04, POOR_DISCRIMINATION - 0.03, "poor (< 0.2)", ha="right", va="top", fontsize="small", color="tab:red")
    ax.text(1.04, GOOD_DISCRIMINATION + 0.02, "very good (> 0.4)", ha="right", va="bottom", fontsize="small", color="tab:green")
    ax.text(HARD / 2, bottom + 0.02, "very hard", ha="center", va="bottom", fontsize="small", color="0.4")
    ax.text((EASY + 1.05) / 2, bottom + 0.02, "very\neasy", ha="center", va="bottom", fontsize="small", color="0.4")
    sns.scatterplot(data=shown, x="difficulty", y="discrimination", hue="assignment", hue_order=sorted(shown["assignment"].unique()), palette=assignment_colours(shown["assignment"].unique()), style="small_n", style_order=[False, True], s=70, ax=ax, zorder=3)
    # questions at (almost) the same place share one label, a name per line
    places: dict[tuple[float, float], list[str]] = {}
    for row in shown.itertuples(index=False):
        places.setdefault((round(row.difficulty / 0.05), round(row.discrimination / 0.1)), []).append(row)
    for rows in places.values():
        label = textwrap.fill(", ".join(_short(r.question) for r in rows), 40)
        x, y = np.mean([r.difficulty for r in rows]), np.mean([r.discrimination for r in rows])
        ax.annotate(label, (x, y), xytext=(7, 0), textcoords="offset points", fontsize=7, color="0.25", va="center")
    ax.set(xlim=(-0.05, 1.05), ylim=(bottom, 1.05), xlabel="difficulty (mean score / maximum; 1 = everyone got it)", ylabel="discrimination (corrected item-total r)", title=title)
    handles, labels = ax.get_legend_handles_labels()
    if len(names) == 1:
        # the title names the one assignment: the legend keeps only the markers' meaning
        start = labels.index("small_n") if "small_n" in labels else 0
        handles, labels = handles[start + 1:], labels[start + 1:]
        title_of_legend = "submissions scored"
    else:
        labels = ["submissions scored" if label == "small_n" else label for label in labels]
        title_of_legend = None
    labels = ["n < 5" if label == "True" else "n ≥ 5" if label == "False" else label for label in labels]
    ax.legend(handles, labels, title=title_of_legend, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def failure_bars(common: pd.DataFrame, *, top: int = 10, width: int = 70, ax: plt.Axes | None = None) -> plt.Axes:
    """The `top` most common failure patterns (`common_failures`) as horizontal bars: how
    many answers failed with each, coloured by assignment."""
    data = common.head(top).copy()
    ax = _axes(ax, 9, 1.2 + 0.55 * max(1, len(data)))
    title = f"Most common failure messages (top {top})"
    if data.empty:
        return _nothing(ax, title, "no test failed")
    data["label"] = [f"{i + 1}. " + textwrap.shorten(p, width=width, placeholder=" …") for i, p in enumerate(data["pattern"])]
    sns.barplot(data=data, y="label", x="count", hue="assignment", hue_order=sorted(data["assignment"].unique()), palette=assignment_colours(data["assignment"].unique()), dodge=False, ax=ax)
    ax.set(xlabel="failed answers (submission × question)", ylabel="", title=title)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="assignment", fontsize="small", loc="lower right")
    return ax


def attention_overview(attention: pd.DataFrame, *, ax: plt.Axes | None = None) -> plt.Axes:
    """The attention list as a table of counts: one row per assignment, one column per
    issue, each cell the number of submissions (`attention_list`)."""
    counts = pd.crosstab(attention["assignment"], attention["issue"]) if not attention.empty else pd.DataFrame()
    counts = counts[[i for i in ISSUE_ORDER if i in counts.columns] + [c for c in counts.columns if c not in ISSUE_ORDER]]
    ax = _axes(ax, 1.8 + 1.6 * max(1, counts.shape[1]), 1.2 + 0.5 * max(1, counts.shape[0]))
    title = "Submissions that need attention"
    if counts.empty:
        return _nothing(ax, title, "nothing needs attention")
    sns.heatmap(counts, annot=True, fmt="d", cbar=False, cmap="Oranges", vmin=0, vmax=max(1, int(np.nanmax(counts.to_numpy())) * 2), linewidths=0.5, linecolor="white", ax=ax)
    ax.set(xlabel="", ylabel="", title=title)
    ax.xaxis.tick_top()
    ax.set_xticklabels([textwrap.fill(t.get_text(), 12) for t in ax.get_xticklabels()], rotation=0)
    ax.tick_params(axis="y", rotation=0)
    return ax
