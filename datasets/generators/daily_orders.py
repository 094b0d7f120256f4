"""Synthetic `daily_orders`: one cross-border shop's daily orders in 2024, with its live streams.

The shop (a Chinese seller of apparel, beauty, electronics and home goods on a TikTok-like
platform) streams every Friday evening and on four shopping festivals. A stream sets off a
pulse of orders (脉冲式订单高峰, the socialised cross-border e-commerce paper, 2025): on a live
day the day's orders are the normal level plus the units of the stream's featured product
plus other orders the stream brings. `featured_units` is the featured product's demand in
the session (units ordered during the stream and the 24 hours after it; the shop takes
back-orders, so demand is observed even when stock runs out).

All randomness comes from `numpy.random.default_rng(SEED)`. Every level and pattern is the
course's assumption (see `datasets/daily_orders.md`): the papers describe the pulse but give
no figure for it.
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

SEED = 20240505
YEAR = 2024
#: normal daily orders (all markets) on an average weekday in spring
BASE_ORDERS = 120
WEEKDAY_FACTOR = {"Mon": 0.95, "Tue": 0.94, "Wed": 0.98, "Thu": 1.0, "Fri": 1.02, "Sat": 1.08, "Sun": 1.03}
#: festival sessions: 618 (June 18), Double 11 (11.11), Black Friday, Cyber Monday
FESTIVALS = {date(2024, 6, 18): "618", date(2024, 11, 11): "Double 11", date(2024, 11, 29): "Black Friday", date(2024, 12, 2): "Cyber Monday"}
#: featured-product demand per session: mean and sd (units)
WEEKLY_DEMAND = (380, 85)
FESTIVAL_DEMAND = (900, 160)
#: other orders a stream brings, per featured unit
OTHER_ORDERS_PER_UNIT = 0.4


def season(day: date) -> float:
    """Yearly pattern: quiet in February, rising through the autumn to the year-end peak."""
    doy = day.timetuple().tm_yday
    return 1.0 + 0.10 * np.sin(2 * np.pi * (doy - 100) / 366) + (0.25 if day.month in (11, 12) else 0.0)


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    rows = []
    day = date(YEAR, 1, 1)
    while day.year == YEAR:
        weekday = day.strftime("%a")
        festival = day in FESTIVALS
        live = festival or weekday == "Fri"
        normal = BASE_ORDERS * WEEKDAY_FACTOR[weekday] * season(day) * rng.lognormal(0, 0.08)
        orders = int(rng.poisson(normal))
        featured = None
        if live:
            mean, sd = FESTIVAL_DEMAND if festival else WEEKLY_DEMAND
            featured = int(max(60, round(rng.normal(mean, sd))))
            orders += featured + int(rng.poisson(OTHER_ORDERS_PER_UNIT * featured))
        rows.append({
            "date": day.isoformat(),
            "weekday": weekday,
            "live_stream": live,
            "session_type": ("festival" if festival else "weekly") if live else None,
            "orders": orders,
            "featured_units": featured,
        })
        day += timedelta(days=1)
    frame = pd.DataFrame(rows)
    frame["featured_units"] = frame["featured_units"].astype("Int64")
    return frame
