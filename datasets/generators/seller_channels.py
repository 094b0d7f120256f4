"""Synthetic `seller_channels`: the 2024 revenue of 240 Chinese cross-border sellers on each
platform they sell through (Amazon, TikTok Shop, Shopee, their own independent site).

Liu (2021) reports a wave of Amazon account bans in May 2021 (亚马逊爆发大规模封号潮) after
which sellers spread to other platforms and to independent sites on the model of Shein; Yang
and Luo (2025) write that brands in North America still mostly rely on Amazon links
(大部分仍依赖Amazon等第三方链接交易). Neither gives a number, so the mix below is the course's
assumption, chosen so that Amazon is the largest channel of most sellers and about seven in ten
of them would lose more than half their revenue if Amazon banned them (checked in
`tests/test_sellers.py`; see `datasets/seller_channels.md`).

All randomness comes from `numpy.random.default_rng(SEED)`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

SEED = 20210501
N = 240
PLATFORMS = ("amazon", "tiktok_shop", "shopee", "independent_site")
#: probability that a seller is on each platform (assumption; every seller is on at least one)
PRESENCE = {"amazon": 0.85, "tiktok_shop": 0.55, "shopee": 0.35, "independent_site": 0.40}
#: Dirichlet weight of each platform in a present seller's revenue mix (assumption)
WEIGHT = {"amazon": 3.0, "tiktok_shop": 1.2, "shopee": 0.8, "independent_site": 0.8}
#: a seller's yearly revenue ~ log-normal with this median in USD (assumption)
MEDIAN_REVENUE = 400_000
SIGMA = 0.9


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    rows = []
    for i in range(1, N + 1):
        present = [p for p in PLATFORMS if rng.random() < PRESENCE[p]]
        if not present:
            present = [PLATFORMS[int(rng.integers(len(PLATFORMS)))]]
        mix = rng.dirichlet([WEIGHT[p] for p in present])
        total = MEDIAN_REVENUE * np.exp(SIGMA * rng.standard_normal())
        for platform, share in zip(present, mix):
            rows.append({"seller_id": f"S{i:03d}", "platform": platform, "revenue_usd": round(float(total * share), 2)})
    return pd.DataFrame(rows)
