"""Module 05 computations: lead times, on-time rates, customs times and the choice between
shipping direct from China and stocking an overseas warehouse.

Pure functions over the synthetic `shipments` dataset and plain numbers; the lecture's plots
and widgets are thin faces over them and the tests call them directly. Landed cost is in
`course.landed_cost`, stocking for a live stream in `course.inventory`, forecasting in
`course.demand_forecast`.

Conventions: a lead time is counted from the order date to the delivery date. *Calendar
days* count every day; *business (working) days* count Monday to Friday only (numpy's
`busday_count`, no public holidays), so an order placed on a Friday and delivered the next
Monday took 3 calendar days but 1 business day. Rates are fractions (0.9 = 90%).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


class LogisticsError(ValueError):
    """An input to a module 05 computation has no meaning (the message says how to fix it)."""


#: shipping modes, from slowest and cheapest to the overseas warehouse
MODES = ("postal_small_packet", "dedicated_line", "commercial_express", "overseas_warehouse")
MODE_LABELS = {
    "postal_small_packet": "postal small packet (邮政小包)",
    "dedicated_line": "dedicated line (专线)",
    "commercial_express": "commercial express (商业快递)",
    "overseas_warehouse": "overseas warehouse (海外仓)",
}
#: modes that ship each order from China (the warehouse ships from stock in the market)
DIRECT_MODES = MODES[:3]

#: the percentile conventions numpy offers (`numpy.percentile(..., method=...)`); pandas'
#: `quantile` and Excel's PERCENTILE.INC use "linear", Excel's PERCENTILE.EXC "weibull"
PERCENTILE_METHODS = (
    "linear", "lower", "higher", "nearest", "midpoint", "inverted_cdf", "averaged_inverted_cdf",
    "closest_observation", "interpolated_inverted_cdf", "hazen", "weibull", "median_unbiased", "normal_unbiased",
)


def _require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise LogisticsError(f"{what} needs a pandas DataFrame, not {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise LogisticsError(f"{what} needs the column(s) {missing}; the frame has {list(frame.columns)}. Load it with course.data.load('shipments').")


def _dates(values: pd.Series, column: str) -> np.ndarray:
    try:
        return pd.to_datetime(values, format="%Y-%m-%d").to_numpy(dtype="datetime64[D]")
    except (ValueError, TypeError) as exc:
        raise LogisticsError(f"column {column!r} must hold dates written YYYY-MM-DD ({exc})") from None


def calendar_days(start: pd.Series, end: pd.Series) -> pd.Series:
    """Whole calendar days from `start` to `end` (dates as YYYY-MM-DD text or datetimes)."""
    a, b = _dates(pd.Series(start), "start"), _dates(pd.Series(end), "end")
    return pd.Series((b - a).astype(int), index=pd.Series(start).index)


def business_days(start: pd.Series, end: pd.Series) -> pd.Series:
    """Business days (Monday to Friday, no holidays) from `start` to `end`: the weekdays in
    [start, end), as `numpy.busday_count` counts them."""
    a, b = _dates(pd.Series(start), "start"), _dates(pd.Series(end), "end")
    return pd.Series(np.busday_count(a, b), index=pd.Series(start).index)


def with_lead_times(shipments: pd.DataFrame) -> pd.DataFrame:
    """`shipments` with four added columns: `lead_days` (calendar days from order to
    delivery), `lead_business_days`, `transit_days` (calendar days from shipping to
    delivery) and `on_time` (delivered on or before the promised date)."""
    _require_columns(shipments, ["order_date", "ship_date", "delivery_date", "promised_date"], "with_lead_times")
    out = shipments.copy()
    out["lead_days"] = calendar_days(out["order_date"], out["delivery_date"])
    out["lead_business_days"] = business_days(out["order_date"], out["delivery_date"])
    out["transit_days"] = calendar_days(out["ship_date"], out["delivery_date"])
    out["on_time"] = _dates(out["delivery_date"], "delivery_date") <= _dates(out["promised_date"], "promised_date")
    return out


def percentile(values: Sequence[float], q: float, method: str = "linear") -> float:
    """The `q`-th percentile (0-100) of `values` by one of numpy's conventions."""
    if method not in PERCENTILE_METHODS:
        raise LogisticsError(f"unknown percentile method {method!r}; use one of {PERCENTILE_METHODS}")
    if not 0 <= q <= 100:
        raise LogisticsError(f"q = {q} is not a percentile: give a number from 0 to 100 (90 for the 90th percentile)")
    data = np.asarray(pd.Series(values).dropna(), dtype=float)
    if data.size == 0:
        raise LogisticsError("no values to take a percentile of: is the selection empty?")
    return float(np.percentile(data, q, method=method))


def percentile_conventions(values: Sequence[float], q: float) -> dict[str, float]:
    """The `q`-th percentile of `values` under every numpy convention, to show (and grade
    with) their spread."""
    return {m: percentile(values, q, m) for m in PERCENTILE_METHODS}


def lead_time_summary(shipments: pd.DataFrame, by: str | list[str] = "mode", column: str = "lead_days") -> pd.DataFrame:
    """Count, mean, median, 90th percentile (numpy's linear convention) and on-time rate of a
    lead-time column per group."""
    frame = shipments if column in shipments.columns and "on_time" in shipments.columns else with_lead_times(shipments)
    keys = [by] if isinstance(by, str) else list(by)
    _require_columns(frame, keys + [column], "lead_time_summary")
    grouped = frame.groupby(keys, observed=True)
    out = grouped.agg(
        orders=(column, "size"),
        mean=(column, "mean"),
        median=(column, "median"),
        p90=(column, lambda s: percentile(s, 90)),
        on_time_rate=("on_time", "mean"),
    )
    return out.reset_index()


def on_time_rate(shipments: pd.DataFrame, by: str | list[str] | None = None) -> pd.Series | float:
    """Share of orders delivered on or before their promised date (overall, or per group)."""
    frame = shipments if "on_time" in shipments.columns else with_lead_times(shipments)
    if len(frame) == 0:
        raise LogisticsError("no orders selected: an on-time rate of nothing is undefined")
    if by is None:
        return float(frame["on_time"].mean())
    return frame.groupby(by, observed=True)["on_time"].mean()


def share_within(values: Sequence[float], low: float, high: float) -> float:
    """Share of `values` in [low, high] (both ends included)."""
    data = pd.Series(values).dropna()
    if data.empty:
        raise LogisticsError("no values selected")
    return float(((data >= low) & (data <= high)).mean())


def reduction(before: float, after: float) -> float:
    """Relative reduction from `before` to `after` as a fraction: 1 - after / before (72 h to
    8 h is a cut of 0.889)."""
    if not before or not math.isfinite(before) or before <= 0:
        raise LogisticsError(f"the 'before' value must be a positive number, not {before!r}")
    return 1 - after / before


# ---- direct shipping versus an overseas warehouse ---------------------------------------


def break_even_volume(fixed_cost: float, direct_cost: float, warehouse_cost: float) -> float:
    """Orders per period at which an overseas warehouse costs as much as direct shipping.

    Direct shipping costs `direct_cost` per order; the warehouse costs `fixed_cost` per period
    (rent, staff, the stock's financing) plus `warehouse_cost` per order (head-haul share,
    handling and last-mile delivery). Break-even volume = fixed / (direct - warehouse): above
    it the warehouse is cheaper.
    """
    for name, value in (("fixed_cost", fixed_cost), ("direct_cost", direct_cost), ("warehouse_cost", warehouse_cost)):
        if value is None or not math.isfinite(float(value)) or float(value) < 0:
            raise LogisticsError(f"{name} must be a number of at least 0, not {value!r}")
    saving = float(direct_cost) - float(warehouse_cost)
    if saving <= 0:
        raise LogisticsError(
            f"the warehouse's cost per order ({warehouse_cost:g}) is not below direct shipping's ({direct_cost:g}): "
            "the warehouse never pays back its fixed cost, so there is no break-even volume"
        )
    return float(fixed_cost) / saving


@dataclass(frozen=True)
class WarehouseDecision:
    volume: float
    fixed_cost: float
    direct_cost: float
    warehouse_cost: float

    @property
    def direct_total(self) -> float:
        return self.volume * self.direct_cost

    @property
    def warehouse_total(self) -> float:
        return self.fixed_cost + self.volume * self.warehouse_cost

    @property
    def break_even(self) -> float:
        return break_even_volume(self.fixed_cost, self.direct_cost, self.warehouse_cost)

    @property
    def choice(self) -> str:
        return "overseas warehouse" if self.warehouse_total < self.direct_total else "direct shipping"

    def describe(self) -> str:
        return (
            f"{self.volume:,.0f} orders: direct {self.direct_total:,.0f}, warehouse {self.warehouse_total:,.0f} "
            f"-> {self.choice}; break-even at {self.break_even:,.0f} orders"
        )


def warehouse_or_direct(volume: float, fixed_cost: float, direct_cost: float, warehouse_cost: float) -> WarehouseDecision:
    """Total cost of both options at `volume` orders per period and the cheaper one (a tie
    goes to direct shipping, which needs no commitment)."""
    if volume is None or not math.isfinite(float(volume)) or float(volume) < 0:
        raise LogisticsError(f"volume must be a number of orders of at least 0, not {volume!r}")
    decision = WarehouseDecision(float(volume), float(fixed_cost), float(direct_cost), float(warehouse_cost))
    decision.break_even  # validates the costs
    return decision


def cost_lines(fixed_cost: float, direct_cost: float, warehouse_cost: float, max_volume: float, points: int = 41) -> pd.DataFrame:
    """Total cost against volume for both options (long form: volume, option, total_cost)."""
    break_even_volume(fixed_cost, direct_cost, warehouse_cost)
    volumes = np.linspace(0, max_volume, points)
    return pd.concat(
        [
            pd.DataFrame({"volume": volumes, "option": "direct shipping", "total_cost": volumes * direct_cost}),
            pd.DataFrame({"volume": volumes, "option": "overseas warehouse", "total_cost": fixed_cost + volumes * warehouse_cost}),
        ],
        ignore_index=True,
    )
