"""Module 08: screening new sellers, ban exposure, staffing hosts across time zones, the cost
of translation errors, concentration (HHI), take rates, the value of a brand, and the
synthetic sellers' data against the assumptions their datasheets state."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import math  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from course import competition as cp  # noqa: E402
from course import hosts as hs  # noqa: E402
from course import sellers as sl  # noqa: E402
from course.data import load, stat_value  # noqa: E402


@pytest.fixture(scope="module")
def screening():
    return load("seller_screening")


@pytest.fixture(scope="module")
def channels():
    return load("seller_channels")


# ---- screening ---------------------------------------------------------------------------

def test_confusion_matrix_worked_by_hand():
    scores = [0.9, 0.7, 0.5, 0.5, 0.2, 0.1]
    violated = [True, False, True, False, True, False]
    s = sl.screen(scores, violated, 0.5)             # flags 0.9, 0.7, 0.5, 0.5
    assert (s.caught, s.false_alarms, s.missed, s.passed) == (2, 2, 1, 1)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(2 / 3)
    assert s.false_alarm_rate == pytest.approx(2 / 3)
    assert s.cost(100, 1000) == 2 * 100 + 1 * 1000
    strict = sl.screen(scores, violated, 0.51)        # a threshold above the tie drops both 0.5s
    assert (strict.caught, strict.false_alarms) == (1, 1)


def test_raising_the_threshold_trades_recall_for_fewer_false_alarms(screening):
    table = sl.screening_table(screening["risk_score"], screening["violated"], np.round(np.arange(0.1, 0.91, 0.1), 2))
    assert table["recall"].is_monotonic_decreasing
    assert table["false_alarms"].is_monotonic_decreasing
    assert (table["caught"] + table["missed"]).nunique() == 1      # the violators do not change
    assert table["precision"].iloc[-1] > table["precision"].iloc[0]


def test_cheapest_threshold_moves_with_the_cost_of_a_miss(screening):
    s, v = screening["risk_score"], screening["violated"]
    grid = np.round(np.arange(0.1, 0.91, 0.05), 2)
    cheap_miss = sl.cheapest_threshold(s, v, grid, false_alarm_cost=500, missed_cost=500)
    dear_miss = sl.cheapest_threshold(s, v, grid, false_alarm_cost=200, missed_cost=5000)
    assert dear_miss < cheap_miss
    table = sl.screening_table(s, v, grid, 200, 5000)
    assert table.loc[table["threshold"] == dear_miss, "cost"].item() == table["cost"].min()


def test_screening_refuses_mismatched_input():
    with pytest.raises(sl.ScreeningError, match="one score per seller"):
        sl.screen([0.1, 0.2], [True], 0.5)
    with pytest.raises(sl.ScreeningError, match="negative"):
        sl.screening_table([0.1], [True], [0.5], -1, 1)


# ---- bans and channels -------------------------------------------------------------------

def test_ban_exposure_worked_by_hand():
    out = sl.ban_exposure({"amazon": 600, "tiktok_shop": 300, "independent_site": 100}, "amazon")
    assert out["at_risk"] == pytest.approx(0.6)
    assert out["left"] == pytest.approx(0.4)
    assert out["channel_hhi"] == pytest.approx(60**2 + 30**2 + 10**2)
    assert sl.ban_exposure({"shopee": 1.0}, "amazon")["at_risk"] == 0


def test_channel_shares_sum_to_one(channels):
    shares = sl.channel_shares(channels)
    assert np.allclose(shares.sum(axis=1), 1)
    assert shares.index.is_unique and len(shares) == channels["seller_id"].nunique()


def test_sellers_depend_on_amazon_as_the_datasheet_says(channels):
    # the datasheet: Amazon is the largest channel of most sellers, and about seven in ten would lose
    # more than half their revenue in an Amazon ban (Yang and Luo 2025; Liu 2021; no number)
    shares = sl.channel_shares(channels)
    assert (shares.idxmax(axis=1) == "amazon").mean() > 0.5
    assert 0.55 <= sl.dependent_share(channels, "amazon") <= 0.85
    assert sl.dependent_share(channels, "amazon", above=0.9) < sl.dependent_share(channels, "amazon", above=0.5)


def test_violation_rate_is_the_stated_assumption(screening):
    assert screening["violated"].mean() == pytest.approx(0.11, abs=0.02)
    assert screening.groupby("violated")["risk_score"].mean().diff().iloc[-1] > 0.15   # violators score higher
    assert screening["risk_score"].between(0, 1).all()


# ---- hosts and time zones ----------------------------------------------------------------

HOSTS = {
    "Ana": {"languages": ["English", "Spanish"], "hourly_cost": 300},
    "Ben": {"languages": ["English"], "hourly_cost": 200},
    "Dina": {"languages": ["Arabic", "English"], "hourly_cost": 350},
}


def test_prime_time_slots_follow_daylight_saving():
    winter = hs.prime_time_slots(["US", "GB"], "2025-01-15").set_index("market")
    summer = hs.prime_time_slots(["US", "GB"], "2025-07-15").set_index("market")
    # New York 19:00 EST = 08:00 Beijing next day; EDT = 07:00
    assert winter.loc["US", "beijing_start"].hour == 8 and summer.loc["US", "beijing_start"].hour == 7
    assert winter.loc["GB", "beijing_start"].hour == 3 and summer.loc["GB", "beijing_start"].hour == 2
    assert (winter["hours"] == 3).all()


def test_overlaps_and_the_break_between_streams():
    slots = hs.prime_time_slots(["GB", "DE", "US"], "2025-01-15")   # GB 03-06, DE 02-05, US 08-11 Beijing
    assert hs.overlapping_pairs(slots) == [("DE", "GB")]
    assert hs.overlapping_pairs(slots, gap_hours=2) == [("DE", "GB")]
    assert hs.overlapping_pairs(slots, gap_hours=2.5) == [("DE", "GB"), ("GB", "US")]


def test_cheapest_roster_respects_clashes_and_languages():
    slots = hs.prime_time_slots(["GB", "DE", "SA"], "2025-01-15")
    needs = {"GB": "English", "DE": "English", "SA": "Arabic"}
    roster = hs.cheapest_roster(slots, needs, HOSTS)
    # Ben is cheapest for English but cannot present GB and DE at once; Dina alone speaks Arabic
    assert roster.assignment["SA"] == "Dina"
    assert sorted([roster.assignment["GB"], roster.assignment["DE"]]) == ["Ana", "Ben"]
    assert roster.cost == pytest.approx(3 * (200 + 300 + 350))
    with pytest.raises(hs.StaffingError, match="no host speaks German"):
        hs.cheapest_roster(slots, {**needs, "DE": "German"}, HOSTS)


def test_interpreter_break_even_worked_by_hand():
    assert hs.error_cost(1000, 0.03, 20) == pytest.approx(600)
    assert hs.interpreter_break_even(500, 0.03, 0.005, 20) == pytest.approx(1000)
    with pytest.raises(hs.StaffingError):
        hs.interpreter_break_even(500, 0.01, 0.02, 20)


# ---- concentration, take rates, brands -----------------------------------------------------

def test_hhi_in_fractions_or_percentages():
    assert cp.hhi([0.5, 0.5]) == pytest.approx(5000)
    assert cp.hhi([50, 30, 20]) == pytest.approx(3800)
    assert cp.hhi({"a": 1.0}) == pytest.approx(10000)
    assert cp.concentration_ratio([10, 40, 30, 20], 2) == pytest.approx(0.7)
    assert cp.hhi_band(1400) == "unconcentrated" and cp.hhi_band(2600) == "highly concentrated"
    with pytest.raises(cp.CompetitionError, match="more than all"):
        cp.hhi([60, 50])


def test_hhi_bounds_from_the_papers_shares(stats):
    # Yang and Luo (2025): 91.6% of TikTok's 2021 e-commerce GMV from Indonesia, 6.6% from the UK
    known = [stat_value(stats, "tiktok_gmv_share_indonesia_2021_yang"), stat_value(stats, "tiktok_gmv_share_uk_2021_yang")]
    low, high = cp.hhi_bounds(known)
    assert low == pytest.approx(91.6**2 + 6.6**2)
    assert high == pytest.approx(low + 1.8**2)
    # Liu (2021): Tmall Global and Kaola 52.1% together; spread evenly between the two it is the least
    pair_low = cp.hhi([52.1 / 2, 52.1 / 2])
    assert pair_low < cp.hhi_bounds([52.1])[1]
    # capping the rest at the smallest listed share
    assert cp.hhi_bounds([30, 20], rest_at_most=20)[1] == pytest.approx(30**2 + 20**2 * 3 + 10**2)


def test_take_rate_and_margin():
    assert cp.take_rate({"commission": 8, "payment": 2, "ads": 5}, 100) == pytest.approx(0.15)
    assert cp.seller_margin(20, 12, 0.15) == pytest.approx(5)


def test_brand_value_worked_by_hand():
    # three occasions, 50% repeat: 10 + 5 + 2.5
    assert cp.repeat_value(10, 0.5, 3) == pytest.approx(17.5)
    assert cp.brand_value(100, 10, 0.5, 0.0, 3) == pytest.approx(100 * 7.5)
    assert cp.repeat_value(10, 0.5, 3, discount_rate=0.1) < 17.5
    assert cp.brand_value(100, 10, 0.2, 0.2, 5) == 0


def test_credibility_scores_weight_the_checklist():
    evidence = pd.DataFrame({"a": [True, False], "b": [True, True]}, index=["x", "y"])
    scores = cp.credibility_scores(evidence, {"a": 3, "b": 1})
    assert scores["x"] == 1 and scores["y"] == pytest.approx(0.25)
    with pytest.raises(cp.CompetitionError, match="no column"):
        cp.credibility_scores(evidence, {"c": 1})


def test_permutation_check_can_fail(screening):
    real = sl.permutation_check(screening["risk_score"], screening["violated"], 0.6, rounds=300)
    assert real["p_value"] < 0.01 and real["caught"] > real["caught_at_random"]
    # a score with no information (shuffled against the outcomes) does not pass
    noise = np.random.default_rng(1).permutation(screening["risk_score"].to_numpy())
    assert sl.permutation_check(noise, screening["violated"], 0.6, rounds=300)["p_value"] > 0.05
