"""Landed cost of a cross-border order: goods, freight, import duty, VAT and the exchange rate.

The landed cost is what the buyer pays in all to have the goods at the door, in the buyer's
currency. Under the course's simplified rules (`import_rules` dataset, as of 2024-12-31,
**simplified for teaching**) the order of operations is:

1. convert the goods value and the freight from US dollars to the buyer's currency:
   ``local = usd * fx`` where ``fx`` is units of local currency **per US dollar**;
2. low-value relief: if the goods value (without freight) is at or below the market's
   duty-free threshold, no duty is charged;
3. customs value = goods + freight ("CIF": the EU, the UK) or goods alone ("FOB": the United
   States, Australia);
4. duty = duty rate x customs value;
5. VAT (or GST) = VAT rate x (goods + freight + duty): VAT is charged on the value *after*
   duty, transport included;
6. landed cost = goods + freight + duty + VAT.

Rates are fractions (0.2 = 20%).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from course.logistics import LogisticsError

DUTY_BASES = ("CIF", "FOB")


def _amount(name: str, value: float, *, positive: bool = False) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise LogisticsError(f"{name} must be a number, not {value!r}") from None
    if not math.isfinite(x) or x < 0 or (positive and x == 0):
        raise LogisticsError(f"{name} must be a {'positive' if positive else 'non-negative'} number, not {value!r}")
    return x


def _rate(name: str, value: float) -> float:
    x = _amount(name, value)
    if x > 1:
        raise LogisticsError(f"{name} = {value!r}: give rates as fractions, e.g. 0.2 for 20%")
    return x


def convert(amount_usd: float, fx: float) -> float:
    """US dollars to local currency with `fx` in local currency per US dollar (multiply).

    With a rate quoted the other way round (US dollars per unit of local currency, as EUR/USD
    = 1.08 is), divide instead: use `convert(amount, 1 / 1.08)`.
    """
    return _amount("amount_usd", amount_usd) * _amount("fx (local currency per US dollar)", fx, positive=True)


@dataclass(frozen=True)
class LandedCost:
    """Every step of a landed-cost computation, in the buyer's currency."""

    currency: str
    fx: float
    goods: float
    freight: float
    duty_basis: str
    duty_free_threshold: float | None
    relieved: bool  # low-value relief applied: no duty
    customs_value: float
    duty_rate: float
    duty: float
    vat_rate: float
    vat_base: float
    vat: float

    @property
    def total(self) -> float:
        return self.goods + self.freight + self.duty + self.vat

    @property
    def taxes(self) -> float:
        return self.duty + self.vat

    def steps(self) -> pd.DataFrame:
        """The computation as a table (step, amount, how), in the order it is done."""
        threshold = "none" if self.duty_free_threshold is None else f"{self.duty_free_threshold:,.2f}"
        rows = [
            ("goods", self.goods, f"goods in USD x {self.fx:g} {self.currency}/USD"),
            ("freight", self.freight, f"freight in USD x {self.fx:g} {self.currency}/USD"),
            ("customs value", self.customs_value, "goods + freight (CIF)" if self.duty_basis == "CIF" else "goods only (FOB)"),
            ("duty", self.duty, "no duty: goods at or below the threshold " + threshold if self.relieved else f"{self.duty_rate:.1%} x customs value"),
            ("VAT base", self.vat_base, "goods + freight + duty"),
            ("VAT", self.vat, f"{self.vat_rate:.1%} x VAT base"),
            ("landed cost", self.total, "goods + freight + duty + VAT"),
        ]
        return pd.DataFrame(rows, columns=["step", "amount", "how"]).assign(currency=self.currency)

    def describe(self) -> str:
        relief = " (low-value relief: no duty)" if self.relieved else ""
        return (
            f"goods {self.goods:,.2f} + freight {self.freight:,.2f} + duty {self.duty:,.2f}{relief} + VAT {self.vat:,.2f} "
            f"= {self.total:,.2f} {self.currency}"
        )


def landed_cost(
    goods_usd: float,
    freight_usd: float,
    *,
    duty_rate: float,
    vat_rate: float,
    duty_basis: str = "CIF",
    duty_free_threshold: float | None = None,
    fx: float = 1.0,
    currency: str = "USD",
    low_value_relief: bool = True,
) -> LandedCost:
    """The landed cost of one order (see the module docstring for the order of operations).

    `duty_free_threshold` is in the local currency (None: no relief); `low_value_relief=False`
    ignores it (goods imported in bulk into an overseas warehouse get no relief).
    """
    if duty_basis not in DUTY_BASES:
        raise LogisticsError(f"duty_basis must be 'CIF' (goods + freight) or 'FOB' (goods only), not {duty_basis!r}")
    d, v = _rate("duty_rate", duty_rate), _rate("vat_rate", vat_rate)
    goods, freight = convert(goods_usd, fx), convert(freight_usd, fx)
    threshold = None if duty_free_threshold is None or (isinstance(duty_free_threshold, float) and math.isnan(duty_free_threshold)) else _amount("duty_free_threshold", duty_free_threshold)
    relieved = bool(low_value_relief and threshold is not None and goods <= threshold)
    customs_value = goods + freight if duty_basis == "CIF" else goods
    duty = 0.0 if relieved else d * customs_value
    vat_base = goods + freight + duty
    return LandedCost(currency, float(fx), goods, freight, duty_basis, threshold, relieved, customs_value, d, duty, v, vat_base, v * vat_base)


def rule(rules: pd.DataFrame, iso2: str) -> pd.Series:
    """The `import_rules` row of market `iso2`."""
    matches = rules[rules["iso2"] == iso2]
    if matches.empty:
        raise LogisticsError(f"no import rule for {iso2!r}; the table covers {sorted(rules['iso2'])}")
    return matches.iloc[0]


def landed_cost_for(rules: pd.DataFrame, iso2: str, goods_usd: float, freight_usd: float, *, duty_rate: float, fx: float, low_value_relief: bool = True) -> LandedCost:
    """`landed_cost` with the market's VAT rate, duty basis and threshold from `import_rules`.

    The duty rate depends on the product (its tariff code), so it is an input; `fx` is local
    currency per US dollar.
    """
    r = rule(rules, iso2)
    threshold = r["duty_free_threshold"]
    return landed_cost(
        goods_usd, freight_usd, duty_rate=duty_rate, vat_rate=float(r["vat_rate_pct"]) / 100, duty_basis=str(r["duty_basis"]),
        duty_free_threshold=None if pd.isna(threshold) else float(threshold), fx=fx, currency=str(r["threshold_currency"]),
        low_value_relief=low_value_relief,
    )


def landed_cost_curve(rules: pd.DataFrame, iso2: str, goods_values_usd, freight_usd: float, *, duty_rate: float, fx: float) -> pd.DataFrame:
    """`landed_cost_for` at each goods value (US dollars), one row each: goods_usd, duty, vat,
    landed_cost (local currency) and relieved. Across the duty-free threshold the landed cost
    jumps, because duty on the whole customs value appears."""
    rows = []
    for goods in goods_values_usd:
        cost = landed_cost_for(rules, iso2, float(goods), freight_usd, duty_rate=duty_rate, fx=fx)
        rows.append({"goods_usd": float(goods), "duty": cost.duty, "vat": cost.vat, "landed_cost": cost.total, "relieved": cost.relieved})
    return pd.DataFrame(rows)


def fx_effect(goods_usd: float, freight_usd: float, fx_before: float, fx_after: float, **rule_args) -> pd.DataFrame:
    """The landed cost at two exchange rates (local currency per US dollar) and its change:
    a weaker local currency (more local units per dollar) raises the price the buyer sees,
    by more than the exchange rate if the goods cross the duty-free threshold."""
    before = landed_cost(goods_usd, freight_usd, fx=fx_before, **rule_args)
    after = landed_cost(goods_usd, freight_usd, fx=fx_after, **rule_args)
    return pd.DataFrame(
        {
            "fx": [before.fx, after.fx],
            "goods": [before.goods, after.goods],
            "duty": [before.duty, after.duty],
            "vat": [before.vat, after.vat],
            "landed_cost": [before.total, after.total],
            "change": [0.0, after.total / before.total - 1],
        },
        index=["before", "after"],
    )
