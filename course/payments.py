"""Module 07: what a cross-border order pays on the way to the seller, and what payment risk costs.

Three computations, each small enough to check by hand:

- `fee_stack`: from the buyer's price to the seller's payout in its home currency: the
  platform's commission and the payment provider's fee are charged on the buyer's price; what
  is left is converted at the provider's rate, which is the market rate less an FX spread;
- `payout_fx_change`: how the home-currency value of orders moves between the order and the
  payout (settlement delay times currency risk);
- `chargeback_break_even` and `expected_margin`: the chargeback rate at which an order's
  margin is used up by the orders that come back as chargebacks.

Rates are fractions (0.08 for 8%). Display lives in `course.plotting.payments`.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from course.live_commerce import wilson_interval

__all__ = [
    "PaymentsError", "FeeStack", "fee_stack", "payout_fx_change", "fx_change_by",
    "chargeback_break_even", "expected_margin", "rate_table", "chargeback_rates",
]


class PaymentsError(ValueError):
    """An input the payment computations cannot use (a rate outside 0 to 1, a negative price)."""


def _rate(name: str, value: float) -> float:
    value = float(value)
    if not 0 <= value < 1:
        raise PaymentsError(f"{name} is a fraction between 0 and 1 (0.08 for 8%), not {value}")
    return value


@dataclass(frozen=True)
class FeeStack:
    """The deductions from one order, in the buyer's currency, and the payout in the seller's."""

    price: float
    commission: float
    payment_fee: float
    fx_spread_cost: float
    fx_rate: float  # seller's currency per unit of the buyer's, at the market rate

    @property
    def net_local(self) -> float:
        """What the seller keeps, in the buyer's currency (after the spread)."""
        return self.price - self.commission - self.payment_fee - self.fx_spread_cost

    @property
    def payout(self) -> float:
        """The payout in the seller's currency."""
        return self.net_local * self.fx_rate

    @property
    def take_rate(self) -> float:
        """The share of the buyer's price that does not reach the seller: all fees / price."""
        return 1 - self.net_local / self.price

    def table(self) -> pd.DataFrame:
        rows = [
            ("buyer's price", self.price),
            ("platform commission", -self.commission),
            ("payment fee", -self.payment_fee),
            ("FX spread", -self.fx_spread_cost),
            ("seller keeps (buyer's currency)", self.net_local),
        ]
        return pd.DataFrame(rows, columns=["step", "amount"])


def fee_stack(price: float, *, commission_rate: float, payment_rate: float, payment_fixed: float = 0.0,
              fx_spread: float = 0.0, fx_rate: float = 1.0) -> FeeStack:
    """The fee stack of one order.

    Commission and the payment fee's percentage are charged on the buyer's `price`; the fixed
    payment fee is added once per order; the remainder is converted at `fx_rate * (1 - fx_spread)`
    (the spread is the provider's margin on the conversion, charged on what is converted).
    """
    price = float(price)
    if price <= 0:
        raise PaymentsError(f"a price is positive, not {price}")
    if payment_fixed < 0 or fx_rate <= 0:
        raise PaymentsError("the fixed payment fee cannot be negative and the exchange rate must be positive")
    commission = _rate("commission_rate", commission_rate) * price
    payment = _rate("payment_rate", payment_rate) * price + float(payment_fixed)
    converted = price - commission - payment
    if converted <= 0:
        raise PaymentsError(f"the fees ({commission + payment:.2f}) eat the whole price ({price:.2f})")
    spread = _rate("fx_spread", fx_spread) * converted
    return FeeStack(price, commission, payment, spread, float(fx_rate))


def payout_fx_change(payments: pd.DataFrame) -> pd.Series:
    """Per payment: the relative change of its value in the seller's currency between the order
    and the payout, `fx_payout / fx_order - 1` (the amount in the buyer's currency is fixed)."""
    return payments["fx_payout"] / payments["fx_order"] - 1


def fx_change_by(payments: pd.DataFrame, by: str = "currency") -> pd.DataFrame:
    """Per group: the orders' value in CNY at the order and at the payout, and the relative
    change of the total (an amount-weighted average of each order's change)."""
    frame = payments.assign(
        cny_at_order=payments["amount_local"] * payments["fx_order"],
        cny_at_payout=payments["amount_local"] * payments["fx_payout"],
    )
    out = frame.groupby(by, observed=True)[["cny_at_order", "cny_at_payout"]].sum()
    out["change"] = out["cny_at_payout"] / out["cny_at_order"] - 1
    out["worst_order"] = payout_fx_change(frame).groupby(frame[by], observed=True).min()
    return out


def chargeback_break_even(margin: float, loss: float) -> float:
    """The chargeback rate at which the expected profit per order is zero.

    An order earns `margin` when it stays paid and loses `loss` when it comes back as a
    chargeback (the goods and delivery already paid, the chargeback fee; the price is reversed,
    so the margin is not earned either): (1 - c) * margin - c * loss = 0, so c = margin / (margin + loss).
    """
    if margin <= 0 or loss <= 0:
        raise PaymentsError("margin and loss per chargeback are positive amounts")
    return margin / (margin + loss)


def expected_margin(margin: float, loss: float, rate: float) -> float:
    """Expected profit per order at chargeback rate `rate`."""
    rate = _rate("rate", rate)
    return (1 - rate) * margin - rate * loss


def rate_table(frame: pd.DataFrame, flag: str, by: list[str] | str, confidence: float = 0.95) -> pd.DataFrame:
    """Per group: its size `n`, the count `k` of rows where the boolean column `flag` is true,
    the rate k / n and Wilson's interval for it (honest on small groups: a group of 40 with
    3 cases has an interval of about 3% to 20%)."""
    grouped = frame.groupby(by, observed=True)[flag].agg(["size", "sum"])
    grouped.columns = ["n", "k"]
    grouped["k"] = grouped["k"].astype(int)
    grouped["rate"] = (grouped["k"] / grouped["n"]).astype(float)
    bounds = [wilson_interval(int(k), int(n), confidence) for k, n in zip(grouped["k"], grouped["n"])]
    # Wilson's interval starts at 0 for k = 0 and ends at 1 for k = n (rounding leaves 1e-17)
    grouped["low"] = [0.0 if k == 0 else b[0] for k, b in zip(grouped["k"], bounds)]
    grouped["high"] = [1.0 if k == n else b[1] for k, n, b in zip(grouped["k"], grouped["n"], bounds)]
    return grouped


def chargeback_rates(payments: pd.DataFrame, by: list[str] | str = "method", confidence: float = 0.95) -> pd.DataFrame:
    """Per group: payments, chargebacks, the rate and Wilson's interval for it."""
    return rate_table(payments, "chargeback", by, confidence).rename(columns={"n": "payments", "k": "chargebacks"})
