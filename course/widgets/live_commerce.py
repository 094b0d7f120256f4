"""Module 02 widgets: the funnel simulator and the prime-time planner.

Thin faces over `course.live_commerce.simulate_funnel` and
`course.scheduling.prime_time_in_beijing`, which the tests call directly. Their labels are in
the course's language at the time a widget is built (`course.language`).
"""
from __future__ import annotations

from datetime import date

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.live_commerce import simulate_funnel
from course.plotting.live_commerce import plot_funnel
from course.scheduling import PRIME_TIME, SchedulingError, dst_transitions, prime_time_in_beijing
from course.widgets._i18n import get_language, plot_language, t

#: the funnel's stages (`Funnel.table()`) and their labels
STAGE_LABELS = {"viewers": "live_commerce.stage.viewers", "product clicks": "live_commerce.stage.product_clicks", "orders": "live_commerce.stage.orders"}


#: slider labels at their full width (a long label is not cut to "click-throu...")
_LABEL = {"description_width": "initial"}


def funnel_simulator(viewers: int = 2000, click_through: float = 0.15, click_conversion: float = 0.12, aov: float = 30.0) -> widgets.Widget:
    """Sliders for traffic, the two step rates and the average order value: the funnel chart
    and the GMV they imply."""
    lang = get_language()
    viewers_w = widgets.IntSlider(value=viewers, min=100, max=50_000, step=100, description=t("live_commerce.viewers", lang), style=_LABEL, continuous_update=False)
    ctr_w = widgets.FloatSlider(value=click_through, min=0.01, max=0.5, step=0.005, description=t("live_commerce.click_through", lang), style=_LABEL, readout_format=".1%", continuous_update=False)
    cvr_w = widgets.FloatSlider(value=click_conversion, min=0.01, max=0.5, step=0.005, description=t("live_commerce.click_conversion", lang), style=_LABEL, readout_format=".1%", continuous_update=False)
    aov_w = widgets.FloatSlider(value=aov, min=5, max=200, step=1, description=t("live_commerce.aov", lang), style=_LABEL, continuous_update=False)
    out = widgets.Output()

    def render(*_):
        funnel = simulate_funnel(viewers_w.value, ctr_w.value, cvr_w.value, aov_w.value)
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            stages = funnel.table()
            stages["stage"] = [t(STAGE_LABELS[s], plang) if s in STAGE_LABELS else s for s in stages["stage"]]
            fig, ax = plt.subplots(figsize=(8, 3))
            plot_funnel(stages, title=t("live_commerce.plot.gmv_title", plang, gmv=funnel.gmv), ax=ax)
            ax.set_xlabel(t("live_commerce.plot.count", plang))
            plt.show()
            print(funnel.text())

    for w in (viewers_w, ctr_w, cvr_w, aov_w):
        w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([viewers_w, ctr_w]), widgets.HBox([cvr_w, aov_w]), out])


def prime_time_planner(countries: pd.DataFrame, market: str = "US", on: date = date(2025, 3, 9), start: str = PRIME_TIME[0], end: str = PRIME_TIME[1]) -> widgets.Widget:
    """Pick a market and a date: the market's local prime time in Beijing time, with the
    daylight-saving rule that applies and the year's clock changes in that market."""
    lang = get_language()
    name = "name_zh" if lang == "zh" else "name_en"
    options = [(t("common.market_option", lang, name=getattr(row, name), code=row.iso2), row.iso2) for row in countries.sort_values("name_en").itertuples()]
    market_w = widgets.Dropdown(options=options, value=market, description=t("common.market", lang))
    date_w = widgets.DatePicker(value=on, description=t("live_commerce.local_date", lang))
    start_w = widgets.Text(value=start, description=t("live_commerce.from", lang), layout=widgets.Layout(width="150px"))
    end_w = widgets.Text(value=end, description=t("live_commerce.to", lang), layout=widgets.Layout(width="150px"))
    out = widgets.Output()

    def render(*_):
        with out:
            out.clear_output(wait=True)
            if date_w.value is None:
                print(t("live_commerce.pick_date", lang))
                return
            try:
                window = prime_time_in_beijing(market_w.value, date_w.value, start_w.value, end_w.value, countries=countries)
            except SchedulingError as exc:
                print(t("live_commerce.cannot_plan", lang, error=exc))
                return
            print(window.text())
            changes = dst_transitions(window.timezone, date_w.value.year)
            if changes.empty:
                print(t("live_commerce.no_dst", lang, timezone=window.timezone, year=date_w.value.year))
            else:
                print(t("live_commerce.clock_changes", lang, timezone=window.timezone, year=date_w.value.year))
                display(changes[["local_before", "offset_before", "offset_after", "change"]])

    for w in (market_w, date_w, start_w, end_w):
        w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([market_w, date_w]), widgets.HBox([start_w, end_w]), out])
