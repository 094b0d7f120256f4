"""Module 02 computations: the live-stream sales funnel, GMV and its decomposition, comparing
conversion between host tiers, and user stickiness (DAU/MAU).

Pure functions over plain numbers and the `live_sessions` / `live_daily_users` datasets; the
lecture's widgets and plots are thin faces over them, and the tests call them directly.
Rates are fractions (0.018 means 1.8%). Time zones and prime time are in `course.scheduling`.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

__all__ = [
    "LiveCommerceError", "funnel_rates", "funnel_table", "Funnel", "simulate_funnel",
    "gmv", "gmv_factors", "decompose_gmv", "decompose_sessions", "main_lever", "logarithmic_mean",
    "consecutive_levers", "main_lever_shares",
    "ProportionComparison", "wilson_interval", "compare_proportions", "compare_conversion", "conversion_by_group",
    "daily_active_users", "stickiness", "PermutationTest", "permutation_test",
]

#: the funnel's stages, as columns of `live_sessions`
STAGES = ("viewers", "product_clicks", "orders")
#: the three factors of GMV = viewers x conversion x AOV, and the four of the detailed form
#: GMV = viewers x click-through x click conversion x AOV
GMV_FACTORS = ("viewers", "conversion", "aov")
GMV_FACTORS_DETAILED = ("viewers", "click_through", "click_conversion", "aov")


class LiveCommerceError(ValueError):
    """Inputs for which a funnel, decomposition or test has no meaning."""


def _count(name: str, value) -> int:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise LiveCommerceError(f"{name} must be a count (a whole number), not {value!r}") from None
    if not math.isfinite(x) or x < 0 or x != round(x):
        raise LiveCommerceError(f"{name} must be a whole number of at least 0, not {value!r}")
    return int(round(x))


def _positive(name: str, value) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise LiveCommerceError(f"{name} must be a number, not {value!r}") from None
    if not math.isfinite(x) or x <= 0:
        raise LiveCommerceError(f"{name} must be a positive number, not {value!r}")
    return x


def _rate(name: str, value) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise LiveCommerceError(f"{name} must be a number, not {value!r}") from None
    if not 0 <= x <= 1:
        raise LiveCommerceError(f"{name} must be a fraction between 0 and 1, not {x}; divide a percentage by 100 first")
    return x


# ---- the funnel --------------------------------------------------------------------------


def funnel_rates(viewers, product_clicks, orders) -> dict[str, float]:
    """Step and overall conversion of one funnel.

    - click_through = product_clicks / viewers (the first step),
    - click_conversion = orders / product_clicks (the second step, often called product
      conversion, 商品转化率),
    - conversion = orders / viewers (overall) = click_through x click_conversion.
    """
    v, c, o = _count("viewers", viewers), _count("product_clicks", product_clicks), _count("orders", orders)
    if v == 0:
        raise LiveCommerceError("a funnel needs at least one viewer: rates per viewer are undefined for 0 viewers")
    if c > v:
        raise LiveCommerceError(f"product_clicks ({c}) exceed viewers ({v}); the funnel counts viewers who clicked, so clicks <= viewers")
    if o > c:
        raise LiveCommerceError(f"orders ({o}) exceed product_clicks ({c}); every order follows a click, so orders <= clicks")
    return {
        "click_through": c / v,
        "click_conversion": o / c if c else 0.0,
        "conversion": o / v,
    }


def funnel_table(sessions: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """Pooled funnel of `sessions` (all, or per group of `by`): the sums of viewers, clicks,
    orders and GMV, and the rates computed from the sums (not averages of session rates).

    Columns: [by...], sessions, viewers, product_clicks, orders, gmv_usd, click_through,
    click_conversion, conversion, aov_usd (GMV per order), gmv_per_viewer.
    """
    missing = [c for c in (*STAGES, "gmv_usd") if c not in sessions.columns]
    if missing:
        raise LiveCommerceError(f"the sessions table lacks the column(s) {missing}; load it with course.data.load('live_sessions')")
    if len(sessions) == 0:
        raise LiveCommerceError("no sessions to summarise: the selection is empty")
    columns = [*STAGES, "gmv_usd"]
    if by is None:
        sums = sessions[columns].sum().to_frame().T
        sums.insert(0, "sessions", len(sessions))
    else:
        keys = [by] if isinstance(by, str) else list(by)
        grouped = sessions.groupby(keys, observed=True)
        sums = grouped[columns].sum()
        sums.insert(0, "sessions", grouped.size())
        sums = sums.reset_index()
    for c in (*STAGES, "sessions"):
        sums[c] = sums[c].astype("int64")
    sums["gmv_usd"] = sums["gmv_usd"].astype(float)
    sums["click_through"] = sums["product_clicks"] / sums["viewers"]
    sums["click_conversion"] = sums["orders"] / sums["product_clicks"]
    sums["conversion"] = sums["orders"] / sums["viewers"]
    sums["aov_usd"] = sums["gmv_usd"] / sums["orders"]
    sums["gmv_per_viewer"] = sums["gmv_usd"] / sums["viewers"]
    return sums


@dataclass(frozen=True)
class Funnel:
    """A funnel built from rates: viewers, click-through, click conversion and average order value."""

    viewers: float
    click_through: float
    click_conversion: float
    aov: float

    @property
    def clicks(self) -> float:
        return self.viewers * self.click_through

    @property
    def orders(self) -> float:
        return self.clicks * self.click_conversion

    @property
    def conversion(self) -> float:
        return self.click_through * self.click_conversion

    @property
    def gmv(self) -> float:
        return self.orders * self.aov

    def table(self) -> pd.DataFrame:
        """One row per stage: count, rate from the previous stage, share of viewers."""
        return pd.DataFrame({
            "stage": ["viewers", "product clicks", "orders"],
            "count": [self.viewers, self.clicks, self.orders],
            "step_rate": [1.0, self.click_through, self.click_conversion],
            "share_of_viewers": [1.0, self.click_through, self.conversion],
        })

    def text(self) -> str:
        return (
            f"{self.viewers:,.0f} viewers x {self.click_through:.1%} click-through = {self.clicks:,.0f} product clicks; "
            f"x {self.click_conversion:.1%} click conversion = {self.orders:,.1f} orders "
            f"(overall conversion {self.conversion:.2%}); x AOV {self.aov:,.2f} USD = GMV {self.gmv:,.2f} USD"
        )


def simulate_funnel(viewers: float, click_through: float, click_conversion: float, aov: float) -> Funnel:
    """The expected funnel and GMV for given traffic, step rates (fractions) and average order value."""
    return Funnel(_positive("viewers", viewers), _rate("click_through", click_through), _rate("click_conversion", click_conversion), _positive("aov", aov))


# ---- GMV and its decomposition -----------------------------------------------------------


def gmv(viewers: float, conversion: float, aov: float) -> float:
    """GMV = traffic x conversion x average order value."""
    return _positive("viewers", viewers) * _rate("conversion", conversion) * _positive("aov", aov)


def gmv_factors(session: Mapping | pd.Series, detailed: bool = False) -> dict[str, float]:
    """The factors whose product is a session's GMV, from its counts.

    `detailed=False`: viewers, conversion (orders / viewers), aov (GMV / orders).
    `detailed=True`: viewers, click_through, click_conversion, aov.
    """
    v, c, o = (session[k] for k in STAGES)
    g = float(session["gmv_usd"])
    if _count("orders", o) == 0 or not g > 0:
        raise LiveCommerceError("a session without orders has no average order value, and GMV = 0 has no logarithm: pick sessions with orders")
    rates = funnel_rates(v, c, o)
    if detailed:
        return {"viewers": float(v), "click_through": rates["click_through"], "click_conversion": rates["click_conversion"], "aov": g / float(o)}
    return {"viewers": float(v), "conversion": rates["conversion"], "aov": g / float(o)}


def logarithmic_mean(a: float, b: float) -> float:
    """L(a, b) = (b - a) / (ln b - ln a), and L(a, a) = a: the weight that makes the log
    decomposition add up to the change in levels."""
    a, b = _positive("a", a), _positive("b", b)
    if math.isclose(a, b, rel_tol=1e-12):
        return a
    return (b - a) / (math.log(b) - math.log(a))


def decompose_gmv(before: Mapping[str, float], after: Mapping[str, float]) -> pd.DataFrame:
    """Which lever moved GMV from `before` to `after`? A log (LMDI) decomposition.

    `before` and `after` map factor names to values whose product is GMV (see `gmv_factors`).
    Because ln(GMV_after / GMV_before) = sum over factors of ln(x_after / x_before):

    - `log_change` = ln(x_after / x_before) for each factor; they add up to ln of the GMV ratio;
    - `share_of_change` = log_change / ln(GMV ratio); they add up to 1 (NaN if GMV is unchanged);
    - `contribution` = L(GMV_before, GMV_after) x log_change, in GMV's unit, with L the
      logarithmic mean; they add up exactly to GMV_after - GMV_before (the LMDI method).

    Returns one row per factor with columns factor, before, after, ratio, log_change,
    share_of_change, contribution.
    """
    if set(before) != set(after):
        raise LiveCommerceError(f"both sides need the same factors; got {sorted(before)} and {sorted(after)}")
    if not before:
        raise LiveCommerceError("no factors to decompose")
    names = list(before)
    a = {k: _positive(f"{k} (before)", before[k]) for k in names}
    b = {k: _positive(f"{k} (after)", after[k]) for k in names}
    gmv_a, gmv_b = math.prod(a.values()), math.prod(b.values())
    total_log = math.log(gmv_b / gmv_a)
    weight = logarithmic_mean(gmv_a, gmv_b)
    rows = []
    for k in names:
        log_change = math.log(b[k] / a[k])
        rows.append({
            "factor": k,
            "before": a[k],
            "after": b[k],
            "ratio": b[k] / a[k],
            "log_change": log_change,
            "share_of_change": log_change / total_log if abs(total_log) > 1e-12 else float("nan"),
            "contribution": weight * log_change,
        })
    out = pd.DataFrame(rows)
    out.attrs.update(gmv_before=gmv_a, gmv_after=gmv_b)
    return out


def decompose_sessions(sessions: pd.DataFrame, before_id: str, after_id: str, detailed: bool = False) -> pd.DataFrame:
    """`decompose_gmv` between two sessions of `live_sessions`, named by `session_id`."""
    indexed = sessions.set_index("session_id")
    for sid in (before_id, after_id):
        if sid not in indexed.index:
            raise LiveCommerceError(f"no session {sid!r} in the table; session ids look like {indexed.index[0]!r}")
    return decompose_gmv(gmv_factors(indexed.loc[before_id], detailed), gmv_factors(indexed.loc[after_id], detailed))


def main_lever(decomposition: pd.DataFrame) -> str:
    """The factor that moved GMV most: the largest absolute log change."""
    return str(decomposition.loc[decomposition["log_change"].abs().idxmax(), "factor"])


def consecutive_levers(sessions: pd.DataFrame) -> pd.DataFrame:
    """For every host, the LMDI decomposition of the GMV change from each of its sessions to its
    next one (by start time): one row per pair with host_id, host_type, market, before, after
    (session ids), gmv_change, the contribution of viewers, conversion and aov (USD) and
    main_lever. A session without orders has no average order value: it is left out, and the
    pair spans it (the number left out is in `attrs["left_out"]`)."""
    needed = ["session_id", "host_id", "host_type", "market", "start_utc", "gmv_usd", *STAGES]
    missing = [c for c in needed if c not in sessions.columns]
    if missing:
        raise LiveCommerceError(f"the sessions table has no column {missing[0]!r}")
    usable = sessions[(sessions["orders"] > 0) & (sessions["gmv_usd"] > 0)].sort_values(["host_id", "start_utc"])
    previous = usable.groupby("host_id", sort=False)[["session_id", "viewers", "orders", "gmv_usd"]].shift(1)
    has_previous = previous["session_id"].notna().to_numpy()
    before, after = previous[has_previous], usable[has_previous]
    # the three factors before and after, as arrays: viewers, conversion = orders / viewers, aov = GMV / orders
    factors_before = np.column_stack([before["viewers"], before["orders"] / before["viewers"], before["gmv_usd"] / before["orders"]]).astype(float)
    factors_after = np.column_stack([after["viewers"], after["orders"] / after["viewers"], after["gmv_usd"] / after["orders"]]).astype(float)
    log_changes = np.log(factors_after / factors_before)
    gmv_a, gmv_b = before["gmv_usd"].to_numpy(float), after["gmv_usd"].to_numpy(float)
    same = np.isclose(gmv_a, gmv_b, rtol=1e-12, atol=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(same, gmv_a, (gmv_b - gmv_a) / (np.log(gmv_b) - np.log(gmv_a)))   # the logarithmic mean
    contributions = weight[:, None] * log_changes
    out = pd.DataFrame({"host_id": after["host_id"].to_numpy(), "host_type": after["host_type"].to_numpy(), "market": after["market"].to_numpy(),
                        "before": before["session_id"].to_numpy(), "after": after["session_id"].to_numpy(), "gmv_change": gmv_b - gmv_a})
    for k, name in enumerate(GMV_FACTORS):
        out[name] = contributions[:, k]
    out["main_lever"] = np.array(GMV_FACTORS)[np.abs(log_changes).argmax(axis=1)] if len(out) else []
    out.attrs["left_out"] = len(sessions) - len(usable)
    return out


def main_lever_shares(pairs: pd.DataFrame, by: str = "host_type") -> pd.DataFrame:
    """The share of session pairs (`consecutive_levers`) whose main lever is each factor, per
    `by` group: columns by, main_lever, pairs, share (they add up to 1 in each group)."""
    counts = pairs.groupby([by, "main_lever"], observed=True).size().rename("pairs").reset_index()
    counts["share"] = counts["pairs"] / counts.groupby(by, observed=True)["pairs"].transform("sum")
    return counts


# ---- comparing conversion: the two-proportion z-test -------------------------------------


@dataclass(frozen=True)
class ProportionComparison:
    """Group 2 against group 1 (e.g. KOC against KOL): x successes out of n trials each.

    - `z`, `p_value`: the two-proportion z-test of H0: p1 = p2 with the pooled standard
      error, two-sided; `z_unpooled`, `p_value_unpooled` use the unpooled one;
      `p_value_one_sided` tests H1: p2 > p1.
    - `ci_difference`: the Wald interval for p2 - p1 with the unpooled standard error.
    - `relative_uplift` = p2 / p1 - 1; `ci_relative` its interval from the log of the ratio
      (Katz's method); `ci_relative_delta` the delta-method interval on the ratio.
    """

    label1: str
    label2: str
    x1: int
    n1: int
    x2: int
    n2: int
    confidence: float = 0.95

    @property
    def p1(self) -> float:
        return self.x1 / self.n1

    @property
    def p2(self) -> float:
        return self.x2 / self.n2

    @property
    def difference(self) -> float:
        return self.p2 - self.p1

    @property
    def z_critical(self) -> float:
        return float(stats.norm.ppf(0.5 + self.confidence / 2))

    @property
    def pooled(self) -> float:
        return (self.x1 + self.x2) / (self.n1 + self.n2)

    @property
    def se_pooled(self) -> float:
        p = self.pooled
        return math.sqrt(p * (1 - p) * (1 / self.n1 + 1 / self.n2))

    @property
    def se_unpooled(self) -> float:
        return math.sqrt(self.p1 * (1 - self.p1) / self.n1 + self.p2 * (1 - self.p2) / self.n2)

    @property
    def z(self) -> float:
        return self.difference / self.se_pooled

    @property
    def z_unpooled(self) -> float:
        return self.difference / self.se_unpooled

    @property
    def p_value(self) -> float:
        return float(2 * stats.norm.sf(abs(self.z)))

    @property
    def p_value_unpooled(self) -> float:
        return float(2 * stats.norm.sf(abs(self.z_unpooled)))

    @property
    def p_value_one_sided(self) -> float:
        return float(stats.norm.sf(self.z))

    @property
    def ci_difference(self) -> tuple[float, float]:
        half = self.z_critical * self.se_unpooled
        return (self.difference - half, self.difference + half)

    @property
    def relative_uplift(self) -> float:
        return self.p2 / self.p1 - 1

    @property
    def se_log_ratio(self) -> float:
        return math.sqrt((1 - self.p1) / self.x1 + (1 - self.p2) / self.x2)

    @property
    def ci_relative(self) -> tuple[float, float]:
        log_ratio = math.log(self.p2 / self.p1)
        half = self.z_critical * self.se_log_ratio
        return (math.exp(log_ratio - half) - 1, math.exp(log_ratio + half) - 1)

    @property
    def ci_relative_delta(self) -> tuple[float, float]:
        ratio = self.p2 / self.p1
        half = self.z_critical * ratio * self.se_log_ratio
        return (ratio - half - 1, ratio + half - 1)

    @property
    def ci_difference_newcombe(self) -> tuple[float, float]:
        """Newcombe's hybrid score interval for p2 - p1 (from the two Wilson intervals), the
        default of several statistics packages; close to the Wald interval for large counts."""
        (l1, u1), (l2, u2) = wilson_interval(self.x1, self.n1, self.confidence), wilson_interval(self.x2, self.n2, self.confidence)
        d = self.difference
        return (d - math.sqrt((self.p2 - l2) ** 2 + (u1 - self.p1) ** 2), d + math.sqrt((u2 - self.p2) ** 2 + (self.p1 - l1) ** 2))

    @property
    def ci_relative_log_adjusted(self) -> tuple[float, float]:
        """The log interval of the ratio with 0.5 added to every count (a small-sample
        variant), as an interval for the relative uplift."""
        x1, n1, x2, n2 = self.x1 + 0.5, self.n1 + 0.5, self.x2 + 0.5, self.n2 + 0.5
        log_ratio = math.log((x2 / n2) / (x1 / n1))
        half = self.z_critical * math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
        return (math.exp(log_ratio - half) - 1, math.exp(log_ratio + half) - 1)

    @property
    def ci_relative_fieller(self) -> tuple[float, float]:
        """Fieller's interval for the ratio p2 / p1 (unpooled variances), as an interval for
        the relative uplift: the ratios R for which |p2 - R p1| is within z standard errors."""
        z2 = self.z_critical ** 2
        v1 = self.p1 * (1 - self.p1) / self.n1
        v2 = self.p2 * (1 - self.p2) / self.n2
        a, b, c = self.p1 ** 2 - z2 * v1, -2 * self.p1 * self.p2, self.p2 ** 2 - z2 * v2
        disc = b * b - 4 * a * c
        if a <= 0 or disc < 0:
            return (float("-inf"), float("inf"))  # the baseline is too uncertain: unbounded
        root = math.sqrt(disc)
        return ((-b - root) / (2 * a) - 1, (-b + root) / (2 * a) - 1)

    def uplift_in_ci(self, uplift: float) -> bool:
        """Whether a claimed relative uplift (a fraction, e.g. 0.23) lies inside `ci_relative`."""
        low, high = self.ci_relative
        return low <= uplift <= high

    def table(self) -> pd.DataFrame:
        """The results as a two-column table for display."""
        lo, hi = self.ci_difference
        rlo, rhi = self.ci_relative
        pct = f"{self.confidence:.0%}"
        rows = [
            (f"conversion {self.label1}", f"{self.p1:.3%} ({self.x1:,} / {self.n1:,})"),
            (f"conversion {self.label2}", f"{self.p2:.3%} ({self.x2:,} / {self.n2:,})"),
            ("difference (percentage points)", f"{self.difference * 100:+.3f}"),
            (f"{pct} CI of the difference (pp)", f"[{lo * 100:+.3f}, {hi * 100:+.3f}]"),
            ("z (pooled SE)", f"{self.z:.3f}"),
            ("p-value (two-sided)", f"{self.p_value:.3g}"),
            ("relative uplift", f"{self.relative_uplift:+.1%}"),
            (f"{pct} CI of the relative uplift", f"[{rlo:+.1%}, {rhi:+.1%}]"),
        ]
        return pd.DataFrame(rows, columns=["quantity", "value"])


def wilson_interval(x, n, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson's score interval for a proportion x / n."""
    x, n = _count("x", x), _count("n", n)
    if n == 0 or x > n:
        raise LiveCommerceError(f"a proportion needs 0 <= x <= n and n > 0, not x = {x}, n = {n}")
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def compare_proportions(x1, n1, x2, n2, confidence: float = 0.95, labels: tuple[str, str] = ("group 1", "group 2")) -> ProportionComparison:
    """Compare the proportions x2/n2 against x1/n1 (see `ProportionComparison`)."""
    x1, n1, x2, n2 = _count("x1", x1), _count("n1", n1), _count("x2", x2), _count("n2", n2)
    for x, n, k in ((x1, n1, "1"), (x2, n2, "2")):
        if n == 0:
            raise LiveCommerceError(f"group {k} has no trials (n{k} = 0): a proportion needs n > 0")
        if x > n:
            raise LiveCommerceError(f"group {k} has more successes than trials (x{k} = {x} > n{k} = {n})")
        if x == 0 or x == n:
            raise LiveCommerceError(f"group {k} has x{k} = {x} of n{k} = {n}: the normal approximation and the log ratio need some successes and some failures")
    if not 0 < confidence < 1:
        raise LiveCommerceError(f"confidence must be between 0 and 1, e.g. 0.95, not {confidence}")
    return ProportionComparison(labels[0], labels[1], x1, n1, x2, n2, confidence)


def compare_conversion(
    sessions: pd.DataFrame,
    baseline: str = "KOL",
    other: str = "KOC",
    *,
    by: str = "host_type",
    successes: str = "orders",
    trials: str = "viewers",
    confidence: float = 0.95,
) -> ProportionComparison:
    """Pooled conversion (sum of `successes` / sum of `trials`) of the sessions with
    `by == other` against those with `by == baseline`, as a `ProportionComparison`.

    The test treats every viewer (or click) as an independent trial; sessions and hosts that
    differ add variation the test does not see, so its intervals are too narrow when they do.
    """
    for column in (by, successes, trials):
        if column not in sessions.columns:
            raise LiveCommerceError(f"the sessions table has no column {column!r}")
    counts = {}
    for group in (baseline, other):
        rows = sessions[sessions[by] == group]
        if rows.empty:
            raise LiveCommerceError(f"no sessions with {by} == {group!r}; values present: {sorted(map(str, sessions[by].unique()))}")
        counts[group] = (int(rows[successes].sum()), int(rows[trials].sum()))
    (x1, n1), (x2, n2) = counts[baseline], counts[other]
    return compare_proportions(x1, n1, x2, n2, confidence, labels=(str(baseline), str(other)))


def conversion_by_group(sessions: pd.DataFrame, by: str | list[str] = "host_type", *, successes: str = "orders", trials: str = "viewers", confidence: float = 0.95) -> pd.DataFrame:
    """Pooled conversion per group with a Wald confidence interval (for plots)."""
    keys = [by] if isinstance(by, str) else list(by)
    sums = sessions.groupby(keys, observed=True)[[successes, trials]].sum().reset_index()
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    p = sums[successes] / sums[trials]
    half = z * np.sqrt(p * (1 - p) / sums[trials])
    return sums.assign(conversion=p, ci_low=p - half, ci_high=p + half)


# ---- stickiness --------------------------------------------------------------------------


def _check_activity(activity: pd.DataFrame) -> None:
    missing = [c for c in ("date", "user_id") if c not in activity.columns]
    if missing:
        raise LiveCommerceError(f"the activity log lacks the column(s) {missing}; load it with course.data.load('live_daily_users')")
    if len(activity) == 0:
        raise LiveCommerceError("the activity log is empty")


def daily_active_users(activity: pd.DataFrame, by: str | None = "market") -> pd.DataFrame:
    """DAU: the number of distinct users active on each date (per group of `by`)."""
    _check_activity(activity)
    keys = ([by] if by else []) + ["date"]
    return activity.groupby(keys, observed=True)["user_id"].nunique().rename("dau").reset_index()


def stickiness(activity: pd.DataFrame, by: str | None = "market", days: int | None = None) -> pd.DataFrame:
    """DAU/MAU per group: the average daily active users over the month divided by the
    monthly active users (distinct users active at least once in the month).

    The average DAU divides the user-days by the number of days in the period (`days`,
    by default the calendar days from the first to the last date in the log), so a day on
    which nobody was active counts as a day with DAU 0. MAU is not the sum of the DAUs: a
    user active on 20 days is one monthly active user.
    """
    _check_activity(activity)
    dates = pd.to_datetime(activity["date"])
    n_days = days if days is not None else int((dates.max() - dates.min()).days) + 1
    if n_days <= 0:
        raise LiveCommerceError(f"days must be positive, not {n_days}")
    work = activity.assign(_date=dates.dt.date)
    keys = [by] if by else []
    if keys:
        grouped = work.groupby(keys, observed=True)
        user_days = grouped[["_date", "user_id"]].apply(lambda g: len(g.drop_duplicates()))
        mau = grouped["user_id"].nunique()
        out = pd.DataFrame({"days": n_days, "mean_dau": user_days / n_days, "mau": mau}).reset_index()
    else:
        user_days = len(work[["_date", "user_id"]].drop_duplicates())
        out = pd.DataFrame({"days": [n_days], "mean_dau": [user_days / n_days], "mau": [work["user_id"].nunique()]})
    out["dau_mau"] = out["mean_dau"] / out["mau"]
    return out


# ---- a session-level permutation test -----------------------------------------------------

@dataclass(frozen=True)
class PermutationTest:
    """The relative uplift of pooled conversion of `other` over `baseline` sessions, and the
    uplifts of the same sessions with their group labels shuffled (within each stratum)."""

    baseline: str
    other: str
    observed: float              # pooled conversion of `other` / pooled conversion of `baseline` - 1
    null: np.ndarray             # the same statistic for each shuffle of the labels
    strata: str | None

    @property
    def p_value(self) -> float:
        """Two-sided: the share of shuffles at least as far from no uplift as the data, counting
        the data themselves as one shuffle (so it is never 0)."""
        extreme = np.sum(np.abs(self.null) >= abs(self.observed))
        return float((extreme + 1) / (len(self.null) + 1))

    @property
    def null_interval(self) -> tuple[float, float]:
        """The middle 95% of the shuffled uplifts: what chance alone produces."""
        low, high = np.quantile(self.null, [0.025, 0.975])
        return float(low), float(high)


def permutation_test(
    sessions: pd.DataFrame,
    baseline: str = "KOL",
    other: str = "KOC",
    *,
    by: str = "host_type",
    strata: str | None = "market",
    successes: str = "orders",
    trials: str = "viewers",
    permutations: int = 2000,
    seed: int = 2025,
) -> PermutationTest:
    """Shuffle whole sessions between the two groups to see what uplift chance produces.

    The unit is the session: each shuffle keeps every session's viewers and orders together and
    only reassigns its `by` label, within each `strata` value (a market keeps its numbers of
    `baseline` and `other` sessions). Unlike the two-proportion z-test, it does not treat viewers
    as independent, so a few unusual hosts or sessions widen what chance can do.
    """
    for column in [by, successes, trials] + ([strata] if strata else []):
        if column not in sessions.columns:
            raise LiveCommerceError(f"the sessions table has no column {column!r}")
    if permutations < 1:
        raise LiveCommerceError(f"permutations must be at least 1, not {permutations}")
    rows = sessions[sessions[by].isin([baseline, other])]
    for group in (baseline, other):
        if not (rows[by] == group).any():
            raise LiveCommerceError(f"no sessions with {by} == {group!r}")
    x = rows[successes].to_numpy(dtype=float)
    n = rows[trials].to_numpy(dtype=float)
    is_other = (rows[by] == other).to_numpy()

    def uplift(mask: np.ndarray) -> np.ndarray:
        # mask: (shuffles, sessions) booleans, True where a session counts as `other`
        rate_other = (mask * x).sum(axis=-1) / (mask * n).sum(axis=-1)
        rate_base = (~mask * x).sum(axis=-1) / (~mask * n).sum(axis=-1)
        return rate_other / rate_base - 1

    rng = np.random.default_rng(seed)
    shuffled = np.empty((permutations, len(rows)), dtype=bool)
    groups = rows[strata].to_numpy() if strata else np.zeros(len(rows))
    for value in pd.unique(groups):
        where = np.flatnonzero(groups == value)
        labels = np.broadcast_to(is_other[where], (permutations, len(where)))
        shuffled[:, where] = rng.permuted(labels, axis=1)
    return PermutationTest(str(baseline), str(other), float(uplift(is_other)), uplift(shuffled), strata)
