"""08: staffing live-stream hosts across markets, and what a translation error costs.

Each market's prime time (by default 19:00-22:00 local time, as in module 02) becomes a
window in Beijing time through `course.scheduling`, daylight saving included. A stream needs a
host who speaks the market's language; one host cannot present two streams whose windows
overlap (or come closer than a break). The cheapest feasible roster is found by trying every
assignment: the course's problems are small (a handful of markets and hosts).
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from course.scheduling import PRIME_TIME, prime_time_in_beijing

__all__ = [
    "StaffingError", "Roster", "prime_time_slots", "overlapping_pairs", "cheapest_roster",
    "error_cost", "interpreter_break_even",
]


class StaffingError(ValueError):
    """A market no host can cover, or inputs out of range."""


def prime_time_slots(markets: Iterable[str], on, start=PRIME_TIME[0], end=PRIME_TIME[1], *, countries: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per market: its prime-time window in Beijing time on local date `on`
    (columns market, beijing_start, beijing_end as timezone-aware datetimes, hours)."""
    rows = []
    for market in markets:
        w = prime_time_in_beijing(market, on, start, end, countries=countries)
        rows.append({"market": market, "beijing_start": w.beijing_start, "beijing_end": w.beijing_end, "hours": w.duration_hours})
    return pd.DataFrame(rows)


def _clash(a: pd.Series, b: pd.Series, gap_hours: float) -> bool:
    gap = pd.Timedelta(hours=gap_hours)
    return a["beijing_start"] < b["beijing_end"] + gap and b["beijing_start"] < a["beijing_end"] + gap


def overlapping_pairs(slots: pd.DataFrame, gap_hours: float = 0.0) -> list[tuple[str, str]]:
    """The pairs of markets whose windows one host cannot both present: they overlap, or
    leave less than `gap_hours` between them. Each pair in alphabetical order."""
    rows = [r for _, r in slots.iterrows()]
    return sorted(tuple(sorted((a["market"], b["market"]))) for a, b in itertools.combinations(rows, 2) if _clash(a, b, gap_hours))


@dataclass(frozen=True)
class Roster:
    """Who presents which market's stream, and what the night costs."""

    assignment: dict[str, str]   # market -> host
    cost: float
    feasible_rosters: int        # how many rosters meet the rules

    def hosts_used(self) -> int:
        return len(set(self.assignment.values()))

    def text(self) -> str:
        lines = ", ".join(f"{m}: {h}" for m, h in self.assignment.items())
        return f"{lines}; cost {self.cost:,.0f} for {self.hosts_used()} hosts ({self.feasible_rosters} {'roster meets' if self.feasible_rosters == 1 else 'rosters meet'} the rules)"


def cheapest_roster(slots: pd.DataFrame, needs: Mapping[str, str], hosts: Mapping[str, Mapping], gap_hours: float = 0.0) -> Roster:
    """The cheapest roster: each market of `slots` gets one host who speaks `needs[market]`;
    no host presents two clashing windows. `hosts` maps a name to
    {"languages": [...], "hourly_cost": number}; a stream costs hourly_cost x its hours.
    Ties go to the first roster in the order of `hosts`."""
    markets = list(slots["market"])
    by_market = slots.set_index("market")
    candidates = []
    for m in markets:
        if m not in needs:
            raise StaffingError(f"no language given for {m}")
        speakers = [h for h, info in hosts.items() if needs[m] in info["languages"]]
        if not speakers:
            raise StaffingError(f"no host speaks {needs[m]}, the language of {m}")
        candidates.append(speakers)
    clashes = set(overlapping_pairs(slots, gap_hours))
    best, best_cost, feasible = None, float("inf"), 0
    for choice in itertools.product(*candidates):
        ok = all(
            choice[i] != choice[j] or tuple(sorted((markets[i], markets[j]))) not in clashes
            for i, j in itertools.combinations(range(len(markets)), 2)
        )
        if not ok:
            continue
        feasible += 1
        cost = sum(float(hosts[h]["hourly_cost"]) * by_market.loc[m, "hours"] for m, h in zip(markets, choice))
        if cost < best_cost - 1e-9:
            best, best_cost = choice, cost
    if best is None:
        raise StaffingError("no roster covers every market without a host presenting two clashing streams")
    return Roster(dict(zip(markets, best)), best_cost, feasible)


def error_cost(orders: float, error_rate: float, cost_per_error: float) -> float:
    """Expected cost of translation errors: orders x the share of orders an error affects x
    what each such order costs (a return, a refund, a complaint handled)."""
    if not 0 <= error_rate <= 1:
        raise StaffingError("an error rate is a share between 0 and 1")
    return orders * error_rate * cost_per_error


def interpreter_break_even(fixed_cost: float, machine_error_rate: float, human_error_rate: float, cost_per_error: float) -> float:
    """The volume of orders above which a human interpreter (a fixed cost per period) costs
    less than the errors of machine translation that it avoids."""
    saved = (machine_error_rate - human_error_rate) * cost_per_error
    if saved <= 0:
        raise StaffingError("the interpreter must make fewer errors than the machine to pay for itself")
    return fixed_cost / saved
