"""Module 05 widgets: a landed-cost calculator and the warehouse-or-direct decision.

Each widget calls a pure function (`course.landed_cost.landed_cost_for`,
`course.logistics.warehouse_or_direct`) and shows its result; the box it returns keeps the
latest result in `box.latest`, so a test can change a control and read what changed. Their
labels are in the course's language at the time a widget is built (`course.language`).
"""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.landed_cost import landed_cost_for
from course.logistics import cost_lines, warehouse_or_direct
from course.plotting.logistics import plot_break_even, plot_landed_cost
from course.widgets._i18n import get_language, plot_language, relabel_legend, relabel_texts, relabel_ticks, t, translations

#: the exchange rates the widget starts from, local currency per US dollar (the course's
#: rounded teaching rates, as in the shipments generator; move the slider to change them)
DEFAULT_FX = {"USD": 1.0, "GBP": 0.78, "EUR": 0.92, "AUD": 1.52}
#: the parts of a landed cost as `plot_landed_cost` names them, and their labels
PART_LABELS = {part: f"logistics.part.{part}" for part in ("goods", "freight", "duty", "VAT")}
#: the two options of `warehouse_or_direct`, and their labels
OPTION_LABELS = {option: f"logistics.option.{option}" for option in ("direct shipping", "overseas warehouse")}


def landed_cost_calculator(rules: pd.DataFrame, *, market: str = "FR", goods_usd: float = 120.0, freight_usd: float = 15.0, duty_rate: float = 0.12) -> widgets.Widget:
    """Pick a market and move the sliders: goods value, freight, duty rate and exchange rate;
    see every step of the landed cost and the parts as bars."""
    lang = get_language()
    markets = list(rules["iso2"])
    market_w = widgets.Dropdown(options=markets, value=market, description=t("common.market", lang))
    goods_w = widgets.FloatSlider(value=goods_usd, min=1, max=400, step=1, description=t("logistics.goods", lang), continuous_update=False)
    freight_w = widgets.FloatSlider(value=freight_usd, min=0, max=60, step=0.5, description=t("logistics.freight", lang), continuous_update=False)
    duty_w = widgets.FloatSlider(value=duty_rate, min=0, max=0.3, step=0.005, description=t("logistics.duty_rate", lang), readout_format=".1%", continuous_update=False)
    fx_w = widgets.FloatSlider(value=1.0, min=0.05, max=3.0, step=0.01, description=t("logistics.fx_local", lang), continuous_update=False)
    out = widgets.Output()
    box = widgets.VBox([widgets.HBox([market_w, fx_w]), widgets.HBox([goods_w, freight_w, duty_w]), out])

    def set_fx(*_):
        currency = str(rules.loc[rules["iso2"] == market_w.value, "threshold_currency"].iloc[0])
        fx_w.value = DEFAULT_FX.get(currency, 1.0)
        fx_w.description = t("logistics.fx", lang, currency=currency)

    def render(*_):
        cost = landed_cost_for(rules, market_w.value, goods_w.value, freight_w.value, duty_rate=duty_w.value, fx=fx_w.value)
        box.latest = cost
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            fig, ax = plt.subplots(figsize=(6, 3.5))
            plot_landed_cost(cost, title=t("logistics.plot.landed_title", plang, total=cost.total, currency=cost.currency), ax=ax)
            ax.set_ylabel(t("logistics.plot.amount", plang, currency=cost.currency))
            if plang != "en":
                relabel_ticks(ax, "x", translations(PART_LABELS, plang))
            plt.show()
            print(cost.describe())
            display(cost.steps()[["step", "amount", "how"]].round(2))

    def market_changed(*_):
        before = fx_w.value
        set_fx()
        if fx_w.value == before:  # same currency: the fx slider did not trigger a render
            render()

    market_w.observe(market_changed, names="value")
    for w in (goods_w, freight_w, duty_w, fx_w):
        w.observe(render, names="value")
    set_fx()
    render()
    return box


def warehouse_decision(*, volume: float = 800, fixed_cost: float = 5000, direct_cost: float = 10.0, warehouse_cost: float = 4.5, max_volume: float = 3000) -> widgets.Widget:
    """Sliders for monthly orders, the warehouse's fixed cost and both costs per order: the
    two cost lines, the break-even volume and the cheaper option."""
    lang = get_language()
    volume_w = widgets.IntSlider(value=int(volume), min=0, max=int(max_volume), step=50, description=t("logistics.volume", lang), continuous_update=False)
    fixed_w = widgets.FloatSlider(value=fixed_cost, min=0, max=20000, step=250, description=t("logistics.fixed", lang), continuous_update=False)
    direct_w = widgets.FloatSlider(value=direct_cost, min=0.5, max=30, step=0.1, description=t("logistics.direct", lang), continuous_update=False)
    wh_w = widgets.FloatSlider(value=warehouse_cost, min=0, max=30, step=0.1, description=t("logistics.warehouse", lang), continuous_update=False)
    out = widgets.Output()
    box = widgets.VBox([widgets.HBox([volume_w, fixed_w]), widgets.HBox([direct_w, wh_w]), out])

    def render(*_):
        with out:
            out.clear_output(wait=True)
            try:
                decision = warehouse_or_direct(volume_w.value, fixed_w.value, direct_w.value, wh_w.value)
            except ValueError as exc:  # the warehouse costs as much per order as direct shipping
                box.latest = None
                print(t("logistics.no_break_even", lang, error=exc))
                return
            box.latest = decision
            plang = plot_language(lang)
            fig, ax = plt.subplots(figsize=(7, 3.8))
            lines = cost_lines(fixed_w.value, direct_w.value, wh_w.value, max(max_volume, decision.break_even * 1.3))
            plot_break_even(lines, decision.break_even, volume=volume_w.value, title=t(OPTION_LABELS[decision.choice], plang), ax=ax)
            ax.set(xlabel=t("logistics.plot.orders_per_month", plang), ylabel=t("logistics.plot.cost_per_month", plang))
            if plang != "en":
                relabel_legend(ax, translations(OPTION_LABELS, plang), title=t("logistics.plot.option", plang))
                prefix = "break-even "
                relabel_texts(ax, lambda text: t("logistics.plot.break_even", plang, volume=text[len(prefix):]) if text.startswith(prefix) else None)
            plt.show()
            print(decision.describe())

    for w in (volume_w, fixed_w, direct_w, wh_w):
        w.observe(render, names="value")
    render()
    return box
