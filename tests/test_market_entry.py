"""Module 07: the decision matrix, its sensitivity, the widget's function, the datasets and the
ranking check."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from course import market_entry as me
from course.checks import check_score_ranking
from course.data import load


@pytest.fixture(scope="module")
def criteria():
    return me.criteria_table(load("hofstede_scores"), load("hofstede_regions"), load("market_entry_inputs"), load("privacy_regimes"), load("live_sessions"))


@pytest.fixture(scope="module")
def normalised(criteria):
    return me.normalise(criteria)


# --- a small matrix worked by hand ------------------------------------------------------------

TOY = pd.DataFrame({"cost": [10.0, 20.0, 30.0], "gmv": [100.0, 300.0, 200.0]}, index=pd.Index(["A", "B", "C"], name="iso2"))
TOY_DIRECTIONS = {"cost": "lower", "gmv": "higher"}


def test_normalise_by_hand():
    n = me.normalise(TOY, TOY_DIRECTIONS)
    assert n["cost"].tolist() == [1.0, 0.5, 0.0]  # cheapest best
    assert n["gmv"].tolist() == [0.0, 1.0, 0.5]
    flat = me.normalise(pd.DataFrame({"x": [3.0, 3.0]}, index=["A", "B"]), {"x": "lower"})
    assert flat["x"].tolist() == [1.0, 1.0]


def test_scores_ranking_and_top_by_hand():
    n = me.normalise(TOY, TOY_DIRECTIONS)
    w = {"cost": 0.6, "gmv": 0.4}
    scores = me.weighted_scores(n, w)
    assert scores.to_dict() == pytest.approx({"A": 0.6, "B": 0.7, "C": 0.2})
    assert me.ranking(n, w) == ["B", "A", "C"]
    assert me.top_market(n, w) == "B"
    assert me.rank_markets(n, w)["rank"].tolist() == [1, 2, 3]
    assert me.contributions(n, w).sum(axis=1).to_dict() == pytest.approx(scores.to_dict())


def test_switch_weight_by_hand():
    # A: 0.6 + ... ; score_A(w_cost) = w, score_B = 0.5 w + (1 - w): B leads until 1.5 w = 1 -> w = 2/3
    n = me.normalise(TOY, TOY_DIRECTIONS)
    s = me.switch_weight(n, {"cost": 0.6, "gmv": 0.4}, "cost", "up")
    assert s.current_top == "B" and s.new_top == "A"
    assert s.weight == pytest.approx(2 / 3)
    assert me.switch_weight(n, {"cost": 0.6, "gmv": 0.4}, "cost", "down").weight is None
    assert "takes over" in s.describe()


def test_set_weight_keeps_proportions():
    w = me.set_weight({"a": 0.5, "b": 0.3, "c": 0.2}, "a", 0.6)
    assert w == pytest.approx({"a": 0.6, "b": 0.24, "c": 0.16})
    assert sum(w.values()) == pytest.approx(1)
    assert me.set_weight({"a": 1.0, "b": 0.0, "c": 0.0}, "a", 0.5) == pytest.approx({"a": 0.5, "b": 0.25, "c": 0.25})


def test_weights_from_points():
    assert me.weights_from_points({"a": 2, "b": 6, "c": 2}) == pytest.approx({"a": 0.2, "b": 0.6, "c": 0.2})


# --- the capstone case ------------------------------------------------------------------------

def test_criteria_table(criteria):
    assert list(criteria.index) == list(me.CANDIDATES)
    assert list(criteria.columns) == list(me.CRITERIA)
    assert criteria.notna().all().all()
    # module 04's distances for markets with published scores are unchanged
    from course import culture
    ks = culture.kogut_singh(load("hofstede_scores")).set_index("iso2")["distance"]
    for m in ("US", "GB", "ID", "TH", "MY"):
        assert criteria.loc[m, "cultural_distance"] == pytest.approx(ks[m])
    # landed cost for the UK by hand: (12 + 4.5) * 1.04 * 1.20
    assert criteria.loc["GB", "landed_cost_usd"] == pytest.approx(16.5 * 1.04 * 1.2)
    assert criteria.loc["US", "landed_cost_usd"] == pytest.approx(17 * 1.25)
    # pooled GMV per 1,000 viewers
    s = load("live_sessions")
    us = s[s["market"] == "US"]
    assert criteria.loc["US", "gmv_per_1000_viewers"] == pytest.approx(1000 * us["gmv_usd"].sum() / us["viewers"].sum())


def test_normalised_is_zero_to_one_with_best_at_one(criteria, normalised):
    assert ((normalised >= 0) & (normalised <= 1)).all().all()
    for c, way in me.DIRECTIONS.items():
        best = criteria[c].idxmin() if way == "lower" else criteria[c].idxmax()
        assert normalised.loc[best, c] == 1.0


def test_lecture_and_assignment_answers(normalised):
    assert me.top_market(normalised, me.DEFAULT_WEIGHTS) == "MY"
    seller = {"cultural_distance": 0.15, "landed_cost_usd": 0.25, "lead_days": 0.10, "privacy_strictness": 0.20, "gmv_per_1000_viewers": 0.30}
    assert me.ranking(normalised, seller) == ["MY", "TH", "US", "ID", "SA", "GB"]
    s = me.switch_weight(normalised, seller, "privacy_strictness")
    assert s.new_top == "US" and s.weight == pytest.approx(0.38392, abs=1e-4)
    table = me.perturbation_table(normalised, seller)
    assert set(table.loc[~table["same"], "criterion"]) == {"landed_cost_usd", "gmv_per_1000_viewers"}
    assert not me.is_robust(normalised, seller)


@pytest.mark.parametrize("criterion", me.CRITERIA)
@pytest.mark.parametrize("direction", ["up", "down"])
def test_exact_switch_agrees_with_a_fine_sweep(normalised, criterion, direction):
    s = me.switch_weight(normalised, me.DEFAULT_WEIGHTS, criterion, direction)
    sweep = me.weight_sweep(normalised, me.DEFAULT_WEIGHTS, criterion, step=0.01)
    w0 = me.DEFAULT_WEIGHTS[criterion]
    side = sweep[sweep["weight"] > w0 + 1e-9] if direction == "up" else sweep[sweep["weight"] < w0 - 1e-9].iloc[::-1]
    changed = side[side["top"] != s.current_top]
    if s.weight is None:
        assert changed.empty
    else:
        first = changed.iloc[0]
        assert abs(first["weight"] - s.weight) <= 0.0101
        assert first["top"] == s.new_top


# --- errors say what to fix ------------------------------------------------------------------

@pytest.mark.parametrize(
    "weights, message",
    [
        ({"cost": 0.5, "gmv": 0.4}, "sum to 0.9"),
        ({"cost": 60, "gmv": 40}, "fractions"),
        ({"cost": -0.2, "gmv": 1.2}, "non-negative"),
        ({"cost": 1.0}, "missing"),
        ({"cost": 0.5, "gmv": 0.5, "x": 0}, "unknown"),
        ({"cost": "a", "gmv": 0.5}, "must be a number"),
    ],
)
def test_invalid_weights(weights, message):
    n = me.normalise(TOY, TOY_DIRECTIONS)
    with pytest.raises(me.MarketEntryError, match=message):
        me.weighted_scores(n, weights)


def test_other_errors():
    with pytest.raises(me.MarketEntryError, match="higher or lower"):
        me.normalise(TOY, {"cost": "lower"})
    with pytest.raises(me.MarketEntryError, match="missing criterion values"):
        me.normalise(TOY.assign(cost=[1.0, np.nan, 2.0]), TOY_DIRECTIONS)
    with pytest.raises(me.MarketEntryError, match="at least two"):
        me.normalise(TOY.iloc[:1], TOY_DIRECTIONS)
    with pytest.raises(me.MarketEntryError, match="between 0 and 1"):
        me.set_weight({"cost": 0.5, "gmv": 0.5}, "cost", 30)
    with pytest.raises(me.MarketEntryError, match="unknown criterion"):
        me.set_weight({"cost": 0.5, "gmv": 0.5}, "speed", 0.3)
    with pytest.raises(me.MarketEntryError, match="direction"):
        me.switch_weight(me.normalise(TOY, TOY_DIRECTIONS), {"cost": 0.5, "gmv": 0.5}, "cost", "sideways")
    with pytest.raises(me.MarketEntryError, match="all points are zero"):
        me.weights_from_points({"a": 0, "b": 0})
    with pytest.raises(me.MarketEntryError, match="no live sessions"):
        me.funnel_by_market(load("live_sessions"), ["US", "DE"])
    with pytest.raises(me.MarketEntryError, match="goods_usd"):
        me.landed_costs(load("market_entry_inputs"), -1)
    with pytest.raises(me.MarketEntryError, match="twice"):
        me.criteria_table(load("hofstede_scores"), load("hofstede_regions"), load("market_entry_inputs"), load("privacy_regimes"), load("live_sessions"), ["US", "US"])


# --- widget and plots --------------------------------------------------------------------------

def test_widget_function_and_widget(normalised):
    import matplotlib
    matplotlib.use("Agg")
    from course.widgets.market_entry import explore_weights, weight_explorer

    w, ranked, contrib = explore_weights(normalised, {c: 10 * v for c, v in me.DEFAULT_WEIGHTS.items()})
    assert w == pytest.approx(me.DEFAULT_WEIGHTS)
    assert ranked["iso2"].iloc[0] == "MY"
    _, ranked2, _ = explore_weights(normalised, {**{c: 0 for c in me.CRITERIA}, "gmv_per_1000_viewers": 10})
    assert ranked2["iso2"].iloc[0] == "SA"  # only the funnel counts

    box = weight_explorer(normalised)
    sliders = box.children[0].children

    assert box.result["ranking"][0] == "MY"
    assert box.result["weights"] == pytest.approx(me.DEFAULT_WEIGHTS, abs=0.01)  # slider steps round the points
    for s in sliders:
        s.value = 10 if s.description.lower().startswith("gmv") else 0
    assert box.result["ranking"][0] == "SA"
    assert box.result["weights"]["gmv_per_1000_viewers"] == pytest.approx(1)


def test_plots_return_axes(normalised):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from course.plotting.market_entry import plot_contributions, plot_matrix, plot_sweep

    assert plot_matrix(normalised).get_title()
    assert len(plot_contributions(me.contributions(normalised, me.DEFAULT_WEIGHTS)).patches) >= 6
    sweep = me.weight_sweep(normalised, me.DEFAULT_WEIGHTS, "lead_days", step=0.1)
    assert plot_sweep(sweep, "lead_days", current=0.15, switch=0.44).get_lines()
    plt.close("all")


# --- the datasets -----------------------------------------------------------------------------

def test_privacy_regimes_facts():
    r = load("privacy_regimes").set_index("iso2")
    assert len(r) == len(load("countries"))
    for eu in ("DE", "FR", "ES", "IT", "IE"):
        assert r.loc[eu, "law_short"] == "GDPR" and r.loc[eu, "applies_from_year"] == 2018
    expected = {"CN": ("PIPL", 2021), "GB": ("UK GDPR", 2018), "BR": ("LGPD", 2020), "KR": ("PIPA", 2011), "TH": ("PDPA (Thailand)", 2022),
                "ID": ("PDP Law", 2022), "VN": ("Decree 13/2023", 2023), "SA": ("PDPL (Saudi Arabia)", 2023), "AE": ("PDPL (UAE)", 2022),
                "SG": ("PDPA (Singapore)", 2014), "MY": ("PDPA (Malaysia)", 2013), "PH": ("Data Privacy Act 2012", 2012), "MX": ("LFPDPPP", 2010), "JP": ("APPI", 2005)}
    for iso2, (short, year) in expected.items():
        assert (r.loc[iso2, "law_short"], r.loc[iso2, "applies_from_year"]) == (short, year), iso2
    assert not r.loc["US", "comprehensive"] and r.loc[r.index != "US", "comprehensive"].all()
    assert r["strictness"].between(1, 5).all()
    assert (r["as_of"] == "2024-12-31").all()


def test_market_entry_inputs_and_calibration():
    i = load("market_entry_inputs").set_index("iso2")
    assert sorted(i.index) == sorted(me.CANDIDATES)
    assert i["vat_rate_pct"].to_dict() == {"US": 0, "GB": 20, "ID": 11, "TH": 7, "MY": 10, "SA": 15}
    stats = load("paper_statistics").set_index("stat_id")["value"]
    # the datasheet's calibration: every lead time between the papers' best (3 working days)
    # and the postal 30 days, and the nearest markets near 5.7 days
    assert (i["lead_days"] >= stats["tiktok_fulfilment_days_min_yang"]).all()
    assert (i["lead_days"] <= stats["postal_delivery_days_max_tian"]).all()
    assert abs(i["lead_days"].min() - stats["logistics_time_yang"]) <= 1


# --- the ranking check ------------------------------------------------------------------------

NAMES = {"US": ["United States"], "GB": ["United Kingdom"], "MY": ["Malaysia"]}


@pytest.mark.parametrize(
    "answer",
    [
        ["MY", "GB", "US"],
        ("Malaysia", "united kingdom", "US"),
        pd.Series({"US": 0.1, "MY": 0.9, "GB": 0.5}),
        {"US": 10, "MY": 90, "GB": 50},
        pd.DataFrame({"market": ["US", "MY", "GB"], "score": [0.1, 0.9, 0.5]}),
        pd.DataFrame({"total": [0.9, 0.5, 0.1]}, index=["Malaysia", "GB", "US"]),
        pd.Series(["MY", "GB", "US"]),
        np.array(["MY", "GB", "US"]),
    ],
)
def test_check_score_ranking_accepts(answer):
    assert check_score_ranking("r", answer, ["MY", "GB", "US"], aliases=NAMES) == ["MY", "GB", "US"]


@pytest.mark.parametrize(
    "answer, message",
    [
        (["US", "GB", "MY"], "reverse order"),
        (["MY", "US", "GB"], "wrong from position 2"),
        (["MY", "GB"], "it should rank 3"),
        (["MY", "MY", "US"], "twice"),
        ("MY", "one string"),
        (None, "no answer"),
        (["MY", "GB", "France"], "not a name this question knows"),
    ],
)
def test_check_score_ranking_rejects(answer, message):
    with pytest.raises(AssertionError, match=message):
        check_score_ranking("r", answer, ["MY", "GB", "US"], aliases=NAMES)


def test_check_score_ranking_mistake_message():
    with pytest.raises(AssertionError, match="lecture"):
        check_score_ranking("r", ["GB", "MY", "US"], ["MY", "GB", "US"], aliases=NAMES, mistakes=[(["GB", "MY", "US"], "the lecture's weights")])


# --- what the five criteria leave out (lecture 09, unit 2) ----------------------------------

def test_market_size_is_gdp_from_countries():
    countries = load("countries")
    size = me.market_size(countries)
    assert size.name == me.MARKET_SIZE and list(size.index) == list(me.CANDIDATES)
    assert size["US"] == countries.set_index("iso2").loc["US", "gdp_usd_billion_2023"]
    with pytest.raises(me.MarketEntryError, match="no GDP"):
        me.market_size(countries, ["US", "XX"])


def test_penalty_to_switch():
    scores = pd.Series({"A": 0.6, "B": 0.55, "C": 0.5})
    assert me.penalty_to_switch(scores, ["A", "B"]) == {"top": "A", "best_other": "C", "penalty": pytest.approx(0.1)}
    assert me.penalty_to_switch(scores, ["C"])["penalty"] == 0.0   # the leader is not penalised
    with pytest.raises(me.MarketEntryError, match="every market"):
        me.penalty_to_switch(scores, ["A", "B", "C"])


def test_bootstrap_top_resamples_sessions():
    # two markets; B's sessions are all alike, A's vary: B's interval has no width, A wins about half the time
    sessions = pd.DataFrame({"market": ["A"] * 4 + ["B"] * 4, "viewers": [1000] * 8,
                             "gmv_usd": [100, 300, 100, 300, 200, 200, 200, 200]})
    normalised = pd.DataFrame({"gmv_per_1000_viewers": [1.0, 0.0], "lead_days": [0.0, 0.0]}, index=pd.Index(["A", "B"], name="iso2"))
    result = me.bootstrap_top(sessions, normalised, {"gmv_per_1000_viewers": 1.0, "lead_days": 0.0}, reps=4000, seed=1)
    assert result.gmv_interval.loc["B", ["estimate", "low", "high"]].tolist() == [200.0, 200.0, 200.0]
    assert result.gmv_interval.loc["A", "estimate"] == 200.0 and result.gmv_interval.loc["A", "low"] < 200 < result.gmv_interval.loc["A", "high"]
    # A tops when its resample beats 200 (P = 5/16) or ties (P = 6/16, ties go to the first code, A)
    assert result.top_share["A"] == pytest.approx(11 / 16, abs=0.03) and result.top_share.sum() == pytest.approx(1)
    with pytest.raises(me.MarketEntryError, match="at least 100"):
        me.bootstrap_top(sessions, normalised, {"gmv_per_1000_viewers": 1.0, "lead_days": 0.0}, reps=10)
