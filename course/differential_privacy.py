"""Module 06: the Laplace mechanism for a count, and its accuracy against epsilon.

To publish a count with epsilon-differential privacy, add noise drawn from a Laplace
distribution centred on 0 with **scale b = sensitivity / epsilon**. The sensitivity of a count
is 1: adding or removing one customer changes it by at most 1. Smaller epsilon means more
privacy and more noise.

The noise's absolute value is exponentially distributed with mean b, so

    P(|noise| <= t) = 1 - exp(-t / b),

its standard deviation is sqrt(2) * b, and the epsilon that keeps the noise within +-t with
probability p is sensitivity * ln(1 / (1 - p)) / t. These are exact; the random draws only
illustrate them (`noisy_counts` draws from a seeded generator).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from course.privacy import PrivacyError

__all__ = [
    "laplace_scale", "prob_within", "tolerance_for", "epsilon_for", "noise_sd", "laplace_density",
    "noisy_counts", "LaplaceSummary", "laplace_summary", "accuracy_curve",
]


def _positive(name: str, value: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise PrivacyError(f"{name} must be a number, not {value!r}") from None
    if not math.isfinite(x) or x <= 0:
        raise PrivacyError(f"{name} must be a positive number, not {value!r}")
    return x


def laplace_scale(sensitivity: float, epsilon: float) -> float:
    """b = sensitivity / epsilon: the scale of the Laplace noise (not epsilon itself)."""
    return _positive("sensitivity", sensitivity) / _positive("epsilon", epsilon)


def prob_within(tolerance: float, epsilon: float, sensitivity: float = 1.0) -> float:
    """P(|noise| <= tolerance) = 1 - exp(-tolerance / b) for Laplace noise of scale
    b = sensitivity / epsilon: how often the published count is within +-tolerance of the
    truth. Two-sided: the noise may be positive or negative."""
    t = float(tolerance)
    if not math.isfinite(t) or t < 0:
        raise PrivacyError(f"the tolerance must be zero or more, not {tolerance!r}")
    return 1.0 - math.exp(-t / laplace_scale(sensitivity, epsilon))


def tolerance_for(probability: float, epsilon: float, sensitivity: float = 1.0) -> float:
    """The t with P(|noise| <= t) = probability: b * ln(1 / (1 - probability))."""
    p = float(probability)
    if not 0 <= p < 1:
        raise PrivacyError(f"the probability must be at least 0 and below 1 (a fraction), not {probability!r}")
    return laplace_scale(sensitivity, epsilon) * math.log(1 / (1 - p))


def epsilon_for(tolerance: float, probability: float, sensitivity: float = 1.0) -> float:
    """The smallest epsilon that keeps the noise within +-tolerance with `probability`:
    sensitivity * ln(1 / (1 - probability)) / tolerance."""
    t = _positive("tolerance", tolerance)
    p = float(probability)
    if not 0 < p < 1:
        raise PrivacyError(f"the probability must be a fraction strictly between 0 and 1, not {probability!r}")
    return _positive("sensitivity", sensitivity) * math.log(1 / (1 - p)) / t


def noise_sd(sensitivity: float, epsilon: float) -> float:
    """Standard deviation of the Laplace noise: sqrt(2) * b."""
    return math.sqrt(2) * laplace_scale(sensitivity, epsilon)


def laplace_density(x: np.ndarray | Sequence[float], scale: float) -> np.ndarray:
    """The Laplace density exp(-|x| / b) / (2 b)."""
    b = _positive("scale", scale)
    x = np.asarray(x, dtype=float)
    return np.exp(-np.abs(x) / b) / (2 * b)


def noisy_counts(true_count: float, epsilon: float, sensitivity: float = 1.0, *, n: int = 5, seed: int = 0) -> np.ndarray:
    """`n` noisy releases of `true_count`, drawn with `numpy.random.default_rng(seed)` (an
    illustration: grade the exact quantities, not the draws)."""
    if n < 0:
        raise PrivacyError("the number of draws must be zero or more")
    rng = np.random.default_rng(seed)
    return float(true_count) + rng.laplace(0.0, laplace_scale(sensitivity, epsilon), size=n)


@dataclass(frozen=True)
class LaplaceSummary:
    """What the epsilon explorer shows for one setting."""

    true_count: float
    epsilon: float
    sensitivity: float
    tolerance: float
    scale: float
    prob_within: float
    sd: float
    draws: tuple[float, ...]

    def text(self) -> str:
        draws = ", ".join(f"{d:.1f}" for d in self.draws)
        return (
            f"epsilon = {self.epsilon:g}, sensitivity = {self.sensitivity:g} -> scale b = {self.scale:.3g}, "
            f"sd = {self.sd:.3g}\n"
            f"P(|noise| <= {self.tolerance:g}) = 1 - exp(-{self.tolerance:g} / {self.scale:.3g}) = {self.prob_within:.1%}\n"
            f"true count {self.true_count:g}; seeded noisy releases: {draws}"
        )


def laplace_summary(true_count: float, epsilon: float, sensitivity: float = 1.0, tolerance: float = 5.0, *, n_draws: int = 5, seed: int = 0) -> LaplaceSummary:
    """Scale, accuracy and a few seeded noisy releases for one epsilon."""
    return LaplaceSummary(
        true_count=float(true_count),
        epsilon=float(epsilon),
        sensitivity=float(sensitivity),
        tolerance=float(tolerance),
        scale=laplace_scale(sensitivity, epsilon),
        prob_within=prob_within(tolerance, epsilon, sensitivity),
        sd=noise_sd(sensitivity, epsilon),
        draws=tuple(float(d) for d in noisy_counts(true_count, epsilon, sensitivity, n=n_draws, seed=seed)),
    )


def accuracy_curve(epsilons: Sequence[float], tolerances: Sequence[float], sensitivity: float = 1.0) -> pd.DataFrame:
    """P(|noise| <= t) for every epsilon and tolerance t: columns epsilon, tolerance, scale,
    prob_within."""
    rows = [
        {"epsilon": float(e), "tolerance": float(t), "scale": laplace_scale(sensitivity, e), "prob_within": prob_within(t, e, sensitivity)}
        for t in tolerances
        for e in epsilons
    ]
    return pd.DataFrame(rows)
