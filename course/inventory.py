"""Stocking for a live stream's demand pulse: the newsvendor quantity and safety stock.

A live stream sells a featured product in a burst (the 脉冲式订单高峰, "pulse-like order peak"
of the socialised cross-border e-commerce paper, 2025). Stock must be in place before the
stream starts, and what is left over is sold off at a salvage value: the newsvendor problem.

- underage cost per unit short:  Cu = price - cost (the margin lost)
- overage cost per unit left:    Co = cost - salvage (the loss on a unit sold off)
- critical ratio:                CR = Cu / (Cu + Co) = (price - cost) / (price - salvage)
- order quantity:                Q* = the CR-quantile of demand; for normal demand
                                 Q* = mean + z * sd, with z = NormalDist().inv_cdf(CR)
- safety stock:                  Q* - mean = z * sd

Rates and probabilities are fractions.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from course.logistics import LogisticsError


def _finite(name: str, value: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise LogisticsError(f"{name} must be a number, not {value!r}") from None
    if not math.isfinite(x):
        raise LogisticsError(f"{name} must be a finite number, not {value!r}")
    return x


def critical_ratio(price: float, cost: float, salvage: float) -> float:
    """(price - cost) / (price - salvage): the service level that balances a unit short
    against a unit left over. Needs salvage < cost < price."""
    p, c, s = _finite("price", price), _finite("cost", cost), _finite("salvage", salvage)
    if not s < c < p:
        raise LogisticsError(
            f"the newsvendor needs salvage < cost < price, got salvage {s:g}, cost {c:g}, price {p:g}: "
            "a unit sold must earn more than it costs, and a unit left over must be worth less than it cost"
        )
    return (p - c) / (p - s)


def z_value(probability: float) -> float:
    """The standard normal quantile (scipy.stats.norm.ppf and statistics.NormalDist agree)."""
    q = _finite("probability", probability)
    if not 0 < q < 1:
        raise LogisticsError(f"a probability for a normal quantile must lie strictly between 0 and 1, not {q:g} (give 95% as 0.95)")
    return NormalDist().inv_cdf(q)


def demand_stats(demand: Sequence[float], ddof: int = 1) -> tuple[float, float]:
    """Mean and standard deviation of past demand (sample sd, ddof=1, by default)."""
    data = np.asarray(pd.Series(demand).dropna(), dtype=float)
    if data.size < 2:
        raise LogisticsError(f"need at least two past sessions to estimate the spread of demand, got {data.size}")
    return float(data.mean()), float(data.std(ddof=ddof))


def newsvendor_quantity(mean: float, sd: float, ratio: float) -> float:
    """Q* = mean + z(ratio) * sd for normally distributed demand."""
    m, s = _finite("mean", mean), _finite("sd", sd)
    if s < 0:
        raise LogisticsError(f"a standard deviation cannot be negative ({s:g})")
    return m + z_value(ratio) * s


def safety_stock(sd: float, service_level: float) -> float:
    """Stock above mean demand for a given probability of not running out: z * sd."""
    return z_value(service_level) * _finite("sd", sd)


@dataclass(frozen=True)
class Newsvendor:
    price: float
    cost: float
    salvage: float
    mean: float
    sd: float

    @property
    def ratio(self) -> float:
        return critical_ratio(self.price, self.cost, self.salvage)

    @property
    def z(self) -> float:
        return z_value(self.ratio)

    @property
    def quantity(self) -> float:
        return self.mean + self.z * self.sd

    @property
    def safety_stock(self) -> float:
        return self.quantity - self.mean

    def describe(self) -> str:
        return (
            f"Cu = {self.price - self.cost:g}, Co = {self.cost - self.salvage:g}, critical ratio {self.ratio:.3f} "
            f"(z = {self.z:.3f}); stock {self.quantity:,.1f} units = mean {self.mean:,.1f} + safety stock {self.safety_stock:,.1f}"
        )


def newsvendor(price: float, cost: float, salvage: float, demand: Sequence[float], ddof: int = 1) -> Newsvendor:
    """The newsvendor plan for a session whose demand looks like past sessions' `demand`."""
    mean, sd = demand_stats(demand, ddof)
    result = Newsvendor(float(price), float(cost), float(salvage), mean, sd)
    result.ratio  # validates the prices
    return result


def profit(quantity: float, demand: float | np.ndarray, price: float, cost: float, salvage: float) -> float | np.ndarray:
    """Profit of stocking `quantity` when `demand` turns up: sales at the price, leftovers at
    the salvage value, every unit bought at the cost."""
    sold = np.minimum(quantity, demand)
    return price * sold + salvage * (quantity - sold) - cost * quantity


def expected_profit_curve(demand: Sequence[float], price: float, cost: float, salvage: float, quantities: Sequence[float] | None = None) -> pd.DataFrame:
    """Average profit over past sessions' demand for each stock level (quantity,
    expected_profit): its peak lies near the critical-ratio quantile of demand."""
    critical_ratio(price, cost, salvage)
    d = np.asarray(pd.Series(demand).dropna(), dtype=float)
    if quantities is None:
        quantities = np.linspace(0, d.max() * 1.3, 131)
    q = np.asarray(quantities, dtype=float)
    values = [float(np.mean(profit(x, d, price, cost, salvage))) for x in q]
    return pd.DataFrame({"quantity": q, "expected_profit": values})
