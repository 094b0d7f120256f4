"""Module 06 widgets: the epsilon explorer and the k-anonymity explorer.

Thin faces: the numbers come from `course.differential_privacy.laplace_summary` and
`course.anonymity.anonymise`, which the tests call directly. Their labels are in the course's
language at the time a widget is built (`course.language`).
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd

from course.anonymity import LEVELS, anonymise, class_sizes, generalise
from course.differential_privacy import laplace_summary
from course.plotting.privacy import plot_class_sizes, plot_laplace
from course.widgets._i18n import get_language, plot_language, relabel_legend, t


def _pre(text: str) -> str:
    """Text as preformatted HTML, for the widgets' summary line."""
    return f"<pre style='margin:0'>{html.escape(text)}</pre>"


def epsilon_explorer(true_count: float = 238, tolerance: float = 5.0, *, seed: int = 6) -> widgets.Widget:
    """Slide epsilon (and the sensitivity and tolerance): the noise scale, the chance that the
    published count is within ±tolerance, and five seeded noisy releases."""
    lang = get_language()
    epsilon_w = widgets.FloatLogSlider(value=0.5, base=10, min=-2, max=1, step=0.05, description=t("privacy.epsilon", lang), readout_format=".3g", continuous_update=False)
    sensitivity_w = widgets.Dropdown(options=[1, 2, 5], value=1, description=t("privacy.sensitivity", lang))
    tolerance_w = widgets.FloatSlider(value=tolerance, min=0.5, max=50, step=0.5, description=t("privacy.tolerance", lang), continuous_update=False)
    text = widgets.HTML()
    out = widgets.Output()

    def render(*_):
        summary = laplace_summary(true_count, epsilon_w.value, sensitivity_w.value, tolerance_w.value, n_draws=5, seed=seed)
        text.value = _pre(summary.text())
        with out:
            out.clear_output(wait=True)
            plang = plot_language(lang)
            fig, ax = plt.subplots()
            plot_laplace(summary, ax=ax)
            ax.set(xlabel=t("privacy.plot.published_count", plang), ylabel=t("privacy.plot.density", plang),
                   title=t("privacy.plot.laplace_title", plang, epsilon=summary.epsilon, scale=summary.scale))
            if plang != "en":  # the legend's entries, as plot_laplace writes them, in the plot's language
                entries = {
                    "privacy.plot.density_line": {},
                    "privacy.plot.within": {"tolerance": summary.tolerance, "probability": summary.prob_within},
                    "privacy.plot.true_count": {"count": summary.true_count},
                    "privacy.plot.noisy_releases": {},
                }
                relabel_legend(ax, {t(key, "en", **fields): t(key, plang, **fields) for key, fields in entries.items()})
            plt.show()

    for w in (epsilon_w, sensitivity_w, tolerance_w):
        w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([epsilon_w, sensitivity_w, tolerance_w]), text, out])


def k_anonymity_explorer(customers: pd.DataFrame, countries: pd.DataFrame, *, sensitive: str = "top_category") -> widgets.Widget:
    """Pick a generalisation level for each quasi-identifier and a target k: see k and l of the
    release, the rows suppressed, and the sizes of its equivalence classes."""
    lang = get_language()
    start = {"birth_date": 2, "postcode": 3, "gender": 0, "country": 1}
    level_ws = {
        column: widgets.Dropdown(options=[(t(f"privacy.level.{name}", lang), i) for i, name in enumerate(names)], value=start[column],
                                 description=t(f"privacy.qi.{column}", lang))
        for column, names in LEVELS.items()
    }
    k_w = widgets.IntSlider(value=5, min=1, max=30, description=t("privacy.target_k", lang), continuous_update=False)
    text = widgets.HTML()
    out = widgets.Output()

    def render(*_):
        levels = {c: w.value for c, w in level_ws.items()}
        report = anonymise(customers, levels, k_w.value, sensitive, countries=countries)
        text.value = _pre(report.text())
        with out:
            out.clear_output(wait=True)
            # class sizes before suppression: the ones left of the line are dropped
            sizes = class_sizes(generalise(customers, levels, countries=countries), list(levels))
            plang = plot_language(lang)
            fig, ax = plt.subplots()
            plot_class_sizes(sizes, k_w.value, title=t("privacy.plot.classes_title", plang), ax=ax)
            ax.set(xlabel=t("privacy.plot.class_rows", plang), ylabel=t("privacy.plot.class_count", plang))
            if plang != "en":
                relabel_legend(ax, {"kept": t("privacy.plot.kept", plang), "suppressed": t("privacy.plot.suppressed", plang)},
                               title=t("privacy.plot.kept_title", plang))
            plt.show()

    for w in (*level_ws.values(), k_w):
        w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox(list(level_ws.values())[:2]), widgets.HBox([*list(level_ws.values())[2:], k_w]), text, out])
