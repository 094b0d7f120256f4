"""Module 05 plots: lead times, on-time rates, customs hours, landed cost, the warehouse
break-even, the live-stream demand pulse, forecasts and the newsvendor's profit curve.

Each function takes the tables that `course.logistics`, `course.landed_cost`,
`course.inventory` and `course.demand_forecast` compute and returns the Axes it drew on.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import pandas as pd
import seaborn as sns

from course.landed_cost import LandedCost
from course.labels import LABELS
from course.language import t
from course.logistics import MODES

#: one colour per shipping mode, the same in every plot of the module
MODE_COLOURS = {
    "postal_small_packet": "#E69F00",
    "dedicated_line": "#56B4E9",
    "commercial_express": "#CC79A7",
    "overseas_warehouse": "#009E73",
}


#: the codes of these columns are shown by their labels (`course.labels`, in the course's language)
_LABELLED = {"mode": "logistics.mode", "clearance_lane": "logistics.lane", "live_day": "logistics.live_day", "session_type": "logistics.stream"}


def label(column: str, code: object) -> str:
    """How a figure names a code of the shipments' `column` ("postal_small_packet" -> "postal
    small packet"; a `live_day` of True -> "ordered on a live-stream day"); other values as they are."""
    key = f"{_LABELLED.get(column)}.{code}"
    return t(key) if key in LABELS else str(code)


def _readable(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].map(lambda code: label(column, code)).astype(str)


def _mode_palette() -> dict[str, str]:
    return {label("mode", m): colour for m, colour in MODE_COLOURS.items()}


def _mode_order(frame: pd.DataFrame) -> list[str]:
    present = set(frame["mode"].astype(str))
    return [label("mode", m) for m in MODES if m in present]


def _ax(ax: plt.Axes | None) -> plt.Axes:
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_lead_times(shipments: pd.DataFrame, *, column: str = "lead_days", band: tuple[float, float] | None = None, band_label: str = "", title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Box plots of a lead-time column per mode (a `with_lead_times` frame), with an optional
    shaded band (e.g. a paper's range)."""
    ax = _ax(ax)
    order = _mode_order(shipments)
    data = shipments.assign(mode=_readable(shipments, "mode"))
    sns.boxplot(data=data, y="mode", x=column, hue="mode", order=order, palette=_mode_palette(), legend=False, ax=ax, fliersize=2)
    if band is not None:
        ax.axvspan(*band, color="0.85", zorder=0, label=band_label)
        ax.legend(loc="lower right")
    unit = "business days" if "business" in column else "calendar days"
    ax.set(xlabel=f"{column.replace('_', ' ')} ({unit})", ylabel="", title=title)
    return ax


def plot_lead_time_ecdf(shipments: pd.DataFrame, *, column: str = "lead_days", title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Cumulative share of orders delivered within x days, one line per mode."""
    ax = _ax(ax)
    order = _mode_order(shipments)
    data = shipments.assign(mode=_readable(shipments, "mode"))
    sns.ecdfplot(data=data, x=column, hue="mode", hue_order=order, palette=_mode_palette(), ax=ax)
    if ax.get_legend() is not None:
        ax.get_legend().set_title("")
    ax.set(xlabel=f"{column.replace('_', ' ')} (calendar days)", ylabel="share of orders delivered", title=title)
    return ax


def plot_on_time(rates: pd.DataFrame, *, x: str = "on_time_rate", y: str = "mode", hue: str | None = None, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """On-time rates (fractions) as horizontal bars in percent."""
    ax = _ax(ax)
    data = rates.assign(percent=rates[x] * 100)
    data[y] = _readable(data, y)
    if hue is not None:
        data[hue] = _readable(data, hue)
    sns.barplot(data=data, y=y, x="percent", hue=hue if hue else y, legend=hue is not None,
                palette=None if hue else _mode_palette() if y == "mode" else None, ax=ax)
    for bars in ax.containers:
        ax.bar_label(bars, fmt="%.1f%%", padding=3, fontsize=9)
    ax.set(xlabel="delivered on or before the promised date (%)", ylabel="", title=title, xlim=(0, 112))
    return ax


def plot_customs_hours(shipments: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Distribution of customs clearance hours per lane (log scale)."""
    ax = _ax(ax)
    data = shipments.dropna(subset=["customs_hours"])
    data = data.assign(lane=_readable(data, "clearance_lane"))
    sns.histplot(data=data, x="customs_hours", hue="lane", log_scale=True, element="step", stat="density", common_norm=False, ax=ax)
    if ax.get_legend() is not None:
        ax.get_legend().set_title("clearance lane")
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda value, _: f"{value:g}"))   # 1, 10, 100 hours, not 10⁰
    ax.set(xlabel="hours in import customs clearance (log scale)", ylabel="density", title=title)
    return ax


def plot_landed_cost(cost: LandedCost, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """The parts of a landed cost (goods, freight, duty, VAT) as bars, with the total."""
    ax = _ax(ax)
    data = pd.DataFrame({"part": ["goods", "freight", "duty", "VAT"], "amount": [cost.goods, cost.freight, cost.duty, cost.vat]})
    sns.barplot(data=data, x="part", y="amount", hue="part", legend=False, palette=["#0072B2", "#56B4E9", "#D55E00", "#CC79A7"], ax=ax)
    for bars in ax.containers:
        ax.bar_label(bars, fmt="%.2f", padding=3, fontsize=9)
    ax.set(xlabel="", ylabel=f"amount ({cost.currency})", title=title or f"landed cost {cost.total:,.2f} {cost.currency}")
    return ax


def plot_landed_cost_curve(curve: pd.DataFrame, currency: str, *, threshold_usd: float | None = None, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """`landed_cost.landed_cost_curve` as a line: landed cost against the goods value, with the
    duty-free threshold (in US dollars at the curve's rate) as a dashed, directly labelled line.
    Below and above the threshold the lines are drawn apart, so the jump is not drawn as a slope."""
    ax = _ax(ax)
    for relieved, part in curve.groupby("relieved", sort=False):
        colour = "#0072B2" if relieved else "#D55E00"
        ax.plot(part["goods_usd"], part["landed_cost"], color=colour, linewidth=2)
        middle = part.iloc[len(part) // 2]
        ax.annotate("no duty (low-value relief)" if relieved else "duty on goods and freight", (middle["goods_usd"], middle["landed_cost"]),
                    xytext=(-6, 8), textcoords="offset points", ha="right", fontsize=9, color=colour)
    if threshold_usd is not None:
        ax.axvline(threshold_usd, color="0.3", linestyle="--", linewidth=1)
        ax.annotate(f"duty-free threshold, {threshold_usd:,.0f} USD", (threshold_usd, 0.04), xycoords=("data", "axes fraction"),
                    xytext=(4, 0), textcoords="offset points", fontsize=9)
    ax.set(xlabel="goods value (USD)", ylabel=f"landed cost ({currency})", title=title)
    return ax


def plot_break_even(lines: pd.DataFrame, break_even: float | None = None, *, volume: float | None = None, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Total cost against volume for direct shipping and the overseas warehouse
    (`course.logistics.cost_lines`), with the break-even volume marked."""
    ax = _ax(ax)
    sns.lineplot(data=lines, x="volume", y="total_cost", hue="option", palette=["#56B4E9", "#009E73"], ax=ax)
    if break_even is not None:
        ax.axvline(break_even, color="0.3", linestyle="--", linewidth=1)
        ax.annotate(f"break-even {break_even:,.0f}", (break_even, 0), xytext=(4, 8), textcoords="offset points", fontsize=9)
    if volume is not None:      # orange (Okabe-Ito vermilion), labelled where it stands
        ax.axvline(volume, color="#D55E00", linewidth=1)
        ax.annotate(f"volume {volume:,.0f}", (volume, 1), xycoords=("data", "axes fraction"), xytext=(4, -12),
                    textcoords="offset points", fontsize=9, color="#D55E00")
    ax.set(xlabel="orders per month", ylabel="cost per month (USD)", title=title)
    return ax


def plot_demand_pulse(daily: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Daily orders over time, live-stream days marked."""
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 4))
    data = daily.assign(day=pd.to_datetime(daily["date"]))
    sns.lineplot(data=data, x="day", y="orders", color="0.55", linewidth=0.8, ax=ax)
    live = data[data["live_stream"].astype(bool)]
    sns.scatterplot(data=live.assign(stream=_readable(live, "session_type")), x="day", y="orders", hue="stream",
                    palette={label("session_type", "weekly"): "#0072B2", label("session_type", "festival"): "#D55E00"}, s=30, zorder=3, ax=ax)
    ax.set(xlabel="", ylabel="orders per day", title=title)
    return ax


def plot_forecasts(dates: pd.Series, actual: pd.Series, forecasts: dict[str, pd.Series], *, live: pd.Series | None = None, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Actual daily values and one-step-ahead forecasts."""
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 4))
    day = pd.to_datetime(pd.Series(dates).to_numpy())
    frames = [pd.DataFrame({"day": day, "value": pd.Series(actual).to_numpy(), "series": "actual"})]
    frames += [pd.DataFrame({"day": day, "value": pd.Series(f).to_numpy(), "series": name}) for name, f in forecasts.items()]
    sns.lineplot(data=pd.concat(frames, ignore_index=True), x="day", y="value", hue="series", style="series", ax=ax)
    if live is not None:
        for d in day[pd.Series(live).to_numpy().astype(bool)]:
            ax.axvline(d, color="#0072B2", alpha=0.15, linewidth=4, zorder=0)
    ax.set(xlabel="", ylabel="orders per day", title=title)
    ax.set_ylim(top=ax.get_ylim()[1] * 1.2)
    ax.legend(title="", loc="upper center", ncol=len(forecasts) + 1, fontsize=9)
    return ax


def plot_profit_curve(curve: pd.DataFrame, quantity: float | None = None, mean: float | None = None, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Average profit over past sessions against the stock level, with the newsvendor
    quantity and mean demand marked."""
    ax = _ax(ax)
    sns.lineplot(data=curve, x="quantity", y="expected_profit", color="#0072B2", ax=ax)
    if mean is not None:
        ax.axvline(mean, color="0.5", linestyle=":", label=f"mean demand {mean:,.0f}")
    if quantity is not None:
        ax.axvline(quantity, color="#D55E00", linestyle="--", label=f"newsvendor quantity {quantity:,.0f}")
    if mean is not None or quantity is not None:
        ax.legend(loc="lower center")
    ax.set(xlabel="units stocked for the stream", ylabel="average profit over past sessions (USD)", title=title)
    return ax
