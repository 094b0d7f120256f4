"""08: market concentration, take rates, the value of a brand, and how far to trust a figure.

Pure computations for module 08's competition unit. Shares may be fractions (0.521) or
percentages (52.1); every function says which it returns.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

__all__ = [
    "CompetitionError", "as_fractions", "hhi", "hhi_bounds", "concentration_ratio", "hhi_band",
    "shares_from_revenue", "take_rate", "seller_margin", "repeat_value", "brand_value",
    "credibility_scores",
]


class CompetitionError(ValueError):
    """Shares that cannot be shares, or inputs out of range."""


def as_fractions(shares: Iterable[float] | Mapping[str, float]) -> list[float]:
    """Shares as fractions of 1: percentages (any share above 1, or a total above 1.0001) are divided by 100."""
    values = [float(v) for v in (shares.values() if isinstance(shares, Mapping) else shares)]
    if any(v < 0 for v in values):
        raise CompetitionError(f"a share cannot be negative: {values}")
    if max(values, default=0) > 1 or sum(values) > 1.0001:
        values = [v / 100 for v in values]
    if sum(values) > 1.0001:
        raise CompetitionError(f"shares add up to {sum(values):.4g} of the market, more than all of it")
    return values


def hhi(shares: Iterable[float] | Mapping[str, float]) -> float:
    """The Herfindahl-Hirschman index in points (0 to 10,000): the sum of squared percentage shares."""
    return sum((100 * s) ** 2 for s in as_fractions(shares))


def hhi_bounds(known: Iterable[float] | Mapping[str, float], *, rest_at_most: float | None = None) -> tuple[float, float]:
    """The lowest and highest HHI the market can have when only some shares are known.

    The rest of the market (1 - sum of the known shares) adds nothing if it is split among
    very many small firms (the low bound) and the most if it is held by as few firms as
    possible: one firm, or, when no other firm is larger than `rest_at_most` (a fraction or a
    percentage like the known shares; e.g. the smallest share listed, when a source lists
    the leaders), as many firms of that size as it takes.
    """
    raw = [float(v) for v in (known.values() if isinstance(known, Mapping) else known)]
    fractions = as_fractions(raw)
    scale = raw[0] / fractions[0] if fractions and fractions[0] else 1.0   # 100 when given in percent
    low = hhi(fractions)
    rest = max(0.0, 1 - sum(fractions))
    cap = rest if rest_at_most is None else float(rest_at_most) / scale
    if cap <= 0 and rest > 0:
        raise CompetitionError("rest_at_most must be positive when part of the market is unaccounted for")
    high = low
    left = rest
    while left > 1e-12:
        piece = min(cap, left)
        high += (100 * piece) ** 2
        left -= piece
    return low, high


def concentration_ratio(shares: Iterable[float] | Mapping[str, float], k: int) -> float:
    """CR_k: the combined share of the k largest firms, as a fraction."""
    return sum(sorted(as_fractions(shares), reverse=True)[:k])


def hhi_band(points: float) -> str:
    """The band of the US merger guidelines of 2010 (below 1,500 unconcentrated, 1,500 to
    2,500 moderately concentrated, above 2,500 highly concentrated)."""
    if points < 1500:
        return "unconcentrated"
    return "moderately concentrated" if points <= 2500 else "highly concentrated"


def shares_from_revenue(table: pd.DataFrame, by: str, value: str) -> pd.Series:
    """Each group's share (fraction) of the total of `value`, largest first."""
    totals = table.groupby(by, observed=True)[value].sum()
    if totals.sum() <= 0:
        raise CompetitionError(f"the total of {value!r} is not positive")
    return (totals / totals.sum()).sort_values(ascending=False)


def take_rate(fees: Mapping[str, float] | Iterable[float], gmv: float) -> float:
    """The platform's take rate: everything it keeps (commission, payment, ads, fulfilment fees) over GMV, as a fraction."""
    if gmv <= 0:
        raise CompetitionError("GMV must be positive")
    values = fees.values() if isinstance(fees, Mapping) else fees
    return sum(float(v) for v in values) / gmv


def seller_margin(price: float, unit_cost: float, rate: float) -> float:
    """What the seller keeps per order after the platform's take (rate as a fraction of the price)."""
    return price * (1 - rate) - unit_cost


def repeat_value(margin: float, repeat_rate: float, orders: int, discount_rate: float = 0.0) -> float:
    """Expected margin from one new customer over `orders` purchase occasions: the first order,
    then each next one with probability `repeat_rate` of the one before (a geometric chain),
    each discounted by `discount_rate` per occasion."""
    if not 0 <= repeat_rate <= 1:
        raise CompetitionError("repeat_rate is a probability between 0 and 1")
    if orders < 1:
        raise CompetitionError("orders counts purchase occasions, at least 1")
    return sum(margin * (repeat_rate / (1 + discount_rate)) ** t for t in range(orders))


def brand_value(customers: float, margin: float, repeat_with: float, repeat_without: float, orders: int, discount_rate: float = 0.0) -> float:
    """The value of a brand as the extra repeat purchases it brings: customers x (value with
    the brand's repeat rate - value without it)."""
    return customers * (repeat_value(margin, repeat_with, orders, discount_rate) - repeat_value(margin, repeat_without, orders, discount_rate))


def credibility_scores(evidence: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """A weighted checklist score per row of `evidence` (columns: the checklist's items, each
    True/False or 1/0), as a share of the largest possible score (0 to 1)."""
    missing = [k for k in weights if k not in evidence.columns]
    if missing:
        raise CompetitionError(f"the evidence table has no column for {missing}")
    total = sum(weights.values())
    return sum(evidence[k].astype(float) * w for k, w in weights.items()) / total
