"""08: screening new sellers, and what a platform's ban does to a seller.

A screening rule flags a new seller when a risk score reaches a threshold. Against what the
sellers later did (violated the platform's rules or not), each threshold gives a confusion
matrix: violators caught (true positives), honest sellers flagged (false alarms), violators
missed, honest sellers passed. Precision, recall and the cost of each kind of error follow.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from course.competition import hhi

__all__ = [
    "ScreeningError", "Screening", "screen", "screening_table", "cheapest_threshold",
    "channel_shares", "ban_exposure", "dependent_share", "permutation_check",
]


class ScreeningError(ValueError):
    """Scores and outcomes that do not fit together, or an impossible threshold or cost."""


@dataclass(frozen=True)
class Screening:
    """The confusion matrix of one threshold: flag a seller when score >= threshold."""

    threshold: float
    caught: int          # violators flagged (true positives)
    false_alarms: int    # honest sellers flagged (false positives)
    missed: int          # violators passed (false negatives)
    passed: int          # honest sellers passed (true negatives)

    @property
    def flagged(self) -> int:
        return self.caught + self.false_alarms

    @property
    def precision(self) -> float:
        """Of the flagged sellers, the share who were violators (NaN when none is flagged)."""
        return self.caught / self.flagged if self.flagged else float("nan")

    @property
    def recall(self) -> float:
        """Of the violators, the share the rule flagged."""
        violators = self.caught + self.missed
        return self.caught / violators if violators else float("nan")

    @property
    def false_alarm_rate(self) -> float:
        """Of the honest sellers, the share the rule flagged."""
        honest = self.false_alarms + self.passed
        return self.false_alarms / honest if honest else float("nan")

    def cost(self, false_alarm_cost: float, missed_cost: float) -> float:
        """The total cost of the rule's errors."""
        return self.false_alarms * false_alarm_cost + self.missed * missed_cost

    def as_row(self) -> dict:
        return {
            "threshold": self.threshold, "caught": self.caught, "false_alarms": self.false_alarms,
            "missed": self.missed, "passed": self.passed, "precision": self.precision,
            "recall": self.recall, "false_alarm_rate": self.false_alarm_rate,
        }


def _arrays(scores, violated) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=float)
    v = np.asarray(violated, dtype=bool)
    if s.shape != v.shape or s.ndim != 1:
        raise ScreeningError(f"one score per seller and one outcome per seller: {s.shape} scores, {v.shape} outcomes")
    if np.isnan(s).any():
        raise ScreeningError("a risk score is missing (NaN)")
    return s, v


def screen(scores, violated, threshold: float) -> Screening:
    """The confusion matrix of the rule 'flag when score >= threshold'."""
    s, v = _arrays(scores, violated)
    flag = s >= threshold
    return Screening(float(threshold), int((flag & v).sum()), int((flag & ~v).sum()), int((~flag & v).sum()), int((~flag & ~v).sum()))


def screening_table(scores, violated, thresholds: Iterable[float], false_alarm_cost: float = 0.0, missed_cost: float = 0.0) -> pd.DataFrame:
    """One row per threshold: the confusion matrix, precision, recall, false-alarm rate and
    (when costs are given) the total cost of the errors."""
    if false_alarm_cost < 0 or missed_cost < 0:
        raise ScreeningError("the cost of an error cannot be negative")
    rows = []
    for t in thresholds:
        result = screen(scores, violated, t)
        rows.append({**result.as_row(), "cost": result.cost(false_alarm_cost, missed_cost)})
    return pd.DataFrame(rows)


def cheapest_threshold(scores, violated, thresholds: Iterable[float], false_alarm_cost: float, missed_cost: float) -> float:
    """The threshold whose errors cost least (the lowest one among ties)."""
    table = screening_table(scores, violated, thresholds, false_alarm_cost, missed_cost)
    return float(table.sort_values(["cost", "threshold"]).iloc[0]["threshold"])


def channel_shares(channels: pd.DataFrame, seller: str | None = None) -> pd.DataFrame | pd.Series:
    """Each seller's share (fraction) of revenue by platform: a table sellers x platforms, or
    one seller's Series."""
    wide = channels.pivot_table(index="seller_id", columns="platform", values="revenue_usd", aggfunc="sum", fill_value=0.0, observed=True)
    shares = wide.div(wide.sum(axis=1), axis=0)
    return shares.loc[seller] if seller is not None else shares


def ban_exposure(shares: Mapping[str, float] | pd.Series, banned: str) -> dict[str, float]:
    """What a ban on one platform does to a seller with these revenue shares: the share of
    revenue at risk, what is left, and the concentration (HHI) of the seller's channels."""
    shares = pd.Series(shares, dtype=float)
    total = shares.sum()
    if total <= 0:
        raise ScreeningError("the seller has no revenue")
    shares = shares / total
    at_risk = float(shares.get(banned, 0.0))
    return {"at_risk": at_risk, "left": 1 - at_risk, "channel_hhi": hhi(shares.to_dict())}


def dependent_share(channels: pd.DataFrame, platform: str, above: float = 0.5) -> float:
    """The share of sellers who take more than `above` (a fraction) of their revenue on `platform`."""
    shares = channel_shares(channels)
    if platform not in shares.columns:
        raise ScreeningError(f"no seller sells on {platform!r}")
    return float((shares[platform] > above).mean())


def permutation_check(scores, violated, threshold: float, *, rounds: int = 2000, seed: int = 0) -> dict[str, float]:
    """Does the rule catch more violators than flagging the same number of sellers at random?

    Shuffles the outcomes `rounds` times (breaking any link between score and outcome) and
    counts how often a shuffle catches at least as many violators as the rule does. A score that
    carries no information gets a large p-value; the check can fail."""
    s, v = _arrays(scores, violated)
    flag = s >= threshold
    observed = int((flag & v).sum())
    rng = np.random.default_rng(seed)
    shuffled = np.array([int((flag & rng.permutation(v)).sum()) for _ in range(rounds)])
    return {
        "caught": observed,
        "caught_at_random": float(shuffled.mean()),
        "p_value": float((1 + (shuffled >= observed).sum()) / (rounds + 1)),
    }
