"""Checks of answers that are clock times ("20:00", datetime.time, hours) or dates."""
from __future__ import annotations

import numbers
import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from course.checks.numbers import _flatten, _is_bool, as_number

__all__ = ['as_clock_minutes', 'check_clock_time', 'check_date']


_CLOCK_TEXT = re.compile(r"^\s*(\d{1,2})(?:[:h.](\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


def as_clock_minutes(name: str, value: Any) -> float:
    """A time of day as minutes after midnight, in [0, 1440).

    Accepts "HH:MM" (also "H:MM", "HH:MM:SS", "7pm", "7:30 pm", "19h30"), `datetime.time`,
    `datetime.datetime` or pandas Timestamp (their time of day), `datetime.timedelta` or
    pandas Timedelta since midnight, and a number of hours (7, 7.5 for 07:30; taken modulo 24,
    so 31 for 07:00 the next day is read as 07:00), or a one-element list or Series of these.
    """
    import datetime as _dt

    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign a time of day to it, e.g. '07:00'.")
    if _is_bool(value):
        raise AssertionError(f"`{name}` is {value!r}, a True/False value; this question needs a time of day such as '07:00'.")
    if isinstance(value, _dt.datetime) or (hasattr(value, "hour") and hasattr(value, "minute") and hasattr(value, "date")):
        return (value.hour * 60 + value.minute + value.second / 60) % 1440
    if isinstance(value, _dt.time):
        return value.hour * 60 + value.minute + value.second / 60
    if isinstance(value, _dt.timedelta) or (hasattr(value, "total_seconds") and not isinstance(value, numbers.Real)):
        return (value.total_seconds() / 60) % 1440
    if isinstance(value, str):
        text = value.replace("\u00a0", " ").strip()
        match = _CLOCK_TEXT.match(text) if len(text) <= 40 else None  # stripped and short: linear, never backtracking
        if not match and ":" in value:  # a date and time such as '2025-10-25 02:00' or ISO 8601
            import pandas as pd

            try:
                stamp = pd.Timestamp(value.strip())
            except (ValueError, TypeError):
                stamp = None
            if stamp is not None and stamp is not pd.NaT:
                return (stamp.hour * 60 + stamp.minute + stamp.second / 60) % 1440
        if not match:
            raise AssertionError(f"`{name}` is the text {value!r}, which is not a time of day; write it as 'HH:MM', e.g. '07:00'.")
        h, m, s = (int(g) if g else 0 for g in match.groups()[:3])
        suffix = (match.group(4) or "").lower().replace(".", "")
        if suffix:
            if not 1 <= h <= 12:
                raise AssertionError(f"`{name}` = {value!r}: with am/pm the hour runs from 1 to 12.")
            h = h % 12 + (12 if suffix == "pm" else 0)
        if h > 24 or m >= 60 or s >= 60:
            raise AssertionError(f"`{name}` = {value!r} is not a valid time of day.")
        return (h * 60 + m + s / 60) % 1440
    if isinstance(value, (numbers.Real, Decimal, Fraction)) or (hasattr(value, "__len__") or hasattr(value, "shape")):
        if not isinstance(value, (numbers.Real, Decimal, Fraction)):
            items = _flatten(value)
            if len(items) != 1:
                raise AssertionError(f"`{name}` holds {len(items)} values; this question needs one time of day.")
            return as_clock_minutes(name, items[0])
        hours, _ = as_number(name, value)
        return (hours * 60) % 1440
    raise AssertionError(f"`{name}` is a {type(value).__name__}; give a time of day as 'HH:MM' text, a datetime.time or a number of hours.")


def _clock_text(minutes: float) -> str:
    m = int(round(minutes)) % 1440
    return f"{m // 60:02d}:{m % 60:02d}"


def _clock_distance(a: float, b: float) -> float:
    d = abs(a - b) % 1440
    return min(d, 1440 - d)


def check_clock_time(
    name: str,
    value: Any,
    expected: Any = None,
    *,
    tol_minutes: float = 1,
    mistakes: Iterable[tuple[Any, str]] = (),
    hint: str = "",
) -> float:
    """Check a time of day (see `as_clock_minutes` for the forms accepted) against `expected`
    (any of the same forms), within `tol_minutes`. With `expected=None` it only checks the form.
    Returns the answer in minutes after midnight."""
    got = as_clock_minutes(name, value)
    if expected is None:
        return got
    if _clock_distance(got, as_clock_minutes("expected", expected)) <= tol_minutes:
        return got
    for wrong, message in mistakes:
        if _clock_distance(got, as_clock_minutes("mistake", wrong)) <= tol_minutes:
            raise AssertionError(f"`{name}` = {value!r} (read as {_clock_text(got)}) is not right. {message}")
    raise AssertionError(f"`{name}` = {value!r} (read as {_clock_text(got)}) is not right. {hint}".rstrip())


def check_date(name: str, value: Any, expected: Any = None, *, mistakes: Iterable[tuple[Any, str]] = (), hint: str = "") -> str:
    """Check a calendar date given as 'YYYY-MM-DD' text (or another form pandas reads, e.g.
    '2025/10/28'), a `datetime.date`, a `datetime` or a pandas Timestamp (its date). With
    `expected=None` it only checks the form. Returns the date as 'YYYY-MM-DD'."""
    import pandas as pd

    def read(label: str, v: Any) -> str:
        if v is None or v is Ellipsis:
            raise AssertionError(f"`{label}` has no answer yet: assign a date to it, e.g. '2025-10-28'.")
        if _is_bool(v) or isinstance(v, numbers.Real):
            raise AssertionError(f"`{label}` is {v!r}; give a date such as '2025-10-28'.")
        try:
            return pd.Timestamp(v).date().isoformat()
        except (ValueError, TypeError):
            raise AssertionError(f"`{label}` = {v!r} is not a date; write it as 'YYYY-MM-DD', e.g. '2025-10-28'.") from None

    got = read(name, value)
    if expected is None or got == read("expected", expected):
        return got
    for wrong, message in mistakes:
        if got == read("mistake", wrong):
            raise AssertionError(f"`{name}` = {value!r} ({got}) is not right. {message}")
    raise AssertionError(f"`{name}` = {value!r} ({got}) is not right. {hint}".rstrip())
