"""Synthetic `live_daily_users`: a month's activity log of a sample of users of a short-video
app with live shopping, in four markets.

One row per user and day on which the user opened the app's live-shopping feed (local
calendar dates in June 2025). Each user has a daily activity probability drawn from a Beta
distribution whose mean is set per market, so that the pooled DAU/MAU of the sample is close
to the 0.42 Yang and Luo (2025) report for TikTok (stat_id tiktok_dau_mau_yang), with
markets on both sides of their industry average of 0.35 (competitor_dau_mau_yang). See
`datasets/live_daily_users.md`.

All randomness comes from `numpy.random.default_rng(SEED)`.
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

SEED = 20250203
START, DAYS = date(2025, 6, 1), 30

#: market -> (users in the sample, mean daily activity probability); the means were tuned by
#: hand so that the markets' DAU/MAU come out near 0.40 (US), 0.33 (GB), 0.47 (ID) and 0.44
#: (TH), and the pooled figure near 0.42
MARKETS = {
    "US": (260, 0.358),
    "GB": (160, 0.311),
    "ID": (320, 0.451),
    "TH": (220, 0.437),
}
#: Beta concentration: small values give many occasional users and some daily ones
CONCENTRATION = 2.5
#: users are a little more active on Saturdays and Sundays
WEEKEND_FACTOR = 1.15


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    days = [START + timedelta(days=d) for d in range(DAYS)]
    weekday_factor = np.array([WEEKEND_FACTOR if d.weekday() >= 5 else 1.0 for d in days])
    rows = []
    for market, (n_users, mean) in MARKETS.items():
        q = rng.beta(mean * CONCENTRATION, (1 - mean) * CONCENTRATION, size=n_users)
        active = rng.random((n_users, DAYS)) < np.minimum(q[:, None] * weekday_factor[None, :], 0.98)
        for user in range(n_users):
            for d in np.flatnonzero(active[user]):
                rows.append((market, days[d].isoformat(), f"{market}{user + 1:04d}"))
    frame = pd.DataFrame(rows, columns=["market", "date", "user_id"])
    return frame.sort_values(["market", "date", "user_id"], kind="stable").reset_index(drop=True)
