"""Module 06 plots: consent, the Laplace mechanism, k-anonymity, federated averaging and
data residency. Each function takes data and returns the Axes it drew on."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from course.differential_privacy import LaplaceSummary, laplace_density


def _axes(ax: plt.Axes | None) -> plt.Axes:
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_consent_rates(rates: pd.DataFrame, by: str, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """`privacy.consent_rates(..., by=by)` as bars: share consenting per purpose, one colour
    per value of `by`."""
    ax = _axes(ax)
    data = rates.assign(percent=rates["rate"] * 100)
    sns.barplot(data=data, x="purpose", y="percent", hue=by, ax=ax)
    for bars in ax.containers:
        ax.bar_label(bars, fmt="%.0f", padding=2, fontsize=8)
    ax.set(xlabel="purpose", ylabel="customers who consented (%)", ylim=(0, 100), title=title)
    ax.legend(title=by, loc="upper left", fontsize=8)
    return ax


def plot_accuracy_curve(curve: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """`differential_privacy.accuracy_curve` as lines: P(|noise| <= t) against epsilon, one
    line per tolerance t."""
    ax = _axes(ax)
    data = curve.assign(percent=curve["prob_within"] * 100, tolerance=curve["tolerance"].map(lambda t: f"within ±{t:g}"))
    sns.lineplot(data=data, x="epsilon", y="percent", hue="tolerance", marker="o", ax=ax)
    ax.set(xlabel="epsilon (privacy loss; smaller = more private)", ylabel="P(published count within ±t) (%)", ylim=(0, 101), title=title)
    ax.legend(title="")
    return ax


def plot_laplace(summary: LaplaceSummary, *, ax: plt.Axes | None = None) -> plt.Axes:
    """The density of the published count for one epsilon, the ±tolerance band, and the
    seeded noisy draws as ticks."""
    ax = _axes(ax)
    width = max(6 * summary.scale, summary.tolerance * 1.5)
    x = np.linspace(summary.true_count - width, summary.true_count + width, 401)
    density = laplace_density(x - summary.true_count, summary.scale)
    sns.lineplot(x=x, y=density, color="#0072B2", ax=ax, label="density of the published count")
    inside = np.abs(x - summary.true_count) <= summary.tolerance
    ax.fill_between(x, density, where=inside, color="#0072B2", alpha=0.25, label=f"within ±{summary.tolerance:g}: {summary.prob_within:.1%}")
    ax.axvline(summary.true_count, color="0.3", linestyle="--", linewidth=1, label=f"true count {summary.true_count:g}")
    sns.rugplot(x=list(summary.draws), color="#D55E00", height=0.08, linewidth=2, ax=ax, label="seeded noisy releases")
    ax.set(xlabel="published count", ylabel="density", title=f"Laplace mechanism: epsilon = {summary.epsilon:g}, scale b = {summary.scale:.3g}")
    ax.legend(loc="upper right", fontsize=8)
    return ax


def plot_class_sizes(sizes: pd.Series, k: int, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Equivalence-class sizes (`anonymity.class_sizes`) as a histogram of how many classes
    have each size, with the target k marked: classes left of the line are suppressed."""
    ax = _axes(ax)
    data = pd.DataFrame({"rows": sizes.to_numpy()})
    data["kept"] = np.where(data["rows"] >= k, "kept", "suppressed")
    top = int(data["rows"].max()) if len(data) else 1
    sns.histplot(data=data, x="rows", hue="kept", hue_order=["suppressed", "kept"], palette={"suppressed": "#D55E00", "kept": "#009E73"},
                 bins=np.arange(0.5, top + 1.5, 1 if top <= 40 else max(1, top // 40)), multiple="stack", ax=ax)
    ax.axvline(k - 0.5, color="0.2", linestyle="--", linewidth=1)
    ax.annotate(f"k = {k}", (k - 0.5, ax.get_ylim()[1] * 0.9), xytext=(4, 0), textcoords="offset points", fontsize=9)
    ax.set(xlabel="rows in the equivalence class", ylabel="number of classes", title=title)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return ax


#: the generalisation levels of country (`anonymity.LEVELS["country"]`) in words
COUNTRY_LEVEL_LABELS = {"country": "the country", "subregion": "its UN subregion", "region": "its UN region", "*": "removed"}

#: the data stores of the residency policy (`privacy.required_store`) in words
STORE_LABELS = {"eu": "EU store", "cn": "China store", "global": "global store"}


def plot_tradeoff(grid: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """`anonymity.level_grid` as a scatter: rows suppressed against generalisation loss, one
    point per combination of levels, coloured by l."""
    ax = _axes(ax)
    # the legend says what each encoding is: l in words, the country level as a reader says it
    data = grid.assign(**{
        "l-diversity (fewest categories in a class)": grid["l"],
        "country shown as": grid["country"].map(COUNTRY_LEVEL_LABELS).fillna(grid["country"]),
    })
    sns.scatterplot(data=data, x="generalisation_loss", y="suppressed", hue="l-diversity (fewest categories in a class)",
                    style="country shown as", palette="viridis", s=70, ax=ax)
    ax.set(xlabel="generalisation loss (0 = as stored, 1 = every quasi-identifier removed)", ylabel="rows suppressed to reach k", title=title)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))  # beside the points, not over them
    return ax


def plot_fedavg_paths(paths: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """Distance of each training run's weights from the pooled optimum after each
    gradient-step budget: columns steps, run, distance."""
    ax = _axes(ax)
    pooled = paths[paths["run"].str.startswith("pooled")]
    others = paths[~paths["run"].str.startswith("pooled")]
    # pooled first, thick and grey, so that a run that coincides with it shows on top of it
    sns.lineplot(data=pooled, x="steps", y="distance", hue="run", palette=["0.7"], linewidth=6, ax=ax)
    sns.lineplot(data=others, x="steps", y="distance", hue="run", style="run", markers=True, dashes=False,
                 palette=["#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00"][: others["run"].nunique()], ax=ax)
    ax.set(xlabel="gradient steps per party (rounds × local steps)", ylabel="distance from the converged pooled weights", yscale="log", title=title)
    ax.legend(title="", fontsize=8)
    return ax


def plot_store_counts(plan: pd.DataFrame, *, title: str = "", ax: plt.Axes | None = None) -> plt.Axes:
    """`privacy.store_plan` as stacked counts: records per required store, split by the store
    they are in now."""
    ax = _axes(ax)
    stores = list(STORE_LABELS)
    table = pd.crosstab(plan["required_store"], plan["store"]).reindex(index=stores, columns=stores, fill_value=0)
    table = table.rename(index=STORE_LABELS, columns=STORE_LABELS).rename_axis(index="required store")
    long = table.reset_index().melt(id_vars="required store", var_name="stored in", value_name="records")
    colours = dict(zip(STORE_LABELS.values(), ["#0072B2", "#D55E00", "0.6"]))
    sns.barplot(data=long, x="required store", y="records", hue="stored in", palette=colours, ax=ax)
    for bars in ax.containers:
        ax.bar_label(bars, fmt="%d", padding=2, fontsize=8)
    ax.set(xlabel="store the residency policy requires", ylabel="customer records", title=title)
    return ax
