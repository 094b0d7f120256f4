"""Module 09 computations: the capstone's market-entry decision matrix and its sensitivity.

A seller of one product category chooses among candidate markets on five criteria, each a
number per market:

| criterion | unit | better | where it comes from |
| --- | --- | --- | --- |
| `cultural_distance` | Kogut-Singh index | lower | `course.culture.kogut_singh` on `hofstede_scores` (module 04) |
| `landed_cost_usd` | USD per order | lower | `course.landed_cost.landed_cost` (module 05) on `market_entry_inputs` |
| `lead_days` | days | lower | `market_entry_inputs` (teaching scenario) |
| `privacy_strictness` | rating 1 to 5 | lower | `privacy_regimes` (the rating is a course teaching choice) |
| `gmv_per_1000_viewers` | USD | higher | pooled funnel of `live_sessions` (module 02, synthetic) |

The method, one pure function per step:

1. `criteria_table`: the raw criteria, one row per market (index `iso2`).
2. `normalise`: min-max scaling of each criterion to 0-1, turned so that 1 is always best:
   ``(x - min) / (max - min)`` where higher is better, ``(max - x) / (max - min)`` where
   lower is better. A criterion on which every market is equal gets 1 everywhere (it cannot
   separate them).
3. `weighted_scores` and `rank_markets`: the score of a market is the sum of weight x
   normalised value; weights are fractions that sum to 1. Ties are broken by iso2 code.
4. Sensitivity. `set_weight` changes one weight and shares the rest of the total among the
   other criteria *in their current proportions* (the course's one convention for
   "renormalising"). `switch_weight` finds exactly the weight on one criterion at which the
   top market changes; `weight_sweep` does the same by a grid; `perturbation_table` tests
   whether the winner survives a change of each weight by +-0.1.
5. What the five criteria leave out (lecture only; the assignment keeps the five).
   `market_size` adds a sixth criterion, GDP in 2023 (the `countries` dataset, World Bank),
   higher better; `penalty_to_switch` asks how much a competition penalty on some markets
   would have to cost before another market wins; `bootstrap_top` resamples each market's
   live sessions to show how often each market would top the ranking if the sessions had
   come out differently (Saudi Arabia has 36).

Errors are `MarketEntryError` (a `ValueError`) with a message that says what to fix.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "CRITERIA", "DIRECTIONS", "CRITERION_LABELS", "CANDIDATES", "GOODS_USD", "DEFAULT_WEIGHTS",
    "MarketEntryError", "cultural_distances", "funnel_by_market", "landed_costs", "criteria_table",
    "normalise", "check_weights", "weights_from_points", "weighted_scores", "rank_markets", "ranking", "top_market",
    "set_weight", "Switch", "switch_weight", "weight_sweep", "perturbation_table", "is_robust",
    "contributions", "MARKET_SIZE", "market_size", "penalty_to_switch", "Bootstrap", "bootstrap_top",
]

#: the five criteria, in the order the course lists them
CRITERIA: tuple[str, ...] = ("cultural_distance", "landed_cost_usd", "lead_days", "privacy_strictness", "gmv_per_1000_viewers")
#: which way is better for each criterion
DIRECTIONS: dict[str, str] = {
    "cultural_distance": "lower",
    "landed_cost_usd": "lower",
    "lead_days": "lower",
    "privacy_strictness": "lower",
    "gmv_per_1000_viewers": "higher",
}
CRITERION_LABELS: dict[str, str] = {
    "cultural_distance": "cultural distance from China (Kogut-Singh)",
    "landed_cost_usd": "landed cost per order (USD)",
    "lead_days": "lead time (days)",
    "privacy_strictness": "privacy regime strictness (1-5)",
    "gmv_per_1000_viewers": "GMV per 1,000 live viewers (USD)",
    # not one of the five: the sixth criterion lecture 09 adds (`market_size`)
    "market_size_gdp_usd_bn": "market size: GDP 2023 (USD billion)",
}
#: the candidate markets: the six markets of `live_sessions`, so every criterion has data
CANDIDATES: tuple[str, ...] = ("US", "GB", "ID", "TH", "MY", "SA")
#: the declared value of one order of the course's product (a phone-accessory bundle), USD;
#: a teaching choice
GOODS_USD = 12.0
#: the lecture's weights (a teaching choice: the assignment uses others)
DEFAULT_WEIGHTS: dict[str, float] = {
    "cultural_distance": 0.20,
    "landed_cost_usd": 0.20,
    "lead_days": 0.15,
    "privacy_strictness": 0.15,
    "gmv_per_1000_viewers": 0.30,
}
#: how far from 1 a sum of weights may be
WEIGHT_TOLERANCE = 1e-6


class MarketEntryError(ValueError):
    """Invalid input to a module 09 computation; the message says what is wrong and how to fix it."""


# --- the criteria --------------------------------------------------------------------------

def cultural_distances(scores: pd.DataFrame, regions: pd.DataFrame, markets: Iterable[str] = CANDIDATES) -> pd.Series:
    """Kogut-Singh distance from China over Hofstede's six dimensions, per market.

    Saudi Arabia has only two of six published scores; its four missing ones are taken from
    Hofstede's 'Arab countries' aggregate (`culture.substitute_proxy`), a declared choice.
    The variances are those of the course markets with all six scores published (module 04's
    default), so the other markets' distances are exactly module 04's.
    """
    from course import culture

    markets = list(markets)
    table = culture.score_table(scores)
    need_proxy = [m for m in markets if m in table.index and table.loc[m].isna().any()]
    filled, _ = culture.substitute_proxy(scores, regions, need_proxy) if need_proxy else (scores, None)
    over = culture.complete_markets(scores)
    distances = culture.kogut_singh(filled, over=over).set_index("iso2")["distance"]
    absent = [m for m in markets if m not in distances.index or pd.isna(distances.get(m))]
    if absent:
        raise MarketEntryError(f"no cultural distance for {absent}: they lack Hofstede scores and a proxy")
    return distances.loc[markets].rename("cultural_distance")


def funnel_by_market(sessions: pd.DataFrame, markets: Iterable[str] = CANDIDATES) -> pd.DataFrame:
    """The pooled live-stream funnel per market (`live_commerce.funnel_table`): viewers,
    orders, GMV, conversion (orders / viewers), average order value and GMV per 1,000
    viewers = 1,000 x conversion x AOV = 1,000 x GMV / viewers (pooled sums, not an average
    of the sessions' ratios)."""
    from course.live_commerce import funnel_table

    markets = list(markets)
    table = funnel_table(sessions, by="market").set_index("market")
    absent = [m for m in markets if m not in table.index]
    if absent:
        raise MarketEntryError(f"no live sessions for {absent}; the sessions cover {sorted(table.index)}")
    out = table.loc[markets, ["sessions", "viewers", "orders", "gmv_usd", "conversion", "aov_usd"]].copy()
    out["gmv_per_1000_viewers"] = 1000 * out["gmv_usd"] / out["viewers"]
    out.index.name = "iso2"
    return out


def landed_costs(inputs: pd.DataFrame, goods_usd: float = GOODS_USD, markets: Iterable[str] = CANDIDATES) -> pd.Series:
    """Landed cost of one order per market, in US dollars: goods plus freight, duty on both
    (CIF), VAT on goods + freight + duty (`course.landed_cost.landed_cost`, no low-value
    relief: a simplification the lecture states)."""
    from course.landed_cost import landed_cost

    markets = list(markets)
    if not (isinstance(goods_usd, (int, float)) and math.isfinite(goods_usd) and goods_usd > 0):
        raise MarketEntryError(f"goods_usd must be a positive number of US dollars, not {goods_usd!r}")
    rows = inputs.set_index("iso2")
    absent = [m for m in markets if m not in rows.index]
    if absent:
        raise MarketEntryError(f"no entry inputs for {absent}; market_entry_inputs covers {sorted(rows.index)}")
    values = {}
    for m in markets:
        r = rows.loc[m]
        values[m] = landed_cost(
            goods_usd, float(r["freight_usd"]), duty_rate=float(r["duty_rate_pct"]) / 100,
            vat_rate=float(r["vat_rate_pct"]) / 100, duty_basis="CIF", duty_free_threshold=None,
        ).total
    return pd.Series(values, name="landed_cost_usd").rename_axis("iso2")


def criteria_table(
    scores: pd.DataFrame,
    regions: pd.DataFrame,
    inputs: pd.DataFrame,
    regimes: pd.DataFrame,
    sessions: pd.DataFrame,
    markets: Iterable[str] = CANDIDATES,
    goods_usd: float = GOODS_USD,
) -> pd.DataFrame:
    """The raw decision matrix: one row per market (index `iso2`), one column per criterion
    (`CRITERIA`), each in its own unit."""
    markets = list(markets)
    if len(markets) < 2:
        raise MarketEntryError("compare at least two markets")
    if len(set(markets)) != len(markets):
        raise MarketEntryError(f"a market is listed twice: {markets}")
    lead = inputs.set_index("iso2")["lead_days"].astype(float)
    strict = regimes.set_index("iso2")["strictness"].astype(float)
    absent = [m for m in markets if m not in lead.index or m not in strict.index]
    if absent:
        raise MarketEntryError(f"no lead time or privacy rating for {absent}")
    table = pd.DataFrame(
        {
            "cultural_distance": cultural_distances(scores, regions, markets),
            "landed_cost_usd": landed_costs(inputs, goods_usd, markets),
            "lead_days": lead.loc[markets],
            "privacy_strictness": strict.loc[markets],
            "gmv_per_1000_viewers": funnel_by_market(sessions, markets)["gmv_per_1000_viewers"],
        },
        index=pd.Index(markets, name="iso2"),
    )
    return table


# --- normalising and weighting -------------------------------------------------------------

def _check_table(criteria: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(criteria, pd.DataFrame):
        raise MarketEntryError(f"the criteria must be a pandas DataFrame (one row per market), not {type(criteria).__name__}")
    if len(criteria) < 2:
        raise MarketEntryError("the criteria table needs at least two markets (rows)")
    try:
        numeric = criteria.astype(float)
    except (TypeError, ValueError):
        raise MarketEntryError("every criterion must be a number for every market") from None
    if numeric.isna().any().any():
        where = [(str(i), c) for c in numeric.columns for i in numeric.index[numeric[c].isna()]]
        raise MarketEntryError(f"missing criterion values (market, criterion): {where[:5]}; fill or drop them first")
    return numeric


def normalise(criteria: pd.DataFrame, directions: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Min-max normalisation to 0-1 with 1 always best (see the module docstring).

    `directions` maps each column to "higher" or "lower" (default `DIRECTIONS`).
    """
    table = _check_table(criteria)
    directions = dict(DIRECTIONS if directions is None else directions)
    out = {}
    for column in table.columns:
        way = directions.get(column)
        if way not in ("higher", "lower"):
            raise MarketEntryError(f"say whether higher or lower is better for {column!r}: directions[{column!r}] = 'higher' or 'lower'")
        x = table[column]
        lo, hi = x.min(), x.max()
        if hi == lo:
            out[column] = pd.Series(1.0, index=x.index)
        elif way == "higher":
            out[column] = (x - lo) / (hi - lo)
        else:
            out[column] = (hi - x) / (hi - lo)
    return pd.DataFrame(out, index=table.index)


def check_weights(weights: Mapping[str, float] | pd.Series, criteria: Iterable[str] = CRITERIA) -> dict[str, float]:
    """The weights as {criterion: fraction}, checked: one for each criterion, none negative,
    summing to 1. Raises `MarketEntryError` saying what to fix."""
    if isinstance(weights, pd.Series):
        weights = weights.to_dict()
    if not isinstance(weights, Mapping):
        raise MarketEntryError(f"give the weights as a dict {{criterion: weight}}, not a {type(weights).__name__}")
    criteria = list(criteria)
    missing = [c for c in criteria if c not in weights]
    extra = [c for c in weights if c not in criteria]
    if missing or extra:
        raise MarketEntryError(f"the weights need exactly the criteria {criteria}; missing {missing}, unknown {extra}")
    out = {}
    for c in criteria:
        try:
            w = float(weights[c])
        except (TypeError, ValueError):
            raise MarketEntryError(f"the weight of {c!r} must be a number, not {weights[c]!r}") from None
        if not math.isfinite(w) or w < 0:
            raise MarketEntryError(f"the weight of {c!r} is {weights[c]!r}; weights must be non-negative numbers")
        out[c] = w
    total = sum(out.values())
    if abs(total - 100) < 1e-6:
        raise MarketEntryError("the weights sum to 100: give them as fractions (0.2 for 20%), i.e. divide by 100")
    if abs(total - 1) > WEIGHT_TOLERANCE:
        raise MarketEntryError(f"the weights sum to {total:.6g}, not 1; divide each by their sum to renormalise them")
    return out


def weights_from_points(points: Mapping[str, float] | pd.Series) -> dict[str, float]:
    """Weights from importance points (any non-negative numbers, e.g. slider positions or
    points out of 10): each divided by their sum, so they sum to 1."""
    if isinstance(points, pd.Series):
        points = points.to_dict()
    if not isinstance(points, Mapping) or not points:
        raise MarketEntryError("give the points as a dict {criterion: points}")
    values = {}
    for c, p in points.items():
        try:
            x = float(p)
        except (TypeError, ValueError):
            raise MarketEntryError(f"the points of {c!r} must be a number, not {p!r}") from None
        if not math.isfinite(x) or x < 0:
            raise MarketEntryError(f"the points of {c!r} are {p!r}; give non-negative numbers")
        values[c] = x
    total = sum(values.values())
    if total <= 0:
        raise MarketEntryError("all points are zero: give at least one criterion some importance")
    return {c: x / total for c, x in values.items()}


def weighted_scores(normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> pd.Series:
    """Each market's score: the sum over criteria of weight x normalised value (0 to 1)."""
    table = _check_table(normalised)
    w = check_weights(weights, list(table.columns))
    score = sum(table[c] * w[c] for c in table.columns)
    return pd.Series(score, index=table.index, name="score")


def rank_markets(normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """The markets from best to worst: rank (1 = best), iso2, score. Ties: by iso2 code."""
    s = weighted_scores(normalised, weights)
    frame = pd.DataFrame({"iso2": [str(i) for i in s.index], "score": s.to_numpy()})
    frame = frame.sort_values(["score", "iso2"], ascending=[False, True], kind="stable").reset_index(drop=True)
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame


def ranking(normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> list[str]:
    """The iso2 codes from best to worst."""
    return rank_markets(normalised, weights)["iso2"].tolist()


def top_market(normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> str:
    """The iso2 code of the best market."""
    return ranking(normalised, weights)[0]


def contributions(normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Weight x normalised value per market and criterion (rows sum to the scores)."""
    table = _check_table(normalised)
    w = check_weights(weights, list(table.columns))
    return table.mul(pd.Series(w), axis=1)


# --- sensitivity ---------------------------------------------------------------------------

def set_weight(weights: Mapping[str, float] | pd.Series, criterion: str, value: float) -> dict[str, float]:
    """New weights with `criterion` at `value` (a fraction in [0, 1]) and the other criteria
    sharing 1 - value in their current proportions. If the others are all zero, they share it
    equally."""
    w = check_weights(weights, list(weights.keys()) if isinstance(weights, Mapping) else list(weights.index))
    if criterion not in w:
        raise MarketEntryError(f"unknown criterion {criterion!r}; the criteria are {list(w)}")
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise MarketEntryError(f"the new weight must be a number, not {value!r}") from None
    if not 0 <= v <= 1:
        raise MarketEntryError(f"the new weight of {criterion!r} is {value!r}; a weight lies between 0 and 1 (give 0.3 for 30%)")
    others = [c for c in w if c != criterion]
    rest = sum(w[c] for c in others)
    out = {}
    for c in w:
        if c == criterion:
            out[c] = v
        elif rest > 0:
            out[c] = w[c] * (1 - v) / rest
        else:
            out[c] = (1 - v) / len(others)
    return out


@dataclass(frozen=True)
class Switch:
    """Where the top market changes as the weight on one criterion moves away from its value."""

    criterion: str
    current_weight: float
    current_top: str
    weight: float | None  # the weight at which the top market changes (None: it never does)
    new_top: str | None

    def describe(self) -> str:
        if self.weight is None:
            return f"{self.current_top} stays on top for any weight on {self.criterion} in that direction"
        return (
            f"{self.current_top} is on top at weight {self.current_weight:.3f} on {self.criterion}; "
            f"{self.new_top} takes over at weight {self.weight:.4f}"
        )


def switch_weight(normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series, criterion: str, direction: str = "up") -> Switch:
    """The exact weight on `criterion` (others rescaled by `set_weight`) at which another
    market overtakes the current top market, moving the weight up (to 1) or down (to 0).

    Every score is linear in the weight w: score_m(w) = w n_m + (1 - w) r_m, where n_m is the
    market's normalised value on `criterion` and r_m its score on the other criteria with
    their weights rescaled to sum to 1. The top market t is overtaken by m where
    score_m(w) = score_t(w); the nearest such w in the chosen direction is the answer.
    """
    if direction not in ("up", "down"):
        raise MarketEntryError(f"direction must be 'up' or 'down', not {direction!r}")
    table = _check_table(normalised)
    w = check_weights(weights, list(table.columns))
    if criterion not in w:
        raise MarketEntryError(f"unknown criterion {criterion!r}; the criteria are {list(w)}")
    w0 = w[criterion]
    top = top_market(table, w)
    others = [c for c in w if c != criterion]
    rest = sum(w[c] for c in others)
    n = table[criterion]
    if rest > 0:
        r = sum(table[c] * w[c] for c in others) / rest
    else:
        r = table[others].mean(axis=1)
    best: tuple[float, str] | None = None
    for m in table.index:
        if m == top:
            continue
        a = n[m] - n[top]          # the challenger's edge at w = 1
        b = r[m] - r[top]          # its edge at w = 0
        if a == b:
            continue  # parallel: the gap does not change with w
        ws = b / (b - a)
        ahead_after = (a > b) if direction == "up" else (a < b)
        inside = (w0 < ws <= 1 + 1e-12) if direction == "up" else (-1e-12 <= ws < w0)
        if ahead_after and inside:
            key = ws if direction == "up" else -ws
            if best is None or key < best[0] or (key == best[0] and str(m) < best[1]):
                best = (key, str(m))
    if best is None:
        return Switch(criterion, w0, str(top), None, None)
    ws = best[0] if direction == "up" else -best[0]
    return Switch(criterion, w0, str(top), float(min(max(ws, 0.0), 1.0)), best[1])


def weight_sweep(normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series, criterion: str, step: float = 0.01) -> pd.DataFrame:
    """Scores of every market as the weight on `criterion` runs from 0 to 1 in `step`s (the
    others rescaled by `set_weight`): long form with weight, iso2, score, top (the best market
    at that weight)."""
    if not (isinstance(step, (int, float)) and 0 < step <= 0.5):
        raise MarketEntryError(f"step must be a number between 0 and 0.5, e.g. 0.01, not {step!r}")
    table = _check_table(normalised)
    grid = np.round(np.arange(0, 1 + step / 2, step), 10)
    rows = []
    for x in grid:
        w = set_weight(weights, criterion, float(min(x, 1.0)))
        ranked = rank_markets(table, w)
        best = ranked["iso2"].iloc[0]
        for _, row in ranked.iterrows():
            rows.append({"weight": float(x), "iso2": row["iso2"], "score": float(row["score"]), "top": best})
    return pd.DataFrame(rows)


def perturbation_table(normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series, delta: float = 0.1) -> pd.DataFrame:
    """Does the top market survive a change of each weight by +-`delta`? For each criterion
    and sign, the weight becomes w +- delta (clipped to [0, 1]) and the others are rescaled by
    `set_weight`. Columns: criterion, change, weight (the new weight), top, same (True when
    the top market is unchanged)."""
    if not (isinstance(delta, (int, float)) and 0 < delta < 1):
        raise MarketEntryError(f"delta must be a fraction between 0 and 1, e.g. 0.1, not {delta!r}")
    table = _check_table(normalised)
    w = check_weights(weights, list(table.columns))
    base = top_market(table, w)
    rows = []
    for c in w:
        for sign in (-1, +1):
            new = float(min(max(w[c] + sign * delta, 0.0), 1.0))
            top = top_market(table, set_weight(w, c, new))
            rows.append({"criterion": c, "change": sign * delta, "weight": new, "top": top, "same": top == base})
    return pd.DataFrame(rows)


def is_robust(normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series, delta: float = 0.1) -> bool:
    """True when the top market is the same under every +-`delta` change of one weight."""
    return bool(perturbation_table(normalised, weights, delta)["same"].all())


# --- what the five criteria leave out: market size, competition, small samples ----------

#: the sixth criterion the lecture adds: GDP in 2023, USD billion (`countries`), higher is better
MARKET_SIZE = "market_size_gdp_usd_bn"


def market_size(countries: pd.DataFrame, markets: Iterable[str] = CANDIDATES) -> pd.Series:
    """Each market's GDP in 2023 in USD billion (the `countries` dataset), a measure of how
    large an economy a seller enters; named `MARKET_SIZE`."""
    markets = list(markets)
    gdp = countries.set_index("iso2")["gdp_usd_billion_2023"].astype(float)
    absent = [m for m in markets if m not in gdp.index or pd.isna(gdp.get(m))]
    if absent:
        raise MarketEntryError(f"no GDP for {absent} in the countries dataset")
    return gdp.loc[markets].rename(MARKET_SIZE)


def penalty_to_switch(scores: pd.Series, penalised: Iterable[str]) -> dict:
    """How large a penalty (in score points, 0 to 1) subtracted from the `penalised` markets'
    scores would hand the top place to the best market outside them: the leader's score minus
    that market's, when the leader is penalised; 0 when the leader is not penalised (nothing
    to overturn). Returns {'top', 'best_other', 'penalty'}."""
    penalised = set(penalised)
    absent = penalised - set(scores.index)
    if absent:
        raise MarketEntryError(f"no score for {sorted(absent)}; the markets are {sorted(scores.index)}")
    others = scores[[m for m in scores.index if m not in penalised]]
    if others.empty:
        raise MarketEntryError("every market is penalised: a penalty on all of them changes no ranking")
    order = scores.sort_index().sort_values(ascending=False, kind="stable")
    top = str(order.index[0])
    best_other = str(others.sort_index().sort_values(ascending=False, kind="stable").index[0])
    penalty = float(scores[top] - scores[best_other]) if top in penalised else 0.0
    return {"top": top, "best_other": best_other, "penalty": penalty}


@dataclass(frozen=True)
class Bootstrap:
    """The result of `bootstrap_top`: how often each market tops the ranking (`top_share`,
    0-1), each market's GMV per 1,000 viewers with a percentile interval (`gmv_interval`:
    sessions, estimate, low, high) and the number of resamples."""
    top_share: pd.Series
    gmv_interval: pd.DataFrame
    reps: int


def bootstrap_top(sessions: pd.DataFrame, normalised: pd.DataFrame, weights: Mapping[str, float] | pd.Series,
                  reps: int = 2000, seed: int = 0, level: float = 0.95) -> Bootstrap:
    """Resample each market's live sessions with replacement (as many as it has), recompute its
    pooled GMV per 1,000 viewers, normalise that criterion again across the markets and rank
    them with `weights`; the other criteria stay as in `normalised`. Counts how often each
    market comes first. The sessions are the unit resampled, since a session's viewers and
    orders come together."""
    table = _check_table(normalised)
    w = check_weights(weights, list(table.columns))
    column = "gmv_per_1000_viewers"
    if column not in table.columns:
        raise MarketEntryError(f"the normalised matrix has no {column!r} column to resample")
    if reps < 100:
        raise MarketEntryError(f"use at least 100 resamples (got {reps})")
    markets = sorted(str(m) for m in table.index)          # ties go to the first iso2 code, as in rank_markets
    rng = np.random.default_rng(seed)
    draws = np.empty((reps, len(markets)))
    estimate = {}
    for j, market in enumerate(markets):
        part = sessions[sessions["market"] == market]
        if len(part) < 2:
            raise MarketEntryError(f"market {market} has {len(part)} sessions; resampling needs at least two")
        viewers = part["viewers"].to_numpy(dtype=float)
        gmv = part["gmv_usd"].to_numpy(dtype=float)
        idx = rng.integers(0, len(part), size=(reps, len(part)))
        draws[:, j] = 1000 * gmv[idx].sum(axis=1) / viewers[idx].sum(axis=1)
        estimate[market] = 1000 * gmv.sum() / viewers.sum()
    lo, hi = draws.min(axis=1, keepdims=True), draws.max(axis=1, keepdims=True)
    scaled = np.where(hi > lo, (draws - lo) / np.where(hi > lo, hi - lo, 1.0), 1.0)
    fixed = sum(table.loc[markets, c].to_numpy() * w[c] for c in table.columns if c != column)
    scores = fixed + w[column] * scaled
    top = np.argmax(scores, axis=1)                          # first maximum: the earliest iso2 code
    share = pd.Series(np.bincount(top, minlength=len(markets)) / reps, index=pd.Index(markets, name="iso2"), name="top_share")
    tail = (1 - level) / 2
    interval = pd.DataFrame({
        "sessions": [int((sessions["market"] == m).sum()) for m in markets],
        "estimate": [estimate[m] for m in markets],
        "low": np.quantile(draws, tail, axis=0),
        "high": np.quantile(draws, 1 - tail, axis=0),
    }, index=pd.Index(markets, name="iso2"))
    return Bootstrap(share.sort_values(ascending=False, kind="stable"), interval, reps)
