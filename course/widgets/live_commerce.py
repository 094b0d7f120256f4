"""Module 02 widgets: the lever explorer and the prime-time planner.

Thin faces over `course.live_commerce.consecutive_levers` and
`course.scheduling.prime_time_in_beijing`, which the tests call directly. Their labels are in
the course's language at the time a widget is built (`course.language`).
"""
from __future__ import annotations

from datetime import date

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.live_commerce import consecutive_levers
from course.plotting.live_commerce import plot_decomposition
from course.scheduling import PRIME_TIME, SchedulingError, dst_transitions, prime_time_in_beijing
from course.widgets._i18n import get_language, plot_language, t

#: the factors of GMV, as `consecutive_levers` names them
FACTORS = ("viewers", "conversion", "aov")


def lever_explorer(sessions: pd.DataFrame, host: str | None = None) -> widgets.Widget:
    """Pick a host and one of its consecutive session pairs: the LMDI contributions of viewers,
    conversion and average order value to the change in GMV, and the main lever. The question
    it answers: for this host, which lever moved GMV from one session to the next, pair by pair?"""
    lang = get_language()
    counts = sessions.groupby(["host_id", "host_type"], observed=True).size().reset_index(name="n")
    options = [(t("live_commerce.host_option", lang, host=r.host_id, kind=r.host_type, n=r.n), r.host_id) for r in counts.itertuples()]
    host_w = widgets.Dropdown(options=options, value=host or options[0][1], description=t("live_commerce.host", lang))
    pair_w = widgets.IntSlider(value=1, min=1, max=1, description=t("live_commerce.pair", lang), style={"description_width": "initial"}, continuous_update=False)
    out = widgets.Output()

    def pairs() -> pd.DataFrame:
        return consecutive_levers(sessions[sessions["host_id"] == host_w.value])

    def on_host(*_):
        previous = pair_w.value
        pair_w.value = 1                       # renders, unless it was 1 already
        pair_w.max = max(len(pairs()), 1)
        if previous == 1:
            render()

    def render(*_):
        table = pairs()
        with out:
            out.clear_output(wait=True)
            if table.empty:
                print(t("live_commerce.too_few_sessions", lang, host=host_w.value))
                return
            row = table.iloc[min(pair_w.value, len(table)) - 1]
            plang = plot_language(lang)
            decomposition = pd.DataFrame({"factor": list(FACTORS), "contribution": [row[f] for f in FACTORS]})
            fig, ax = plt.subplots(figsize=(8, 3.5))
            plot_decomposition(decomposition, title=t("live_commerce.plot.lever_title", plang, before=row["before"], after=row["after"]), ax=ax)
            plt.show()
            print(t("live_commerce.lever_text", lang, before=row["before"], after=row["after"], change=row["gmv_change"],
                    lever=t(f"live_commerce.lever.{row['main_lever']}", lang), k=min(pair_w.value, len(table)), n=len(table)))

    host_w.observe(on_host, names="value")
    pair_w.observe(render, names="value")
    table = pairs()
    pair_w.max = max(len(table), 1)
    render()
    return widgets.VBox([widgets.HBox([host_w, pair_w]), out])


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
