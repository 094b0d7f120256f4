"""Convert between the units that `paper_statistics` uses.

Units come in families; a value converts only within its family:

    >>> convert(1862.1, "CNY 100 million", "CNY trillion")
    0.18621
"""
from __future__ import annotations

import math

#: unit -> (family, size in the family's base unit)
UNIT_SCALES: dict[str, tuple[str, float]] = {
    "CNY trillion": ("CNY", 1e12),
    "CNY billion": ("CNY", 1e9),
    "CNY 100 million": ("CNY", 1e8),
    "USD billion": ("USD", 1e9),
    "USD million": ("USD", 1e6),
    "USD": ("USD", 1.0),
    "count": ("count", 1.0),
    "thousand": ("count", 1e3),
    "million": ("count", 1e6),
    "billion": ("count", 1e9),
    "days": ("time", 86400.0),
    "hours": ("time", 3600.0),
    "minutes": ("time", 60.0),
    "percent": ("percent", 1.0),
    "percentage points": ("percentage points", 1.0),
    "ratio": ("ratio", 1.0),
    "times": ("times", 1.0),
    "year": ("year", 1.0),
}


class UnitError(ValueError):
    """A unit is unknown, or two units cannot be converted into each other."""


def family(unit: str) -> str:
    try:
        return UNIT_SCALES[unit][0]
    except KeyError:
        raise UnitError(f"unknown unit {unit!r}; known units: {sorted(UNIT_SCALES)}") from None


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` expressed in `from_unit`, converted to `to_unit` (same family only)."""
    f_from, f_to = family(from_unit), family(to_unit)
    if f_from != f_to:
        raise UnitError(f"cannot convert {from_unit!r} ({f_from}) to {to_unit!r} ({f_to})")
    result = value * UNIT_SCALES[from_unit][1] / UNIT_SCALES[to_unit][1]
    # round away binary noise such as 0.18621000000000002
    return float(f"{result:.12g}") if math.isfinite(result) else result
