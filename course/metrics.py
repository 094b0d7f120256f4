"""Growth rates, compound annual growth, shares and implied totals.

Pure functions over plain numbers; rates are returned as fractions (0.156 means 15.6 %).
Every function rejects inputs for which the formula has no meaning, with a message that
says why.
"""
from __future__ import annotations

import math


def _number(name: str, value: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, not {x}")
    return x


def growth_rate(start: float, end: float) -> float:
    """Growth from `start` to `end` as a fraction: end / start - 1."""
    s, e = _number("start", start), _number("end", end)
    if s == 0:
        raise ValueError("growth from a start value of 0 is undefined")
    return e / s - 1


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate over `years` periods: (end / start) ** (1 / years) - 1.

    `years` is the number of yearly steps, e.g. 4 from 2020 to 2024, not the 5 calendar years
    that the range touches.
    """
    s, e, n = _number("start", start), _number("end", end), _number("years", years)
    if n <= 0:
        raise ValueError(f"years must be positive, not {n}")
    if s <= 0 or e <= 0:
        raise ValueError("CAGR needs positive start and end values")
    return (e / s) ** (1 / n) - 1


def project(start: float, rate: float, years: float) -> float:
    """The value after `years` of compound growth at `rate` (a fraction) per year."""
    return _number("start", start) * (1 + _number("rate", rate)) ** _number("years", years)


def share(part: float, total: float) -> float:
    """`part` as a fraction of `total`."""
    p, t = _number("part", part), _number("total", total)
    if t == 0:
        raise ValueError("a share of a total of 0 is undefined")
    return p / t


def implied_total(part: float, share_of_total: float) -> float:
    """The total that `part` is `share_of_total` (a fraction) of: part / share.

    Example: 1.09967 billion internet users at a penetration of 0.78 imply a population of
    1.09967 / 0.78 = 1.41 billion.
    """
    p, s = _number("part", part), _number("share_of_total", share_of_total)
    if not 0 < s <= 1:
        raise ValueError(f"share_of_total must be a fraction in (0, 1], not {s}; divide a percentage by 100 first")
    return p / s


def implied_part(total: float, share_of_total: float) -> float:
    """The part that is `share_of_total` (a fraction) of `total`."""
    t, s = _number("total", total), _number("share_of_total", share_of_total)
    if not 0 <= s <= 1:
        raise ValueError(f"share_of_total must be a fraction in [0, 1], not {s}; divide a percentage by 100 first")
    return t * s


def implied_previous(current: float, growth: float) -> float:
    """The previous period's value implied by `current` and its growth (a fraction)."""
    c, g = _number("current", current), _number("growth", growth)
    if g <= -1:
        raise ValueError(f"growth must be above -1 (-100 %), not {g}")
    return c / (1 + g)


def is_consistent(published: float, recomputed: float, rel_tol: float = 0.05) -> bool:
    """Whether a published figure agrees with a recomputed one within `rel_tol` (5 % by default)."""
    p, r = _number("published", published), _number("recomputed", recomputed)
    return math.isclose(p, r, rel_tol=rel_tol)
