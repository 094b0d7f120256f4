"""Synthetic `service_cases`: one cross-border shop's 2024 after-sales cases in four markets.

Until June the shop answered every buyer from China; from 1 July 2024 it ran a 24-hour local
service team in the United Kingdom and Germany, and kept the remote team for the United States
and France. Each case has the reason, the hours to the first answer, how it was resolved, the
buyer's rating and whether the buyer ordered again within 90 days.

Calibration: the remote team's first answer takes a day or two, as Tian (2022, section 6.3)
describes cross-border customer service ("今天提出的问题只能在明天和后天解决", a question
raised today is only solved tomorrow or the day after). The effects of the local team on ratings
and repeat orders are the course's assumptions (no paper gives a number; Tian, section 6.4,
says only that poor after-sales service greatly lowers stickiness). All randomness comes from
`numpy.random.default_rng(SEED)`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

SEED = 20240909
N = 2400

MARKETS = {"US": 0.34, "GB": 0.24, "DE": 0.22, "FR": 0.20}
LOCAL_TEAM_MARKETS = ("GB", "DE")
LOCAL_TEAM_START = "2024-07-01"
REASONS = {"size_or_fit": 0.34, "damaged": 0.14, "late_or_lost": 0.26, "not_as_described": 0.16, "other": 0.10}
RESOLUTIONS = ("refund_with_return", "returnless_refund", "replacement", "explanation_only")
#: first-response hours: lognormal median and sigma (remote: Tian's "tomorrow or the day after")
RESPONSE = {"remote": (30.0, 0.45), "local_24h": (1.8, 0.7)}
#: rating: a latent score rounded and clipped to 1-5 stars (assumptions)
RATING_BASE = 3.1
RATING_MARKET = {"US": 0.0, "GB": 0.35, "DE": 0.25, "FR": -0.1}
RATING_SECOND_HALF = -0.25  # the peak season's congestion, in every market
RATING_LOCAL_TEAM = 0.55
RATING_NOISE = 0.9
#: repeat order within 90 days: probability (assumptions)
REPEAT_BASE = 0.24
REPEAT_MARKET = {"US": 0.0, "GB": 0.05, "DE": 0.04, "FR": -0.02}
REPEAT_SECOND_HALF = -0.04
REPEAT_LOCAL_TEAM = 0.09


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    day = np.sort(rng.integers(0, 366, N))
    opened = pd.Timestamp("2024-01-01") + pd.to_timedelta(day, unit="D")
    market = rng.choice(list(MARKETS), size=N, p=list(MARKETS.values()))
    second_half = opened >= pd.Timestamp(LOCAL_TEAM_START)
    local = second_half & np.isin(market, LOCAL_TEAM_MARKETS)
    team = np.where(local, "local_24h", "remote")
    reason = rng.choice(list(REASONS), size=N, p=list(REASONS.values()))

    response = np.array([rng.lognormal(np.log(RESPONSE[t][0]), RESPONSE[t][1]) for t in team]).round(1)
    resolution = np.where(
        reason == "size_or_fit", rng.choice(RESOLUTIONS, size=N, p=(0.55, 0.15, 0.25, 0.05)),
        np.where(reason == "late_or_lost", rng.choice(RESOLUTIONS, size=N, p=(0.05, 0.45, 0.20, 0.30)),
                 rng.choice(RESOLUTIONS, size=N, p=(0.35, 0.30, 0.25, 0.10))))

    market_rating = np.array([RATING_MARKET[m] for m in market])
    latent = RATING_BASE + market_rating + RATING_SECOND_HALF * second_half + RATING_LOCAL_TEAM * local
    rating = np.clip(np.rint(latent + rng.normal(0, RATING_NOISE, N)), 1, 5).astype(int)

    p_repeat = REPEAT_BASE + np.array([REPEAT_MARKET[m] for m in market]) + REPEAT_SECOND_HALF * second_half + REPEAT_LOCAL_TEAM * local
    repeat = rng.random(N) < p_repeat

    return pd.DataFrame({
        "case_id": [f"C{i:05d}" for i in range(1, N + 1)],
        "opened_date": opened.strftime("%Y-%m-%d"),
        "market": market,
        "team": team,
        "reason": reason,
        "first_response_hours": response,
        "resolution": resolution,
        "rating": rating,
        "repeat_90d": repeat,
    })
