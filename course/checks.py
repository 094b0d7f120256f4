"""Answer checks for the assignments' autograder tests.

Each check raises `AssertionError` with a message that tells the student what was expected
and why, never only "assertion failed". The checks accept every correct form of an answer:

- any real number type (int, float, numpy scalars, Decimal, Fraction), a one-element
  array, list or Series, or a string such as "35.6%" or "1,234.5";
- a rate either as a fraction (0.356) or as a percentage (35.6) where `percent_ok` is set;
- other units where `scales` lists them (a population in billions or in persons);
- reasonable rounding: within `rel_tol` (0.5 % of the answer) or `abs_tol`, whichever is
  larger, so a rate rounded to one decimal place of a percent always passes.
"""
from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ["as_number", "check_number", "check_is_number", "check_bool", "check_range", "check_frame", "plotted_values", "check_plot"]

def _is_bool(value: Any) -> bool:
    """True for Python's and numpy's booleans (numpy's are not a subclass of bool)."""
    return isinstance(value, bool) or type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")


_NUMBER_TEXT = re.compile(r"^\s*([-+]?\d[\d,_]*\.?\d*(?:[eE][-+]?\d+)?|[-+]?\.\d+(?:[eE][-+]?\d+)?)\s*(%?)\s*$")


def _unset(name: str) -> AssertionError:
    return AssertionError(f"`{name}` has no answer yet: assign a number to it in the answer cell above.")


def as_number(name: str, value: Any) -> tuple[float, bool]:
    """`value` as a float, and whether it was written with a % sign.

    Raises AssertionError (a message for the student) when it is not a single number.
    """
    if value is None or value is Ellipsis or value is NotImplemented:
        raise _unset(name)
    if _is_bool(value):
        raise AssertionError(f"`{name}` is {value!r}, a True/False value; this question needs a number.")
    if isinstance(value, str):
        match = _NUMBER_TEXT.match(value.replace("\u00a0", " "))
        if not match:
            raise AssertionError(f"`{name}` is the text {value!r}, which is not a number. Assign the number itself, e.g. 0.25 or 25.0.")
        return float(match.group(1).replace(",", "").replace("_", "")), match.group(2) == "%"
    if isinstance(value, (numbers.Real, Decimal, Fraction)):
        x = float(value)
    elif (hasattr(value, "__len__") and hasattr(value, "__getitem__")) or hasattr(value, "shape"):
        items = _flatten(value)
        if len(items) != 1:
            raise AssertionError(
                f"`{name}` holds {len(items)} values; this question needs one number. "
                "If you selected a row with a filter, take its single value, e.g. with `.item()` or `.iloc[0]`."
            )
        return as_number(name, items[0])
    else:
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise AssertionError(f"`{name}` is a {type(value).__name__}, not a number.") from None
    if math.isnan(x):
        raise AssertionError(f"`{name}` is NaN (not a number): a calculation on a missing value? Check the inputs you used.")
    if math.isinf(x):
        raise AssertionError(f"`{name}` is infinite: did you divide by zero?")
    return x, False


def _flatten(value: Any) -> list:
    if hasattr(value, "to_numpy"):
        value = value.to_numpy()
    if hasattr(value, "ravel") and hasattr(value, "tolist"):
        return list(value.ravel().tolist())
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, Iterable):
        out: list = []
        for v in value:
            out.extend(_flatten(v) if not isinstance(v, (str, bytes)) and isinstance(v, Iterable) else [v])
        return out
    return [value]


def _close(x: float, expected: float, rel_tol: float, abs_tol: float) -> bool:
    return abs(x - expected) <= max(rel_tol * abs(expected), abs_tol)


def _readings(x: float, had_percent_sign: bool, percent_ok: bool, scales: Sequence[float]) -> list[float]:
    """The values `x` may stand for, in the unit of the expected answer."""
    if had_percent_sign:
        bases = [x / 100]
    elif percent_ok:
        bases = [x, x / 100]
    else:
        bases = [x]
    return [b / s for b in bases for s in (1.0, *scales)]


def check_is_number(name: str, value: Any) -> float:
    """A visible-test check: the answer is set and is one finite number."""
    return as_number(name, value)[0]


def check_range(name: str, value: Any, low: float, high: float, why: str, *, percent_ok: bool = False) -> None:
    """A visible-test sanity check: the answer lies in [low, high] (as a fraction if `percent_ok`)."""
    x, pct = as_number(name, value)
    readings = _readings(x, pct, percent_ok, ())
    if not any(low <= r <= high for r in readings):
        raise AssertionError(f"`{name}` = {value!r} looks implausible: {why}")


def check_number(
    name: str,
    value: Any,
    expected: float,
    *,
    rel_tol: float = 0.005,
    abs_tol: float = 0.0,
    percent_ok: bool = False,
    scales: Sequence[float] = (),
    mistakes: Iterable[tuple[float, str]] = (),
    hint: str = "",
) -> None:
    """Check a numeric answer against `expected`.

    `mistakes` pairs the value a known mistake produces with a message that explains it; a
    wrong answer that matches one gets that message instead of the generic one.
    """
    x, pct = as_number(name, value)
    readings = _readings(x, pct, percent_ok, scales)
    if any(_close(r, expected, rel_tol, abs_tol) for r in readings):
        return
    for wrong, message in mistakes:
        if any(_close(r, wrong, rel_tol, abs_tol) for r in readings):
            raise AssertionError(f"`{name}` = {value!r} is not right. {message}")
    raise AssertionError(f"`{name}` = {value!r} is not right. {hint}".rstrip())


_TRUE = {"true", "yes", "y", "consistent"}
_FALSE = {"false", "no", "n", "inconsistent", "not consistent"}


def check_bool(name: str, value: Any, expected: bool | None = None, *, hint: str = "") -> bool:
    """Check a True/False answer (also accepting numpy booleans and "yes"/"no").

    With `expected=None` it only checks that an answer is given (a visible test).
    """
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign True or False to it.")
    if _is_bool(value):
        answer = bool(value)
    elif isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        answer = value.strip().lower() in _TRUE
    elif isinstance(value, numbers.Integral) and int(value) in (0, 1):
        answer = bool(value)
    else:
        raise AssertionError(f"`{name}` is {value!r}; assign True or False.")
    if expected is not None and answer != expected:
        raise AssertionError(f"`{name}` = {answer} is not right. {hint}".rstrip())
    return answer


def check_frame(
    name: str,
    frame: Any,
    expected: Mapping[str, Sequence],
    *,
    key: str,
    rel_tol: float = 0.005,
    abs_tol: float = 0.0,
    hint: str = "",
) -> None:
    """Check a table: the `expected` columns (any order, extra columns allowed), rows matched
    on `key` in any order, numbers within tolerance."""
    import pandas as pd  # imported here so the number checks need no pandas
    if frame is None:
        raise AssertionError(f"`{name}` has no answer yet: build the table in the answer cell above.")
    if not isinstance(frame, pd.DataFrame):
        try:
            frame = pd.DataFrame(frame)
        except Exception:
            raise AssertionError(f"`{name}` is a {type(frame).__name__}; it should be a pandas DataFrame.") from None
    if key not in frame.columns and frame.index.name == key:
        frame = frame.reset_index()
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise AssertionError(f"`{name}` lacks the column(s) {missing}; it has {list(frame.columns)}. {hint}".rstrip())
    want = pd.DataFrame(expected)
    if len(frame) != len(want):
        raise AssertionError(f"`{name}` has {len(frame)} rows; it should have {len(want)}, one per {key}. {hint}".rstrip())
    got = frame.set_index(frame[key].astype(str))
    for _, row in want.iterrows():
        k = str(row[key])
        if k not in got.index:
            raise AssertionError(f"`{name}` has no row for {key} = {k}. {hint}".rstrip())
        for column in want.columns:
            if column == key:
                continue
            g, w = got.loc[k, column], row[column]
            if isinstance(g, pd.Series):
                raise AssertionError(f"`{name}` has more than one row for {key} = {k}.")
            if isinstance(w, (int, float)) and not isinstance(w, bool):
                gx, _ = as_number(f"{name}[{column}] for {key} = {k}", g)
                if not _close(gx, float(w), rel_tol, abs_tol):
                    raise AssertionError(f"`{name}`: {column} for {key} = {k} is {g!r}, which is not right. {hint}".rstrip())
            elif str(g) != str(w):
                raise AssertionError(f"`{name}`: {column} for {key} = {k} is {g!r}, expected {w!r}. {hint}".rstrip())


def plotted_values(ax: Any) -> list[float]:
    """Every y value drawn on a matplotlib Axes: line points, bar heights and scatter points."""
    values: list[float] = []
    for line in ax.get_lines():
        values.extend(float(v) for v in line.get_ydata() if v is not None)
    for patch in ax.patches:
        if hasattr(patch, "get_height"):
            values.append(float(patch.get_y() + patch.get_height()))
    for collection in ax.collections:
        offsets = collection.get_offsets()
        if len(offsets):
            values.extend(float(y) for _, y in offsets)
    return [v for v in values if math.isfinite(v)]


def check_plot(name: str, ax: Any, expected_values: Iterable[float], *, rel_tol: float = 0.01, label_words: Sequence[str] = ()) -> None:
    """Check that a plot draws every value in `expected_values` and that its y axis label
    mentions one of `label_words` (case-insensitive), e.g. ["trillion", "万亿"]."""
    if ax is None:
        raise AssertionError(f"`{name}` has no answer yet: assign the Axes your plot returns, e.g. `{name} = sns.lineplot(...)`.")
    if hasattr(ax, "ax") and not hasattr(ax, "get_lines"):  # a seaborn FacetGrid
        ax = ax.ax
    if hasattr(ax, "axes") and not hasattr(ax, "get_lines") and getattr(ax, "axes", None):  # a Figure
        ax = ax.axes[0]
    if not hasattr(ax, "get_lines"):
        raise AssertionError(f"`{name}` is a {type(ax).__name__}; assign the matplotlib Axes that seaborn returns.")
    drawn = plotted_values(ax)
    if not drawn:
        raise AssertionError(f"`{name}` draws no data: did the plot call get the table?")
    missing = [v for v in expected_values if not any(_close(d, v, rel_tol, 0.0) for d in drawn)]
    if missing:
        raise AssertionError(
            f"`{name}` does not draw every value it should: {len(missing)} value(s) are missing or in another unit. "
            "Plot the table you built, with the values converted to the unit the question asks for."
        )
    label = (ax.get_ylabel() or "").lower()
    if label_words and not any(w.lower() in label for w in label_words):
        raise AssertionError(f"`{name}`: the y axis label {ax.get_ylabel()!r} should name the unit ({' or '.join(label_words)}).")
