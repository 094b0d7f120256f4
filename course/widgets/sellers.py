"""Module 08 widgets: a screening-rule explorer, a roster planner across time zones and a
brand-value explorer.

Each widget calls pure functions (`course.sellers.screening_table`, `course.hosts.cheapest_roster`,
`course.competition.brand_value`) and keeps its latest result in `box.latest`, so a test can
move a control and read what changed. Labels are in the course's language when it is built.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display

from course.competition import brand_value
from course.hosts import StaffingError, cheapest_roster, prime_time_slots
from course.plotting.sellers import plot_error_costs, plot_repeat_value, plot_roster
from course.sellers import screen, screening_table
from course.widgets._i18n import get_language, plot_language, t


def screening_explorer(screening: pd.DataFrame, *, threshold: float = 0.5, false_alarm_cost: float = 300, missed_cost: float = 1500) -> widgets.Widget:
    """Move the threshold and the cost of each error: the confusion matrix of the rule, and the
    cost curve with the cheapest threshold, which moves with the costs."""
    lang = get_language()
    threshold_w = widgets.FloatSlider(value=threshold, min=0.05, max=0.95, step=0.05, description=t("sellers.threshold", lang), readout_format=".2f", continuous_update=False)
    fa_w = widgets.IntSlider(value=int(false_alarm_cost), min=0, max=5000, step=50, description=t("sellers.false_alarm_cost", lang), continuous_update=False)
    miss_w = widgets.IntSlider(value=int(missed_cost), min=0, max=10000, step=100, description=t("sellers.missed_cost", lang), continuous_update=False)
    out = widgets.Output()
    box = widgets.VBox([threshold_w, widgets.HBox([fa_w, miss_w]), out])
    grid = np.round(np.arange(0.05, 0.951, 0.05), 2)

    def render(*_):
        table = screening_table(screening["risk_score"], screening["violated"], grid, fa_w.value, miss_w.value)
        result = screen(screening["risk_score"], screening["violated"], threshold_w.value)
        box.latest = {"table": table, "screening": result}
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            fig, ax = plt.subplots(figsize=(6.5, 3.5))
            plot_error_costs(table, chosen=threshold_w.value, title=t("sellers.plot.cost_title", plang, fa=fa_w.value, miss=miss_w.value), ax=ax, language=plang)
            plt.show()
            print(f"threshold {result.threshold:.2f}: {result.caught} violators caught, {result.false_alarms} false alarms, "
                  f"{result.missed} missed, {result.passed} passed; precision {result.precision:.1%}, recall {result.recall:.1%}; "
                  f"cost of errors {result.cost(fa_w.value, miss_w.value):,.0f} USD")

    for w in (threshold_w, fa_w, miss_w):
        w.observe(render, names="value")
    render()
    return box


def roster_planner(needs: Mapping[str, str], hosts: Mapping[str, Mapping], *, on: date = date(2025, 11, 6), gap_hours: float = 1.0) -> widgets.Widget:
    """Pick the local date and the break a host needs between streams: each market's prime time
    in Beijing time, the cheapest roster and what it costs (or why none exists)."""
    lang = get_language()
    date_w = widgets.DatePicker(value=on, description=t("sellers.date", lang))
    gap_w = widgets.FloatSlider(value=gap_hours, min=0, max=4, step=0.5, description=t("sellers.break", lang), continuous_update=False)
    out = widgets.Output()
    box = widgets.VBox([widgets.HBox([date_w, gap_w]), out])

    def render(*_):
        slots = prime_time_slots(list(needs), date_w.value or on)
        try:
            roster = cheapest_roster(slots, needs, hosts, gap_hours=gap_w.value)
            message = roster.text()
        except StaffingError as error:
            roster, message = None, f"No roster: {error}."
        box.latest = {"slots": slots, "roster": roster}
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            fig, ax = plt.subplots(figsize=(6.5, 3))
            plot_roster(slots, roster, title=t("sellers.plot.roster_title", plang, day=date_w.value or on, gap=gap_w.value), ax=ax, language=plang)
            plt.show()
            print(f"local date {date_w.value or on:%d %b %Y}, a break of at least {gap_w.value:g} h between two streams of one host: {message}")

    date_w.observe(render, names="value")
    gap_w.observe(render, names="value")
    render()
    return box


def brand_value_explorer(*, customers: int = 2000, margin: float = 12.0, repeat_with: float = 0.35, repeat_without: float = 0.20, orders: int = 5) -> widgets.Widget:
    """Sliders for the repeat probability with and without a brand, the margin per order and
    the number of new customers: the expected margin per customer and the brand's value."""
    lang = get_language()
    with_w = widgets.FloatSlider(value=repeat_with, min=0, max=0.8, step=0.01, description=t("sellers.repeat_with", lang), readout_format=".0%", continuous_update=False)
    without_w = widgets.FloatSlider(value=repeat_without, min=0, max=0.8, step=0.01, description=t("sellers.repeat_without", lang), readout_format=".0%", continuous_update=False)
    margin_w = widgets.FloatSlider(value=margin, min=1, max=50, step=0.5, description=t("sellers.margin", lang), continuous_update=False)
    customers_w = widgets.IntSlider(value=customers, min=100, max=20000, step=100, description=t("sellers.customers", lang), continuous_update=False)
    out = widgets.Output()
    box = widgets.VBox([widgets.HBox([with_w, without_w]), widgets.HBox([margin_w, customers_w]), out])

    def render(*_):
        value = brand_value(customers_w.value, margin_w.value, with_w.value, without_w.value, orders)
        box.latest = value
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            fig, ax = plt.subplots(figsize=(6.5, 3.5))
            plot_repeat_value(margin_w.value, orders, marks=(with_w.value, without_w.value), title=t("sellers.plot.brand_title", plang, value=value), ax=ax, language=plang)
            plt.show()
            print(f"{customers_w.value:,} customers x {orders} purchase occasions: the brand adds {value:,.0f} USD of margin")

    for w in (with_w, without_w, margin_w, customers_w):
        w.observe(render, names="value")
    render()
    return box
