"""Synthetic `live_sessions`: one cross-border seller's live-stream sessions in 2025.

Each row is one live stream (直播) on a TikTok-like platform in one target market, hosted by a
top influencer (KOL), a mid-tier creator (KOC) or the brand's own account (brand
self-broadcast, 品牌自播), with its funnel: viewers, comments, product clicks, orders and GMV
in US dollars. The figures the papers give calibrate the columns they speak to; everything
else is the course's assumption. See `datasets/live_sessions.md` for the calibration table.

All randomness comes from `numpy.random.default_rng(SEED)`.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

SEED = 20250202
YEAR = 2025

#: Yang and Luo (2025): the KOL-KOC tiered approach "使商品转化率提升23%" (stat_id
#: kol_koc_conversion_uplift_yang). The course reads it as a relative uplift of KOC over KOL
#: conversion (see the datasheet); KOL and KOC share one click-through rate, so the uplift
#: holds both for orders per viewer and for orders per product click.
KOC_UPLIFT = 0.23
#: Tian (2022): "20~29岁的消费者占直播总人群的49%" (stat_id live_audience_share_age_20_29_tian)
SHARE_AGED_20_29 = 0.49

HOST_TYPES = ("KOL", "KOC", "brand")
#: pooled click-through rate (product clicks / viewers) per host type (assumption)
CLICK_THROUGH = {"KOL": 0.15, "KOC": 0.15, "brand": 0.12}
#: pooled click-to-order conversion (orders / product clicks) per host type; KOC = KOL x 1.23
CLICK_CONVERSION = {"KOL": 0.12, "KOC": 0.12 * (1 + KOC_UPLIFT), "brand": 0.10}
#: median viewers of a two-hour prime-time session in a market of scale 1 (assumption)
BASE_VIEWERS = {"KOL": 6000, "KOC": 1800, "brand": 1200}
#: comments per viewer (assumption: KOCs talk with their audience most, brand accounts least)
COMMENT_RATE = {"KOL": 0.25, "KOC": 0.45, "brand": 0.15}

#: market -> (sessions in the year, audience scale, average order value in USD, share of
#: sessions by host type KOL/KOC/brand, number of hosts by type). Assumptions of the course.
MARKETS = {
    "US": (130, 1.00, 42.0, (0.25, 0.45, 0.30), (3, 6, 1)),
    "GB": (80, 0.70, 38.0, (0.25, 0.45, 0.30), (2, 4, 1)),
    "ID": (140, 1.30, 14.0, (0.25, 0.45, 0.30), (3, 6, 1)),
    "TH": (90, 0.90, 16.0, (0.25, 0.45, 0.30), (2, 5, 1)),
    "MY": (70, 0.60, 18.0, (0.25, 0.45, 0.30), (2, 4, 1)),
    "SA": (36, 0.35, 35.0, (0.30, 0.45, 0.25), (1, 3, 1)),
}
#: the local evening prime time the seller aims at: sessions starting 19:00 to 21:00
PRIME_STARTS = (time(19, 0), time(19, 30), time(20, 0), time(20, 30), time(21, 0))
#: daytime starts (10:00 to 17:30) of the sessions scheduled for the team's convenience
DAY_STARTS = tuple(time(h, m) for h in range(10, 18) for m in (0, 30))
PRIME_SHARE = 0.7
#: audience of a daytime session relative to a prime-time one (assumption)
DAYTIME_AUDIENCE = 0.6
DURATIONS = (60, 90, 120, 180, 240)
DURATION_P = (0.15, 0.25, 0.30, 0.20, 0.10)
#: spread of host effects and of session effects (log scale)
HOST_AUDIENCE_SD, HOST_CONVERSION_SD, SESSION_VIEWERS_SD, SESSION_ENGAGEMENT_SD = 0.35, 0.10, 0.30, 0.15
#: order values: each order is Gamma with shape 4 (coefficient of variation 0.5) around the
#: session's average order value, which varies by 15% around the market's
ORDER_SHAPE, SESSION_AOV_SD = 4.0, 0.15

COUNTRIES = Path(__file__).resolve().parents[1] / "countries.csv"


def _zones() -> dict[str, ZoneInfo]:
    countries = pd.read_csv(COUNTRIES, dtype=str, keep_default_na=False).set_index("iso2")
    return {m: ZoneInfo(countries.loc[m, "timezone"]) for m in MARKETS}


def _hosts(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for market, (_, _, _, _, counts) in MARKETS.items():
        for host_type, n in zip(HOST_TYPES, counts):
            for i in range(1, n + 1):
                rows.append({
                    "host_id": f"{market}-{host_type}-{i}",
                    "market": market,
                    "host_type": host_type,
                    "audience": float(np.exp(rng.normal(0, HOST_AUDIENCE_SD))),
                    "conversion": float(np.exp(rng.normal(0, HOST_CONVERSION_SD))),
                    "talk": float(np.exp(rng.normal(0, 0.2))),
                })
    return pd.DataFrame(rows)


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    zones = _zones()
    hosts = _hosts(rng)
    rows = []
    days = (date(YEAR + 1, 1, 1) - date(YEAR, 1, 1)).days
    for market, (n_sessions, scale, aov, type_p, _) in MARKETS.items():
        types = rng.choice(HOST_TYPES, size=n_sessions, p=type_p)
        for host_type in types:
            candidates = hosts[(hosts.market == market) & (hosts.host_type == host_type)]
            host = candidates.iloc[int(rng.integers(len(candidates)))]
            day = date(YEAR, 1, 1) + timedelta(days=int(rng.integers(days)))
            prime = bool(rng.random() < PRIME_SHARE)
            starts = PRIME_STARTS if prime else DAY_STARTS
            local = datetime.combine(day, starts[int(rng.integers(len(starts)))], tzinfo=zones[market])
            duration = int(rng.choice(DURATIONS, p=DURATION_P))
            engagement = rng.normal(0, SESSION_ENGAGEMENT_SD)
            mean_viewers = (
                BASE_VIEWERS[host_type] * scale * host["audience"] * (duration / 120) ** 0.5
                * (1.0 if prime else DAYTIME_AUDIENCE) * np.exp(rng.normal(0, SESSION_VIEWERS_SD))
            )
            rows.append({
                "market": market,
                "host_id": host["host_id"],
                "host_type": host_type,
                "local": local,
                "duration_min": duration,
                "viewers": max(50, int(round(mean_viewers))),
                "ctr": CLICK_THROUGH[host_type] * np.exp(0.5 * engagement),
                "cvr": CLICK_CONVERSION[host_type] * host["conversion"] * np.exp(0.5 * engagement),
                "comment_rate": COMMENT_RATE[host_type] * host["talk"] * np.exp(engagement),
                "aov": aov * np.exp(rng.normal(0, SESSION_AOV_SD)),
            })
    frame = pd.DataFrame(rows)

    # Rescale the session rates so that, per host type, the viewer-weighted expected
    # click-through and conversion equal their targets: the papers' figures then hold in
    # expectation, and the binomial draws below add only sampling noise.
    for host_type in HOST_TYPES:
        mask = frame["host_type"] == host_type
        v = frame.loc[mask, "viewers"]
        ctr = frame.loc[mask, "ctr"] * CLICK_THROUGH[host_type] / np.average(frame.loc[mask, "ctr"], weights=v)
        target = CLICK_THROUGH[host_type] * CLICK_CONVERSION[host_type]
        cvr = frame.loc[mask, "cvr"] * target / np.average(ctr * frame.loc[mask, "cvr"], weights=v)
        frame.loc[mask, "ctr"], frame.loc[mask, "cvr"] = ctr, cvr

    frame["comments"] = rng.poisson(frame["viewers"] * frame["comment_rate"])
    frame["product_clicks"] = rng.binomial(frame["viewers"], frame["ctr"].clip(upper=0.9))
    frame["orders"] = rng.binomial(frame["product_clicks"], frame["cvr"].clip(upper=0.9))
    gmv = [rng.gamma(ORDER_SHAPE * n, a / ORDER_SHAPE) if n > 0 else 0.0 for n, a in zip(frame["orders"], frame["aov"])]
    frame["gmv_usd"] = np.round(gmv, 2)
    age_share = rng.beta(SHARE_AGED_20_29 * 60, (1 - SHARE_AGED_20_29) * 60, size=len(frame))
    frame["viewers_20_29"] = rng.binomial(frame["viewers"], age_share)

    utc = [t.astimezone(timezone.utc) for t in frame["local"]]
    frame["start_utc"] = [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in utc]
    frame["start_local"] = [t.isoformat() for t in frame["local"]]
    frame = frame.assign(_utc=utc).sort_values(["_utc", "market"], kind="stable").reset_index(drop=True)
    frame["session_id"] = [f"LS{i:04d}" for i in range(1, len(frame) + 1)]
    columns = [
        "session_id", "market", "host_id", "host_type", "start_utc", "start_local", "duration_min",
        "viewers", "viewers_20_29", "comments", "product_clicks", "orders", "gmv_usd",
    ]
    return frame[columns]
