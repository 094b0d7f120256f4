"""Synthetic `customers`: a cross-border live-stream shop's customer table with fake personal data.

No real person is represented: names are drawn from a small built-in list of common first
names and surnames, e-mail addresses use only the domains reserved for examples by RFC 2606
(example.com, example.org, example.net), and birth dates, postcodes, consent flags and
purchases are random draws. See `datasets/customers.md` for the calibration to the papers.
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from course.privacy import required_store

SEED = 20250606
N = 600
#: the date the table describes; ages are counted to it
AS_OF = date(2025, 1, 1)

#: share of customers under 35: Yang and Luo (2025), QuestMobile, "35岁以下用户占比高达48%"
#: (stat_id tiktok_users_under_35_share_yang)
UNDER_35_SHARE = 0.48
#: mean daily minutes on the app: Yang and Luo (2025), "用户日均使用时长同比增长6.3%至115.2分钟"
#: (stat_id tiktok_daily_minutes_yang)
DAILY_MINUTES_MEAN = 115.2
#: "女性用户略多于男性用户" (slightly more women than men; Yang and Luo 2025, no figure given)
FEMALE_SHARE = 0.53

#: where the shop's customers live (the course's 21 markets); the course's assumption
COUNTRY_WEIGHTS = {
    "US": 14, "GB": 8, "DE": 7, "FR": 6, "ES": 5, "IT": 5, "IE": 2, "AU": 4, "SA": 3, "AE": 3,
    "ID": 8, "MY": 4, "PH": 4, "TH": 5, "VN": 4, "SG": 2, "JP": 4, "KR": 3, "MX": 4, "BR": 5, "CN": 6,
}

FIRST_NAMES = (
    "Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gita", "Hana", "Ivan", "Jun", "Kofi", "Lena",
    "Mei", "Nour", "Omar", "Pia", "Quan", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wei", "Yara",
)
SURNAMES = (
    "Abbott", "Bauer", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hoang", "Ito", "Jensen",
    "Kim", "Lopez", "Martin", "Nguyen", "Okafor", "Park", "Rossi", "Santos", "Tanaka", "Weber",
)
DOMAINS = ("example.com", "example.org", "example.net")

CATEGORIES = ("beauty", "fashion", "electronics", "home", "toys", "health", "food")
#: top-category probabilities by gender (the course's assumption)
CATEGORY_P = {
    "female": (0.28, 0.25, 0.08, 0.12, 0.08, 0.11, 0.08),
    "male": (0.08, 0.17, 0.32, 0.14, 0.10, 0.09, 0.10),
}

EU = ("DE", "FR", "ES", "IT", "IE")
#: consent rates (True, False, missing = never asked) by whether the market is in the EU
CONSENT_P = {
    "consent_marketing": {True: (0.38, 0.60, 0.02), False: (0.58, 0.36, 0.06)},
    "consent_personalisation": {True: (0.55, 0.43, 0.02), False: (0.68, 0.26, 0.06)},
    "consent_analytics": {True: (0.66, 0.32, 0.02), False: (0.76, 0.18, 0.06)},
}
#: how much likelier live-stream buying is by region (logit shift): the course's assumption,
#: so that the per-country partitions of module 06's federated learning are not identical
REGION_SHIFT = {"Asia": 0.5, "Europe": -0.5, "Americas": 0.0, "Oceania": -0.2}
REGIONS = {
    "US": "Americas", "MX": "Americas", "BR": "Americas", "GB": "Europe", "DE": "Europe", "FR": "Europe",
    "ES": "Europe", "IT": "Europe", "IE": "Europe", "AU": "Oceania",
}
#: share of records kept in another store than the residency policy requires
MISPLACED_P = {"eu": 0.08, "cn": 0.10, "global": 0.04}


def _birth_dates(rng: np.random.Generator) -> list[str]:
    n_young = round(UNDER_35_SHARE * N)
    young = rng.uniform(18.0, 34.9, size=n_young)
    # older customers: 35 to 75, fewer at higher ages
    old = 35.0 + 40.0 * rng.beta(1.3, 2.6, size=N - n_young)
    ages = rng.permutation(np.concatenate([young, old]))
    return [(AS_OF - timedelta(days=int(round(a * 365.25)))).isoformat() for a in ages]


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    codes = list(COUNTRY_WEIGHTS)
    weights = np.array([COUNTRY_WEIGHTS[c] for c in codes], dtype=float)
    country = rng.choice(codes, size=N, p=weights / weights.sum())

    first = rng.choice(FIRST_NAMES, size=N)
    last = rng.choice(SURNAMES, size=N)
    domain = rng.choice(DOMAINS, size=N)
    ids = [f"C{i:04d}" for i in range(1, N + 1)]
    names = [f"{f} {s}" for f, s in zip(first, last)]
    emails = [f"{f.lower()}.{s.lower()}.{i[1:]}@{d}" for f, s, i, d in zip(first, last, ids, domain)]

    birth = _birth_dates(rng)
    gender = np.where(rng.random(N) < FEMALE_SHARE, "female", "male")

    # postcodes: five digits; each market has three districts (two-digit prefixes) of
    # unequal size, so that coarser prefixes merge customers into larger groups
    prefixes = {c: rng.choice(100, size=3, replace=False) for c in codes}
    district = rng.choice(3, size=N, p=[0.5, 0.3, 0.2])
    postcode = [f"{prefixes[c][d]:02d}{rng.integers(0, 1000):03d}" for c, d in zip(country, district)]

    in_eu = np.isin(country, EU)
    consents = {}
    for column, probs in CONSENT_P.items():
        values = []
        for eu in in_eu:
            p = probs[bool(eu)]
            values.append(("true", "false", "")[rng.choice(3, p=p)])
        consents[column] = values

    ages = np.array([(AS_OF - date.fromisoformat(b)).days / 365.25 for b in birth])
    raw_minutes = rng.gamma(4.0, 1.0, size=N) * np.exp(-0.012 * (ages - 40))
    minutes = np.round(raw_minutes * DAILY_MINUTES_MEAN / raw_minutes.mean(), 1)

    orders = rng.poisson(0.6 + minutes / 45.0)
    basket = rng.lognormal(np.log(32.0), 0.45, size=N)
    spend = np.round(orders * basket, 2)

    top = [CATEGORIES[rng.choice(len(CATEGORIES), p=CATEGORY_P[g])] for g in gender]

    shift = np.array([REGION_SHIFT[REGIONS.get(c, "Asia")] for c in country])
    logit = -0.4 + 1.1 * (minutes - 120) / 60 + 0.5 * (orders - 3) / 3 + shift
    bought = rng.random(N) < 1 / (1 + np.exp(-logit))

    store = []
    for c in country:
        required = required_store(str(c))
        if rng.random() < MISPLACED_P[required]:
            required = str(rng.choice([s for s in ("eu", "cn", "global") if s != required]))
        store.append(required)

    return pd.DataFrame({
        "customer_id": ids,
        "name": names,
        "email": emails,
        "birth_date": birth,
        "gender": gender,
        "postcode": postcode,
        "country": country,
        **consents,
        "daily_minutes": minutes,
        "orders_12m": orders,
        "spend_usd_12m": spend,
        "top_category": top,
        "bought_in_live": np.where(bought, "true", "false"),
        "store": store,
    })
