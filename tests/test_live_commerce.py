"""Module 02: the funnel, GMV decomposition, the two-proportion test, stickiness, prime time
across time zones, the widgets, the answer checks it added, and the calibration of its
synthetic data to the papers' figures."""
from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy import stats as st  # noqa: E402

from course import live_commerce as lc  # noqa: E402
from course import scheduling as sc  # noqa: E402
from course.data import load  # noqa: E402


@pytest.fixture(scope="module")
def sessions():
    return load("live_sessions")


@pytest.fixture(scope="module")
def activity():
    return load("live_daily_users")


@pytest.fixture(scope="module")
def countries():
    return load("countries")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ---- the funnel ------------------------------------------------------------------------


def test_funnel_rates_known_answer():
    rates = lc.funnel_rates(2000, 300, 36)
    assert rates == pytest.approx({"click_through": 0.15, "click_conversion": 0.12, "conversion": 0.018})
    assert rates["conversion"] == pytest.approx(rates["click_through"] * rates["click_conversion"])
    assert lc.funnel_rates(10, 0, 0)["click_conversion"] == 0.0


@pytest.mark.parametrize(
    "args, message",
    [
        ((0, 0, 0), "at least one viewer"),
        ((100, 120, 5), r"product_clicks \(120\) exceed viewers \(100\)"),
        ((100, 10, 11), r"orders \(11\) exceed product_clicks \(10\)"),
        ((100.5, 10, 1), "whole number"),
        ((-5, 0, 0), "whole number of at least 0"),
        (("many", 1, 1), "must be a count"),
    ],
)
def test_funnel_rates_reject_impossible_funnels(args, message):
    with pytest.raises(lc.LiveCommerceError, match=message):
        lc.funnel_rates(*args)


def test_funnel_table_pools_counts_not_rates():
    frame = pd.DataFrame({
        "host_type": ["KOL", "KOL", "KOC"],
        "viewers": [1000, 100, 500],
        "product_clicks": [100, 50, 75],
        "orders": [10, 10, 15],
        "gmv_usd": [300.0, 200.0, 450.0],
    })
    table = lc.funnel_table(frame, by="host_type").set_index("host_type")
    kol = table.loc["KOL"]
    assert kol["sessions"] == 2 and kol["viewers"] == 1100 and kol["orders"] == 20
    assert kol["click_through"] == pytest.approx(150 / 1100)
    assert kol["conversion"] == pytest.approx(20 / 1100)  # not the mean of 0.01 and 0.10
    assert kol["aov_usd"] == pytest.approx(25.0)
    assert kol["gmv_per_viewer"] == pytest.approx(500 / 1100)
    whole = lc.funnel_table(frame)
    assert whole["sessions"].item() == 3 and whole["conversion"].item() == pytest.approx(35 / 1600)
    with pytest.raises(lc.LiveCommerceError, match="lacks the column"):
        lc.funnel_table(frame.drop(columns="orders"))
    with pytest.raises(lc.LiveCommerceError, match="empty"):
        lc.funnel_table(frame.iloc[:0])


def test_simulated_funnel_is_the_product_of_its_rates():
    f = lc.simulate_funnel(2000, 0.15, 0.12, 30)
    assert f.clicks == pytest.approx(300) and f.orders == pytest.approx(36)
    assert f.conversion == pytest.approx(0.018) and f.gmv == pytest.approx(1080)
    assert list(f.table()["count"]) == pytest.approx([2000, 300, 36])
    assert "GMV 1,080.00 USD" in f.text()
    with pytest.raises(lc.LiveCommerceError, match="divide a percentage by 100"):
        lc.simulate_funnel(2000, 15, 0.12, 30)
    with pytest.raises(lc.LiveCommerceError, match="positive"):
        lc.simulate_funnel(0, 0.15, 0.12, 30)


# ---- GMV and its decomposition -----------------------------------------------------------


def test_gmv_is_traffic_times_conversion_times_aov():
    assert lc.gmv(2000, 0.018, 30) == pytest.approx(1080)
    with pytest.raises(lc.LiveCommerceError):
        lc.gmv(2000, 1.8, 30)


def test_logarithmic_mean():
    assert lc.logarithmic_mean(5, 5) == 5
    assert lc.logarithmic_mean(1, math.e) == pytest.approx(math.e - 1)
    assert lc.logarithmic_mean(2, 8) == pytest.approx(lc.logarithmic_mean(8, 2))
    with pytest.raises(lc.LiveCommerceError):
        lc.logarithmic_mean(0, 1)


def test_decomposition_worked_by_hand():
    # GMV 1000 x 0.02 x 25 = 500 -> 1500 x 0.02 x 20 = 600
    before = {"viewers": 1000, "conversion": 0.02, "aov": 25}
    after = {"viewers": 1500, "conversion": 0.02, "aov": 20}
    d = lc.decompose_gmv(before, after).set_index("factor")
    assert d.attrs["gmv_before"] == pytest.approx(500) and d.attrs["gmv_after"] == pytest.approx(600)
    assert d.loc["viewers", "log_change"] == pytest.approx(math.log(1.5))
    assert d.loc["conversion", "log_change"] == 0
    assert d.loc["aov", "log_change"] == pytest.approx(math.log(0.8))
    assert d["log_change"].sum() == pytest.approx(math.log(1.2))
    weight = 100 / math.log(1.2)  # the logarithmic mean of 500 and 600
    assert d.loc["viewers", "contribution"] == pytest.approx(weight * math.log(1.5))  # 222.39
    assert d.loc["viewers", "contribution"] == pytest.approx(222.39, abs=0.01)
    assert d.loc["aov", "contribution"] == pytest.approx(-122.39, abs=0.01)
    assert d["contribution"].sum() == pytest.approx(100)  # adds up exactly to the change
    assert d["share_of_change"].sum() == pytest.approx(1)
    assert lc.main_lever(d.reset_index()) == "viewers"


def test_decomposition_with_unchanged_gmv_and_bad_inputs():
    d = lc.decompose_gmv({"v": 100, "c": 0.1}, {"v": 200, "c": 0.05})
    assert d["contribution"].sum() == pytest.approx(0, abs=1e-9)
    assert d["share_of_change"].isna().all()
    with pytest.raises(lc.LiveCommerceError, match="same factors"):
        lc.decompose_gmv({"v": 1}, {"w": 1})
    with pytest.raises(lc.LiveCommerceError, match="positive"):
        lc.decompose_gmv({"v": 1, "c": 0}, {"v": 1, "c": 1})


def test_decompose_sessions_adds_up_to_the_gmv_change(sessions):
    row = sessions.set_index("session_id")
    for detailed in (False, True):
        d = lc.decompose_sessions(sessions, "LS0392", "LS0400", detailed=detailed)
        change = row.loc["LS0400", "gmv_usd"] - row.loc["LS0392", "gmv_usd"]
        assert d["contribution"].sum() == pytest.approx(change)
        assert math.prod(d["after"]) == pytest.approx(row.loc["LS0400", "gmv_usd"])
    three = lc.decompose_sessions(sessions, "LS0392", "LS0400").set_index("factor")
    four = lc.decompose_sessions(sessions, "LS0392", "LS0400", detailed=True).set_index("factor")
    # the detailed form splits conversion into its two steps
    assert four.loc[["click_through", "click_conversion"], "contribution"].sum() == pytest.approx(three.loc["conversion", "contribution"])
    assert lc.main_lever(three.reset_index()) == "conversion"
    with pytest.raises(lc.LiveCommerceError, match="no session 'LS9999'"):
        lc.decompose_sessions(sessions, "LS0392", "LS9999")
    no_orders = pd.Series({"viewers": 100, "product_clicks": 5, "orders": 0, "gmv_usd": 0.0})
    with pytest.raises(lc.LiveCommerceError, match="without orders"):
        lc.gmv_factors(no_orders)


# ---- the two-proportion z-test -------------------------------------------------------------


def test_two_proportion_test_worked_by_hand():
    c = lc.compare_proportions(100, 1000, 130, 1000, labels=("KOL", "KOC"))
    assert (c.p1, c.p2, c.difference) == pytest.approx((0.10, 0.13, 0.03))
    se0 = math.sqrt(0.115 * 0.885 * (2 / 1000))
    assert c.se_pooled == pytest.approx(se0)
    assert c.z == pytest.approx(0.03 / se0)  # 2.1028
    assert c.z == pytest.approx(2.1028, abs=1e-4)
    assert c.p_value == pytest.approx(2 * (1 - st.norm.cdf(0.03 / se0)))
    assert c.p_value_one_sided == pytest.approx(c.p_value / 2)
    se = math.sqrt(0.1 * 0.9 / 1000 + 0.13 * 0.87 / 1000)
    assert c.se_unpooled == pytest.approx(se)
    assert c.ci_difference == pytest.approx((0.03 - 1.959964 * se, 0.03 + 1.959964 * se), abs=1e-6)
    assert c.relative_uplift == pytest.approx(0.3)
    half = 1.959964 * math.sqrt(0.9 / 100 + 0.87 / 130)
    assert c.ci_relative == pytest.approx((1.3 * math.exp(-half) - 1, 1.3 * math.exp(half) - 1), abs=1e-6)
    assert c.ci_relative == pytest.approx((0.0170, 0.6617), abs=1e-4)
    assert c.uplift_in_ci(0.23) and not c.uplift_in_ci(0.8)
    assert "z (pooled SE)" in set(c.table()["quantity"])


def test_pooled_z_squared_is_the_chi_square_statistic():
    c = lc.compare_proportions(236, 11021, 364, 15550)
    chi2 = st.chi2_contingency([[236, 11021 - 236], [364, 15550 - 364]], correction=False)[0]
    assert c.z ** 2 == pytest.approx(chi2)


def test_other_intervals_against_published_and_defining_values():
    # Wilson interval for 10/100: 0.0552 to 0.1744
    assert lc.wilson_interval(10, 100) == pytest.approx((0.0552, 0.1744), abs=1e-4)
    # Newcombe (1998), method 10, 56/70 - 48/80: 0.0524 to 0.3339
    assert lc.compare_proportions(48, 80, 56, 70).ci_difference_newcombe == pytest.approx((0.0524, 0.3339), abs=1e-4)
    c = lc.compare_proportions(100, 1000, 130, 1000)
    for uplift in c.ci_relative_fieller:  # at Fieller's bounds, |p2 - R p1| = z x SE
        r = 1 + uplift
        assert abs(c.p2 - r * c.p1) == pytest.approx(c.z_critical * math.sqrt(c.p2 * 0.87 / 1000 + r * r * c.p1 * 0.9 / 1000))
    lo, hi = c.ci_relative_delta
    assert (lo + hi) / 2 == pytest.approx(c.relative_uplift)
    assert c.ci_relative_log_adjusted == pytest.approx(c.ci_relative, abs=0.01)


@pytest.mark.parametrize(
    "args, message",
    [
        ((5, 0, 1, 10), "no trials"),
        ((11, 10, 1, 10), "more successes than trials"),
        ((0, 10, 1, 10), "need some successes and some failures"),
        ((1, 10, 1, 10, 95), "confidence must be between 0 and 1"),
    ],
)
def test_two_proportion_test_rejects_bad_counts(args, message):
    with pytest.raises(lc.LiveCommerceError, match=message):
        lc.compare_proportions(*args)


def test_compare_conversion_pools_the_sessions(sessions):
    sa = sessions[sessions["market"] == "SA"]
    c = lc.compare_conversion(sa)
    kol, koc = sa[sa["host_type"] == "KOL"], sa[sa["host_type"] == "KOC"]
    assert (c.x1, c.n1) == (kol["orders"].sum(), kol["viewers"].sum())
    assert (c.x2, c.n2) == (koc["orders"].sum(), koc["viewers"].sum())
    clicks = lc.compare_conversion(sa, trials="product_clicks")
    assert clicks.n2 == koc["product_clicks"].sum()
    with pytest.raises(lc.LiveCommerceError, match="no sessions with host_type == 'KOX'"):
        lc.compare_conversion(sa, "KOX")
    with pytest.raises(lc.LiveCommerceError, match="no column 'tier'"):
        lc.compare_conversion(sa, by="tier")
    table = lc.conversion_by_group(sessions)
    assert (table["ci_low"] < table["conversion"]).all() and (table["conversion"] < table["ci_high"]).all()



def test_consecutive_levers_add_up_and_skip_sessions_without_orders(sessions):
    pairs = lc.consecutive_levers(sessions)
    # every pair's contributions add up to its change in GMV (LMDI is exact)
    assert np.allclose(pairs[["viewers", "conversion", "aov"]].sum(axis=1), pairs["gmv_change"])
    # one pair fewer than usable sessions per host; sessions without orders left out
    usable = sessions[sessions["orders"] > 0]
    assert len(pairs) == len(usable) - usable["host_id"].nunique()
    assert pairs.attrs["left_out"] == int((sessions["orders"] == 0).sum())
    # the lecture's pair: LS0328 -> LS0411 are consecutive sessions of one host
    row = pairs[(pairs["before"] == "LS0328") & (pairs["after"] == "LS0411")]
    assert row["main_lever"].item() == lc.main_lever(lc.decompose_sessions(sessions, "LS0328", "LS0411"))
    # the same contributions as decompose_gmv, pair by pair
    for _, pair in pairs.sample(8, random_state=1).iterrows():
        one = lc.decompose_sessions(sessions, pair["before"], pair["after"]).set_index("factor")["contribution"]
        assert np.allclose([pair[f] for f in ("viewers", "conversion", "aov")], one[["viewers", "conversion", "aov"]])
        assert pair["main_lever"] == lc.main_lever(lc.decompose_sessions(sessions, pair["before"], pair["after"]))
    shares = lc.main_lever_shares(pairs)
    assert np.allclose(shares.groupby("host_type", observed=True)["share"].sum(), 1)
    assert shares["pairs"].sum() == len(pairs)
    with pytest.raises(lc.LiveCommerceError, match="no column 'host_id'"):
        lc.consecutive_levers(sessions.drop(columns="host_id"))


def test_plot_main_levers_in_words_on_a_linear_axis(sessions):
    from course.plotting import live_commerce as lp

    ax = lp.plot_main_levers(lc.main_lever_shares(lc.consecutive_levers(sessions)))
    assert ax.get_xlim() == (0, 100) and ax.get_xscale() == "linear"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["viewers (traffic)", "conversion", "average order value"]
    plt.close("all")


# ---- the session-level permutation test --------------------------------------------------

def _two_groups(rates_a, rates_b, viewers=1000, market="X"):
    rows = [{"host_type": "KOL", "market": market, "viewers": viewers, "orders": round(r * viewers)} for r in rates_a]
    rows += [{"host_type": "KOC", "market": market, "viewers": viewers, "orders": round(r * viewers)} for r in rates_b]
    return pd.DataFrame(rows)


def test_permutation_test_worked_by_hand():
    # two sessions each: KOL 10 and 20 orders, KOC 30 and 40 of 1,000 viewers; the observed uplift
    # is 70/30 - 1; the 6 ways of choosing the KOC pair give uplifts whose extremes are +-(70/30 - 1)
    data = _two_groups([0.01, 0.02], [0.03, 0.04])
    test = lc.permutation_test(data, permutations=4000, seed=1)
    assert test.observed == pytest.approx(70 / 30 - 1)
    possible = {round(u, 9) for u in (70 / 30 - 1, 30 / 70 - 1, 50 / 50 - 1, 60 / 40 - 1, 40 / 60 - 1)}
    assert {round(u, 9) for u in test.null} <= possible
    # only the one labelling with KOC = {30, 40} is as extreme as the data upward, and only its mirror
    # {10, 20} downward reaches |30/70 - 1| < observed: so about 1 in 6 shuffles counts
    assert test.p_value == pytest.approx(1 / 6, abs=0.03)


def test_permutation_test_tells_chance_from_a_difference():
    rng = np.random.default_rng(0)
    same = _two_groups(rng.uniform(0.01, 0.03, 40), rng.uniform(0.01, 0.03, 40))
    assert lc.permutation_test(same, permutations=500).p_value > 0.05
    apart = _two_groups(rng.uniform(0.01, 0.02, 40), rng.uniform(0.03, 0.04, 40))
    assert lc.permutation_test(apart, permutations=500).p_value == pytest.approx(1 / 501)


def test_permutation_test_shuffles_within_markets_and_is_reproducible(sessions):
    a = lc.permutation_test(sessions, permutations=300, seed=7)
    b = lc.permutation_test(sessions, permutations=300, seed=7)
    assert np.array_equal(a.null, b.null) and a.strata == "market"
    assert a.observed == pytest.approx(lc.compare_conversion(sessions).relative_uplift)
    low, high = a.null_interval
    assert low < 0 < high < a.observed
    # a market where all sessions are one tier: shuffling within it changes nothing, so its
    # sessions never cross groups and the statistic is the same in every shuffle
    fixed = pd.concat([_two_groups([0.01], [], market="A"), _two_groups([], [0.03], market="B")])
    assert np.allclose(lc.permutation_test(fixed, permutations=50).null, 2.0)
    with pytest.raises(lc.LiveCommerceError, match="no sessions with host_type == 'KOX'"):
        lc.permutation_test(sessions, "KOX")
    with pytest.raises(lc.LiveCommerceError, match="no column 'region'"):
        lc.permutation_test(sessions, strata="region")


def test_plot_permutation_labels_in_words(sessions):
    from course.plotting import live_commerce as lp

    test = lc.permutation_test(sessions, permutations=200)
    ax = lp.plot_permutation(test, claim=0.23, claim_label="+23% (Yang and Luo 2025)")
    assert ax.get_xlabel() == "relative uplift of KOC over KOL conversion (%)"
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "+23% (Yang and Luo 2025)"
    assert ax.get_xlim()[1] > test.observed * 100, "the observed line is inside the axes"
    plt.close("all")


# ---- stickiness --------------------------------------------------------------------------


def test_stickiness_worked_by_hand():
    log = pd.DataFrame({
        "market": ["X"] * 5,
        "date": ["2025-06-01", "2025-06-01", "2025-06-02", "2025-06-03", "2025-06-03"],
        "user_id": ["a", "b", "a", "a", "a"],  # a duplicate row for a on the 3rd counts once
    })
    s = lc.stickiness(log).iloc[0]
    assert (s["days"], s["mau"]) == (3, 2)
    assert s["mean_dau"] == pytest.approx(4 / 3) and s["dau_mau"] == pytest.approx(2 / 3)
    dau = lc.daily_active_users(log)
    assert list(dau["dau"]) == [2, 1, 1]
    # a day on which nobody is active counts as DAU 0
    gap = log[log["date"] != "2025-06-02"]
    assert lc.stickiness(gap).iloc[0]["mean_dau"] == pytest.approx(3 / 3)
    assert lc.stickiness(gap, days=30).iloc[0]["mean_dau"] == pytest.approx(3 / 30)
    pooled = lc.stickiness(log, by=None)
    assert pooled["dau_mau"].item() == pytest.approx(2 / 3)
    with pytest.raises(lc.LiveCommerceError, match="lacks the column"):
        lc.stickiness(log.drop(columns="user_id"))


# ---- scheduling: prime time in Beijing time ----------------------------------------------


def _bj(window):
    return window.beijing_start.strftime("%Y-%m-%d %H:%M"), window.beijing_end.strftime("%H:%M")


def test_new_york_prime_time_in_january_and_july(countries):
    jan = sc.prime_time_in_beijing("US", "2025-01-15", countries=countries)
    jul = sc.prime_time_in_beijing("US", date(2025, 7, 15), countries=countries)
    assert _bj(jan) == ("2025-01-16 08:00", "11:00") and not jan.dst and jan.hours_ahead == 13
    assert _bj(jul) == ("2025-07-16 07:00", "10:00") and jul.dst and jul.hours_ahead == 12
    assert jan.day_shift == 1 and "the next day" in jan.text() and "EST" in jan.text()
    assert jan.beijing_start.utcoffset() == timedelta(hours=8)


def test_around_the_daylight_saving_switches(countries):
    # the US springs forward on Sunday 9 March 2025 at 02:00, the UK on 30 March at 01:00 UTC
    assert _bj(sc.prime_time_in_beijing("US", "2025-03-08", countries=countries))[0] == "2025-03-09 08:00"
    assert _bj(sc.prime_time_in_beijing("US", "2025-03-09", countries=countries))[0] == "2025-03-10 07:00"
    assert _bj(sc.prime_time_in_beijing("GB", "2025-03-29", countries=countries))[0] == "2025-03-30 03:00"
    assert _bj(sc.prime_time_in_beijing("GB", "2025-03-30", countries=countries))[0] == "2025-03-31 02:00"
    # the UK falls back on 26 October, the US on 2 November
    assert _bj(sc.prime_time_in_beijing("GB", "2025-10-24", countries=countries)) == ("2025-10-25 02:00", "05:00")
    assert _bj(sc.prime_time_in_beijing("GB", "2025-10-27", countries=countries)) == ("2025-10-28 03:00", "06:00")
    assert _bj(sc.prime_time_in_beijing("US", "2025-11-01", countries=countries))[0] == "2025-11-02 07:00"
    assert _bj(sc.prime_time_in_beijing("US", "2025-11-02", countries=countries))[0] == "2025-11-03 08:00"


def test_markets_without_daylight_saving_and_the_southern_hemisphere(countries):
    for day in ("2025-01-15", "2025-07-15"):
        jakarta = sc.prime_time_in_beijing("ID", day, countries=countries)
        assert _bj(jakarta)[0] == f"{day} 20:00" and jakarta.day_shift == 0 and not jakarta.dst
        assert sc.prime_time_in_beijing("Saudi Arabia", day, countries=countries).beijing_start.hour == 0
    # Sydney saves daylight in the southern summer: Beijing is 3 h behind in January, 2 h in July
    assert sc.prime_time_in_beijing("AU", "2025-01-15", countries=countries).hours_ahead == -3
    assert sc.prime_time_in_beijing("AU", "2025-07-15", countries=countries).hours_ahead == -2
    assert "behind" in sc.prime_time_in_beijing("AU", "2025-07-15", countries=countries).text()


def test_custom_windows_nonexistent_and_repeated_times():
    late = sc.prime_time_in_beijing("America/New_York", "2025-07-15", "22:00", "01:00")
    assert late.duration_hours == 3 and late.local_end.date() == date(2025, 7, 16)
    with pytest.raises(sc.SchedulingError, match="does not exist in America/New_York"):
        sc.prime_time_in_beijing("America/New_York", "2025-03-09", "02:30", "04:00")
    # clocks change inside the window: real hours, not wall-clock hours
    assert sc.prime_time_in_beijing("America/New_York", "2025-03-09", "01:00", "04:00").duration_hours == 2
    fall = sc.prime_time_in_beijing("America/New_York", "2025-11-02", "00:30", "03:00")
    assert fall.duration_hours == 3.5 and "3.5 real hours" in fall.text()
    # 01:30 happens twice that night; the first (daylight-time) reading is used
    assert sc.local_datetime("2025-11-02", "01:30", "America/New_York").utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize("value, expected", [("19:00", time(19)), ("7", time(7)), ("21:30:15", time(21, 30, 15)), (19.5, time(19, 30)), (time(8), time(8)), (datetime(2025, 1, 1, 6, 5), time(6, 5))])
def test_parse_clock_forms(value, expected):
    assert sc.parse_clock(value) == expected


@pytest.mark.parametrize("value", ["25:00", "7pm-ish", 24, -1, None, True])
def test_parse_clock_rejects(value):
    with pytest.raises(sc.SchedulingError, match="time of day"):
        sc.parse_clock(value)


def test_zone_lookup_and_errors(countries):
    assert sc.zone_of("gb", countries).key == "Europe/London"
    assert sc.zone_of("United States", countries).key == "America/New_York"
    assert sc.zone_of("Asia/Tokyo").key == "Asia/Tokyo"
    with pytest.raises(sc.SchedulingError, match="unknown market 'Narnia'"):
        sc.zone_of("Narnia", countries)
    with pytest.raises(sc.SchedulingError, match="not an IANA time-zone name"):
        sc.zone_of("Mars/Olympus_Mons")
    with pytest.raises(sc.SchedulingError, match="YYYY-MM-DD"):
        sc.prime_time_in_beijing("US", "15/01/2025", countries=countries)


def test_dst_transitions_and_calendar(countries):
    ny = sc.dst_transitions("America/New_York", 2025)
    assert list(ny["change"]) == ["starts", "ends"]
    assert [t.isoformat() for t in ny["utc"]] == ["2025-03-09T07:00:00+00:00", "2025-11-02T06:00:00+00:00"]
    assert list(ny["offset_after"]) == [-4.0, -5.0]
    assert sc.dst_transitions("Asia/Jakarta", 2025).empty
    calendar = sc.prime_time_calendar(["US", "ID"], 2025, countries=countries)
    assert len(calendar) == 2 * 365
    us = calendar[calendar["market"] == "US"]
    assert set(us["beijing_start_hour"]) == {7.0, 8.0}
    assert (us["beijing_start_hour"].diff().fillna(0) != 0).sum() == 2  # two steps: the two switches
    assert set(calendar.loc[calendar["market"] == "ID", "beijing_start_hour"]) == {20.0}


def test_in_window_and_to_local():
    assert sc.in_window("19:00") and sc.in_window("21:59") and not sc.in_window("22:00")
    assert sc.in_window("23:30", "22:00", "01:00") and not sc.in_window("12:00", "22:00", "01:00")
    local = sc.to_local(["2025-03-15T00:00:00Z"], "America/New_York")
    assert local.iloc[0].strftime("%Y-%m-%d %H:%M %z") == "2025-03-14 20:00 -0400"


def test_session_times_agree_with_the_zone_rules(sessions, countries):
    zones = countries.set_index("iso2")["timezone"]
    for row in sessions.itertuples():
        utc = datetime.strptime(row.start_utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        local = datetime.fromisoformat(row.start_local)
        assert local == utc, row.session_id
        assert local.utcoffset() == utc.astimezone(ZoneInfo(zones[row.market])).utcoffset(), row.session_id


# ---- the synthetic data: integrity and calibration to the papers --------------------------


def test_sessions_are_valid_funnels(sessions):
    assert (sessions["orders"] <= sessions["product_clicks"]).all()
    assert (sessions["product_clicks"] <= sessions["viewers"]).all()
    assert (sessions["viewers_20_29"] <= sessions["viewers"]).all()
    assert ((sessions["gmv_usd"] > 0) == (sessions["orders"] > 0)).all()
    assert set(sessions["market"]) == {"US", "GB", "ID", "TH", "MY", "SA"}
    parts = sessions["host_id"].str.split("-", expand=True)
    assert (parts[0] == sessions["market"]).all() and (parts[1] == sessions["host_type"].astype(str)).all()
    assert list(sessions["start_utc"]) == sorted(sessions["start_utc"])


def test_koc_uplift_is_calibrated_to_yang_and_luo(sessions, stats):
    claim = float(stats.loc[stats["stat_id"] == "kol_koc_conversion_uplift_yang", "value"].item()) / 100
    assert claim == 0.23
    per_viewer = lc.compare_conversion(sessions)
    per_click = lc.compare_conversion(sessions, trials="product_clicks")
    for c in (per_viewer, per_click):  # the datasheet's tolerance: within 3 percentage points
        assert abs(c.relative_uplift - claim) <= 0.03
        assert c.uplift_in_ci(claim)
    assert per_viewer.relative_uplift == pytest.approx(0.229, abs=0.0005)  # as the datasheet says


def test_audience_age_is_calibrated_to_tian(sessions, stats):
    claim = float(stats.loc[stats["stat_id"] == "live_audience_share_age_20_29_tian", "value"].item()) / 100
    share = sessions["viewers_20_29"].sum() / sessions["viewers"].sum()
    assert abs(share - claim) <= 0.015
    assert share == pytest.approx(0.486, abs=0.0005)


def test_stickiness_is_calibrated_to_yang_and_luo(activity, stats):
    tiktok = float(stats.loc[stats["stat_id"] == "tiktok_dau_mau_yang", "value"].item())
    industry = float(stats.loc[stats["stat_id"] == "competitor_dau_mau_yang", "value"].item())
    pooled = lc.stickiness(activity, by=None)["dau_mau"].item()
    assert abs(pooled - tiktok) <= 0.01 and pooled == pytest.approx(0.422, abs=0.0005)
    per_market = lc.stickiness(activity).set_index("market")["dau_mau"]
    assert per_market["GB"] < industry < min(per_market[["US", "ID", "TH"]])
    assert per_market.round(3).to_dict() == {"GB": 0.330, "ID": 0.471, "TH": 0.440, "US": 0.400}


def test_activity_log_is_june_2025_with_market_prefixed_users(activity):
    assert activity["date"].min() == "2025-06-01" and activity["date"].max() == "2025-06-30"
    assert (activity["user_id"].str[:2] == activity["market"]).all()
    assert activity["user_id"].nunique() == 924


# ---- plots and widgets -------------------------------------------------------------------


def test_plots_return_axes(sessions, activity, countries):
    from course.plotting import live_commerce as lp

    assert len(lp.plot_step_rates(lc.funnel_table(sessions, "host_type")).patches) >= 9
    ax = lp.plot_decomposition(lc.decompose_sessions(sessions, "LS0392", "LS0400"))
    assert len(ax.patches) == 4
    ax = lp.plot_decomposition(lc.decompose_sessions(sessions, "LS0392", "LS0400", detailed=True))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["viewers", "click-through", "click conversion", "average order value", "total change"]
    forest = pd.DataFrame({"label": ["a", "b"], "uplift": [0.2, 0.3], "ci_low": [0.1, 0.2], "ci_high": [0.3, 0.4]})
    assert [t.get_text() for t in lp.plot_uplift_forest(forest, claim=0.23).get_yticklabels()] == ["a", "b"]
    assert lp.plot_daily_active_users(lc.daily_active_users(activity)).get_ylabel().startswith("daily active")
    cal = sc.prime_time_calendar(["US"], [date(2025, 1, 1), date(2025, 7, 1)], countries=countries)
    ax = lp.plot_prime_time_calendar(cal, names={"US": "United States"})
    assert ax.get_lines() and [t.get_text() for t in ax.texts] == ["United States: 07:00 next day"]
    assert "00:00" in [t.get_text() for t in ax.get_yticklabels()]
    ax = lp.plot_viewers_by_slot(sessions.assign(slot="prime"))
    assert ax.get_yscale() == "linear" and ax.get_ylim()[0] == 0, "points on an honest axis from zero, not a log axis"


def test_lever_explorer_responds(sessions, capsys):
    from course.widgets.live_commerce import lever_explorer

    box = lever_explorer(sessions, host="GB-KOL-1")
    host, pair = box.children[0].children
    pairs = lc.consecutive_levers(sessions[sessions["host_id"] == "GB-KOL-1"])
    first = pairs.iloc[0]
    assert f"{first['before']} -> {first['after']}: GMV {first['gmv_change']:+,.0f} USD" in capsys.readouterr().out
    assert pair.max == len(pairs)
    pair.value = 2
    assert f"{pairs.iloc[1]['before']} -> {pairs.iloc[1]['after']}" in capsys.readouterr().out
    host.value = "US-KOC-1"
    out = capsys.readouterr().out
    assert pair.value == 1 and pair.max == len(lc.consecutive_levers(sessions[sessions["host_id"] == "US-KOC-1"]))
    assert out.count("(pair 1 of") == 1, "a new host renders once"
    plt.close("all")


def test_prime_time_planner_responds(countries, capsys):
    from course.widgets.live_commerce import prime_time_planner

    box = prime_time_planner(countries, market="US", on=date(2025, 3, 8))
    assert "08:00\u201311:00 Beijing time on Sun 09 Mar 2025" in capsys.readouterr().out
    market, day = box.children[0].children
    start, end = box.children[1].children
    day.value = date(2025, 3, 9)
    assert "07:00\u201310:00 Beijing time on Mon 10 Mar 2025" in capsys.readouterr().out
    market.value = "ID"
    assert "no daylight saving" in capsys.readouterr().out
    start.value = "nonsense"
    assert "Cannot plan" in capsys.readouterr().out


# ---- the answer checks added for module 02 ------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    ["07:00", "7:00", "7", "07:00:00", "7am", "7:00 AM", "07h00", "2025-01-16 07:00", "2025-01-16T07:00:00+08:00", time(7), datetime(2025, 1, 16, 7), pd.Timestamp("2025-01-16 07:00+08:00"),
     7, 7.0, np.float64(7), np.int64(7), 31, timedelta(hours=7), pd.Timedelta(hours=7), ["07:00"], pd.Series([7.0])],
)
def test_clock_time_accepts_every_sensible_form(answer):
    from course.checks import check_clock_time

    check_clock_time("t", answer, "07:00")
    check_clock_time("t", answer, time(7))
    check_clock_time("t", answer, 7)


def test_clock_time_messages():
    from course.checks import check_clock_time

    with pytest.raises(AssertionError, match=r"read as 08:00\) is not right. daylight"):
        check_clock_time("t", "8:00", "07:00", mistakes=[("08:00", "daylight saving")])
    with pytest.raises(AssertionError, match="not right. add 12"):
        check_clock_time("t", 19, "07:00", hint="add 12")
    check_clock_time("t", "23:59:30", "00:00")  # within a minute, across midnight
    for bad, message in [(None, "no answer yet"), (True, "True/False"), ("soon", "not a time of day"), ("13pm", "1 to 12"), ([1, 2], "holds 2 values"), ("2025-99-99 07:00", "not a time of day")]:
        with pytest.raises(AssertionError, match=message):
            check_clock_time("t", bad, "07:00")


def test_interval_check():
    from course.checks import check_interval

    expected = (-0.0016, 0.0056)
    for answer in [(-0.0016, 0.0056), [0.0056, -0.0016], np.array([-0.16, 0.56]), {"low": "-0.16%", "high": "0.56%"}, pd.Series([-0.0016, 0.0056]), pd.Interval(-0.0016, 0.0056)]:
        check_interval("ci", answer, expected, abs_tol=1e-5, percent_ok=True)
    check_interval("ci", (-0.0017, 0.0055), expected, abs_tol=1e-5, also_correct=[(-0.0017, 0.0055)])
    with pytest.raises(AssertionError, match="not right. 90%"):
        check_interval("ci", (-0.001, 0.005), expected, abs_tol=1e-5, mistakes=[((-0.001, 0.005), "90%")])
    with pytest.raises(AssertionError, match="is not right"):
        check_interval("ci", (-0.16, 0.56), expected, abs_tol=1e-5)  # percentages not allowed here
    for bad, message in [(None, "no answer yet"), (0.3, "pair of numbers"), ((1, 2, 3), "holds 3 values"), ("(1, 2)", "pair of numbers")]:
        with pytest.raises(AssertionError, match=message):
            check_interval("ci", bad, expected)


def test_number_map_check():
    from course.checks import check_number_map

    expected = {"viewers": 77.0, "conversion": -311.8, "aov": 125.4}
    forms = [
        {"Viewers": 77.0, "conversion": -311.8, "AOV": 125.4, "total": -109.4},
        pd.Series(expected),
        pd.DataFrame({"factor": list(expected), "contribution": list(expected.values())}),
        pd.DataFrame([expected]),
        {"viewers": np.float64(77.01), "conversion": "-311.8", "aov": 125},
    ]
    for answer in forms:
        check_number_map("c", answer, expected, abs_tol=0.5)
    assert check_number_map("c", forms[0], list(expected)) == expected
    with pytest.raises(AssertionError, match="shares"):
        check_number_map("c", {"viewers": -0.7, "conversion": 2.85, "aov": -1.15}, expected, abs_tol=0.5, mistakes=[({"viewers": -0.7, "conversion": 2.85, "aov": -1.15}, "shares")])
    with pytest.raises(AssertionError, match=r"check \['aov'\]"):
        check_number_map("c", {"viewers": 77.0, "conversion": -311.8, "aov": 1}, expected, abs_tol=0.5)
    with pytest.raises(AssertionError, match=r"no value for \['aov'\]"):
        check_number_map("c", {"viewers": 77.0, "conversion": -311.8}, expected)
    with pytest.raises(AssertionError, match="dict of one number per name"):
        check_number_map("c", [1, 2, 3], expected)


def test_date_check():
    from course.checks import check_date

    for answer in ["2025-10-28", "2025/10/28", date(2025, 10, 28), datetime(2025, 10, 28, 3), pd.Timestamp("2025-10-28 03:00+08:00")]:
        assert check_date("d", answer, "2025-10-28") == "2025-10-28"
    with pytest.raises(AssertionError, match="next day"):
        check_date("d", "2025-10-27", "2025-10-28", mistakes=[("2025-10-27", "next day")])
    for bad, message in [(None, "no answer yet"), (20251028, "give a date"), ("tomorrow", "not a date")]:
        with pytest.raises(AssertionError, match=message):
            check_date("d", bad, "2025-10-28")


def test_number_any_check():
    from course.checks import check_number_any

    assert check_number_any("z", "1.086", [1.0783, 1.0863], abs_tol=0.005) == pytest.approx(1.086)
    check_number_any("p", 28.1, [0.281], percent_ok=True, abs_tol=0.002)
    with pytest.raises(AssertionError, match="one-sided"):
        check_number_any("p", 0.1405, [0.2809, 0.2773], abs_tol=0.002, mistakes=[(0.1405, "one-sided")])
    with pytest.raises(AssertionError, match="is not right. hint"):
        check_number_any("p", 0.5, [0.2809], abs_tol=0.002, hint="hint")


def test_option_check():
    from course.checks import check_option

    levers = {"conversion": ["conv", "orders per viewer"], "viewers": ["viewer", "traffic"], "aov": ["average order value"]}
    for answer in ["conversion", "Conversion rate", " CONV ", "orders per viewer", "conversion_rate"]:
        assert check_option("lever", answer, "conversion", levers) == "conversion"
    assert check_option("lever", "Average-Order-Value", None, levers) == "aov"
    with pytest.raises(AssertionError, match="is not right. traffic rose"):
        check_option("lever", "traffic", "conversion", levers, messages={"viewers": "traffic rose"})
    for bad, message in [(None, "no answer yet"), (3, "as a string"), ("price", "names none of the options")]:
        with pytest.raises(AssertionError, match=message):
            check_option("lever", bad, "conversion", levers)


def test_assignment_constants_match_the_data(sessions, activity):
    """The hidden tests of assignment 02 write their inputs as constants; they must be the data's."""
    my = sessions[(sessions["market"] == "MY") & (sessions["host_type"] == "brand")]
    assert (my["viewers"].sum(), my["product_clicks"].sum(), my["orders"].sum()) == (11689, 1374, 147)
    assert (my["product_clicks"] / my["viewers"]).mean() == pytest.approx(0.1161201, abs=1e-7)
    assert (my["orders"] / my["product_clicks"]).mean() == pytest.approx(0.1024618, abs=1e-7)
    assert (my["orders"] / my["viewers"]).mean() == pytest.approx(0.0120091, abs=1e-7)
    pair = sessions.set_index("session_id").loc[["LS0392", "LS0400"], ["viewers", "orders", "gmv_usd"]]
    assert pair.to_numpy().tolist() == [[1610, 15, 635.50], [1839, 10, 526.07]]
    sa = sessions[sessions["market"] == "SA"].groupby("host_type", observed=True)[["orders", "viewers", "product_clicks"]].sum()
    assert sa.loc["KOL"].tolist() == [236, 11021, 1690] and sa.loc["KOC"].tolist() == [364, 15550, 2419]
    clicks = lc.compare_conversion(sessions[sessions["market"] == "SA"], trials="product_clicks")
    assert clicks.z == pytest.approx(0.9674, abs=1e-4) and clicks.ci_difference == pytest.approx((-0.010989, 0.032650), abs=1e-6)
    conv = sessions[sessions["market"] == "SA"].assign(c=lambda d: d["orders"] / d["viewers"])
    welch = st.ttest_ind(conv.loc[conv["host_type"] == "KOC", "c"], conv.loc[conv["host_type"] == "KOL", "c"], equal_var=False)
    assert welch.statistic == pytest.approx(1.4255, abs=1e-4)
    gb = activity[activity["market"] == "GB"]
    dau = gb.groupby("date")["user_id"].nunique()
    assert (dau.sum(), gb["user_id"].nunique(), dau.median(), dau.max()) == (1476, 149, 48.5, 60)
    assert (len(activity) / 30, activity["user_id"].nunique()) == (pytest.approx(389.9), 924)
