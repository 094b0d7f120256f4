"""Module 07 widgets: the fee stack of an order against its margin, and a return against a
returnless refund.

Each widget calls pure functions (`course.payments.fee_stack`, `expected_margin`,
`chargeback_break_even`; `course.after_sales.refund_costs`) and shows the result; the box it
returns keeps the latest result in `box.latest`, so a test can move a control and read what
changed. Labels are in the course's language when the widget is built (`course.language`).
"""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt

from course.after_sales import refund_costs
from course.payments import PaymentsError, chargeback_break_even, expected_margin, fee_stack
from course.plotting.payments_returns import plot_fee_stack, plot_refund_costs
from course.widgets._i18n import get_language, plot_language, relabel_ticks, t, translations


def _slider(kind, value, low, high, step, key, lang, fmt=None):
    cls = widgets.FloatSlider if kind == "float" else widgets.IntSlider
    extra = {"readout_format": fmt} if fmt else {}
    return cls(value=value, min=low, max=high, step=step, description=t(key, lang), continuous_update=False, **extra)


def _wire(box: widgets.Box, controls, render) -> widgets.Box:
    for control in controls:
        control.observe(render, names="value")
    render()
    return box


def fee_stack_explorer(*, price: float = 25.0, commission: float = 0.08, payment_rate: float = 0.029, payment_fixed: float = 0.30,
                       fx_spread: float = 0.02, fx_rate: float = 9.0, cost_share: float = 0.55, loss: float = 22.0,
                       chargeback_rate: float = 0.008) -> widgets.Widget:
    """Sliders for the price and every fee, the goods' cost as a share of the price and the
    chargeback rate: the waterfall of the order, its take rate, the margin left after the
    expected chargebacks and the break-even chargeback rate. A fixed fee weighs more on a cheap
    order: move the price to see the take rate change, which one static waterfall cannot show."""
    lang = get_language()
    price_w = _slider("float", price, 2, 200, 1, "payments.price", lang)
    commission_w = _slider("float", commission, 0, 0.3, 0.005, "payments.commission", lang, ".3f")
    rate_w = _slider("float", payment_rate, 0, 0.08, 0.001, "payments.payment_rate", lang, ".3f")
    fixed_w = _slider("float", payment_fixed, 0, 2, 0.05, "payments.payment_fixed", lang)
    spread_w = _slider("float", fx_spread, 0, 0.05, 0.0025, "payments.fx_spread", lang, ".4f")
    cb_w = _slider("float", chargeback_rate, 0, 0.05, 0.001, "payments.chargeback_rate", lang, ".3f")
    out = widgets.Output()
    controls = (price_w, commission_w, rate_w, fixed_w, spread_w, cb_w)
    box = widgets.VBox([widgets.HBox(controls[:3]), widgets.HBox(controls[3:]), out])

    def render(*_):
        with out:
            out.clear_output(wait=True)
            try:
                stack = fee_stack(price_w.value, commission_rate=commission_w.value, payment_rate=rate_w.value,
                                  payment_fixed=fixed_w.value, fx_spread=spread_w.value, fx_rate=fx_rate)
            except PaymentsError as exc:
                box.latest = None
                print(t("payments.error", lang, error=exc))
                return
            margin = stack.net_local - cost_share * price_w.value
            box.latest = {"take_rate": stack.take_rate, "margin": margin, "expected": None, "break_even": None}
            plang = plot_language(lang)
            fig, ax = plt.subplots(figsize=(7, 3.2))
            plot_fee_stack(stack, title=t("payments.plot.title", plang, share=f"{1 - stack.take_rate:.1%}"), ax=ax)
            ax.set_xlabel(t("payments.plot.amount", plang))
            if plang != "en":
                relabel_ticks(ax, "y", translations({step: f"payments.step.{step}" for step in stack.table()["step"]}, plang))
            plt.show()
            print(t("payments.take_rate", lang, rate=f"{stack.take_rate:.1%}", payout=f"{stack.payout:.2f}"))
            if margin <= 0:
                print(t("payments.no_margin", lang, margin=f"{margin:.2f}"))
                return
            expected = expected_margin(margin, loss, cb_w.value)
            break_even = chargeback_break_even(margin, loss)
            box.latest.update(expected=expected, break_even=break_even)
            print(t("payments.margin", lang, margin=f"{margin:.2f}", expected=f"{expected:.2f}", break_even=f"{break_even:.2%}"))

    return _wire(box, controls, render)


def refund_explorer(*, goods_value: float = 28.0, reverse_freight: float = 11.0, handling: float = 3.0,
                    recovery_rate: float = 0.6) -> widgets.Widget:
    """Sliders for the goods' value, the reverse freight, the handling cost and the share of the
    value a resale recovers: the two costs, which is cheaper, and the break-even value."""
    lang = get_language()
    value_w = _slider("float", goods_value, 1, 150, 1, "returns.goods_value", lang)
    freight_w = _slider("float", reverse_freight, 0, 40, 0.5, "returns.reverse_freight", lang)
    handling_w = _slider("float", handling, 0, 15, 0.5, "returns.handling", lang)
    recovery_w = _slider("float", recovery_rate, 0, 1, 0.05, "returns.recovery", lang)
    out = widgets.Output()
    controls = (value_w, freight_w, handling_w, recovery_w)
    box = widgets.VBox([widgets.HBox(controls[:2]), widgets.HBox(controls[2:]), out])

    def render(*_):
        with out:
            out.clear_output(wait=True)
            costs = refund_costs(value_w.value, freight_w.value, handling_w.value, recovery_w.value)
            box.latest = costs
            plang = plot_language(lang)
            fig, ax = plt.subplots(figsize=(7, 3.6))
            plot_refund_costs(freight_w.value, handling_w.value, recovery_w.value, goods_value=value_w.value,
                              title=t(f"returns.cheaper.{'returnless' if costs.cheaper == 'returnless refund' else 'return'}", plang), ax=ax)
            if plang != "en":
                ax.set(xlabel=t("returns.plot.value", plang), ylabel=t("returns.plot.cost", plang))
                legend = ax.get_legend()
                for text, key in zip(legend.get_texts(), ("returns.plot.sent_back", "returns.plot.returnless")):
                    text.set_text(t(key, plang))
                for text in ax.texts:
                    text.set_text(t("returns.plot.break_even", plang, value=text.get_text().split()[-2]))
            plt.show()
            print(t("returns.summary", lang, returned=f"{costs.returned:.2f}", cheaper=t(f"returns.cheaper.{'returnless' if costs.cheaper == 'returnless refund' else 'return'}", lang)))

    return _wire(box, controls, render)
