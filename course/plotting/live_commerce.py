"""Module 02 plots: step rates, GMV decomposition, conversion uplift with
confidence intervals, daily active users and prime time in Beijing hours.

Each function takes data and returns the matplotlib Axes it drew on.
"""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
import seaborn as sns

#: one colour per host type, the same in every plot of the module
HOST_COLOURS = {"KOL": "#0072b2", "KOC": "#e69f00", "brand": "#009e73"}


def _ax(ax: plt.Axes | None) -> plt.Axes:
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_step_rates(funnel: pd.DataFrame, *, group: str = "host_type", title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Click-through, click conversion and overall conversion (in percent) per group, from a
    `live_commerce.funnel_table(..., by=group)`."""
    ax = _ax(ax)
    rates = ["click_through", "click_conversion", "conversion"]
    long = funnel.melt(id_vars=[group], value_vars=rates, var_name="rate", value_name="fraction")
    long["percent"] = long["fraction"] * 100
    palette = HOST_COLOURS if group == "host_type" else None
    sns.barplot(data=long, x="rate", y="percent", hue=group, palette=palette, ax=ax)
    for bars in ax.containers:
        ax.bar_label(bars, fmt="%.1f", padding=2, fontsize=8)
    ax.set(xlabel="", ylabel="percent (%)", title=title)
    ax.set_xticks(range(3), ["click-through\n(clicks / viewers)", "click conversion\n(orders / clicks)", "conversion\n(orders / viewers)"])
    if ax.get_legend() is not None:     # the grouping column's name in words ("host type", not host_type)
        ax.get_legend().set_title(group.replace("_", " "))
    return ax


#: how the decomposition plot names the factors of GMV (the detailed form's too)
DECOMPOSITION_WORDS = {"aov": "average order value", "click_through": "click-through", "click_conversion": "click conversion"}


def plot_decomposition(decomposition: pd.DataFrame, *, unit: str = "USD", title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """The LMDI contributions of each factor to the change in GMV, and their total (from
    `live_commerce.decompose_gmv`)."""
    ax = _ax(ax)
    total = decomposition["contribution"].sum()
    named = decomposition.assign(factor=decomposition["factor"].map(lambda f: DECOMPOSITION_WORDS.get(f, f)))
    data = pd.concat([named[["factor", "contribution"]], pd.DataFrame({"factor": ["total change"], "contribution": [total]})], ignore_index=True)
    colours = ["#0072b2" if v >= 0 else "#d55e00" for v in data["contribution"][:-1]] + ["0.4"]
    sns.barplot(data=data, x="factor", y="contribution", hue="factor", palette=colours, legend=False, ax=ax)
    for bars in ax.containers:
        ax.bar_label(bars, fmt="{:+,.0f}", padding=2, fontsize=9)
    ax.axhline(0, color="0.2", linewidth=0.8)
    ax.set(xlabel="", ylabel=f"contribution to the GMV change ({unit})", title=title)
    return ax


#: how a plot names the factors of GMV = viewers x conversion x AOV
FACTOR_WORDS = {"viewers": "viewers (traffic)", "conversion": "conversion", "aov": "average order value"}


def plot_main_levers(shares: pd.DataFrame, *, group: str = "host_type", title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """The share of session pairs whose GMV change was driven mainly by each factor, per group
    (from `live_commerce.main_lever_shares`): horizontal bars in percent on an axis from 0 to
    100, each labelled with its value, the factors named in words."""
    ax = _ax(ax)
    data = shares.assign(lever=shares["main_lever"].map(FACTOR_WORDS).fillna(shares["main_lever"]), percent=shares["share"] * 100)
    order = [g for g in HOST_COLOURS if g in set(data[group])] or sorted(data[group].unique())
    sns.barplot(data=data, y=group, x="percent", hue="lever", order=order, hue_order=[w for w in FACTOR_WORDS.values() if w in set(data["lever"])],
                palette=["#0072b2", "#e69f00", "#009e73"], ax=ax)
    for bars in ax.containers:
        ax.bar_label(bars, fmt="%.0f%%", padding=2, fontsize=9)
    ax.set_xlim(0, 100)
    ax.set(xlabel="share of a host's consecutive session pairs (%)", ylabel="host type", title=title)
    ax.legend(title="main lever of the GMV change", loc="lower right", fontsize=9)
    return ax


def plot_uplift_forest(table: pd.DataFrame, *, claim: float | None = None, claim_label: str = "claim", title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Relative uplifts with their confidence intervals, one row per label (a forest plot).

    `table` has columns label, uplift, ci_low, ci_high (fractions); `claim` draws a
    reference line (e.g. 0.23)."""
    ax = _ax(ax)
    data = table.reset_index(drop=True)
    y = np.arange(len(data))
    ax.errorbar(data["uplift"] * 100, y, xerr=[(data["uplift"] - data["ci_low"]) * 100, (data["ci_high"] - data["uplift"]) * 100],
                fmt="none", ecolor="0.3", capsize=4, zorder=1)
    sns.scatterplot(x=data["uplift"] * 100, y=y, color="#e69f00", s=70, zorder=2, ax=ax)
    ax.axvline(0, color="0.3", linewidth=0.8)
    if claim is not None:
        ax.axvline(claim * 100, color="#d55e00", linestyle="--", label=claim_label)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), frameon=False)
    ax.set_yticks(y, data["label"])
    ax.invert_yaxis()
    ax.set(xlabel="relative uplift of conversion (%)", ylabel="", title=title)
    return ax


def plot_daily_active_users(daily: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """DAU per date and market (from `live_commerce.daily_active_users`)."""
    ax = _ax(ax)
    data = daily.assign(date=pd.to_datetime(daily["date"]))
    sns.lineplot(data=data, x="date", y="dau", hue="market", marker="o", markersize=4, ax=ax)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.legend(title="market", loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set(xlabel="date (local)", ylabel="daily active users (DAU)", title=title)
    return ax


def plot_prime_time_calendar(calendar: pd.DataFrame, *, title: str = "", names: dict | None = None, ax: plt.Axes | None = None) -> plt.Axes:
    """When each market's local prime time starts, in Beijing time, day by day (from
    `scheduling.prime_time_calendar`). Steps are daylight-saving changes. Each line is labelled
    at its right end with the market's name (`names`, by code) and its last Beijing time; hours
    read as clock times, and a start on the next calendar day in Beijing says so."""
    ax = _ax(ax)
    sns.lineplot(data=calendar, x="local_date", y="beijing_start_hour", hue="market", drawstyle="steps-post", legend=False, ax=ax)
    palette = dict(zip(calendar["market"].unique(), sns.color_palette(n_colors=calendar["market"].nunique())))
    last_day = pd.to_datetime(calendar["local_date"]).max()
    for market, rows in calendar.groupby("market", sort=False):
        last = rows.iloc[-1]
        hour = float(last["beijing_start_hour"])
        next_day = "day_shift" in rows and int(last["day_shift"]) > 0
        label = f"{(names or {}).get(market, market)}: {int(hour):02d}:{int(round(hour % 1 * 60)):02d}" + (" next day" if next_day else "")
        ax.text(last_day + pd.Timedelta(days=6), hour, label, va="center", fontsize=9, color=palette[market])
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
    ax.set_yticks(range(0, 25, 4))
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda value, _: f"{int(value):02d}:00"))
    ax.set_ylim(-1, 24)
    ax.set(xlabel="local date in the market, 2025", ylabel="start in Beijing time (clock time)", title=title)
    return ax


def plot_viewers_by_slot(sessions: pd.DataFrame, *, slot: str = "slot", title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Median viewers per session by host type and time slot (e.g. prime time vs daytime) as
    points, with the interquartile range as error bars, on a linear axis that starts at zero, so
    that the distance from the axis is the number of viewers."""
    ax = _ax(ax)
    sns.pointplot(data=sessions, x="host_type", y="viewers", hue=slot, order=list(HOST_COLOURS), estimator="median", errorbar=("pi", 50),
                  capsize=0.1, dodge=0.3 if sessions[slot].nunique() > 1 else False, linestyle="none", markers="o", ax=ax)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.set(xlabel="host type", ylabel="median viewers per session", title=title)
    if ax.get_legend() is not None:
        ax.get_legend().set_title("start slot")
    return ax


def plot_permutation(test, *, claim: float | None = None, claim_label: str = "claim", title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """A `live_commerce.PermutationTest`: the histogram of the uplifts that shuffling sessions
    between the groups produced, the observed uplift as a solid line and, if given, a claimed
    uplift as a dashed one. Uplifts in percent."""
    ax = _ax(ax)
    ax.hist(np.asarray(test.null) * 100, bins=40, color="0.75", edgecolor="white", label="uplift with the labels shuffled")
    ax.axvline(test.observed * 100, color=HOST_COLOURS.get(test.other, "black"), linewidth=2.5, label=f"observed uplift ({test.observed:+.1%})")
    if claim is not None:
        ax.axvline(claim * 100, color="black", linestyle="--", linewidth=1.5, label=claim_label)
    values = [float(np.min(test.null)), float(np.max(test.null)), test.observed] + ([claim] if claim is not None else [])
    low, high = min(values) * 100, max(values) * 100
    ax.set_xlim(low - 0.08 * (high - low), high + 0.08 * (high - low))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda value, _: f"{value:+.0f}%"))
    ax.set(xlabel=f"relative uplift of {test.other} over {test.baseline} conversion (%)", ylabel="number of shuffles", title=title)
    ax.legend(loc="upper left", fontsize=9)
    return ax
