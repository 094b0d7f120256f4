"""Module 04 widgets: the country comparison and the script-rule explorer.

Their labels are in the course's language at the time a widget is built (`course.language`).
"""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from course.culture import BASE, CLASSIC_DIMENSIONS, DIMENSIONS, compare_with_china
from course.culture_rules import HIGH, LOW, rule_markets, rule_table, script_choices
from course.plotting.culture import plot_differences, plot_profiles
from course.widgets._i18n import choices, get_language, plot_language, relabel_legend, relabel_texts, t

DIMENSION_SETS = {"six dimensions": DIMENSIONS, "four (IBM) dimensions": CLASSIC_DIMENSIONS}
#: the label of each set of dimensions
DIMENSION_SET_LABELS = {"six dimensions": "culture.six_dimensions", "four (IBM) dimensions": "culture.four_dimensions"}


def country_comparison(scores: pd.DataFrame, countries: pd.DataFrame, market: str = "US") -> widgets.Widget:
    """Pick a market and a set of dimensions; see its Hofstede profile against China, the
    differences, the Kogut-Singh distance from China and the script rules that apply
    (`course.culture.compare_with_china` and `course.culture_rules.script_choices`)."""
    lang = get_language()
    name = "name_zh" if lang == "zh" else "name_en"
    options = [(t("common.market_option", lang, name=getattr(r, name), code=r.iso2), r.iso2) for r in countries.itertuples() if r.iso2 != BASE]
    market_w = widgets.Dropdown(options=options, value=market, description=t("common.market", lang))
    dims_w = widgets.ToggleButtons(options=choices(DIMENSION_SETS, [t(DIMENSION_SET_LABELS[k], lang) for k in DIMENSION_SETS]),
                                   value="six dimensions", description=t("culture.use", lang), style={"button_width": "auto"})
    out = widgets.Output()
    names = countries.set_index("iso2")

    def render(*_):
        result = compare_with_china(scores, countries, market_w.value, DIMENSION_SETS[dims_w.value])
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            # the market's and China's names as the plots show them (the profile's legend has the English names)
            market_name = result.name if plang == "en" else str(names.loc[result.market, "name_zh"])
            base_name = t("common.china", plang)
            fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
            plot_profiles(scores, countries, [result.market, BASE], result.dims, title=t("culture.plot.profiles_title", plang, market=market_name), ax=axes[0])
            axes[0].set_ylabel(t("culture.plot.score", plang))
            plot_differences(result.differences, market_name=market_name, base_name=base_name, ax=axes[1])
            axes[1].set(xlabel=t("culture.plot.dimension", plang), ylabel=t("culture.plot.difference", plang, market=market_name, base=base_name),
                        title=t("culture.plot.against", plang, market=market_name, base=base_name))
            if plang != "en":
                relabel_legend(axes[0], {str(names.loc[c, "name_en"]): str(names.loc[c, "name_zh"]) for c in (result.market, BASE)})
                axes[0].set_xticks(axes[0].get_xticks(), [f"{d.upper()}\n{t(f'culture.dim.{d}', plang)}" for d in result.dims], fontsize=8)
                no_score = t("culture.plot.no_score", plang)
                relabel_texts(axes[1], lambda text: no_score if text == "no score" else None)
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
    lang = get_language()
    high_w = widgets.IntSlider(value=HIGH, min=50, max=90, description=t("culture.high", lang), continuous_update=False)
    low_w = widgets.IntSlider(value=LOW, min=10, max=50, description=t("culture.low", lang), continuous_update=False)
    out = widgets.Output()

    def render(*_):
        with out:
            out.clear_output(wait=True)
            if low_w.value >= high_w.value:
                print(t("culture.low_below_high", lang))
                return
            display(rule_markets_table(scores, high_w.value, low_w.value))

    high_w.observe(render, names="value")
    low_w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([high_w, low_w]), out])
