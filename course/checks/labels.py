"""Checks of answers that are names or labels: a set of column names, a hex digest, one label
of a few, an option named in a short text, and "missing" (None, NaN or the word)."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from course.checks.numbers import _close, _is_bool, as_number, check_bool

__all__ = ['check_string_set', 'check_hex_digest', 'check_choice', 'is_missing', 'check_missing', 'check_option']


def _string_items(name: str, value: Any) -> set[str]:
    """The strings in a set-like answer: a set, list, tuple, pandas Index or Series, numpy
    array, dict (its keys) or DataFrame (its columns); a single string is one item."""
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign a set or list of names to it, e.g. {{'a', 'b'}}.")
    if hasattr(value, "columns") and hasattr(value, "iloc"):  # a DataFrame: its columns
        value = list(value.columns)
    elif isinstance(value, Mapping):
        value = list(value.keys())
    elif isinstance(value, str):
        value = [value]
    elif hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, Iterable):
        raise AssertionError(f"`{name}` is a {type(value).__name__}; assign a set or list of names, e.g. {{'a', 'b'}}.")
    items = list(value)
    bad = [v for v in items if not isinstance(v, str)]
    if bad:
        raise AssertionError(f"`{name}` holds {bad[0]!r}, which is not a name (text); give the names as strings, e.g. 'country'.")
    return {v.strip() for v in items}


def check_string_set(
    name: str,
    value: Any,
    expected: Iterable[str] | None = None,
    *,
    mistakes: Iterable[tuple[Iterable[str], str]] = (),
    extra_messages: Mapping[str, str] | None = None,
    hint: str = "",
) -> set[str]:
    """Check a set of names (e.g. column names), in any order and any container (set, list,
    tuple, Index, Series, array, dict keys or a DataFrame's columns); duplicates and
    surrounding spaces are ignored. With `expected=None` it only checks the form.

    `mistakes` pairs a wrong set with its message (an exact match); `extra_messages` gives a
    message for a name that should not be there. Otherwise the message says how many names
    are missing and which ones are extra.
    """
    got = _string_items(name, value)
    if expected is None:
        return got
    want = {str(e) for e in expected}
    if got == want:
        return got
    for wrong, message in mistakes:
        if got == {str(w) for w in wrong}:
            raise AssertionError(f"`{name}` = {sorted(got)} is not right. {message}")
    extra = sorted(got - want)
    missing = want - got
    parts = []
    for item in extra:
        if extra_messages and item in extra_messages:
            parts.append(extra_messages[item])
    if extra:
        parts.append(f"Not needed: {extra}.")
    if missing:
        parts.append(f"{len(missing)} needed name(s) are missing.")
    raise AssertionError(f"`{name}` = {sorted(got)} is not right. {' '.join(parts)} {hint}".rstrip())


_HEX = re.compile(r"^[0-9a-fA-F]+$")


def check_hex_digest(
    name: str,
    value: Any,
    expected: str | None = None,
    *,
    length: int = 64,
    mistakes: Iterable[tuple[str, str]] = (),
    hint: str = "",
) -> str:
    """Check a hash or HMAC written as hex digits (upper or lower case, surrounding spaces
    ignored, bytes accepted). With `expected=None` it only checks the form: `length` hex
    digits (64 for SHA-256)."""
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign the hex digest (a string of {length} hex digits) to it.")
    if isinstance(value, (bytes, bytearray)):
        if len(value) == length // 2:
            raise AssertionError(f"`{name}` holds raw bytes ({len(value)} bytes, from `.digest()`); give the hex text with `.hexdigest()`.")
        value = bytes(value).decode("ascii", errors="replace")
    if not isinstance(value, str):
        raise AssertionError(f"`{name}` is a {type(value).__name__}; assign the digest as a string of hex digits (use `.hexdigest()`).")
    text = value.strip()
    if not _HEX.match(text or "-"):
        raise AssertionError(f"`{name}` = {value!r} is not a string of hex digits (0-9, a-f); use `.hexdigest()`.")
    if len(text) != length:
        raise AssertionError(f"`{name}` has {len(text)} hex digits; a SHA-256 digest has {length}.")
    got = text.lower()
    if expected is None or got == expected.strip().lower():
        return got
    for wrong, message in mistakes:
        if got == wrong.strip().lower():
            raise AssertionError(f"`{name}` is not right. {message}")
    raise AssertionError(f"`{name}` is not right. {hint}".rstrip())


def check_choice(
    name: str,
    value: Any,
    expected: str | None = None,
    *,
    choices: Sequence[str],
    normalise: Any = None,
    mistakes: Mapping[str, str] | None = None,
    hint: str = "",
) -> str:
    """Check an answer that is one label out of a few (e.g. "SO", "ST", "WO", "WT").

    `normalise` turns the answer into its canonical label (default: stripped, upper case) and
    may raise to reject it; the label must be one of `choices`. `mistakes` maps a wrong label
    to its message. With `expected=None` it only checks the form. Returns the canonical label.
    """
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign one of {list(choices)} (as text) to it.")
    if not isinstance(value, str):
        raise AssertionError(f"`{name}` is {value!r}, a {type(value).__name__}; assign one of {list(choices)} as text, e.g. {choices[0]!r}.")
    norm = normalise or (lambda text: text.strip().upper())
    try:
        label = norm(value)
    except Exception:
        label = None
    if label not in choices:
        raise AssertionError(f"`{name}` = {value!r} is not one of {list(choices)}.")
    if expected is None or label == norm(expected):
        return label
    if mistakes and label in mistakes:
        raise AssertionError(f"`{name}` = {value!r} is not right. {mistakes[label]}")
    raise AssertionError(f"`{name}` = {value!r} is not right. {hint}".rstrip())


_MISSING_WORDS = {"", "nan", "na", "n/a", "none", "null", "missing", "not available", "unknown", "undefined", "no score"}


def is_missing(value: Any) -> bool:
    """True for None, NaN (float or numpy), pandas NA and words such as "n/a" or "unknown"."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().casefold() in _MISSING_WORDS
    if _is_bool(value):
        return False
    try:
        import pandas as pd
        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def check_missing(
    name: str,
    value: Any,
    *,
    mistakes: Iterable[tuple[Any, str]] = (),
    hint: str = "",
) -> None:
    """Check that an answer is deliberately missing: None, NaN, pandas NA or a word such as
    "n/a" or "unknown". `mistakes` pairs a wrong answer (a number, matched within 0.5%, or
    True/False) with its message."""
    if value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign it (None if there is no value to give).")
    if is_missing(value):
        return
    for wrong, message in mistakes:
        if _is_bool(wrong):
            try:
                answer = check_bool(name, value)
            except AssertionError:
                continue
            if answer == bool(wrong):
                raise AssertionError(f"`{name}` = {value!r} is not right. {message}")
        else:
            try:
                x, _ = as_number(name, value)
            except AssertionError:
                continue
            if _close(x, float(wrong), 0.005, 0.0):
                raise AssertionError(f"`{name}` = {value!r} is not right. {message}")
    raise AssertionError(f"`{name}` = {value!r} is not right: there is no value to give here; assign None. {hint}".rstrip())


def check_option(
    name: str,
    value: Any,
    expected: str | None,
    options: Mapping[str, Sequence[str]],
    *,
    messages: Mapping[str, str] | None = None,
    hint: str = "",
) -> str:
    """Check a short text answer that names one of `options` (option -> words that name it, e.g.
    {"aov": ["aov", "average order value"]}); case, spaces, hyphens and underscores are
    ignored and the first option whose word occurs in the answer wins. With `expected=None`
    it only checks that the answer names one option. `messages` gives the message for each
    wrong option. Returns the option."""
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign one of {list(options)} as a string.")
    if not isinstance(value, str):
        raise AssertionError(f"`{name}` is a {type(value).__name__}; assign one of {list(options)} as a string, e.g. {next(iter(options))!r}.")
    text = " " + re.sub(r"[\s_\-]+", " ", value.strip().lower()) + " "
    chosen = None
    for option, words in options.items():
        if any(re.sub(r"[\s_\-]+", " ", w.lower()) in text for w in (option, *words)):
            chosen = option
            break
    if chosen is None:
        raise AssertionError(f"`{name}` = {value!r} names none of the options {list(options)}.")
    if expected is None or chosen == expected:
        return chosen
    message = (messages or {}).get(chosen, hint)
    raise AssertionError(f"`{name}` = {value!r} is not right. {message}".rstrip())
