"""Module 08 plots: a screening rule's precision, recall and cost against its threshold, how
much sellers depend on Amazon, a roster of hosts in Beijing time, the interpreter's
break-even, what an incomplete share allows for the HHI, and the value of repeat purchases.

Each function takes what `course.sellers`, `course.hosts` and `course.competition` compute and
returns the Axes it drew on. Texts are in `language` (default: the course's, English where no
CJK font is installed).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
import seaborn as sns

from course.competition import repeat_value
from course.hosts import Roster
from course.language import get_language, plot_language, t

#: Okabe-Ito colours, named in the captions
BLUE, ORANGE, GREEN, VERMILION, GREY = "#0072B2", "#E69F00", "#009E73", "#D55E00", "0.35"


def _setup(ax: plt.Axes | None, language: str | None) -> tuple[plt.Axes, str]:
    if ax is None:
        _, ax = plt.subplots()
    return ax, plot_language(language or get_language())


def plot_screening_curves(table: pd.DataFrame, *, threshold: float | None = None, title: str = "", ax: plt.Axes | None = None, language: str | None = None) -> plt.Axes:
    """Precision (blue), recall (orange) and the false-alarm rate (green) of a
    `course.sellers.screening_table` against the threshold, labelled at their right ends."""
    ax, lang = _setup(ax, language)
    for column, colour in (("precision", BLUE), ("recall", ORANGE), ("false_alarm_rate", GREEN)):
        sns.lineplot(data=table, x="threshold", y=column, color=colour, marker="o", ax=ax)
        # labelled at the third threshold, where the three lines lie apart
        point = table.dropna(subset=[column]).iloc[min(2, len(table) - 1)]
        ax.annotate(t(f"sellers.plot.{column}", lang), (point["threshold"], point[column]), xytext=(8, -14 if column == "precision" else 6), textcoords="offset points", color=colour, fontsize=9)
    if threshold is not None:
        ax.axvline(threshold, color=GREY, linestyle="--", linewidth=1)
    ax.set(xlabel=t("sellers.plot.threshold", lang), ylabel=t("sellers.plot.share", lang), title=title, ylim=(0, 1.05))
    return ax


def plot_error_costs(table: pd.DataFrame, *, chosen: float | None = None, title: str = "", ax: plt.Axes | None = None, language: str | None = None) -> plt.Axes:
    """The total cost of errors (a `screening_table` with costs) against the threshold, the
    cheapest threshold marked in vermilion and a chosen one in grey."""
    ax, lang = _setup(ax, language)
    sns.lineplot(data=table, x="threshold", y="cost", color=BLUE, marker="o", ax=ax)
    best = table.sort_values(["cost", "threshold"]).iloc[0]
    ax.axvline(best["threshold"], color=VERMILION, linewidth=1.2)
    ax.annotate(t("sellers.plot.cheapest", lang, threshold=best["threshold"]), (best["threshold"], best["cost"]), xytext=(-6, -16), textcoords="offset points", ha="right", color=VERMILION, fontsize=9)
    if chosen is not None and abs(chosen - best["threshold"]) > 1e-9:
        ax.axvline(chosen, color=GREY, linestyle="--", linewidth=1)
        ax.annotate(t("sellers.plot.chosen", lang, threshold=chosen), (chosen, 1), xycoords=("data", "axes fraction"), xytext=(4, -14), textcoords="offset points", color=GREY, fontsize=9)
    ax.set(xlabel=t("sellers.plot.threshold", lang), ylabel=t("sellers.plot.cost", lang), title=title)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    return ax


def plot_amazon_dependence(amazon_share: pd.Series, *, title: str = "", ax: plt.Axes | None = None, language: str | None = None) -> plt.Axes:
    """A histogram of the share of each seller's revenue taken on Amazon (blue), with the line
    at one half in vermilion."""
    ax, lang = _setup(ax, language)
    sns.histplot(x=amazon_share.to_numpy(dtype=float), bins=np.linspace(0, 1, 21), color=BLUE, ax=ax)
    ax.axvline(0.5, color=VERMILION, linewidth=1.2)
    ax.annotate(t("sellers.plot.half", lang), (0.5, 1), xycoords=("data", "axes fraction"), xytext=(4, -14), textcoords="offset points", color=VERMILION, fontsize=9)
    ax.set(xlabel=t("sellers.plot.amazon_share", lang), ylabel=t("sellers.plot.sellers", lang), title=title)
    return ax


def plot_roster(slots: pd.DataFrame, roster: Roster | None = None, *, title: str = "", ax: plt.Axes | None = None, language: str | None = None) -> plt.Axes:
    """Each market's prime-time window as a bar in Beijing time (hours from midnight of the
    earliest window's day), with the host who presents it written on the bar."""
    ax, lang = _setup(ax, language)
    origin = min(slots["beijing_start"]).replace(hour=0, minute=0, second=0, microsecond=0)
    order = slots.sort_values("beijing_start").reset_index(drop=True)
    hosts = sorted(set(roster.assignment.values())) if roster else []
    colours = dict(zip(hosts, sns.color_palette("colorblind", max(len(hosts), 1))))
    for i, row in order.iterrows():
        start = (row["beijing_start"] - origin).total_seconds() / 3600
        length = (row["beijing_end"] - row["beijing_start"]).total_seconds() / 3600
        host = roster.assignment.get(row["market"]) if roster else None
        ax.barh(i, length, left=start, color=colours.get(host, BLUE), edgecolor="white")
        if host:
            ax.text(start + length / 2, i, host, ha="center", va="center", fontsize=9, color="white", fontweight="bold")
    ax.set_yticks(range(len(order)), list(order["market"]))
    ax.invert_yaxis()
    ax.set(xlabel=t("sellers.plot.beijing_time", lang), ylabel=t("sellers.plot.market", lang), title=title)
    ax.set_xticks(range(0, int(ax.get_xlim()[1]) + 3, 3))
    return ax


def plot_interpreter_break_even(fixed_cost: float, machine_error_rate: float, human_error_rate: float, cost_per_error: float, *, max_orders: float, title: str = "", ax: plt.Axes | None = None, language: str | None = None) -> plt.Axes:
    """Monthly cost against orders: machine subtitles' errors (orange) and the interpreter's
    fee plus its remaining errors (blue), the break-even marked in grey."""
    from course.hosts import interpreter_break_even

    ax, lang = _setup(ax, language)
    orders = np.linspace(0, max_orders, 101)
    ax.plot(orders, orders * machine_error_rate * cost_per_error, color=ORANGE)
    ax.plot(orders, fixed_cost + orders * human_error_rate * cost_per_error, color=BLUE)
    # each line labelled just right of its end
    ax.annotate(t("sellers.plot.machine", lang), (orders[-1], orders[-1] * machine_error_rate * cost_per_error), xytext=(6, 0), textcoords="offset points", va="center", color=ORANGE, fontsize=9)
    ax.annotate(t("sellers.plot.interpreter", lang), (orders[-1], fixed_cost + orders[-1] * human_error_rate * cost_per_error), xytext=(6, 0), textcoords="offset points", va="center", color=BLUE, fontsize=9)
    ax.set_xlim(0, max_orders * 1.3)
    be = interpreter_break_even(fixed_cost, machine_error_rate, human_error_rate, cost_per_error)
    if be <= max_orders:
        ax.axvline(be, color=GREY, linestyle="--", linewidth=1)
        ax.annotate(t("sellers.plot.break_even", lang, orders=be), (be, 0), xytext=(4, 8), textcoords="offset points", color=GREY, fontsize=9)
    ax.set(xlabel=t("sellers.plot.orders", lang), ylabel=t("sellers.plot.monthly_cost", lang), title=title)
    ax.set_ylim(bottom=0)
    return ax


def plot_hhi_scenarios(scenarios: pd.Series, *, title: str = "", ax: plt.Axes | None = None, language: str | None = None) -> plt.Axes:
    """Horizontal bars (blue) of the HHI each scenario gives ({description in words: points}),
    with the guidelines' lines at 1,500 (orange) and 2,500 (vermilion)."""
    ax, lang = _setup(ax, language)
    ax.barh(list(scenarios.index), list(scenarios.values), color=BLUE)
    for y, v in enumerate(scenarios.values):
        ax.text(v, y, f" {v:,.0f}", va="center", fontsize=9)
    ax.axvline(1500, color=ORANGE, linewidth=1.2)
    ax.axvline(2500, color=VERMILION, linewidth=1.2)
    ax.annotate(t("sellers.plot.moderate", lang), (1500, 1), xycoords=("data", "axes fraction"), xytext=(4, -12), textcoords="offset points", color=ORANGE, fontsize=8)
    ax.annotate(t("sellers.plot.high", lang), (2500, 1), xycoords=("data", "axes fraction"), xytext=(4, -24), textcoords="offset points", color=VERMILION, fontsize=8)
    ax.invert_yaxis()
    ax.set(xlabel=t("sellers.plot.hhi", lang), title=title, xlim=(0, 10000))
    return ax


def plot_repeat_value(margin: float, orders: int, *, marks: tuple[float, float] | None = None, title: str = "", ax: plt.Axes | None = None, language: str | None = None) -> plt.Axes:
    """Expected margin per customer over `orders` purchase occasions against the repeat
    probability (blue), with the rates with and without a brand marked (green and grey)."""
    ax, lang = _setup(ax, language)
    rates = np.linspace(0, 0.8, 81)
    ax.plot(rates, [repeat_value(margin, r, orders) for r in rates], color=BLUE)
    if marks:
        for rate, key, colour in ((marks[0], "sellers.plot.with_brand", GREEN), (marks[1], "sellers.plot.without_brand", GREY)):
            value = repeat_value(margin, rate, orders)
            ax.plot([rate], [value], "o", color=colour)
            ax.annotate(f"{t(key, lang)}: {value:,.2f}", (rate, value), xytext=(6, -12), textcoords="offset points", color=colour, fontsize=9)
    ax.set(xlabel=t("sellers.plot.repeat_rate", lang), ylabel=t("sellers.plot.margin_per_customer", lang), title=title)
    ax.set_ylim(bottom=0)
    return ax
