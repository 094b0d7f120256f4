"""Module 06 widgets: the epsilon explorer and the k-anonymity explorer.

Thin faces: the numbers come from `course.differential_privacy.laplace_summary` and
`course.anonymity.anonymise`, which the tests call directly.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd

from course.anonymity import LEVELS, anonymise, class_sizes, generalise
from course.differential_privacy import laplace_summary
from course.plotting.privacy import plot_class_sizes, plot_laplace


def _pre(text: str) -> str:
    """Text as preformatted HTML, for the widgets' summary line."""
    return f"<pre style='margin:0'>{html.escape(text)}</pre>"


def epsilon_explorer(true_count: float = 238, tolerance: float = 5.0, *, seed: int = 6) -> widgets.Widget:
    """Slide epsilon (and the sensitivity and tolerance): the noise scale, the chance that the
    published count is within ±tolerance, and five seeded noisy releases."""
    epsilon_w = widgets.FloatLogSlider(value=0.5, base=10, min=-2, max=1, step=0.05, description="epsilon", readout_format=".3g", continuous_update=False)
    sensitivity_w = widgets.Dropdown(options=[1, 2, 5], value=1, description="sensitivity")
    tolerance_w = widgets.FloatSlider(value=tolerance, min=0.5, max=50, step=0.5, description="tolerance ±", continuous_update=False)
    text = widgets.HTML()
    out = widgets.Output()

    def render(*_):
        summary = laplace_summary(true_count, epsilon_w.value, sensitivity_w.value, tolerance_w.value, n_draws=5, seed=seed)
        text.value = _pre(summary.text())
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots()
            plot_laplace(summary, ax=ax)
            plt.show()

    for w in (epsilon_w, sensitivity_w, tolerance_w):
        w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([epsilon_w, sensitivity_w, tolerance_w]), text, out])


def k_anonymity_explorer(customers: pd.DataFrame, countries: pd.DataFrame, *, sensitive: str = "top_category") -> widgets.Widget:
    """Pick a generalisation level for each quasi-identifier and a target k: see k and l of the
    release, the rows suppressed, and the sizes of its equivalence classes."""
    start = {"birth_date": 2, "postcode": 3, "gender": 0, "country": 1}
    level_ws = {
        column: widgets.Dropdown(options=[(name, i) for i, name in enumerate(names)], value=start[column], description=column.replace("_", " "))
        for column, names in LEVELS.items()
    }
    k_w = widgets.IntSlider(value=5, min=1, max=30, description="target k", continuous_update=False)
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
            fig, ax = plt.subplots()
            plot_class_sizes(sizes, k_w.value, title="equivalence classes before suppression", ax=ax)
            plt.show()

    for w in (*level_ws.values(), k_w):
        w.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox(list(level_ws.values())[:2]), widgets.HBox([*list(level_ws.values())[2:], k_w]), text, out])
