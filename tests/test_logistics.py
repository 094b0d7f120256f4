"""Module 05: lead times, landed cost, the warehouse break-even, the newsvendor, forecasts,
the widgets, the import rules and the calibration of the synthetic data to the papers."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import math  # noqa: E402
from statistics import NormalDist  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from course import demand_forecast as fc  # noqa: E402
from course import inventory as inv  # noqa: E402
from course import landed_cost as lc  # noqa: E402
from course import logistics as lg  # noqa: E402
from course.data import load, stat_value  # noqa: E402


@pytest.fixture(scope="module")
def shipments():
    return lg.with_lead_times(load("shipments"))


@pytest.fixture(scope="module")
def daily():
    return load("daily_orders")


@pytest.fixture(scope="module")
def rules():
    return load("import_rules")


# ---- lead times and on-time rates -------------------------------------------------------

def test_calendar_and_business_days_worked_by_hand():
    # Friday 2024-03-01 to Monday 2024-03-04: 3 calendar days, 1 business day (the Friday)
    start, end = pd.Series(["2024-03-01", "2024-03-01"]), pd.Series(["2024-03-04", "2024-03-08"])
    assert lg.calendar_days(start, end).tolist() == [3, 7]
    assert lg.business_days(start, end).tolist() == [1, 5]
    with pytest.raises(lg.LogisticsError, match="YYYY-MM-DD"):
        lg.calendar_days(pd.Series(["1 March"]), pd.Series(["2024-03-04"]))


def test_with_lead_times_and_on_time(shipments):
    row = shipments.iloc[0]
    assert row["lead_days"] == (pd.Timestamp(row["delivery_date"]) - pd.Timestamp(row["order_date"])).days
    late = pd.to_datetime(shipments["delivery_date"]) > pd.to_datetime(shipments["promised_date"])
    assert (shipments["on_time"] == ~late).all()
    with pytest.raises(lg.LogisticsError, match="needs the column"):
        lg.with_lead_times(shipments.drop(columns=["promised_date"]))


def test_percentile_conventions_spread():
    values = [1, 2, 3, 4]
    spread = lg.percentile_conventions(values, 50)
    assert spread["linear"] == 2.5 and spread["lower"] == 2 and spread["higher"] == 3
    assert lg.percentile(values, 90) == pytest.approx(3.7)  # numpy's linear: 1 + 0.9 * 3 = 3.7 -> between 3 and 4
    assert lg.percentile(values, 90, "weibull") == pytest.approx(4.0)  # Excel PERCENTILE.EXC caps at the maximum
    with pytest.raises(lg.LogisticsError, match="from 0 to 100"):
        lg.percentile(values, 0.9 * 1000)
    with pytest.raises(lg.LogisticsError, match="unknown percentile method"):
        lg.percentile(values, 50, "excel")
    with pytest.raises(lg.LogisticsError, match="selection empty"):
        lg.percentile([], 50)


def test_lead_time_summary_and_on_time_rate(shipments):
    table = lg.lead_time_summary(shipments, "mode").set_index("mode")
    postal = shipments[shipments["mode"] == "postal_small_packet"]
    assert table.loc["postal_small_packet", "orders"] == len(postal)
    assert table.loc["postal_small_packet", "p90"] == pytest.approx(np.percentile(postal["lead_days"], 90))
    assert table.loc["postal_small_packet", "on_time_rate"] == pytest.approx(postal["on_time"].mean())
    assert lg.on_time_rate(shipments) == pytest.approx(shipments["on_time"].mean())
    with pytest.raises(lg.LogisticsError, match="undefined"):
        lg.on_time_rate(shipments.iloc[0:0])


def test_reduction_and_share_within():
    assert lg.reduction(72, 8) == pytest.approx(64 / 72)
    assert lg.share_within([19, 20, 25, 30, 31], 20, 30) == pytest.approx(0.6)
    with pytest.raises(lg.LogisticsError, match="positive"):
        lg.reduction(0, 8)


# ---- direct shipping versus the warehouse ---------------------------------------------

def test_break_even_worked_by_hand():
    assert lg.break_even_volume(6000, 11.5, 5.2) == pytest.approx(6000 / 6.3)
    d = lg.warehouse_or_direct(800, 6000, 11.5, 5.2)
    assert d.direct_total == 9200 and d.warehouse_total == pytest.approx(10160)
    assert d.choice == "direct shipping"
    assert lg.warehouse_or_direct(1000, 6000, 11.5, 5.2).choice == "overseas warehouse"
    assert "break-even at 952 orders" in d.describe()
    with pytest.raises(lg.LogisticsError, match="never pays back"):
        lg.break_even_volume(6000, 5, 6)
    with pytest.raises(lg.LogisticsError, match="fixed_cost must be"):
        lg.break_even_volume(-1, 5, 4)
    lines = lg.cost_lines(1000, 10, 5, 400, points=5)
    assert set(lines["option"]) == {"direct shipping", "overseas warehouse"} and len(lines) == 10


# ---- landed cost ------------------------------------------------------------------------

def test_landed_cost_worked_by_hand_cif():
    # France: USD 175 goods + USD 18 freight at 0.92 EUR/USD, duty 12% on CIF, VAT 20%
    cost = lc.landed_cost(175, 18, duty_rate=0.12, vat_rate=0.20, duty_basis="CIF", duty_free_threshold=150, fx=0.92, currency="EUR")
    assert cost.goods == pytest.approx(161.0) and cost.freight == pytest.approx(16.56)
    assert not cost.relieved
    assert cost.duty == pytest.approx(0.12 * 177.56)
    assert cost.vat == pytest.approx(0.20 * (177.56 + 0.12 * 177.56))
    assert cost.total == pytest.approx(177.56 * 1.12 * 1.2)
    assert list(cost.steps()["step"]) == ["goods", "freight", "customs value", "duty", "VAT base", "VAT", "landed cost"]


def test_landed_cost_fob_and_low_value_relief():
    fob = lc.landed_cost(1000, 50, duty_rate=0.05, vat_rate=0.10, duty_basis="FOB", duty_free_threshold=1000, fx=1.52)
    assert fob.duty == pytest.approx(0.05 * 1520)  # duty on the goods only
    assert fob.vat == pytest.approx(0.10 * (1520 + 76 + 76))  # GST on goods + freight + duty
    relieved = lc.landed_cost(100, 10, duty_rate=0.12, vat_rate=0.2, duty_free_threshold=150, fx=1)
    assert relieved.relieved and relieved.duty == 0 and relieved.vat == pytest.approx(22)
    bulk = lc.landed_cost(100, 10, duty_rate=0.12, vat_rate=0.2, duty_free_threshold=150, fx=1, low_value_relief=False)
    assert bulk.duty == pytest.approx(13.2)
    at_threshold = lc.landed_cost(150, 10, duty_rate=0.12, vat_rate=0.2, duty_free_threshold=150)
    assert at_threshold.relieved  # "up to and including" the threshold


def test_landed_cost_errors():
    with pytest.raises(lc.LogisticsError, match="fractions"):
        lc.landed_cost(100, 10, duty_rate=12, vat_rate=0.2)
    with pytest.raises(lc.LogisticsError, match="'CIF'"):
        lc.landed_cost(100, 10, duty_rate=0.1, vat_rate=0.2, duty_basis="DDP")
    with pytest.raises(lc.LogisticsError, match="positive"):
        lc.landed_cost(100, 10, duty_rate=0.1, vat_rate=0.2, fx=0)
    with pytest.raises(lc.LogisticsError, match="non-negative"):
        lc.landed_cost(-5, 10, duty_rate=0.1, vat_rate=0.2)


def test_landed_cost_follows_each_import_rule(rules):
    for _, r in rules.iterrows():
        cost = lc.landed_cost_for(rules, r["iso2"], 2000, 100, duty_rate=0.1, fx=1.0)
        base = 2100 if r["duty_basis"] == "CIF" else 2000
        assert cost.duty == pytest.approx(0.1 * base), r["iso2"]
        assert cost.vat == pytest.approx(r["vat_rate_pct"] / 100 * (2100 + 0.1 * base)), r["iso2"]
        small = lc.landed_cost_for(rules, r["iso2"], r["duty_free_threshold"], 10, duty_rate=0.1, fx=1.0)
        assert small.duty == 0, r["iso2"]
    with pytest.raises(lc.LogisticsError, match="no import rule for 'CN'"):
        lc.rule(rules, "CN")


def test_fx_effect_crosses_the_threshold():
    table = lc.fx_effect(158, 15, 0.92, 0.98, duty_rate=0.12, vat_rate=0.2, duty_basis="CIF", duty_free_threshold=150)
    assert table.loc["before", "duty"] == 0 and table.loc["after", "duty"] > 0
    assert table.loc["after", "change"] == pytest.approx(227.86176 / 190.992 - 1)
    assert lc.convert(100, 1 / 1.08) == pytest.approx(92.59, abs=0.01)


def test_import_rules_carry_source_date_and_label(rules):
    countries = load("countries").set_index("iso2")
    assert set(rules["iso2"]) == {"US", "GB", "DE", "FR", "ES", "IT", "AU"}
    assert (rules["status"] == "simplified for teaching").all()
    assert (rules["as_of"] == "2024-12-31").all()
    assert rules["legal_source"].str.len().min() > 40
    for _, r in rules.iterrows():
        assert r["threshold_currency"] == countries.loc[r["iso2"], "currency"], r["iso2"]
    rates = dict(zip(rules["iso2"], rules["vat_rate_pct"]))
    assert rates == {"US": 0, "GB": 20, "DE": 19, "FR": 20, "ES": 21, "IT": 22, "AU": 10}
    us = rules.set_index("iso2").loc["US"]
    assert "2025" in us["later_changes"] and "de minimis" in us["later_changes"].lower()


# ---- newsvendor and safety stock --------------------------------------------------------

def test_newsvendor_worked_by_hand():
    assert inv.critical_ratio(24, 9, 4) == pytest.approx(0.75)
    z = NormalDist().inv_cdf(0.75)
    assert inv.newsvendor_quantity(400, 80, 0.75) == pytest.approx(400 + z * 80)
    assert inv.safety_stock(80, 0.95) == pytest.approx(1.6448536 * 80)
    plan = inv.newsvendor(24, 9, 4, [300, 400, 500])
    assert plan.mean == 400 and plan.sd == pytest.approx(100)
    assert plan.safety_stock == pytest.approx(z * 100)
    assert "critical ratio 0.750" in plan.describe()
    curve = inv.expected_profit_curve([300, 400, 500], 24, 9, 4, quantities=[300, 400, 500])
    # stock 300: always sold out (15 x 300); 400: profits 4000, 6000, 6000; 500: 3500, 5500, 7500
    assert curve["expected_profit"].tolist() == pytest.approx([4500, 16000 / 3, 5500])
    assert float(inv.profit(400, 300, 24, 9, 4)) == 24 * 300 + 4 * 100 - 9 * 400


def test_newsvendor_errors():
    with pytest.raises(inv.LogisticsError, match="salvage < cost < price"):
        inv.critical_ratio(10, 12, 4)
    with pytest.raises(inv.LogisticsError, match="strictly between 0 and 1"):
        inv.z_value(95)
    with pytest.raises(inv.LogisticsError, match="at least two"):
        inv.demand_stats([5])


# ---- forecasts ---------------------------------------------------------------------------

def test_exponential_smoothing_and_errors_worked_by_hand():
    y = [100, 120, 90, 300]
    f = fc.exponential_smoothing_forecast(y, 0.5)
    assert f.tolist() == [100, 100, 110, 100]
    assert fc.mae(y[1:], f[1:]) == pytest.approx((20 + 20 + 200) / 3)
    assert fc.mape(y[1:], f[1:]) == pytest.approx((20 / 120 + 20 / 90 + 200 / 300) / 3 * 100)
    ma = fc.moving_average_forecast(y, 2)
    assert math.isnan(ma[1]) and ma[2] == 110 and ma[3] == 105
    assert fc.mae(y, ma) == pytest.approx((20 + 195) / 2)
    with pytest.raises(fc.LogisticsError, match="alpha must lie in"):
        fc.exponential_smoothing_forecast(y, 30)
    with pytest.raises(fc.LogisticsError, match="divides by the actual"):
        fc.mape([0, 1], [1, 1])
    with pytest.raises(fc.LogisticsError, match="window"):
        fc.moving_average_forecast(y, 4)
    table = fc.error_table(pd.Series(y, dtype=float), {"ses": f}, groups=pd.Series([False, False, False, True]))
    assert set(table["days"].astype(str)) == {"all", "False", "True"}


# ---- widgets -----------------------------------------------------------------------------

def test_landed_cost_calculator_responds(rules):
    from course.widgets.logistics import landed_cost_calculator

    box = landed_cost_calculator(rules, market="FR", goods_usd=175, freight_usd=18, duty_rate=0.12)
    assert box.latest.total == pytest.approx(lc.landed_cost_for(rules, "FR", 175, 18, duty_rate=0.12, fx=0.92).total)
    market, fx = box.children[0].children
    market.value = "AU"
    assert box.latest.currency == "AUD" and fx.value == 1.52
    goods = box.children[1].children[0]
    before = box.latest.total
    goods.value = 300
    assert box.latest.total > before


def test_warehouse_decision_responds():
    from course.widgets.logistics import warehouse_decision

    box = warehouse_decision(volume=800, fixed_cost=6000, direct_cost=11.5, warehouse_cost=5.2)
    assert box.latest.choice == "direct shipping"
    volume = box.children[0].children[0]
    volume.value = 1000
    assert box.latest.choice == "overseas warehouse"
    box.children[1].children[1].value = 20  # warehouse dearer per order: no break-even
    assert box.latest is None


def test_landed_cost_curve_jumps_at_the_threshold(rules):
    # UK: GBP 135 of goods at 0.78 GBP per dollar is USD 173.08; duty 12% on CIF, VAT 20% after it
    curve = lc.landed_cost_curve(rules, "GB", [173, 174], 15, duty_rate=0.12, fx=0.78)
    assert list(curve["relieved"]) == [True, False]
    assert curve.loc[0, "landed_cost"] == pytest.approx((173 + 15) * 0.78 * 1.2)
    assert curve.loc[1, "landed_cost"] == pytest.approx((174 + 15) * 0.78 * 1.12 * 1.2)
    from course.plotting import logistics as pl

    ax = pl.plot_landed_cost_curve(lc.landed_cost_curve(rules, "GB", range(150, 200), 15, duty_rate=0.12, fx=0.78), "GBP", threshold_usd=135 / 0.78)
    assert len(ax.get_lines()) == 3 and ax.get_ylabel() == "landed cost (GBP)"   # below, above, the threshold
    import matplotlib.pyplot as plt

    plt.close("all")


def test_plots_return_axes(shipments, daily, rules):
    from course.plotting import logistics as pl

    assert pl.plot_lead_times(shipments).get_xlabel().startswith("lead days")
    assert pl.plot_lead_time_ecdf(shipments).get_ylabel() == "share of orders delivered"
    assert pl.plot_on_time(lg.lead_time_summary(shipments)).patches
    assert pl.plot_customs_hours(shipments).get_xscale() == "log"
    assert pl.plot_landed_cost(lc.landed_cost_for(rules, "GB", 100, 10, duty_rate=0.1, fx=0.78)).get_ylabel() == "amount (GBP)"
    assert pl.plot_break_even(lg.cost_lines(1000, 10, 5, 400), 200).get_lines()
    assert pl.plot_demand_pulse(daily).get_ylabel() == "orders per day"
    y = daily["orders"].astype(float).head(30)
    assert pl.plot_forecasts(daily["date"].head(30), y, {"ses": fc.exponential_smoothing_forecast(y, 0.3)}).get_lines()
    assert pl.plot_profit_curve(inv.expected_profit_curve([300, 400, 500], 24, 9, 4), 450, 400).get_lines()
    import matplotlib.pyplot as plt

    plt.close("all")


# ---- calibration of the synthetic data (tolerances as in datasets/shipments.md) -----------

def test_postal_lead_times_match_tian_20_to_30_days(stats, shipments):
    low, high = stat_value(stats, "postal_delivery_days_min_tian"), stat_value(stats, "postal_delivery_days_max_tian")
    postal = shipments.loc[shipments["mode"] == "postal_small_packet", "lead_days"]
    assert low <= postal.median() <= high
    assert lg.share_within(postal, low, high) >= 0.60


def test_express_mean_matches_yang_5_7_days(stats, shipments):
    express = shipments.loc[shipments["mode"] == "commercial_express", "lead_days"]
    assert express.mean() == pytest.approx(stat_value(stats, "logistics_time_yang"), abs=0.3)


def test_warehouse_matches_yang_3_to_5_working_days(stats, shipments):
    low, high = stat_value(stats, "tiktok_fulfilment_days_min_yang"), stat_value(stats, "tiktok_fulfilment_days_max_yang")
    wh = shipments.loc[shipments["mode"] == "overseas_warehouse", "lead_business_days"]
    assert lg.share_within(wh, low, high) >= 0.75
    # warehouse deliveries fall on business days
    assert (pd.to_datetime(shipments.loc[shipments["mode"] == "overseas_warehouse", "delivery_date"]).dt.day_of_week < 5).all()


def test_customs_hours_match_yang_72_to_8(stats, shipments):
    lanes = shipments.groupby("clearance_lane", observed=True)["customs_hours"].mean()
    assert lanes["standard"] == pytest.approx(stat_value(stats, "customs_clearance_before_yang"), abs=4)
    assert lanes["blockchain_pilot"] == pytest.approx(stat_value(stats, "customs_clearance_after_yang"), abs=1)
    assert shipments.loc[shipments["mode"] == "overseas_warehouse", "customs_hours"].isna().all()


def test_crowdsourced_cost_cut_matches_yang_19_percent(stats, shipments):
    peak = shipments[(shipments["mode"] == "overseas_warehouse") & (shipments["order_date"] >= "2024-11-01")]
    means = peak.groupby("last_mile", observed=True)["freight_usd"].mean()
    cut = lg.reduction(means["carrier"], means["crowdsourced"])
    assert cut == pytest.approx(stat_value(stats, "crowdsourced_delivery_cost_cut_yang") / 100, abs=0.03)
    assert (shipments.loc[shipments["last_mile"] == "crowdsourced", "mode"] == "overseas_warehouse").all()


def test_live_days_pulse_and_late_deliveries(shipments, daily):
    rates = shipments.groupby("live_day")["on_time"].mean()
    assert rates[False] - rates[True] >= 0.05
    live = daily["live_stream"].astype(bool)
    assert daily.loc[live, "orders"].mean() > 3 * daily.loc[~live, "orders"].mean()
    assert daily.loc[live, "featured_units"].notna().all() and daily.loc[~live, "featured_units"].isna().all()
    # shipments' order dates and live flags agree with daily_orders
    flags = dict(zip(daily["date"], daily["live_stream"].astype(bool)))
    assert (shipments["order_date"].map(flags) == shipments["live_day"].astype(bool)).all()


def test_duty_and_vat_follow_the_rules(shipments, rules):
    from importlib.util import module_from_spec, spec_from_file_location
    from pathlib import Path

    spec = spec_from_file_location("_shipments_gen", Path(__file__).resolve().parent.parent / "datasets" / "generators" / "shipments.py")
    gen = module_from_spec(spec)
    spec.loader.exec_module(gen)
    currency = dict(zip(rules["iso2"], rules["threshold_currency"]))
    direct = shipments[shipments["mode"] != "overseas_warehouse"].head(200)
    for _, r in direct.iterrows():
        fx = gen.FX[currency[r["destination"]]]
        cost = lc.landed_cost_for(rules, r["destination"], r["goods_value_usd"], r["freight_usd"], duty_rate=r["duty_rate_pct"] / 100, fx=fx)
        assert r["duty_usd"] == pytest.approx(cost.duty / fx, abs=0.006)
        assert r["vat_usd"] == pytest.approx(cost.vat / fx, abs=0.006)
