"""Module 04 widgets: the country comparison and the script-rule explorer."""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.culture import BASE, CLASSIC_DIMENSIONS, DIMENSIONS, compare_with_china
from course.culture_rules import HIGH, LOW, rule_markets, rule_table, script_choices
from course.plotting.culture import plot_differences, plot_profiles

DIMENSION_SETS = {"six dimensions": DIMENSIONS, "four (IBM) dimensions": CLASSIC_DIMENSIONS}


def country_comparison(scores: pd.DataFrame, countries: pd.DataFrame, market: str = "US") -> widgets.Widget:
    """Pick a market and a set of dimensions; see its Hofstede profile against China, the
    differences, the Kogut-Singh distance from China and the script rules that apply
    (`course.culture.compare_with_china` and `course.culture_rules.script_choices`)."""
    options = [(f"{r.name_en} ({r.iso2})", r.iso2) for r in countries.itertuples() if r.iso2 != BASE]
    market_w = widgets.Dropdown(options=options, value=market, description="market")
    dims_w = widgets.ToggleButtons(options=list(DIMENSION_SETS), value="six dimensions", description="use")
    out = widgets.Output()

    def render(*_):
        result = compare_with_china(scores, countries, market_w.value, DIMENSION_SETS[dims_w.value])
        with out:
            out.clear_output(wait=True)
            fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
            plot_profiles(scores, countries, [result.market, BASE], result.dims, title=f"{result.name} and China", ax=axes[0])
            plot_differences(result.differences, market_name=result.name, ax=axes[1])
            plt.tight_layout()
            plt.show()
            print(result.text())
            choices = script_choices(scores, result.market)
            display(choices[["rule_id", "score", "condition", "applies", "script"]])

    market_w.observe(render, names="value")
    dims_w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([market_w, dims_w]), out])


def rule_markets_table(scores: pd.DataFrame, high: float = HIGH, low: float = LOW) -> pd.DataFrame:
    """For every rule: its condition and the markets where it applies or is unknown."""
    rules = rule_table(high, low)
    rows = []
    for r in rules.itertuples():
        split = rule_markets(scores, r.rule_id, high, low)
        rows.append({"rule_id": r.rule_id, "condition": r.condition, "applies": " ".join(split["applies"]), "unknown (no score)": " ".join(split["unknown"]), "basis": r.basis})
    return pd.DataFrame(rows)


def rule_explorer(scores: pd.DataFrame) -> widgets.Widget:
    """Sliders for the 'high' and 'low' thresholds; the table shows where each rule applies."""
    high_w = widgets.IntSlider(value=HIGH, min=50, max=90, description="high ≥", continuous_update=False)
    low_w = widgets.IntSlider(value=LOW, min=10, max=50, description="low ≤", continuous_update=False)
    out = widgets.Output()

    def render(*_):
        with out:
            out.clear_output(wait=True)
            if low_w.value >= high_w.value:
                print("the low threshold must be below the high one")
                return
            display(rule_markets_table(scores, high_w.value, low_w.value))

    high_w.observe(render, names="value")
    low_w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([high_w, low_w]), out])
