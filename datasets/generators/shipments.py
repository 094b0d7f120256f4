"""Synthetic `shipments`: a sample of one cross-border shop's 2024 orders, from order to door.

Each row is one order of the shop whose daily orders are in `daily_orders` (order dates are
drawn in proportion to that series, so live-stream days, with their pulse of orders, are
over-represented as they should be). It is shipped to one of seven markets by one of four
modes: a postal small packet (邮政小包), a dedicated line (专线), commercial express (商业快递),
all three from China, or from stock in an overseas warehouse (海外仓, in the US, the UK and
Germany only). The columns the papers speak to are calibrated to their figures (the
calibration table is in `datasets/shipments.md`); everything else is the course's assumption.

Duty and VAT follow the course's simplified `import_rules` (as of 2024-12-31) with an assumed
duty rate per product category (not a tariff schedule) and assumed exchange rates.

All randomness comes from `numpy.random.default_rng(SEED)`.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd

from course.data import load
from course.landed_cost import landed_cost_for

SEED = 20240707
N = 3000

MODES = ("postal_small_packet", "dedicated_line", "commercial_express", "overseas_warehouse")
#: destination shares of the shop's orders (assumption)
DESTINATIONS = {"US": 0.30, "GB": 0.15, "DE": 0.14, "FR": 0.12, "ES": 0.08, "IT": 0.08, "AU": 0.13}
#: markets where the shop keeps stock in an overseas warehouse
WAREHOUSE_MARKETS = ("US", "GB", "DE")
MODE_MIX = {
    "warehouse market": (0.20, 0.25, 0.10, 0.45),
    "other": (0.40, 0.42, 0.18, 0.0),
}
CATEGORIES = ("apparel", "beauty", "electronics", "home")
CATEGORY_P = (0.35, 0.25, 0.20, 0.20)
#: goods value in USD: lognormal median and sigma per category (assumption)
VALUE = {"apparel": (28, 0.6), "beauty": (22, 0.5), "electronics": (45, 0.8), "home": (30, 0.6)}
#: parcel weight in kg: lognormal median and sigma per category (assumption)
WEIGHT = {"apparel": (0.4, 0.4), "beauty": (0.3, 0.4), "electronics": (0.6, 0.5), "home": (1.1, 0.5)}
#: illustrative ad valorem duty rate per category, percent (assumption, not a tariff schedule)
DUTY_RATE_PCT = {"apparel": 12.0, "beauty": 4.0, "electronics": 2.0, "home": 5.0}
#: freight rate cards, USD: fixed + per kg (assumption); the warehouse's is local last-mile delivery
RATE_CARD = {
    "postal_small_packet": (1.5, 10.0),
    "dedicated_line": (2.5, 11.0),
    "commercial_express": (10.0, 18.0),
    "overseas_warehouse": (4.8, 1.0),
}
#: Yang and Luo (2025): crowd-sourced capacity in the peak season with route optimisation
#: "将单均配送成本降低 19%" (stat_id crowdsourced_delivery_cost_cut_yang)
CROWD_COST_CUT = 0.19
CROWD_SHARE_IN_PEAK = 0.5
PEAK_START = "2024-11-01"
#: customs clearance, hours: mean of a lognormal with sigma 0.5 per lane. Yang and Luo (2025):
#: "使跨境电子清关时间从 72 小时缩短至 8 小时" (customs_clearance_before_yang, _after_yang)
CUSTOMS_MEAN_HOURS = {"standard": 72.0, "blockchain_pilot": 8.0, "express_broker": 10.0}
CUSTOMS_SIGMA = 0.5
#: the blockchain traceability pilot: dedicated-line parcels to the EU from this date
PILOT_START = "2024-07-01"
PILOT_MARKETS = ("DE", "FR", "ES", "IT")
#: transit in calendar days outside customs: lognormal median and sigma per direct mode.
#: Postal: Tian (2022) "货物是在20天或30天内收到的" (postal_delivery_days_min_tian, _max_tian);
#: express: Yang and Luo (2025) "物流时效缩短至5.7天" (logistics_time_yang) calibrates its mean lead time
TRANSIT = {"postal_small_packet": (19.0, 0.22), "dedicated_line": (6.5, 0.25), "commercial_express": (2.75, 0.3)}
#: Yang and Luo (2025): "跨境订单履约周期压缩至3-5个工作日" (tiktok_fulfilment_days_min_yang,
#: _max_yang): business days from order to delivery from the overseas warehouse
WAREHOUSE_BUSINESS_DAYS = {2: 0.06, 3: 0.30, 4: 0.36, 5: 0.22, 6: 0.06}
#: promised delivery: calendar days after the order (direct) or business days (warehouse)
PROMISE_DAYS = {"postal_small_packet": 30, "dedicated_line": 14, "commercial_express": 7, "overseas_warehouse": 5}
#: return probability per category, plus this much when the parcel came late (assumption)
RETURN_P = {"apparel": 0.14, "beauty": 0.03, "electronics": 0.07, "home": 0.05}
RETURN_LATE_EXTRA = 0.08
#: assumed exchange rates, local currency per US dollar (rounded teaching rates)
FX = {"USD": 1.0, "GBP": 0.78, "EUR": 0.92, "AUD": 1.52}


def _daily_orders() -> pd.DataFrame:
    path = Path(__file__).resolve().parent / "daily_orders.py"
    spec = importlib.util.spec_from_file_location("_generator_daily_orders_for_shipments", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate()


def _lognormal_with_mean(rng: np.random.Generator, mean: float, sigma: float, size: int) -> np.ndarray:
    return rng.lognormal(np.log(mean) - sigma**2 / 2, sigma, size)


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    daily = _daily_orders()
    rules = load("import_rules")

    days = rng.choice(len(daily), size=N, p=(daily["orders"] / daily["orders"].sum()).to_numpy())
    days.sort()
    order = daily["date"].to_numpy()[days].astype("datetime64[D]")
    live = daily["live_stream"].to_numpy()[days].astype(bool)

    destination = rng.choice(list(DESTINATIONS), size=N, p=list(DESTINATIONS.values()))
    mode = np.array([
        rng.choice(MODES, p=MODE_MIX["warehouse market" if d in WAREHOUSE_MARKETS else "other"]) for d in destination
    ])
    category = rng.choice(CATEGORIES, size=N, p=CATEGORY_P)
    goods = np.array([rng.lognormal(np.log(VALUE[c][0]), VALUE[c][1]) for c in category]).round(2)
    weight = np.maximum(0.05, np.array([rng.lognormal(np.log(WEIGHT[c][0]), WEIGHT[c][1]) for c in category])).round(2)

    # freight: rate card with noise; crowd-sourced last mile in the peak season
    fixed = np.array([RATE_CARD[m][0] for m in mode])
    per_kg = np.array([RATE_CARD[m][1] for m in mode])
    freight = (fixed + per_kg * weight) * rng.lognormal(0, 0.06, N)
    peak = order >= np.datetime64(PEAK_START)
    crowd = (mode == "overseas_warehouse") & peak & (rng.random(N) < CROWD_SHARE_IN_PEAK)
    freight = np.where(crowd, freight * (1 - CROWD_COST_CUT), freight).round(2)

    # customs lanes and hours
    direct = mode != "overseas_warehouse"
    pilot = (mode == "dedicated_line") & np.isin(destination, PILOT_MARKETS) & (order >= np.datetime64(PILOT_START))
    lane = np.where(~direct, "bulk_import", np.where(mode == "commercial_express", "express_broker", np.where(pilot, "blockchain_pilot", "standard")))
    hours = np.full(N, np.nan)
    for name, mean in CUSTOMS_MEAN_HOURS.items():
        mask = lane == name
        hours[mask] = _lognormal_with_mean(rng, mean, CUSTOMS_SIGMA, int(mask.sum()))
    hours = hours.round(1)

    # dates: direct parcels are picked in China (slower on a live day: sorting congestion),
    # then travel and clear customs; warehouse orders count business days
    processing = 1 + rng.poisson(0.6, N) + np.where(live, rng.poisson(1.5, N), 0)
    transit = np.zeros(N)
    for m, (median, sigma) in TRANSIT.items():
        mask = mode == m
        transit[mask] = rng.lognormal(np.log(median), sigma, int(mask.sum()))
    ship = order + processing.astype("timedelta64[D]")
    delivery = ship + np.rint(transit + np.nan_to_num(hours) / 24).astype(int).astype("timedelta64[D]")
    promise_days = np.array([PROMISE_DAYS[m] for m in mode])
    promised = order + promise_days.astype("timedelta64[D]")

    wh = ~direct
    k = rng.choice(list(WAREHOUSE_BUSINESS_DAYS), size=N, p=list(WAREHOUSE_BUSINESS_DAYS.values()))
    k = k + np.where(live & (rng.random(N) < 0.35), 1, 0)
    ship = np.where(wh, np.busday_offset(order, 1, roll="forward"), ship)
    delivery = np.where(wh, np.busday_offset(order, k, roll="forward"), delivery)
    promised = np.where(wh, np.busday_offset(order, PROMISE_DAYS["overseas_warehouse"], roll="forward"), promised)

    # duty and VAT (simplified rules); warehouse stock was imported in bulk: duty on the goods
    # without low-value relief, VAT on the local sale (goods + delivery + duty)
    duty_rate = np.array([DUTY_RATE_PCT[c] for c in category])
    duty_usd, vat_usd = np.zeros(N), np.zeros(N)
    currencies = dict(zip(rules["iso2"], rules["threshold_currency"]))
    for i in range(N):
        fx = FX[currencies[destination[i]]]
        if wh[i]:
            duty_part = landed_cost_for(rules, destination[i], goods[i], 0.0, duty_rate=duty_rate[i] / 100, fx=fx, low_value_relief=False)
            duty_local = duty_part.duty
            vat_local = duty_part.vat_rate * (goods[i] * fx + freight[i] * fx + duty_local)
        else:
            cost = landed_cost_for(rules, destination[i], goods[i], freight[i], duty_rate=duty_rate[i] / 100, fx=fx)
            duty_local, vat_local = cost.duty, cost.vat
        duty_usd[i], vat_usd[i] = duty_local / fx, vat_local / fx

    late = delivery > promised
    returned = rng.random(N) < np.array([RETURN_P[c] for c in category]) + np.where(late, RETURN_LATE_EXTRA, 0)

    frame = pd.DataFrame({
        "shipment_id": [f"S{i + 1:05d}" for i in range(N)],
        "order_date": order.astype(str),
        "ship_date": ship.astype("datetime64[D]").astype(str),
        "delivery_date": delivery.astype("datetime64[D]").astype(str),
        "promised_date": promised.astype("datetime64[D]").astype(str),
        "destination": destination,
        "mode": mode,
        "live_day": live,
        "category": category,
        "weight_kg": weight,
        "goods_value_usd": goods,
        "freight_usd": freight,
        "last_mile": np.where(crowd, "crowdsourced", "carrier"),
        "clearance_lane": lane,
        "customs_hours": hours,
        "duty_rate_pct": duty_rate,
        "duty_usd": duty_usd.round(2),
        "vat_usd": vat_usd.round(2),
        "returned": returned,
    })
    return frame
