"""Module 03 computations: SWOT analysis, quantified.

Pure functions over the `swot_factors` and `swot_strategies` datasets (or any table of
factors with the columns `factor_id` and `group`); the lecture's widgets and plots are thin
faces over them, and the tests call them directly.

Conventions (Fred R. David's factor evaluation matrices, used throughout the course):

- **Two matrices.** The internal factor evaluation (IFE) matrix holds the strengths and
  weaknesses; the external factor evaluation (EFE) matrix holds the opportunities and threats.
- **Weights** say how important a factor is for success, from 0 (not important) to 1; within
  each matrix they sum to 1. They are fractions, not percentages.
- **Ratings** are whole numbers on a 1-4 scale.
  IFE: 1 = major weakness, 2 = minor weakness, 3 = minor strength, 4 = major strength, so a
  strength is rated 3 or 4 and a weakness 1 or 2 (a *more serious* weakness gets a *lower*
  rating). EFE: how well the subject's current strategies respond to the factor, 1 = poor,
  2 = average, 3 = above average, 4 = superior, for opportunities and threats alike.
- **Weighted score** = weight x rating; a matrix's **total** is the sum of its weighted scores,
  between 1 and 4, with 2.5 the midpoint.
- **Position and strategy.** The course places the subject on a quadrant chart of the IFE
  total (x, internal) against the EFE total (y, external), split at the 2.5 midpoints; a total
  of exactly 2.5 counts as high. The quadrant names the TOWS strategy type it points to:

  ===============  ===============  ==========================================================
  IFE total        EFE total        strategy
  ===============  ===============  ==========================================================
  >= 2.5 (strong)  >= 2.5 (good)    SO: use strengths to seize opportunities
  >= 2.5 (strong)  < 2.5 (poor)     ST: use strengths to counter threats
  < 2.5 (weak)     >= 2.5 (good)    WO: use opportunities to overcome weaknesses
  < 2.5 (weak)     < 2.5 (poor)     WT: minimise weaknesses and avoid threats
  ===============  ===============  ==========================================================

- **Sensitivity** (`group_shift_threshold`, `flip_threshold`): shift a weight ``s`` from one
  group of a matrix to the other (from strengths to weaknesses in the IFE matrix, from
  opportunities to threats in the EFE matrix; a negative ``s`` moves weight the other way),
  scaling the weights within each group in proportion so that each group keeps its internal
  mix and the matrix still sums to 1. The matrix total then changes linearly,
  ``total(s) = total - s * (mean rating of the giving group - mean rating of the receiving
  group)``, with weight-averaged group ratings, so the shift at which it reaches 2.5 is exact:
  ``s* = (total - 2.5) / (mean_favourable - mean_unfavourable)``. The **flip threshold** is the
  smallest ``|s*|`` over the two matrices: any larger shift in that direction changes the
  recommended strategy. `single_factor_thresholds` gives the other common definition: the
  weight one factor must take, with the other factors of its matrix rescaled in proportion,
  for the total to reach 2.5.

Invalid inputs raise `SwotError` (a `ValueError`) with a message that names the matrix, the
factor and the problem, and says how to fix it.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

__all__ = [
    "SwotError", "GROUPS", "MATRICES", "MATRIX_OF_GROUP", "GROUPS_OF_MATRIX", "FAVOURABLE", "UNFAVOURABLE",
    "RATING_SCALE", "ALLOWED_RATINGS", "RATING_MEANINGS", "MIDPOINT", "WEIGHT_TOLERANCE", "TOWS", "TOWS_MEANINGS",
    "factor_frame", "default_weights", "default_ratings", "normalise_weights", "validate", "factor_matrix",
    "matrix_total", "group_scores", "quadrant", "SwotResult", "evaluate", "tows_label", "tows_type",
    "strategies_for", "shift_weights", "group_shift_threshold", "Flip", "flip_threshold", "sensitivity_path",
    "single_factor_thresholds", "split_ids", "set_factor_weight", "subset_total",
]


class SwotError(ValueError):
    """Invalid input to a SWOT computation: the message names the matrix, the factor and the problem."""


GROUPS = ("strength", "weakness", "opportunity", "threat")
MATRICES = ("IFE", "EFE")
MATRIX_OF_GROUP = {"strength": "IFE", "weakness": "IFE", "opportunity": "EFE", "threat": "EFE"}
GROUPS_OF_MATRIX = {"IFE": ("strength", "weakness"), "EFE": ("opportunity", "threat")}
#: the group whose weight a positive shift takes away (see `shift_weights`)
FAVOURABLE = {"IFE": "strength", "EFE": "opportunity"}
#: the group that receives the weight of a positive shift
UNFAVOURABLE = {"IFE": "weakness", "EFE": "threat"}
RATING_SCALE = (1, 2, 3, 4)
#: David's convention: strengths 3-4, weaknesses 1-2; external factors any rating
ALLOWED_RATINGS = {"strength": (3, 4), "weakness": (1, 2), "opportunity": RATING_SCALE, "threat": RATING_SCALE}
RATING_MEANINGS = {
    "IFE": {1: "major weakness", 2: "minor weakness", 3: "minor strength", 4: "major strength"},
    "EFE": {1: "poor response", 2: "average response", 3: "above-average response", 4: "superior response"},
}
MIDPOINT = 2.5
#: how far a matrix's weights may sum from 1 (rounding), before `validate` refuses them
WEIGHT_TOLERANCE = 1e-6
TOWS = ("SO", "ST", "WO", "WT")
TOWS_MEANINGS = {
    "SO": "use strengths to seize opportunities",
    "ST": "use strengths to counter threats",
    "WO": "use opportunities to overcome weaknesses",
    "WT": "minimise weaknesses and avoid threats",
}
_LETTER = {"strength": "S", "weakness": "W", "opportunity": "O", "threat": "T"}
_PLURAL = {"strength": "strengths", "weakness": "weaknesses", "opportunity": "opportunities", "threat": "threats"}
_EPS = 1e-9  # a total within this of 2.5 counts as 2.5 (floating-point sums)


# --- factors, weights and ratings ------------------------------------------------------

def factor_frame(factors: pd.DataFrame) -> pd.DataFrame:
    """The factors as a clean table: factor_id, group, matrix, factor (name).

    `factors` needs the columns `factor_id` and `group` (strength, weakness, opportunity or
    threat); `factor` (a name) is optional. The `matrix` column is derived from the group.
    """
    if not isinstance(factors, pd.DataFrame):
        raise SwotError(f"factors must be a pandas DataFrame (e.g. load('swot_factors')), not a {type(factors).__name__}")
    missing = [c for c in ("factor_id", "group") if c not in factors.columns]
    if missing:
        raise SwotError(f"the factors table lacks the column(s) {missing}; it needs factor_id and group")
    ids = factors["factor_id"].astype(str).str.strip()
    groups = factors["group"].astype(str).str.strip().str.lower()
    bad = sorted(set(groups) - set(GROUPS))
    if bad:
        raise SwotError(f"unknown factor group(s) {bad}; a factor's group is one of {list(GROUPS)}")
    dup = sorted(ids[ids.duplicated()].unique())
    if dup:
        raise SwotError(f"factor ids must be unique; repeated: {dup}")
    names = factors["factor"].astype(str) if "factor" in factors.columns else ids
    return pd.DataFrame({
        "factor_id": ids.to_numpy(),
        "group": groups.to_numpy(),
        "matrix": groups.map(MATRIX_OF_GROUP).to_numpy(),
        "factor": names.to_numpy(),
    })


def default_weights(factors: pd.DataFrame) -> dict[str, float]:
    """The dataset's default weights (the course's teaching choices), by factor id."""
    return {str(k): float(v) for k, v in zip(factors["factor_id"], factors["default_weight"])}


def default_ratings(factors: pd.DataFrame) -> dict[str, int]:
    """The dataset's default ratings (the course's teaching choices), by factor id."""
    return {str(k): int(v) for k, v in zip(factors["factor_id"], factors["default_rating"])}


def split_ids(text: str) -> list[str]:
    """Factor ids written as one string, "S4;S5;O2" -> ["S4", "S5", "O2"]."""
    return [part.strip() for part in str(text).replace(",", ";").split(";") if part.strip()]


def _label(row: pd.Series) -> str:
    name = str(row["factor"])
    return f"factor {row['factor_id']}" + (f" ({name})" if name and name != row["factor_id"] else "")


def _as_dict(kind: str, values: Any, table: pd.DataFrame) -> dict[str, Any]:
    """Weights or ratings as {factor_id: value}; unknown ids are an error."""
    if isinstance(values, pd.DataFrame):
        raise SwotError(f"give the {kind}s as a dict or a pandas Series indexed by factor_id, not a DataFrame (e.g. frame.set_index('factor_id')['{kind}'])")
    if isinstance(values, pd.Series):
        values = values.to_dict()
    if not isinstance(values, Mapping):
        raise SwotError(f"give the {kind}s as a dict {{factor_id: {kind}}} or a pandas Series indexed by factor_id, not a {type(values).__name__}")
    out = {str(k).strip(): v for k, v in values.items()}
    known = set(table["factor_id"])
    unknown = sorted(set(out) - known)
    if unknown:
        listing = "; ".join(f"{m}: {', '.join(table.loc[table['matrix'] == m, 'factor_id'])}" for m in MATRICES if (table["matrix"] == m).any())
        raise SwotError(f"unknown factor id(s) {unknown} in the {kind}s: no such factor in either matrix (the factors are {listing})")
    return out


def _number(kind: str, value: Any, matrix: str, label: str) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        raise SwotError(f"{matrix} matrix, {label}: no {kind} given (it is missing); give every factor of the matrix a {kind}")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        try:
            if isinstance(value, bool) or isinstance(value, str):
                raise TypeError
            value = float(value)
        except (TypeError, ValueError):
            raise SwotError(f"{matrix} matrix, {label}: the {kind} {value!r} is not a number") from None
    x = float(value)
    if math.isnan(x) or math.isinf(x):
        raise SwotError(f"{matrix} matrix, {label}: the {kind} is {x}, not a finite number")
    return x


def _matrix_inputs(table: pd.DataFrame, weights: dict, ratings: dict, matrix: str) -> pd.DataFrame:
    """The rows of one matrix with their weight and rating, checked."""
    rows = table[table["matrix"] == matrix]
    if rows.empty:
        raise SwotError(f"{matrix} matrix: no factors; the {matrix} matrix needs at least one {' or '.join(GROUPS_OF_MATRIX[matrix])}")
    w, r = [], []
    for _, row in rows.iterrows():
        label = _label(row)
        fid = row["factor_id"]
        if fid not in weights:
            raise SwotError(f"{matrix} matrix, {label}: no weight given; give every factor of the matrix a weight")
        if fid not in ratings:
            raise SwotError(f"{matrix} matrix, {label}: no rating given; give every factor of the matrix a rating from 1 to 4")
        weight = _number("weight", weights[fid], matrix, label)
        if weight < 0:
            raise SwotError(f"{matrix} matrix, {label}: the weight {weight:g} is negative; a weight is a share of importance between 0 and 1")
        if weight > 1 + WEIGHT_TOLERANCE:
            raise SwotError(
                f"{matrix} matrix, {label}: the weight {weight:g} is above 1; weights are fractions that sum to 1 "
                "within the matrix (if you wrote percentages, divide them by 100)"
            )
        rating = _number("rating", ratings[fid], matrix, label)
        if rating != round(rating):
            raise SwotError(f"{matrix} matrix, {label}: the rating {rating:g} is not a whole number; ratings are 1, 2, 3 or 4")
        if not 1 <= rating <= 4:
            raise SwotError(f"{matrix} matrix, {label}: the rating {rating:g} is outside the 1-4 scale; use 1, 2, 3 or 4")
        allowed = ALLOWED_RATINGS[row["group"]]
        if int(rating) not in allowed:
            if row["group"] == "weakness":
                raise SwotError(
                    f"{matrix} matrix, {label}: a weakness is rated 1 (major weakness) or 2 (minor weakness), not {int(rating)}; "
                    "ratings 3 and 4 are for strengths. On the IFE scale a more serious weakness gets a lower rating."
                )
            raise SwotError(
                f"{matrix} matrix, {label}: a strength is rated 3 (minor strength) or 4 (major strength), not {int(rating)}; "
                "ratings 1 and 2 are for weaknesses."
            )
        w.append(weight)
        r.append(int(rating))
    out = rows.assign(weight=w, rating=r)
    total = float(sum(w))
    if abs(total - 1) > WEIGHT_TOLERANCE:
        if abs(total - 100) < 0.5:
            fix = "they look like percentages: divide each weight by 100"
        else:
            fix = f"divide each weight by their sum ({total:g}), e.g. with course.swot.normalise_weights"
        raise SwotError(f"{matrix} matrix: the weights sum to {total:.4g}, not 1; the weights of each matrix must sum to 1 ({fix})")
    return out.reset_index(drop=True)


def validate(factors: pd.DataFrame, weights: Mapping | pd.Series, ratings: Mapping | pd.Series, matrices: Iterable[str] = MATRICES) -> None:
    """Raise `SwotError` unless the weights and ratings are valid for every matrix in `matrices`.

    Valid means: every factor of the matrix has a weight and a rating; no unknown factor ids;
    weights are numbers between 0 and 1 that sum to 1 within the matrix; ratings are whole
    numbers from 1 to 4, with strengths rated 3-4 and weaknesses 1-2.
    """
    table = factor_frame(factors)
    w, r = _as_dict("weight", weights, table), _as_dict("rating", ratings, table)
    for matrix in matrices:
        if matrix not in MATRICES:
            raise SwotError(f"unknown matrix {matrix!r}; the matrices are {list(MATRICES)}")
        _matrix_inputs(table, w, r, matrix)


def normalise_weights(factors: pd.DataFrame, importance: Mapping | pd.Series) -> dict[str, float]:
    """Weights from importance scores (any non-negative numbers, e.g. points out of 10): each
    score divided by the sum of the scores of its matrix, so each matrix's weights sum to 1."""
    table = factor_frame(factors)
    raw = _as_dict("importance score", importance, table)
    out: dict[str, float] = {}
    for matrix in MATRICES:
        rows = table[(table["matrix"] == matrix) & table["factor_id"].isin(raw)]
        if rows.empty:
            continue
        values = {}
        for _, row in rows.iterrows():
            x = _number("importance score", raw[row["factor_id"]], matrix, _label(row))
            if x < 0:
                raise SwotError(f"{matrix} matrix, {_label(row)}: the importance score {x:g} is negative; scores must be 0 or more")
            values[row["factor_id"]] = x
        total = sum(values.values())
        if total <= 0:
            raise SwotError(f"{matrix} matrix: the importance scores sum to 0; give at least one factor a positive score")
        out.update({k: v / total for k, v in values.items()})
    return out


# --- the matrices ----------------------------------------------------------------------

def factor_matrix(factors: pd.DataFrame, weights: Mapping | pd.Series, ratings: Mapping | pd.Series, matrix: str = "IFE") -> pd.DataFrame:
    """One factor evaluation matrix: a row per factor with factor_id, group, factor, weight,
    rating and weighted_score (= weight x rating), in the order of `factors`.

    Weights and ratings of the other matrix's factors may be present and are ignored.
    """
    if matrix not in MATRICES:
        raise SwotError(f"unknown matrix {matrix!r}; the matrices are {list(MATRICES)}")
    table = factor_frame(factors)
    rows = _matrix_inputs(table, _as_dict("weight", weights, table), _as_dict("rating", ratings, table), matrix)
    rows["weighted_score"] = rows["weight"] * rows["rating"]
    return rows[["factor_id", "group", "factor", "weight", "rating", "weighted_score"]]


def matrix_total(factors: pd.DataFrame, weights: Mapping | pd.Series, ratings: Mapping | pd.Series, matrix: str = "IFE") -> float:
    """The total weighted score of one matrix (between 1 and 4; 2.5 is the midpoint)."""
    return float(factor_matrix(factors, weights, ratings, matrix)["weighted_score"].sum())


def group_scores(matrix_table: pd.DataFrame) -> pd.DataFrame:
    """Per group of a `factor_matrix`: its total weight, its weighted score and its mean
    rating (weight-averaged; the plain mean if the group's weight is 0)."""
    rows = []
    for group, part in matrix_table.groupby("group", sort=False, observed=True):
        weight = float(part["weight"].sum())
        score = float(part["weighted_score"].sum())
        mean = score / weight if weight > 0 else float(part["rating"].mean())
        rows.append({"group": group, "weight": weight, "weighted_score": score, "mean_rating": mean, "factors": len(part)})
    return pd.DataFrame(rows)


def _check_total(name: str, total: float) -> float:
    x = float(total)
    if math.isnan(x) or x < 1 - 1e-6 or x > 4 + 1e-6:
        raise SwotError(
            f"{name} total {x:g} is outside 1-4: a total of weights summing to 1 times ratings from 1 to 4 "
            "must lie between 1 and 4 (are the weights normalised? did you sum unweighted ratings?)"
        )
    return x


def quadrant(ife_total: float, efe_total: float) -> str:
    """The TOWS strategy type the position points to: "SO", "ST", "WO" or "WT".

    IFE total >= 2.5 means internally strong (S), below 2.5 weak (W); EFE total >= 2.5 means
    the subject responds well to its environment (O), below 2.5 poorly (T). A total of
    exactly 2.5 counts as high.
    """
    ife = _check_total("IFE", ife_total)
    efe = _check_total("EFE", efe_total)
    inside = "S" if ife >= MIDPOINT - _EPS else "W"
    outside = "O" if efe >= MIDPOINT - _EPS else "T"
    return inside + outside


@dataclass(frozen=True)
class SwotResult:
    """What `evaluate` returns: both matrices, their totals and the strategy they point to."""

    ife: pd.DataFrame
    efe: pd.DataFrame
    ife_total: float
    efe_total: float
    strategy: str

    @property
    def groups(self) -> pd.DataFrame:
        """Weight, weighted score and mean rating of each of the four groups."""
        return pd.concat([group_scores(self.ife), group_scores(self.efe)], ignore_index=True)

    def describe(self) -> str:
        return (
            f"IFE total {self.ife_total:.2f} ({'strong' if self.strategy[0] == 'S' else 'weak'} inside), "
            f"EFE total {self.efe_total:.2f} ({'good' if self.strategy[1] == 'O' else 'poor'} response outside) "
            f"-> {self.strategy}: {TOWS_MEANINGS[self.strategy]}"
        )


def evaluate(factors: pd.DataFrame, weights: Mapping | pd.Series, ratings: Mapping | pd.Series) -> SwotResult:
    """Both matrices, their totals and the strategy type their position points to."""
    ife = factor_matrix(factors, weights, ratings, "IFE")
    efe = factor_matrix(factors, weights, ratings, "EFE")
    ife_total = float(ife["weighted_score"].sum())
    efe_total = float(efe["weighted_score"].sum())
    return SwotResult(ife, efe, ife_total, efe_total, quadrant(ife_total, efe_total))


# --- TOWS strategies -------------------------------------------------------------------

def tows_label(text: Any) -> str:
    """A TOWS strategy type written any usual way ("so", "S-O", "OS", "WT strategy") as one
    of "SO", "ST", "WO", "WT"."""
    if not isinstance(text, str):
        raise SwotError(f"a TOWS strategy type is text such as 'SO', not a {type(text).__name__}")
    letters = "".join(ch for ch in text.upper() if ch.isalpha())
    for suffix in ("STRATEGIES", "STRATEGY"):
        if letters.endswith(suffix) and len(letters) > len(suffix):
            letters = letters[: -len(suffix)]
    if len(letters) == 2 and set(letters) <= set("SWOT"):
        inside = [c for c in letters if c in "SW"]
        outside = [c for c in letters if c in "OT"]
        if len(inside) == 1 and len(outside) == 1:
            return inside[0] + outside[0]
    raise SwotError(f"{text!r} is not a TOWS strategy type; use one of {list(TOWS)} (an internal letter S or W, then an external letter O or T)")


def tows_type(factor_ids: Iterable[str] | str, factors: pd.DataFrame) -> str:
    """The TOWS cell of a strategy that pairs these factors: one internal group (S or W)
    with one external group (O or T)."""
    ids = split_ids(factor_ids) if isinstance(factor_ids, str) else [str(i).strip() for i in factor_ids]
    table = factor_frame(factors).set_index("factor_id")
    unknown = [i for i in ids if i not in table.index]
    if unknown:
        raise SwotError(f"unknown factor id(s) {unknown}; the factors are {list(table.index)}")
    groups = {table.loc[i, "group"] for i in ids}
    inside = sorted(_LETTER[g] for g in groups if MATRIX_OF_GROUP[g] == "IFE")
    outside = sorted(_LETTER[g] for g in groups if MATRIX_OF_GROUP[g] == "EFE")
    if len(inside) != 1 or len(outside) != 1:
        raise SwotError(
            f"a TOWS strategy pairs factors of one internal group (strengths or weaknesses) with factors of one "
            f"external group (opportunities or threats); {ids} has internal {inside or 'none'} and external {outside or 'none'}"
        )
    return inside[0] + outside[0]


def strategies_for(strategies: pd.DataFrame, label: str) -> pd.DataFrame:
    """The strategies of one TOWS cell (e.g. the one `quadrant` returns)."""
    cell = tows_label(label)
    return strategies[strategies["tows"].astype(str) == cell].reset_index(drop=True)


# --- sensitivity -----------------------------------------------------------------------

def _rescale(group_weights: dict[str, float], new_total: float) -> dict[str, float]:
    old = sum(group_weights.values())
    if old > 0:
        return {k: v * new_total / old for k, v in group_weights.items()}
    return {k: new_total / len(group_weights) for k in group_weights}


def shift_weights(factors: pd.DataFrame, weights: Mapping | pd.Series, matrix: str, shift: float) -> dict[str, float]:
    """Move `shift` of weight from the favourable group of `matrix` (strengths in IFE,
    opportunities in EFE) to the other group (a negative shift moves it back), rescaling the
    weights inside each group in proportion. Returns all weights, the other matrix's unchanged.

    A group with no weight that receives weight shares it equally among its factors.
    """
    if matrix not in MATRICES:
        raise SwotError(f"unknown matrix {matrix!r}; the matrices are {list(MATRICES)}")
    table = factor_frame(factors)
    w = {k: float(v) for k, v in _as_dict("weight", weights, table).items()}
    fav, unfav = FAVOURABLE[matrix], UNFAVOURABLE[matrix]
    ids = {g: list(table.loc[table["group"] == g, "factor_id"]) for g in (fav, unfav)}
    for g in (fav, unfav):
        missing = [i for i in ids[g] if i not in w]
        if missing:
            raise SwotError(f"{matrix} matrix: no weight given for {missing}")
    part = {g: {i: w[i] for i in ids[g]} for g in (fav, unfav)}
    total = {g: sum(part[g].values()) for g in (fav, unfav)}
    s = float(shift)
    if not ids[fav] or not ids[unfav]:
        raise SwotError(f"{matrix} matrix: shifting weight needs factors in both groups ({fav} and {unfav})")
    if s > total[fav] + WEIGHT_TOLERANCE or -s > total[unfav] + WEIGHT_TOLERANCE:
        raise SwotError(
            f"{matrix} matrix: cannot move {s:+g} of weight: the {_PLURAL[fav]} hold {total[fav]:g} and the {_PLURAL[unfav]} hold "
            f"{total[unfav]:g}, so the shift must lie between {-total[unfav]:g} and {total[fav]:g}"
        )
    out = dict(w)
    out.update(_rescale(part[fav], max(total[fav] - s, 0.0)))
    out.update(_rescale(part[unfav], max(total[unfav] + s, 0.0)))
    return out


def _shift_terms(factors, weights, ratings, matrix):
    """(total, mean rating of the favourable group, of the unfavourable group, their weights)."""
    table = factor_matrix(factors, weights, ratings, matrix)
    scores = group_scores(table).set_index("group")
    fav, unfav = FAVOURABLE[matrix], UNFAVOURABLE[matrix]
    total = float(table["weighted_score"].sum())
    if fav not in scores.index or unfav not in scores.index:
        return total, math.nan, math.nan, 0.0, 0.0
    return (total, float(scores.loc[fav, "mean_rating"]), float(scores.loc[unfav, "mean_rating"]),
            float(scores.loc[fav, "weight"]), float(scores.loc[unfav, "weight"]))


def group_shift_threshold(factors: pd.DataFrame, weights: Mapping | pd.Series, ratings: Mapping | pd.Series, matrix: str) -> float:
    """The shift of weight (see `shift_weights`) at which the matrix total reaches 2.5.

    Positive: weight moves from strengths to weaknesses (IFE) or from opportunities to threats
    (EFE); negative: the other way. Returns NaN when no feasible shift reaches 2.5 (the two
    groups have the same mean rating, a group is empty, or the shift would need more weight
    than a group holds).
    """
    total, mean_fav, mean_unfav, w_fav, w_unfav = _shift_terms(factors, weights, ratings, matrix)
    slope = mean_fav - mean_unfav
    if math.isnan(slope) or abs(slope) < 1e-12:
        return math.nan
    s = (total - MIDPOINT) / slope
    if s > w_fav + WEIGHT_TOLERANCE or -s > w_unfav + WEIGHT_TOLERANCE:
        return math.nan
    return s


@dataclass(frozen=True)
class Flip:
    """The smallest shift of weight between the two groups of one matrix that changes the strategy."""

    matrix: str
    shift: float  # the size of the shift, >= 0
    from_group: str
    to_group: str
    strategy: str  # the strategy before the shift
    new_strategy: str  # the strategy after any larger shift

    def describe(self) -> str:
        return (
            f"moving more than {self.shift:.4f} of the {self.matrix} weight from the {self.from_group} group to the "
            f"{self.to_group} group changes the strategy from {self.strategy} to {self.new_strategy}"
        )


def flip_threshold(factors: pd.DataFrame, weights: Mapping | pd.Series, ratings: Mapping | pd.Series) -> Flip | None:
    """The smallest shift of weight between the two groups of one matrix that moves the
    position across a midpoint (see the module docstring); None if no feasible shift does."""
    result = evaluate(factors, weights, ratings)
    best: Flip | None = None
    for matrix in MATRICES:
        s = group_shift_threshold(factors, weights, ratings, matrix)
        if math.isnan(s):
            continue
        fav, unfav = FAVOURABLE[matrix], UNFAVOURABLE[matrix]
        from_group, to_group = (fav, unfav) if s >= 0 else (unfav, fav)
        i = 0 if matrix == "IFE" else 1
        letters = {"IFE": ("S", "W"), "EFE": ("O", "T")}[matrix]
        flipped = letters[1] if result.strategy[i] == letters[0] else letters[0]
        new = result.strategy[:i] + flipped + result.strategy[i + 1:]
        candidate = Flip(matrix, abs(s), from_group, to_group, result.strategy, new)
        if best is None or candidate.shift < best.shift:
            best = candidate
    return best


def sensitivity_path(factors: pd.DataFrame, weights: Mapping | pd.Series, ratings: Mapping | pd.Series, matrix: str, steps: int = 41) -> pd.DataFrame:
    """The matrix total for shifts of weight across the whole feasible range (see
    `shift_weights`): columns matrix, shift, total, strategy (the position's strategy type)."""
    if steps < 2:
        raise SwotError("steps must be at least 2")
    _, _, _, w_fav, w_unfav = _shift_terms(factors, weights, ratings, matrix)
    rows = []
    base = evaluate(factors, weights, ratings)
    for k in range(steps):
        s = -w_unfav + (w_fav + w_unfav) * k / (steps - 1)
        shifted = shift_weights(factors, weights, matrix, s)
        total = matrix_total(factors, shifted, ratings, matrix)
        ife, efe = (total, base.efe_total) if matrix == "IFE" else (base.ife_total, total)
        rows.append({"matrix": matrix, "shift": s, "total": total, "strategy": quadrant(ife, efe)})
    return pd.DataFrame(rows)


def single_factor_thresholds(factors: pd.DataFrame, weights: Mapping | pd.Series, ratings: Mapping | pd.Series) -> pd.DataFrame:
    """For each factor: the weight it would need, with the other factors of its matrix
    rescaled in proportion to fill the rest, for the matrix total to reach 2.5.

    With A the weighted mean rating of the matrix's other factors, the total at weight x is
    x * rating + (1 - x) * A, so x* = (2.5 - A) / (rating - A). Columns: factor_id, matrix,
    group, weight, rating, weight_to_flip, change (= weight_to_flip - weight) and feasible
    (whether 0 <= x* <= 1); infeasible rows have NaN.
    """
    rows = []
    for matrix in MATRICES:
        table = factor_matrix(factors, weights, ratings, matrix)
        total = float(table["weighted_score"].sum())
        for _, row in table.iterrows():
            w, r = float(row["weight"]), float(row["rating"])
            x = math.nan
            if 1 - w > 1e-12:
                others = (total - w * r) / (1 - w)
                if abs(r - others) > 1e-12:
                    x = (MIDPOINT - others) / (r - others)
            feasible = not math.isnan(x) and -1e-12 <= x <= 1 + 1e-12
            rows.append({
                "factor_id": row["factor_id"], "matrix": matrix, "group": row["group"], "weight": w, "rating": int(r),
                "weight_to_flip": x if feasible else math.nan, "change": x - w if feasible else math.nan, "feasible": feasible,
            })
    return pd.DataFrame(rows)


def set_factor_weight(factors: pd.DataFrame, weights: Mapping | pd.Series, factor_id: str, value: float) -> dict[str, float]:
    """New weights with `factor_id` at `value` (a fraction in [0, 1]) and the other factors of
    its matrix rescaled in proportion to fill 1 - value (the convention of
    `single_factor_thresholds`); the other matrix's weights are unchanged."""
    table = factor_frame(factors)
    w = {k: float(v) for k, v in _as_dict("weight", weights, table).items()}
    if factor_id not in set(table["factor_id"]):
        raise SwotError(f"unknown factor {factor_id!r}; the factors are {list(table['factor_id'])}")
    x = float(value)
    if not 0 <= x <= 1:
        raise SwotError(f"the weight of {factor_id} must lie between 0 and 1 (a fraction, not a percentage); got {x:g}")
    matrix = MATRIX_OF_GROUP[table.set_index("factor_id").loc[factor_id, "group"]]
    others = [i for i in table.loc[table["group"].map(MATRIX_OF_GROUP) == matrix, "factor_id"] if i != factor_id]
    out = dict(w)
    out.update(_rescale({i: w[i] for i in others}, 1.0 - x))
    out[factor_id] = x
    return out


def subset_total(factors: pd.DataFrame, weights: Mapping | pd.Series, ratings: Mapping | pd.Series, factor_ids: Iterable[str], matrix: str) -> float:
    """The total of `matrix` over the chosen factors only, their weights renormalised to sum
    to 1 (ratings unchanged): what the matrix says if the other factors are dropped, e.g.
    when the analysis keeps one subject's factors (the platform's or the sellers')."""
    if matrix not in MATRICES:
        raise SwotError(f"unknown matrix {matrix!r}; the matrices are {list(MATRICES)}")
    table = factor_matrix(factors, weights, ratings, matrix)
    part = table[table["factor_id"].isin(list(factor_ids))]
    weight = float(part["weight"].sum())
    if part.empty or weight <= 0:
        raise SwotError(f"{matrix} matrix: none of {list(factor_ids)} is in it with a positive weight")
    return float((part["weight"] * part["rating"]).sum() / weight)
