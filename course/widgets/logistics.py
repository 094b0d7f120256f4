"""Module 05 widgets: a landed-cost calculator and the warehouse-or-direct decision.

Each widget calls a pure function (`course.landed_cost.landed_cost_for`,
`course.logistics.warehouse_or_direct`) and shows its result; the box it returns keeps the
latest result in `box.latest`, so a test can change a control and read what changed.
"""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.landed_cost import landed_cost_for
from course.logistics import cost_lines, warehouse_or_direct
from course.plotting.logistics import plot_break_even, plot_landed_cost

#: the exchange rates the widget starts from, local currency per US dollar (the course's
#: rounded teaching rates, as in the shipments generator; move the slider to change them)
DEFAULT_FX = {"USD": 1.0, "GBP": 0.78, "EUR": 0.92, "AUD": 1.52}


def landed_cost_calculator(rules: pd.DataFrame, *, market: str = "FR", goods_usd: float = 120.0, freight_usd: float = 15.0, duty_rate: float = 0.12) -> widgets.Widget:
    """Pick a market and move the sliders: goods value, freight, duty rate and exchange rate;
    see every step of the landed cost and the parts as bars."""
    markets = list(rules["iso2"])
    market_w = widgets.Dropdown(options=markets, value=market, description="market")
    goods_w = widgets.FloatSlider(value=goods_usd, min=1, max=400, step=1, description="goods USD", continuous_update=False)
    freight_w = widgets.FloatSlider(value=freight_usd, min=0, max=60, step=0.5, description="freight USD", continuous_update=False)
    duty_w = widgets.FloatSlider(value=duty_rate, min=0, max=0.3, step=0.005, description="duty rate", readout_format=".1%", continuous_update=False)
    fx_w = widgets.FloatSlider(value=1.0, min=0.05, max=3.0, step=0.01, description="local/USD", continuous_update=False)
    out = widgets.Output()
    box = widgets.VBox([widgets.HBox([market_w, fx_w]), widgets.HBox([goods_w, freight_w, duty_w]), out])

    def set_fx(*_):
        currency = str(rules.loc[rules["iso2"] == market_w.value, "threshold_currency"].iloc[0])
        fx_w.value = DEFAULT_FX.get(currency, 1.0)
        fx_w.description = f"{currency}/USD"

    def render(*_):
        cost = landed_cost_for(rules, market_w.value, goods_w.value, freight_w.value, duty_rate=duty_w.value, fx=fx_w.value)
        box.latest = cost
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(6, 3.5))
            plot_landed_cost(cost, ax=ax)
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
    volume_w = widgets.IntSlider(value=int(volume), min=0, max=int(max_volume), step=50, description="orders/month", continuous_update=False)
    fixed_w = widgets.FloatSlider(value=fixed_cost, min=0, max=20000, step=250, description="fixed USD", continuous_update=False)
    direct_w = widgets.FloatSlider(value=direct_cost, min=0.5, max=30, step=0.1, description="direct/order", continuous_update=False)
    wh_w = widgets.FloatSlider(value=warehouse_cost, min=0, max=30, step=0.1, description="wareh./order", continuous_update=False)
    out = widgets.Output()
    box = widgets.VBox([widgets.HBox([volume_w, fixed_w]), widgets.HBox([direct_w, wh_w]), out])

    def render(*_):
        with out:
            out.clear_output(wait=True)
            try:
                decision = warehouse_or_direct(volume_w.value, fixed_w.value, direct_w.value, wh_w.value)
            except ValueError as exc:  # the warehouse costs as much per order as direct shipping
                box.latest = None
                print(f"No break-even: {exc}")
                return
            box.latest = decision
            fig, ax = plt.subplots(figsize=(7, 3.8))
            lines = cost_lines(fixed_w.value, direct_w.value, wh_w.value, max(max_volume, decision.break_even * 1.3))
            plot_break_even(lines, decision.break_even, volume=volume_w.value, title=decision.choice, ax=ax)
            plt.show()
            print(decision.describe())

    for w in (volume_w, fixed_w, direct_w, wh_w):
        w.observe(render, names="value")
    render()
    return box
