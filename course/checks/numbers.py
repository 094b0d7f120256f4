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
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ['as_number', 'check_is_number', 'check_range', 'check_number', 'check_not_mistaken', 'own_answer', 'check_bool', 'check_frame', 'AxesSnapshot', 'plotted_values', 'check_plot', 'check_number_list', 'check_mapping', 'check_interval', 'check_number_map', 'check_number_any']


def _is_bool(value: Any) -> bool:
    """True for Python's and numpy's booleans (numpy's are not a subclass of bool)."""
    return isinstance(value, bool) or type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")


#: a number written as text: "0.25", "1,234.5", "25 %", "1e-3". No two quantifiers can match the
#: same characters (the text is stripped first, the fraction needs its point), so matching is
#: linear in the text's length: "1" * 80_000 + "x" is refused at once, not after minutes of
#: backtracking
_NUMBER_TEXT = re.compile(r"([-+]?(?:\d[\d,_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)[ \t]*(%?)")
#: text longer than this is not a number a student typed
_NUMBER_TEXT_MAX = 100


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
        text = value.replace("\u00a0", " ").strip()
        match = _NUMBER_TEXT.fullmatch(text) if len(text) <= _NUMBER_TEXT_MAX else None
        if not match:
            if len(value) > _NUMBER_TEXT_MAX:
                raise AssertionError(f"`{name}` is a text of {len(value):,} characters, which is not a number. Assign the number itself, e.g. 0.25 or 25.0.")
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


def check_not_mistaken(
    name: str,
    value: Any,
    mistakes: Iterable[tuple[float | tuple[float, float] | Callable[[float], bool], str]],
    *,
    rel_tol: float = 0.005,
    abs_tol: float = 0.0,
    percent_ok: bool = False,
    scales: Sequence[float] = (),
) -> None:
    """A visible-test check: a known mistake gets the hidden test's message, without the answer.

    Each mistake is `(what, message)`. `what` is either a number the mistake produces, computed
    from the student's own other answers or from inputs that are not the answer, or a window
    `(low, high)` that the mistake reaches and a correct answer (in any accepted form) does
    not, or a test `what(reading) -> bool` of a property of the answer that only the mistake
    has (e.g. that it compounds over the wrong number of years). Windows must be wide enough
    not to pin the answer down. Passing says nothing about
    correctness: the hidden tests decide.
    """
    x, pct = as_number(name, value)
    readings = _readings(x, pct, percent_ok, scales)
    for what, message in mistakes:
        if callable(what):
            hit = any(bool(what(r)) for r in readings)
        elif isinstance(what, tuple):
            low, high = what
            hit = any(low <= r <= high for r in readings)
        else:
            hit = any(_close(r, float(what), rel_tol, abs_tol) for r in readings)
        if hit:
            raise AssertionError(f"`{name}` = {value!r} is not right. {message}")


def own_answer(read: Callable[[], Any]) -> Any:
    """The student's answer to another question, for a visible test that compares with it,
    e.g. `own_answer(lambda: float(conv_kol_sa))`; None when it is unset or unreadable, so a
    question is never marked down for another one's missing answer."""
    try:
        value = read()
    except Exception:  # noqa: BLE001 - unset (NameError) or not a number: nothing to compare with
        return None
    return None if value is None or value is Ellipsis else value


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


class AxesSnapshot:
    """What the grader knows of a student's plot: the values drawn and the labels.

    The grading engine never receives a matplotlib object from a student's process; it
    receives these facts as plain data and rebuilds this stand-in, which the plot checks
    (`plotted_values`, `check_plot`) and tests (`ax.get_ylabel()`) accept like an Axes.
    """

    def __init__(self, values: Iterable[float], xlabel: str = "", ylabel: str = "", title: str = "", type_name: str = "Axes"):
        self.values = [float(v) for v in values]
        self._xlabel, self._ylabel, self._title, self.type_name = str(xlabel), str(ylabel), str(title), str(type_name)

    @classmethod
    def from_dict(cls, data: dict) -> "AxesSnapshot":
        values = data.get("values") if isinstance(data.get("values"), list) else []
        numbers = []
        for v in values:
            if type(v) in (int, float) and (type(v) is float or abs(v) < 2**1000):
                numbers.append(float(v))
        text = {k: data.get(k) if type(data.get(k)) is str else "" for k in ("xlabel", "ylabel", "title", "type")}
        return cls(numbers, text["xlabel"], text["ylabel"], text["title"], text["type"] or "Axes")

    def get_lines(self) -> list:
        return []

    def get_xlabel(self) -> str:
        return self._xlabel

    def get_ylabel(self) -> str:
        return self._ylabel

    def get_title(self) -> str:
        return self._title

    def __repr__(self) -> str:
        return f"<plot: {len(self.values)} values, y label {self._ylabel!r}>"


def plotted_values(ax: Any) -> list[float]:
    """Every y value drawn on a matplotlib Axes: line points, bar heights and scatter points."""
    if isinstance(ax, AxesSnapshot):
        return [v for v in ax.values if math.isfinite(v)]
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
    expected_values = list(expected_values)
    missing = [v for v in expected_values if not any(_close(d, v, rel_tol, 0.0) for d in drawn)]
    if missing:
        raise AssertionError(
            f"`{name}` does not draw every value it should: {len(missing)} value(s) are missing or in another unit. "
            "Plot the table you built, with the values converted to the unit the question asks for."
        )
    # a check of a collection bounds what else is there: a plot of hundreds of values (a grid
    # from 0.01 to 100) draws every expected value too, and must not pass for the answer
    extra = [d for d in drawn if not any(_close(d, v, rel_tol, 0.0) for v in expected_values)]
    allowed = max(3, len(expected_values))
    if len(extra) > allowed:
        raise AssertionError(
            f"`{name}` draws {len(extra)} values that are not the figures the question asks for (at most {allowed} others "
            "are accepted, e.g. a reference line). Plot only the table the question describes."
        )
    label = (ax.get_ylabel() or "").lower()
    if label_words and not any(w.lower() in label for w in label_words):
        raise AssertionError(f"`{name}`: the y axis label {ax.get_ylabel()!r} should name the unit ({' or '.join(label_words)}).")


def check_number_list(
    name: str,
    value: Any,
    expected: Sequence[float] | None = None,
    *,
    length: int | None = None,
    labels: Sequence[str] = (),
    abs_tol: float = 1e-3,
    mistakes: Iterable[tuple[Sequence[float], str]] = (),
    hint: str = "",
) -> list[float]:
    """Check a fixed-length list of numbers (e.g. model weights) element by element within
    `abs_tol`. Accepts a list, tuple, numpy array, Series, or a dict / Series keyed by
    `labels` (in any order). `mistakes` pairs the numbers a known mistake gives with its
    message. With `expected=None` it only checks the form: `length` finite numbers."""
    if expected is None and length is None:
        raise ValueError("give `expected` or `length`")
    size = len(expected) if expected is not None else int(length)
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign a list of {size} numbers to it.")
    if labels and isinstance(value, Mapping) or (labels and hasattr(value, "index") and hasattr(value, "to_dict") and not hasattr(value, "columns") and set(map(str, value.index)) == set(labels)):
        mapping = dict(value) if isinstance(value, Mapping) else value.to_dict()
        mapping = {str(k): v for k, v in mapping.items()}
        absent = [label for label in labels if label not in mapping]
        if absent:
            raise AssertionError(f"`{name}` lacks {absent}; give one number for each of {list(labels)}.")
        items = [mapping[label] for label in labels]
    else:
        items = _flatten(value) if not isinstance(value, (str, bytes)) else [value]
    if len(items) != size:
        order = f" in the order {list(labels)}" if labels else ""
        raise AssertionError(f"`{name}` holds {len(items)} number(s); it should hold {size}{order}.")
    got = [as_number(f"{name}[{i}]", v)[0] for i, v in enumerate(items)]
    if expected is None:
        return got

    def matches(target: Sequence[float]) -> bool:
        return all(abs(g - float(t)) <= abs_tol for g, t in zip(got, target))

    if matches(expected):
        return got
    shown = "[" + ", ".join(f"{g:.4g}" for g in got) + "]"
    for wrong, message in mistakes:
        if matches(wrong):
            raise AssertionError(f"`{name}` = {shown} is not right. {message}")
    raise AssertionError(f"`{name}` = {shown} is not right (each number must be within {abs_tol:g}). {hint}".rstrip())


def _keyed(name: str, value: Any) -> dict[str, Any]:
    """A keyed answer as {key: value}: a dict, a pandas Series (its index) or a one-column
    DataFrame (its index)."""
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign a dict to it, e.g. {{'S1': 0.1, ...}}.")
    if hasattr(value, "columns") and hasattr(value, "iloc"):
        if len(value.columns) != 1:
            raise AssertionError(
                f"`{name}` is a table with {len(value.columns)} columns; give a dict {{key: value}} or a pandas Series indexed by the keys."
            )
        value = value.iloc[:, 0]
    if hasattr(value, "to_dict") and hasattr(value, "index"):
        value = value.to_dict()
    if not isinstance(value, Mapping):
        raise AssertionError(f"`{name}` is a {type(value).__name__}; give a dict {{key: value}} or a pandas Series indexed by the keys.")
    return {str(k).strip(): v for k, v in value.items()}


def check_mapping(
    name: str,
    value: Any,
    expected: Mapping[str, Any],
    *,
    rel_tol: float = 0.005,
    abs_tol: float = 0.0,
    percent_ok: bool = False,
    normalise: Any = None,
    mistakes: Iterable[tuple[Mapping[str, Any], str]] = (),
    hint: str = "",
) -> None:
    """Check an answer keyed by name (a dict, a Series indexed by the keys, or a one-column
    DataFrame): the same keys as `expected` (keys compared as stripped text, in any order),
    numbers within tolerance (as fractions or percentages if `percent_ok`) and text equal
    after `normalise` (default: stripped, case-insensitive; a `normalise` that raises marks the
    value as unreadable).

    `mistakes` pairs a whole wrong answer (a mapping like `expected`) with its message.
    """
    got = _keyed(name, value)
    want = {str(k): v for k, v in expected.items()}
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"it lacks {missing}")
        if extra:
            parts.append(f"it has keys that do not belong: {extra}")
        raise AssertionError(f"`{name}` should have exactly the keys {list(want)}; {' and '.join(parts)}. {hint}".rstrip())
    norm = normalise or (lambda text: str(text).strip().lower())

    def same(key: str, g: Any, w: Any) -> bool:
        if isinstance(w, str):
            if not isinstance(g, str):
                return False
            try:
                return norm(g) == norm(w)
            except Exception:
                return False
        try:
            x, pct = as_number(f"{name}[{key!r}]", g)
        except AssertionError:
            return False
        return any(_close(r, float(w), rel_tol, abs_tol) for r in _readings(x, pct, percent_ok, ()))

    for key in want:  # a value that is not even readable gets its own message
        w, g = want[key], got[key]
        if not isinstance(w, str):
            as_number(f"{name}[{key!r}]", g)
        elif not isinstance(g, str):
            raise AssertionError(f"`{name}[{key!r}]` is {g!r}; it should be text such as {w!r}.")
    wrong = [k for k in want if not same(k, got[k], want[k])]
    if not wrong:
        return
    for pattern, message in mistakes:
        pat = {str(k): v for k, v in pattern.items()}
        if set(pat) == set(want) and all(same(k, got[k], pat[k]) for k in want):
            raise AssertionError(f"`{name}` is not right. {message}")
    raise AssertionError(f"`{name}` is not right for {wrong}. {hint}".rstrip())


def _interval_pair(name: str, value: Any) -> tuple[tuple[float, float], tuple[bool, bool]]:
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign the interval as a pair (low, high).")
    if isinstance(value, Mapping):
        keys = {str(k).strip().lower(): v for k, v in value.items()}
        for lo, hi in (("low", "high"), ("lower", "upper"), ("lo", "hi"), ("ci_low", "ci_high")):
            if lo in keys and hi in keys:
                value = [keys[lo], keys[hi]]
                break
        else:
            value = list(value.values())
    elif hasattr(value, "left") and hasattr(value, "right") and not hasattr(value, "shape"):  # pandas.Interval
        value = [value.left, value.right]
    if isinstance(value, (str, bytes)) or not (hasattr(value, "__len__") or hasattr(value, "shape")):
        raise AssertionError(f"`{name}` is {value!r}; give the interval as a pair of numbers (low, high), e.g. (0.01, 0.05).")
    items = _flatten(value)
    if len(items) != 2:
        raise AssertionError(f"`{name}` holds {len(items)} values; an interval is two numbers, (low, high).")
    (a, pa), (b, pb) = as_number(f"{name}[0]", items[0]), as_number(f"{name}[1]", items[1])
    return (a, b), (pa, pb)


def check_interval(
    name: str,
    value: Any,
    expected: tuple[float, float] | None = None,
    *,
    rel_tol: float = 0.005,
    abs_tol: float = 0.0,
    percent_ok: bool = False,
    also_correct: Iterable[tuple[float, float]] = (),
    mistakes: Iterable[tuple[tuple[float, float], str]] = (),
    hint: str = "",
) -> tuple[float, float]:
    """Check an interval (a confidence interval) given as a pair (low, high): a tuple, list,
    array, Series, a dict with keys low/high (or lower/upper), or a pandas Interval; the two
    ends in either order. Both ends are read as fractions or both as percentages where
    `percent_ok`. `also_correct` lists other intervals that a correct method also gives (e.g.
    another standard error). With `expected=None` it only checks the form. Returns (low, high)
    as given, sorted."""
    (a, b), (pa, pb) = _interval_pair(name, value)
    low, high = sorted((a, b))
    if expected is None:
        return low, high
    scales = [0.01] if (pa or pb) else ([1.0, 0.01] if percent_ok else [1.0])

    def matches(target: tuple[float, float]) -> bool:
        t_low, t_high = sorted(float(t) for t in target)
        return any(_close(low * s, t_low, rel_tol, abs_tol) and _close(high * s, t_high, rel_tol, abs_tol) for s in scales)

    if matches(expected) or any(matches(t) for t in also_correct):
        return low, high
    for wrong, message in mistakes:
        if matches(wrong):
            raise AssertionError(f"`{name}` = ({low:.6g}, {high:.6g}) is not right. {message}")
    raise AssertionError(f"`{name}` = ({low:.6g}, {high:.6g}) is not right. {hint}".rstrip())


def _map_key(text: Any) -> str:
    return re.sub(r"[\s_\-]+", "_", str(text).strip().lower())


def _as_number_map(name: str, value: Any) -> dict[str, Any]:
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign a dict of numbers to it, e.g. {{'a': 1.0, 'b': 2.0}}.")
    if hasattr(value, "columns") and hasattr(value, "iloc"):  # a DataFrame
        frame = value
        if len(frame.columns) == 2 and len(frame) > 1:
            from pandas.api.types import is_numeric_dtype

            first, second = frame.columns
            keys_col, vals_col = (second, first) if is_numeric_dtype(frame[first]) and not is_numeric_dtype(frame[second]) else (first, second)
            return {str(k): v for k, v in zip(frame[keys_col], frame[vals_col])}
        if len(frame) == 1:
            return {str(k): v for k, v in frame.iloc[0].items()}
        raise AssertionError(f"`{name}` is a table of {frame.shape[0]} rows and {frame.shape[1]} columns; give a dict (or a Series) of one number per name.")
    if hasattr(value, "to_dict") and hasattr(value, "index"):  # a Series
        return {str(k): v for k, v in value.to_dict().items()}
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    raise AssertionError(f"`{name}` is a {type(value).__name__}; give a dict of one number per name, e.g. {{'a': 1.0, 'b': 2.0}}.")


def check_number_map(
    name: str,
    value: Any,
    expected: Mapping[str, float] | Sequence[str],
    *,
    rel_tol: float = 0.005,
    abs_tol: float = 0.0,
    percent_ok: bool = False,
    mistakes: Iterable[tuple[Mapping[str, float], str]] = (),
    hint: str = "",
) -> dict[str, float]:
    """Check one number per name: a dict, a Series indexed by the names, a one-row DataFrame
    with the names as columns, or a two-column DataFrame of names and numbers. Names match
    ignoring case, spaces, hyphens and underscores; extra names are allowed. Pass a list of
    names as `expected` to check only the form. Returns {name: number} for the expected names.
    """
    given = {_map_key(k): v for k, v in _as_number_map(name, value).items()}
    names = list(expected) if not isinstance(expected, Mapping) else list(expected.keys())
    absent = [n for n in names if _map_key(n) not in given]
    if absent:
        raise AssertionError(f"`{name}` has no value for {absent}; it should have one number for each of {names} (it has {sorted(given)}).")
    got = {n: as_number(f"{name}[{n!r}]", given[_map_key(n)]) for n in names}
    if not isinstance(expected, Mapping):
        return {n: x for n, (x, _) in got.items()}

    def matches(target: Mapping[str, float]) -> bool:
        return all(
            any(_close(r, float(target[n]), rel_tol, abs_tol) for r in _readings(x, pct, percent_ok, ()))
            for n, (x, pct) in got.items() if n in target
        )

    if matches(expected):
        return {n: x for n, (x, _) in got.items()}
    shown = "{" + ", ".join(f"{n!r}: {x:.6g}" for n, (x, _) in got.items()) + "}"
    for wrong, message in mistakes:
        if matches(wrong):
            raise AssertionError(f"`{name}` = {shown} is not right. {message}")
    wrong_names = [n for n, (x, pct) in got.items() if not any(_close(r, float(expected[n]), rel_tol, abs_tol) for r in _readings(x, pct, percent_ok, ()))]
    raise AssertionError(f"`{name}` = {shown} is not right: check {wrong_names}. {hint}".rstrip())


def check_number_any(
    name: str,
    value: Any,
    accepted: Sequence[float],
    *,
    rel_tol: float = 0.005,
    abs_tol: float = 0.0,
    percent_ok: bool = False,
    mistakes: Iterable[tuple[float, str]] = (),
    hint: str = "",
) -> float:
    """Like `check_number`, for a question with more than one correct answer: the answer
    passes when it matches any value in `accepted` (e.g. a test statistic with the pooled or
    the unpooled standard error). Returns the answer as a float."""
    x, pct = as_number(name, value)
    readings = _readings(x, pct, percent_ok, ())
    if any(_close(r, float(e), rel_tol, abs_tol) for r in readings for e in accepted):
        return x
    for wrong, message in mistakes:
        if any(_close(r, wrong, rel_tol, abs_tol) for r in readings):
            raise AssertionError(f"`{name}` = {value!r} is not right. {message}")
    raise AssertionError(f"`{name}` = {value!r} is not right. {hint}".rstrip())
