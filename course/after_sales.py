"""Module 07: returns, refunds, compensation for late delivery and the after-sales team.

- `return_rates`: the share of orders that came back, per group, with Wilson's interval, so
  that a small group's rate is read with its uncertainty;
- `refund_costs` and `returnless_threshold`: what a cross-border return costs the seller
  against a "returnless refund" (the buyer keeps the goods), and the goods value below which
  the returnless refund is cheaper;
- `late_compensation`: the cost per order of a 超时赔付 (compensation for late delivery)
  clause that pays the buyer a share of the goods value when a parcel is late;
- `difference_in_differences`: the change a local 24-hour service team brought, net of the
  change that happened anyway where no team was added.

Rates are fractions. Display lives in `course.plotting.after_sales`.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from course.logistics import with_lead_times
from course.payments import PaymentsError, rate_table

__all__ = [
    "return_rates", "RefundCosts", "refund_costs", "returnless_threshold", "late_compensation",
    "DiD", "difference_in_differences",
]


def return_rates(shipments: pd.DataFrame, by: list[str] | str = "category", confidence: float = 0.95) -> pd.DataFrame:
    """Per group: orders `n`, returns `k`, the return rate and Wilson's interval."""
    return rate_table(shipments, "returned", by, confidence)


@dataclass(frozen=True)
class RefundCosts:
    """The seller's cost of refunding one order, beyond the refunded price, both ways."""

    goods_value: float
    reverse_freight: float
    handling: float
    recovery_rate: float

    @property
    def returned(self) -> float:
        """Goods sent back: reverse freight + handling, less what reselling the goods recovers."""
        return self.reverse_freight + self.handling - self.recovery_rate * self.goods_value

    @property
    def returnless(self) -> float:
        """The buyer keeps the goods: no freight, no handling, nothing recovered."""
        return 0.0

    @property
    def cheaper(self) -> str:
        return "returnless refund" if self.returnless < self.returned else "return"


def refund_costs(goods_value: float, reverse_freight: float, handling: float, recovery_rate: float) -> RefundCosts:
    """Both refunds repay the buyer's price, so only what differs is counted: a return costs the
    reverse freight and the handling (inspection, repacking, customs paperwork) and recovers
    `recovery_rate` times the goods' value when they are resold; a returnless refund costs nothing
    more and recovers nothing."""
    if not 0 <= recovery_rate <= 1:
        raise PaymentsError(f"the recovery rate is a fraction between 0 and 1, not {recovery_rate}")
    if min(goods_value, reverse_freight, handling) < 0:
        raise PaymentsError("goods value, freight and handling cannot be negative")
    return RefundCosts(float(goods_value), float(reverse_freight), float(handling), float(recovery_rate))


def returnless_threshold(reverse_freight: float, handling: float, recovery_rate: float) -> float:
    """The goods value below which a returnless refund is cheaper than a return:
    reverse_freight + handling = recovery_rate * value."""
    if recovery_rate <= 0:
        return float("inf")
    return (reverse_freight + handling) / recovery_rate


def late_compensation(shipments: pd.DataFrame, share: float, by: str | list[str] | None = None) -> pd.DataFrame | float:
    """Cost per order of paying `share` of the goods value on every late order (delivered after
    its promised date): the late orders' compensation summed, divided by all orders."""
    frame = with_lead_times(shipments)
    frame["compensation"] = (~frame["on_time"]) * share * frame["goods_value_usd"]
    if by is None:
        return float(frame["compensation"].mean())
    out = frame.groupby(by, observed=True).agg(orders=("compensation", "size"), late_share=("on_time", lambda s: 1 - s.mean()),
                                                cost_per_order=("compensation", "mean"))
    return out


@dataclass(frozen=True)
class DiD:
    """The four group means of a before-after comparison with and without a treatment."""

    means: pd.DataFrame  # rows: treated False/True; columns: after False/True

    @property
    def treated_change(self) -> float:
        return float(self.means.loc[True, True] - self.means.loc[True, False])

    @property
    def control_change(self) -> float:
        return float(self.means.loc[False, True] - self.means.loc[False, False])

    @property
    def estimate(self) -> float:
        """The treated group's change less the control group's change."""
        return self.treated_change - self.control_change

    @property
    def naive_after(self) -> float:
        """Treated against control after the change: mixes the effect with the groups' old difference."""
        return float(self.means.loc[True, True] - self.means.loc[False, True])


def difference_in_differences(frame: pd.DataFrame, outcome: str, treated: pd.Series, after: pd.Series) -> DiD:
    """Means of `outcome` by treated (bool Series) and after (bool Series), and their DiD."""
    values = frame[outcome].astype(float)
    means = values.groupby([treated.astype(bool).to_numpy(), after.astype(bool).to_numpy()]).mean().unstack()
    if means.shape != (2, 2) or means.isna().any().any():
        raise PaymentsError("a difference in differences needs all four groups: treated and control, before and after")
    return DiD(means)
