"""Synthetic `seller_screening`: 1,500 sellers who joined an imaginary cross-border
live-commerce platform in 2024, the risk score its onboarding check gave each, and whether the
seller broke the platform's rules in its first year (counterfeit or unsafe goods, fake traffic,
fake reviews, misleading streams).

Tian (2022, 6.1 and 6.2) describes the problem without a number: a low entry barrier, small
sellers who break faith, supervision too thin to keep up. No paper gives a violation rate or
a score, so the base rate (11%) and the two score distributions are the course's assumptions,
stated here and in `datasets/seller_screening.md`. Scores are rounded to two decimals, as an
onboarding form shows them, so some sellers sit exactly on a threshold.

All randomness comes from `numpy.random.default_rng(SEED)`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

SEED = 20250619
N = 1500
#: share of new sellers who break the rules in their first year (assumption)
VIOLATION_RATE = 0.11
CATEGORIES = ("apparel", "beauty", "electronics", "home")
CATEGORY_P = (0.35, 0.25, 0.20, 0.20)
#: violation rate multiplier by category (assumption: beauty and electronics carry more counterfeit and safety risk)
CATEGORY_RISK = {"apparel": 0.9, "beauty": 1.3, "electronics": 1.3, "home": 0.6}
#: risk score ~ Beta(a, b): violators score higher on average, with overlap (assumption)
SCORE_VIOLATOR = (4.0, 3.0)
SCORE_HONEST = (2.0, 5.0)


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    category = rng.choice(CATEGORIES, size=N, p=CATEGORY_P)
    weights = np.array([CATEGORY_RISK[c] for c in category])
    # rescale so the expected overall rate is VIOLATION_RATE
    p = VIOLATION_RATE * weights / sum(CATEGORY_RISK[c] * q for c, q in zip(CATEGORIES, CATEGORY_P))
    violated = rng.random(N) < p
    score = np.where(violated, rng.beta(*SCORE_VIOLATOR, size=N), rng.beta(*SCORE_HONEST, size=N))
    return pd.DataFrame({
        "seller_id": [f"N{i:04d}" for i in range(1, N + 1)],
        "category": category,
        "risk_score": np.round(score, 2),
        "violated": violated,
    })
