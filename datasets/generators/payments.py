"""Synthetic `payments`: one cross-border shop's 2024 card, PayPal and e-wallet payments.

The shop is in China and is paid in yuan (CNY). Buyers in four markets pay in their own
currency; the platform pays the seller out some days later, at that day's exchange rate, so
every order carries currency risk for as long as the payout takes (Gan 2024, section 4.1.3:
"汇率波动还可能影响跨境电商平台的利润水平"). Some payments come back as chargebacks (the
buyer's bank reverses them), a part of them fraud (Tian 2022, section 6.3: "更容易为不法分子
开启非法资金流通的渠道").

No paper gives a fee, a settlement delay, a volatility or a chargeback rate: every parameter
below is the course's assumption, stated here and in `datasets/payments.md`. All randomness
comes from `numpy.random.default_rng(SEED)`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

SEED = 20240808
N = 4000

#: market -> (share of orders, currency); an assumption
MARKETS = {"US": (0.35, "USD"), "GB": (0.22, "GBP"), "DE": (0.23, "EUR"), "MY": (0.20, "MYR")}
#: payment method mix per market (card, PayPal, local e-wallet such as GrabPay); an assumption
METHOD_MIX = {
    "US": (0.62, 0.35, 0.03),
    "GB": (0.58, 0.40, 0.02),
    "DE": (0.42, 0.55, 0.03),
    "MY": (0.30, 0.12, 0.58),
}
METHODS = ("card", "paypal", "ewallet")
#: CNY per unit of the currency on 2024-01-01 (rounded, of the order of that day's market rates)
#: and annual volatility of a driftless random walk; assumptions, not an official series
FX_START = {"USD": 7.10, "GBP": 9.05, "EUR": 7.85, "MYR": 1.545}
FX_VOL = {"USD": 0.04, "GBP": 0.08, "EUR": 0.07, "MYR": 0.07}
#: median order value in US dollars and lognormal sigma (assumption)
ORDER_USD = (32.0, 0.55)
#: days from order to payout: a fixed hold (delivery plus the platform's holding period) plus a
#: Poisson number of days (assumption)
PAYOUT_DAYS = {"card": (12, 7.0), "paypal": (14, 10.0), "ewallet": (7, 3.0)}
#: probability that a payment comes back as a chargeback, and the share of those that are fraud
CHARGEBACK_P = {"card": 0.011, "paypal": 0.007, "ewallet": 0.004}
FRAUD_SHARE = 0.55
OTHER_REASONS = ("not_received", "not_as_described")


def fx_paths(rng: np.random.Generator, days: pd.DatetimeIndex) -> pd.DataFrame:
    """Daily CNY rates per currency: driftless geometric random walks from FX_START."""
    steps = len(days)
    paths = {}
    for currency, start in FX_START.items():
        sigma = FX_VOL[currency] / np.sqrt(365)
        shocks = rng.normal(-sigma**2 / 2, sigma, steps)
        shocks[0] = 0.0
        paths[currency] = start * np.exp(np.cumsum(shocks))
    return pd.DataFrame(paths, index=days)


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    days = pd.date_range("2024-01-01", "2025-03-31", freq="D")
    fx = fx_paths(rng, days)

    order_day = np.sort(rng.integers(0, 366, N))
    markets = list(MARKETS)
    market = rng.choice(markets, size=N, p=[MARKETS[m][0] for m in markets])
    currency = np.array([MARKETS[m][1] for m in market])
    method = np.array([rng.choice(METHODS, p=METHOD_MIX[m]) for m in market])
    usd = rng.lognormal(np.log(ORDER_USD[0]), ORDER_USD[1], N)

    fx_order = np.array([fx[c].iloc[d] for c, d in zip(currency, order_day)])
    usd_rate = fx["USD"].to_numpy()[order_day]
    amount_local = (usd * usd_rate / fx_order).round(2)

    hold = np.array([PAYOUT_DAYS[m][0] for m in method])
    extra = np.array([rng.poisson(PAYOUT_DAYS[m][1]) for m in method])
    payout_day = order_day + hold + extra
    fx_payout = np.array([fx[c].iloc[d] for c, d in zip(currency, payout_day)])

    chargeback = rng.random(N) < np.array([CHARGEBACK_P[m] for m in method])
    fraud = rng.random(N) < FRAUD_SHARE
    other = rng.choice(OTHER_REASONS, size=N)
    reason = np.where(chargeback, np.where(fraud, "fraud", other), None)

    return pd.DataFrame({
        "payment_id": [f"P{i:05d}" for i in range(1, N + 1)],
        "order_date": days[order_day].strftime("%Y-%m-%d"),
        "payout_date": days[payout_day].strftime("%Y-%m-%d"),
        "market": market,
        "currency": currency,
        "method": method,
        "amount_local": amount_local,
        "fx_order": fx_order.round(4),
        "fx_payout": fx_payout.round(4),
        "chargeback": chargeback,
        "chargeback_reason": reason,
    })
