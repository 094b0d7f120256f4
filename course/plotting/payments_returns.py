"""Module 07 plots: the fee stack of an order, currency moves over the payout cycle, rates with
their intervals (chargebacks, returns), a return against a returnless refund, and the
before-after comparison of a local service team.

Each function takes what `course.payments` and `course.after_sales` compute and returns the
Axes it drew on. Codes of the data (`ewallet`, `local_24h`, `size_or_fit`) are shown in words.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
import seaborn as sns

from course.after_sales import DiD, returnless_threshold
from course.payments import FeeStack

#: how a figure names the data's codes
WORDS = {
    "card": "card", "paypal": "PayPal", "ewallet": "e-wallet",
    "USD": "US dollar", "GBP": "pound sterling", "EUR": "euro", "MYR": "ringgit",
    "apparel": "apparel", "beauty": "beauty", "electronics": "electronics", "home": "home goods",
    "US": "United States", "GB": "United Kingdom", "DE": "Germany", "FR": "France", "ES": "Spain",
    "IT": "Italy", "AU": "Australia", "MY": "Malaysia",
    "remote": "remote team (China)", "local_24h": "24-hour local team",
}


def words(code: object) -> str:
    """A data code in words ("ewallet" -> "e-wallet"); a code not listed stays as it is."""
    return WORDS.get(str(code), str(code))


def _ax(ax: plt.Axes | None, size: tuple[float, float] = (7, 3.8)) -> plt.Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def plot_fee_stack(stack: FeeStack, *, currency: str = "", title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """A waterfall of one order: the price, each deduction, and what the seller keeps."""
    ax = _ax(ax)
    table = stack.table()
    steps = list(table["step"])
    starts, widths, colours = [], [], []
    level = 0.0
    for step, amount in zip(table["step"], table["amount"]):
        if step in ("buyer's price", "seller keeps (buyer's currency)"):
            starts.append(0.0)
            widths.append(amount)
            colours.append("#0072B2" if step == "buyer's price" else "#009E73")
            level = amount
        else:
            starts.append(level + amount)
            widths.append(-amount)
            colours.append("#D55E00")
            level += amount
    ax.barh(steps, widths, left=starts, color=colours)
    for y, (s, w, amount) in enumerate(zip(starts, widths, table["amount"])):
        ax.text(s + w + stack.price * 0.01, y, f"{amount:+.2f}" if 0 < y < len(steps) - 1 else f"{amount:.2f}", va="center", fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, stack.price * 1.15)
    ax.set(xlabel=f"amount ({currency})" if currency else "amount in the buyer's currency", ylabel="", title=title or f"What reaches the seller: {1 - stack.take_rate:.1%} of the price")
    return ax


def plot_fx_changes(changes: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Box plots of each order's change in yuan value between order and payout, per currency
    (`changes` has columns `currency` and `change`, a fraction)."""
    ax = _ax(ax)
    data = changes.assign(currency=changes["currency"].map(words), change=changes["change"] * 100)
    order = [words(c) for c in ("USD", "GBP", "EUR", "MYR") if words(c) in set(data["currency"])]
    sns.boxplot(data=data, y="currency", x="change", order=order, color="#56B4E9", fliersize=2, ax=ax)
    ax.axvline(0, color="0.3", lw=1)
    ax.set(xlabel="change in the order's value in yuan, order to payout (%)", ylabel="", title=title)
    return ax


def plot_rates(table: pd.DataFrame, *, xlabel: str, title: str = "", reference: float | None = None,
               reference_label: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Each group's rate as a dot with its interval as a line (a `rate_table`), in percent; the
    group's size is written beside it, so a reader sees why some lines are long."""
    ax = _ax(ax, (7, 0.45 * len(table) + 1.6))
    names = [" / ".join(words(part) for part in (key if isinstance(key, tuple) else (key,))) for key in table.index]
    y = np.arange(len(table))
    ax.hlines(y, table["low"] * 100, table["high"] * 100, color="#0072B2", lw=2)
    ax.plot(table["rate"] * 100, y, "o", color="#0072B2")
    for yi, high, n in zip(y, table["high"] * 100, table["n"] if "n" in table else table["payments"]):
        ax.text(high + 0.3, yi, f"{int(n):,} orders", va="center", fontsize=8, color="0.35")
    if reference is not None:
        ax.axvline(reference * 100, color="#D55E00", ls="--", lw=1.2)
        ax.text(reference * 100, len(table) - 0.4, f" {reference_label}", color="#D55E00", fontsize=9, va="bottom")
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, max(table["high"].max() * 100 * 1.25, 1))
    ax.set(xlabel=xlabel, ylabel="", title=title)
    return ax


def plot_refund_costs(reverse_freight: float, handling: float, recovery_rate: float, *, max_value: float = 120.0,
                      goods_value: float | None = None, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """The seller's extra cost of a return against a returnless refund, as the goods' value grows."""
    ax = _ax(ax)
    values = np.linspace(0, max_value, 121)
    ax.plot(values, reverse_freight + handling - recovery_rate * values, color="#0072B2", lw=2, label="goods sent back")
    ax.plot(values, np.zeros_like(values), color="#E69F00", lw=2, label="returnless refund")
    threshold = returnless_threshold(reverse_freight, handling, recovery_rate)
    if threshold <= max_value:
        ax.axvline(threshold, color="0.4", ls=":", lw=1)
        ax.text(threshold, ax.get_ylim()[1] * 0.85, f" break-even value {threshold:.0f} USD", fontsize=9)
    if goods_value is not None:
        ax.axvline(goods_value, color="#D55E00", lw=1)
    ax.set(xlabel="value of the goods (USD)", ylabel="extra cost to the seller (USD per refund)", title=title)
    ax.legend(loc="lower left")
    return ax


def plot_did(did: DiD, *, outcome: str, treated: str = "with a local team from July", control: str = "remote team all year",
             percent: bool = False, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """The two groups' means before and after, with the treated group's path had it changed
    like the control group (dashed): the gap at the end is the difference in differences."""
    ax = _ax(ax)
    scale = 100 if percent else 1
    m = did.means * scale
    x = [0, 1]
    ax.plot(x, [m.loc[False, False], m.loc[False, True]], "o-", color="#E69F00", lw=2, label=control)
    ax.plot(x, [m.loc[True, False], m.loc[True, True]], "o-", color="#0072B2", lw=2, label=treated)
    ax.plot(x, [m.loc[True, False], m.loc[True, False] + did.control_change * scale], "o--", color="#0072B2", alpha=0.5,
            label="with a local team, had it changed like the others")
    ax.set_xticks(x, ["January to June", "July to December"])
    ax.set_xlim(-0.3, 1.3)
    ax.set(xlabel="half of 2024", ylabel=outcome, title=title)
    if percent:
        ax.yaxis.set_major_formatter(mticker.FormatStrFormatter("%.0f%%"))
    ax.legend(loc="best", fontsize=9)
    return ax
