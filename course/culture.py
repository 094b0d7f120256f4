"""Module 04 computations: Hofstede profiles, the Kogut-Singh distance and grouping markets.

Pure functions over the `hofstede_scores` dataset (Hofstede, Hofstede and Minkov 2010; data
matrix of 2015-08-16) and the `countries` table. The script rules and the festival calendar
are in `course.culture_rules`; the plots in `course.plotting.culture`; the widgets in
`course.widgets.culture`.

Conventions (each can be changed by an argument, and the lecture shows what changes):

- Scores are compared with China's (`BASE = "CN"`).
- The Kogut-Singh index uses the variance of each dimension across a stated set of markets,
  by default the course markets with every dimension in use published, and the population
  variance (`ddof=0`). With `ddof=1` every distance is multiplied by (n - 1) / n, so the
  ranking does not change.
- A market with a missing score is left out (`missing="exclude"`) unless asked for a distance
  over the dimensions it has (`missing="available"`), which is then flagged: a distance over
  fewer dimensions is not comparable with one over all of them.
- No score is ever filled in silently: `substitute_proxy` and `impute_mean` do it only when
  called, and say which cells they filled.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from course.schemas import HOFSTEDE_DIMENSIONS

__all__ = [
    "BASE", "DIMENSIONS", "CLASSIC_DIMENSIONS", "DIMENSION_NAMES", "CultureError",
    "market_aliases", "resolve_market", "resolve_markets", "score_table", "complete_markets",
    "differences", "variances", "kogut_singh", "distance_ranking", "standardise",
    "cluster_markets", "groups", "partition", "substitute_proxy", "impute_mean",
    "Comparison", "compare_with_china",
]

#: the market every other market is compared with
BASE = "CN"
#: the six dimensions of the 2015-08-16 matrix
DIMENSIONS: tuple[str, ...] = HOFSTEDE_DIMENSIONS
#: the four dimensions of Hofstede's IBM study, the ones Kogut and Singh (1988) used
CLASSIC_DIMENSIONS: tuple[str, ...] = ("pdi", "idv", "mas", "uai")
DIMENSION_NAMES = {
    "pdi": "power distance",
    "idv": "individualism",
    "mas": "masculinity",
    "uai": "uncertainty avoidance",
    "lto": "long-term orientation",
    "ivr": "indulgence",
}


class CultureError(ValueError):
    """Invalid input to a module 04 computation; the message says what is wrong and how to fix it."""


# --- markets --------------------------------------------------------------------------------

def market_aliases(countries: pd.DataFrame) -> dict[str, set[str]]:
    """Every name a market may be given by: iso2 -> {iso2, iso3, English name, Chinese name}."""
    return {
        str(r.iso2): {str(r.iso2), str(r.iso3), str(r.name_en), str(r.name_zh)}
        for r in countries.itertuples()
    }


def resolve_market(market: str, countries: pd.DataFrame) -> str:
    """The iso2 code of `market`, given as an iso2 or iso3 code or an English or Chinese name
    (case and surrounding spaces ignored)."""
    if not isinstance(market, str):
        raise CultureError(f"a market must be given as text (an iso2 code such as 'US' or a name such as 'United States'), not {market!r}")
    key = market.strip().casefold()
    for iso2, names in market_aliases(countries).items():
        if key in {n.casefold() for n in names}:
            return iso2
    raise CultureError(
        f"unknown market {market!r}; use an iso2 code or English name from the countries table, e.g. "
        f"{', '.join(sorted(countries['iso2'])[:6])}, ..."
    )


def resolve_markets(markets: Iterable[str], countries: pd.DataFrame) -> list[str]:
    """`resolve_market` for each of `markets`, in order."""
    if isinstance(markets, str):
        markets = [markets]
    return [resolve_market(m, countries) for m in markets]


def _check_dims(dims: Sequence[str]) -> tuple[str, ...]:
    if isinstance(dims, str):
        dims = [dims]
    dims = tuple(d.strip().lower() for d in dims)
    unknown = [d for d in dims if d not in DIMENSIONS]
    if unknown or not dims:
        raise CultureError(f"unknown dimension(s) {unknown or '(none given)'}; choose from {list(DIMENSIONS)}")
    if len(set(dims)) != len(dims):
        raise CultureError(f"dimension listed twice in {list(dims)}")
    return dims


def score_table(scores: pd.DataFrame, dims: Sequence[str] = DIMENSIONS) -> pd.DataFrame:
    """The scores as floats (missing = NaN), indexed by iso2, one column per dimension."""
    dims = _check_dims(dims)
    missing = [c for c in ("iso2", *dims) if c not in scores.columns]
    if missing:
        raise CultureError(f"the scores table lacks column(s) {missing}; pass `load('hofstede_scores')`")
    table = scores.set_index("iso2")[list(dims)].astype("Float64").astype(float)
    table.index = table.index.astype(str)
    table.index.name = "iso2"
    return table


def _check_in(table: pd.DataFrame, market: str, what: str = "market") -> None:
    if market not in table.index:
        raise CultureError(f"{what} {market!r} is not in the scores table; its markets are {sorted(table.index)}")


def complete_markets(scores: pd.DataFrame, dims: Sequence[str] = DIMENSIONS) -> list[str]:
    """The markets (iso2, in table order) with a published score on every one of `dims`."""
    table = score_table(scores, dims)
    return list(table.dropna().index)


# --- profiles against China ------------------------------------------------------------------

def differences(scores: pd.DataFrame, market: str, base: str = BASE, dims: Sequence[str] = DIMENSIONS) -> pd.DataFrame:
    """Per dimension: the market's score, the base's score and the difference (market - base).

    A dimension without a published score for either market has an empty difference.
    """
    dims = _check_dims(dims)
    table = score_table(scores, dims)
    _check_in(table, market)
    _check_in(table, base, "base market")
    out = pd.DataFrame({
        "dimension": list(dims),
        "name": [DIMENSION_NAMES[d] for d in dims],
        "market": table.loc[market].to_numpy(),
        "base": table.loc[base].to_numpy(),
    })
    out["difference"] = out["market"] - out["base"]
    return out


# --- the Kogut-Singh index -------------------------------------------------------------------

def variances(scores: pd.DataFrame, dims: Sequence[str] = DIMENSIONS, over: Iterable[str] | None = None, ddof: int = 0) -> pd.Series:
    """The variance V_i of each dimension across the markets `over` (default: the markets with
    every one of `dims` published), population variance by default (`ddof=0`)."""
    dims = _check_dims(dims)
    if ddof not in (0, 1):
        raise CultureError(f"ddof must be 0 (population variance) or 1 (sample variance), not {ddof!r}")
    table = score_table(scores, dims)
    markets = list(table.dropna().index) if over is None else list(over)
    for m in markets:
        _check_in(table, m, "variance market")
    sub = table.loc[markets]
    gaps = sub[sub.isna().any(axis=1)]
    if len(gaps):
        raise CultureError(
            f"the variance set includes market(s) without a score on every dimension used: {list(gaps.index)}; "
            "drop them from `over` or use fewer dimensions"
        )
    if len(sub) <= ddof + 1:
        raise CultureError(f"a variance needs at least {ddof + 2} markets; got {len(sub)}")
    return sub.var(ddof=ddof)


def kogut_singh(
    scores: pd.DataFrame,
    base: str = BASE,
    dims: Sequence[str] = DIMENSIONS,
    over: Iterable[str] | None = None,
    ddof: int = 0,
    missing: str = "exclude",
) -> pd.DataFrame:
    """Kogut and Singh's (1988) cultural distance of every market from `base`:

        CD_j = (1/n) * sum_i (I_ij - I_i,base)^2 / V_i

    over the n dimensions `dims`, with V_i from `variances(scores, dims, over, ddof)`.

    Returns one row per market other than the base, sorted by distance (nearest first;
    markets without a distance last): iso2, distance, n_dims (dimensions used), dims_used,
    complete (True when all of `dims` were used). `missing="exclude"` leaves a market with a
    missing score without a distance; `missing="available"` computes it over the dimensions the
    market has (then `complete` is False: such a distance is not comparable with the others).
    """
    if missing not in ("exclude", "available"):
        raise CultureError(f"missing must be 'exclude' or 'available', not {missing!r}")
    dims = _check_dims(dims)
    table = score_table(scores, dims)
    _check_in(table, base, "base market")
    if table.loc[base].isna().any():
        raise CultureError(f"the base market {base!r} lacks a score on {list(table.columns[table.loc[base].isna()])}")
    v = variances(scores, dims, over, ddof)
    contrib = (table.sub(table.loc[base], axis=1) ** 2).div(v, axis=1)
    rows = []
    for iso2, row in contrib.drop(index=base).iterrows():
        have = [d for d in dims if pd.notna(row[d])]
        complete = len(have) == len(dims)
        if complete or (missing == "available" and have):
            distance = float(row[have].mean())
        else:
            distance = np.nan
        rows.append({"iso2": iso2, "distance": distance, "n_dims": len(have), "dims_used": " ".join(have), "complete": complete})
    out = pd.DataFrame(rows)
    return out.sort_values(["distance", "iso2"], na_position="last", kind="stable").reset_index(drop=True)


def distance_ranking(distances: pd.DataFrame, markets: Iterable[str] | None = None) -> list[str]:
    """The iso2 codes in order of distance (nearest first), only markets with a distance over
    every dimension (`complete`), optionally restricted to `markets`."""
    table = distances[distances["complete"] & distances["distance"].notna()]
    if markets is not None:
        wanted = set(markets)
        table = table[table["iso2"].isin(wanted)]
    return list(table.sort_values(["distance", "iso2"], kind="stable")["iso2"])


# --- grouping markets ------------------------------------------------------------------------

def standardise(scores: pd.DataFrame, dims: Sequence[str] = DIMENSIONS, over: Iterable[str] | None = None, ddof: int = 0) -> pd.DataFrame:
    """z-scores (score - mean) / standard deviation per dimension, for the markets `over`
    (default: the markets with every one of `dims` published)."""
    dims = _check_dims(dims)
    table = score_table(scores, dims)
    markets = list(table.dropna().index) if over is None else list(over)
    sub = table.loc[markets]
    if sub.isna().any().any():
        raise CultureError(f"cannot standardise markets with missing scores: {list(sub[sub.isna().any(axis=1)].index)}")
    return (sub - sub.mean()) / sub.std(ddof=ddof)


def cluster_markets(
    scores: pd.DataFrame,
    dims: Sequence[str] = DIMENSIONS,
    k: int = 3,
    method: str = "ward",
    standardised: bool = True,
    over: Iterable[str] | None = None,
) -> pd.Series:
    """Hierarchical clustering (scipy `linkage` with `method`, cut into `k` groups by
    `fcluster(..., 'maxclust')`) of the markets with every one of `dims` published, on
    z-scores (or raw scores with `standardised=False`).

    Returns a Series iso2 -> group number. Group numbers are arbitrary; here they are set in
    order of each group's first market in the table, so that the same grouping always gets
    the same numbers. Compare groupings with `partition`, not by their numbers.
    """
    from scipy.cluster.hierarchy import fcluster, linkage

    dims = _check_dims(dims)
    data = standardise(scores, dims, over) if standardised else score_table(scores, dims).loc[list(over) if over is not None else complete_markets(scores, dims)]
    if not 1 <= k <= len(data):
        raise CultureError(f"k must be between 1 and the number of markets ({len(data)}), not {k}")
    if method not in ("ward", "average", "complete", "single"):
        raise CultureError(f"method must be 'ward', 'average', 'complete' or 'single', not {method!r}")
    raw = fcluster(linkage(data.to_numpy(), method=method), k, criterion="maxclust")
    renumber: dict[int, int] = {}
    for label in raw:
        renumber.setdefault(int(label), len(renumber) + 1)
    return pd.Series([renumber[int(x)] for x in raw], index=data.index, name="group")


def groups(labels: pd.Series) -> list[list[str]]:
    """A grouping as sorted lists of iso2 codes, the groups ordered by their first code."""
    out = [sorted(map(str, members)) for _, members in labels.groupby(labels).groups.items()]
    return sorted(out)


def partition(labels_or_groups) -> frozenset[frozenset[str]]:
    """A grouping as a set of sets, so that two groupings can be compared whatever their
    group numbers: from a Series iso2 -> label, a dict label -> members, or a list of lists."""
    if isinstance(labels_or_groups, pd.Series):
        return frozenset(frozenset(g) for g in groups(labels_or_groups))
    if isinstance(labels_or_groups, dict):
        labels_or_groups = list(labels_or_groups.values())
    return frozenset(frozenset(map(str, g)) for g in labels_or_groups)


# --- filling gaps, only when asked -----------------------------------------------------------

def substitute_proxy(scores: pd.DataFrame, regions: pd.DataFrame, markets: Iterable[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A copy of `scores` where the missing scores of `markets` are taken from their
    `proxy_code` row of `regions` (e.g. Hofstede's 'Arab countries' aggregate).

    Returns (the filled table, a record of every filled cell: iso2, dimension, value,
    proxy_code). Published national scores are never replaced. This is a choice to declare
    wherever its results are used: a regional score is not a national one.
    """
    filled = scores.copy()
    record = []
    by_code = regions.set_index("hofstede_code")
    for market in markets:
        rows = filled.index[filled["iso2"] == market]
        if len(rows) != 1:
            raise CultureError(f"market {market!r} is not in the scores table")
        i = rows[0]
        code = filled.at[i, "proxy_code"]
        if pd.isna(code):
            raise CultureError(f"market {market!r} has no proxy_code: there is no regional score to substitute")
        for d in DIMENSIONS:
            if pd.isna(filled.at[i, d]) and pd.notna(by_code.at[code, d]):
                filled.at[i, d] = by_code.at[code, d]
                record.append({"iso2": market, "dimension": d, "value": int(by_code.at[code, d]), "proxy_code": code})
    return filled, pd.DataFrame(record, columns=["iso2", "dimension", "value", "proxy_code"])


def impute_mean(scores: pd.DataFrame, markets: Iterable[str], dims: Sequence[str] = DIMENSIONS, over: Iterable[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A copy of `scores` where the missing scores of `markets` are replaced by the mean of the
    markets `over` (default: those with every one of `dims`), rounded to whole numbers like
    the published scores. Returns (the filled table, the record of filled cells).

    Mean imputation pulls a market to the middle of the sample: it shrinks its distances to
    everyone, which the lecture shows.
    """
    dims = _check_dims(dims)
    table = score_table(scores, dims)
    ref = list(table.dropna().index) if over is None else list(over)
    means = table.loc[ref].mean()
    filled = scores.copy()
    record = []
    for market in markets:
        rows = filled.index[filled["iso2"] == market]
        if len(rows) != 1:
            raise CultureError(f"market {market!r} is not in the scores table")
        i = rows[0]
        for d in dims:
            if pd.isna(filled.at[i, d]):
                value = int(round(float(means[d])))
                filled.at[i, d] = value
                record.append({"iso2": market, "dimension": d, "value": value, "proxy_code": "mean"})
    return filled, pd.DataFrame(record, columns=["iso2", "dimension", "value", "proxy_code"])


# --- what the country comparison widget shows -------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """One market against China: the profile, the distance and how comparable it is."""

    market: str
    name: str
    dims: tuple[str, ...]
    profile: pd.DataFrame      # long: dimension, name, market (name_en), score
    differences: pd.DataFrame  # `differences(...)`
    distance: float            # NaN when the market lacks a score on every dimension used
    n_dims: int
    complete: bool
    note: str

    def text(self) -> str:
        dims = f"{len(self.dims)} dimensions ({', '.join(self.dims)})"
        if self.n_dims == 0:
            return f"{self.name}: no published Hofstede score on any of the {dims}; no distance. {self.note}".strip()
        if not self.complete:
            return (
                f"{self.name}: Kogut-Singh distance from China {self.distance:.3f} over only {self.n_dims} of the "
                f"{dims}; not comparable with distances over all of them. {self.note}"
            ).strip()
        return f"{self.name}: Kogut-Singh distance from China {self.distance:.3f} over {dims}."


def compare_with_china(
    scores: pd.DataFrame, countries: pd.DataFrame, market: str, dims: Sequence[str] = DIMENSIONS, ddof: int = 0
) -> Comparison:
    """The country comparison: profile, differences and Kogut-Singh distance from China
    (variance over the markets with every dimension used, `ddof` as given). A market with
    missing scores gets its distance over the dimensions it has, flagged as not comparable."""
    dims = _check_dims(dims)
    iso2 = resolve_market(market, countries)
    if iso2 == BASE:
        raise CultureError("pick a market other than China: the comparison is against China")
    names = countries.set_index("iso2")["name_en"].astype(str)
    diff = differences(scores, iso2, BASE, dims)
    profile = pd.concat([
        pd.DataFrame({"dimension": list(dims), "name": diff["name"], "market": names[iso2], "score": diff["market"]}),
        pd.DataFrame({"dimension": list(dims), "name": diff["name"], "market": names[BASE], "score": diff["base"]}),
    ], ignore_index=True)
    row = kogut_singh(scores, BASE, dims, ddof=ddof, missing="available").set_index("iso2").loc[iso2]
    note = scores.set_index("iso2").loc[iso2, "note"]
    return Comparison(
        market=iso2, name=str(names[iso2]), dims=dims, profile=profile, differences=diff,
        distance=float(row["distance"]), n_dims=int(row["n_dims"]), complete=bool(row["complete"]),
        note="" if pd.isna(note) else f"Note: {note}.",
    )
