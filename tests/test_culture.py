"""Module 04: the Hofstede data agree with the published matrix, the papers' quotes are
verbatim, and the computations, rules, checks and widgets give the right answers."""
from __future__ import annotations

import datetime as dt
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from course import culture as cu  # noqa: E402
from course import culture_rules as cr  # noqa: E402
from course.checks import check_grouping, check_missing, check_ranking, is_missing  # noqa: E402
from course.data import load  # noqa: E402
from tests.conftest import SHARED, squash

REFERENCE = SHARED / "reference" / "hofstede" / "hofstede_6d_2015-08-16_clean.csv"
MATRIX_COLUMNS = {"pdi": "pdi", "idv": "idv", "mas": "mas", "uai": "uai", "lto": "ltowvs", "ivr": "ivr"}


@pytest.fixture(scope="module")
def scores():
    return load("hofstede_scores")


@pytest.fixture(scope="module")
def countries():
    return load("countries")


@pytest.fixture(scope="module")
def regions():
    return load("hofstede_regions")


@pytest.fixture(scope="module")
def matrix():
    if not REFERENCE.is_file():
        pytest.skip(f"the Hofstede reference matrix is not at {REFERENCE} (set COURSE_SHARED)")
    return pd.read_csv(REFERENCE, dtype=str, keep_default_na=False).set_index("ctr")


# --- the data ---------------------------------------------------------------------------------

def test_one_row_per_course_market(scores, countries):
    assert sorted(scores["iso2"]) == sorted(countries["iso2"])


def test_every_score_matches_the_published_matrix(scores, regions, matrix):
    checked = 0
    for table in (scores, regions):
        for row in table.itertuples():
            if pd.isna(row.hofstede_code):
                continue
            ref = matrix.loc[row.hofstede_code]
            assert row.hofstede_label == ref["country"], row.hofstede_code
            for dim, column in MATRIX_COLUMNS.items():
                ours, theirs = getattr(row, dim), ref[column]
                if theirs == "":
                    assert pd.isna(ours), f"{row.hofstede_code}.{dim}: the matrix has no score, the table has {ours}"
                else:
                    assert ours == int(theirs), f"{row.hofstede_code}.{dim}: {ours} != {theirs}"
                checked += 1
    assert checked == 6 * 21  # 20 market rows with a matrix row, and the Arab countries aggregate


def test_saudi_arabia_and_the_uae_are_not_filled_in(scores, regions):
    by = scores.set_index("iso2")
    assert by.loc["SA", ["pdi", "idv", "mas", "uai"]].isna().all()
    assert (by.loc["SA", "lto"], by.loc["SA", "ivr"]) == (36, 52)
    assert by.loc["AE", list(cu.DIMENSIONS)].isna().all()
    assert pd.isna(by.loc["AE", "hofstede_code"]) and "no row" in by.loc["AE", "note"]
    assert set(by.loc[["SA", "AE"], "proxy_code"]) == {"ARA"}
    assert regions.set_index("hofstede_code").loc["ARA", "uai"] == 68
    # every other market has all six scores, and scores above 100 are kept
    complete = cu.complete_markets(scores)
    assert len(complete) == 19 and "SA" not in complete and "AE" not in complete
    assert by.loc["MY", "pdi"] == 104


def test_preference_and_festival_quotes_are_verbatim(papers):
    for name, key in (("market_preferences", "pref_id"), ("festivals", "festival_id")):
        table = load(name)
        missing = [r[key] for _, r in table.iterrows() if squash(r["quote"]) not in papers[r["source_id"]]]
        assert not missing, f"{name}: quotes not found verbatim in their paper: {missing}"
    rules = [r for r in cr.SCRIPT_RULES if r.basis == "paper"]
    assert len(rules) == 3
    for rule in rules:
        assert squash(rule.quote) in papers[rule.source_id], rule.rule_id


def test_the_issue_regional_preferences_are_there():
    prefs = load("market_preferences").set_index("pref_id")
    assert prefs.loc["us_entertainment", "iso2"] == "US" and prefs.loc["us_reviews", "theme"] == "product_reviews"
    assert prefs.loc["eu_design", "theme"] == "design" and prefs.loc["eu_community", "theme"] == "community"
    assert "清真认证" in prefs.loc["me_certification", "quote"] and prefs.loc["me_certification", "iso2"] == "SA AE"
    assert prefs.loc["au_local_flavour", "iso2"] == "AU"


def test_market_codes_in_preferences_and_festivals_are_course_markets(countries):
    known = set(countries["iso2"])
    for codes in load("market_preferences")["iso2"].dropna():
        assert set(codes.split()) <= known, codes
    for codes in load("festivals")["markets"]:
        assert set(codes.split()) <= known, codes


def test_festival_dates_follow_their_rules():
    table = load("festivals")
    for row in table.itertuples():
        start, end = dt.date.fromisoformat(row.start_date), dt.date.fromisoformat(row.end_date)
        assert start.year == row.year and start <= end
        if not row.date_rule.startswith("lunar"):
            assert cr.date_from_rule(row.date_rule, int(row.year)) == start, row.festival_id
    by = table.set_index("festival_id")
    assert (by.loc["ramadan", "start_date"], by.loc["ramadan", "end_date"]) == ("2025-03-01", "2025-03-29")
    assert by.loc["black_friday", "start_date"] == "2025-11-28"
    assert set(table["source_kind"]) == {"paper", "course-entered"}


# --- computations -----------------------------------------------------------------------------

def test_differences_from_china(scores):
    diff = cu.differences(scores, "US").set_index("dimension")
    # US 40 91 62 46 26 68; China 80 20 66 30 87 24
    assert list(diff["difference"]) == [-40, 71, -4, 16, -61, 44]
    saudi = cu.differences(scores, "SA").set_index("dimension")["difference"]
    assert saudi[["pdi", "idv", "mas", "uai"]].isna().all() and saudi["lto"] == 36 - 87


def test_kogut_singh_worked_by_hand_on_three_markets():
    # three markets, two dimensions: the base A = (0, 0), B = (2, 0), C = (4, 6)
    toy = pd.DataFrame({"iso2": ["A", "B", "C"], "pdi": [0, 2, 4], "idv": [0, 0, 6], "mas": [1, 1, 1], "uai": [1, 1, 1], "lto": [1, 1, 1], "ivr": [1, 1, 1]})
    v_pdi = np.var([0, 2, 4])      # 8/3
    v_idv = np.var([0, 0, 6])      # 8
    got = cu.kogut_singh(toy, base="A", dims=["pdi", "idv"]).set_index("iso2")["distance"]
    assert got["B"] == pytest.approx((4 / v_pdi + 0 / v_idv) / 2)   # 0.75
    assert got["C"] == pytest.approx((16 / v_pdi + 36 / v_idv) / 2)  # 5.25
    sample = cu.kogut_singh(toy, base="A", dims=["pdi", "idv"], ddof=1).set_index("iso2")["distance"]
    assert sample["C"] == pytest.approx(got["C"] * 2 / 3)  # (n - 1) / n


def test_kogut_singh_on_the_course_markets(scores):
    four = cu.kogut_singh(scores, dims=cu.CLASSIC_DIMENSIONS).set_index("iso2")
    v = scores.set_index("iso2").loc[cu.complete_markets(scores), list(cu.CLASSIC_DIMENSIONS)].astype(float).var(ddof=0)
    us = ((np.array([40, 91, 62, 46]) - np.array([80, 20, 66, 30])) ** 2 / v.to_numpy()).mean()
    assert four.loc["US", "distance"] == pytest.approx(us)
    assert four.loc["US", "distance"] == pytest.approx(2.8249, abs=1e-4)
    six = cu.kogut_singh(scores).set_index("iso2")
    assert six.loc["BR", "distance"] == pytest.approx(2.1633, abs=1e-4)
    assert math.isnan(six.loc["SA", "distance"]) and six.loc["SA", "n_dims"] == 2 and not six.loc["SA", "complete"]
    assert math.isnan(six.loc["AE", "distance"]) and six.loc["AE", "n_dims"] == 0
    avail = cu.kogut_singh(scores, missing="available").set_index("iso2")
    v2 = scores.set_index("iso2").loc[cu.complete_markets(scores), ["lto", "ivr"]].astype(float).var(ddof=0)
    assert avail.loc["SA", "distance"] == pytest.approx(((36 - 87) ** 2 / v2["lto"] + (52 - 24) ** 2 / v2["ivr"]) / 2)
    assert math.isnan(avail.loc["AE", "distance"])
    assert "CN" not in six.index


def test_rankings_and_ddof(scores):
    asia = ["ID", "MY", "PH", "TH", "VN", "SG", "JP", "KR"]
    six = cu.kogut_singh(scores)
    assert cu.distance_ranking(six, asia) == ["ID", "SG", "VN", "PH", "MY", "KR", "TH", "JP"]
    assert cu.distance_ranking(cu.kogut_singh(scores, ddof=1), asia) == cu.distance_ranking(six, asia)
    assert cu.distance_ranking(cu.kogut_singh(scores, dims=cu.CLASSIC_DIMENSIONS))[:3] == ["PH", "SG", "ID"]
    assert "SA" not in cu.distance_ranking(cu.kogut_singh(scores, missing="available"))


def test_variances_and_their_errors(scores):
    v = cu.variances(scores)
    assert v["idv"] == pytest.approx(725.9557, abs=1e-3)
    with pytest.raises(cu.CultureError, match="without a score on every dimension"):
        cu.variances(scores, over=["CN", "US", "SA"])
    with pytest.raises(cu.CultureError, match="ddof must be 0"):
        cu.variances(scores, ddof=2)
    with pytest.raises(cu.CultureError, match="unknown dimension"):
        cu.kogut_singh(scores, dims=["pdi", "power"])
    with pytest.raises(cu.CultureError, match="missing must be"):
        cu.kogut_singh(scores, missing="impute")
    with pytest.raises(cu.CultureError, match="base market 'AE' lacks"):
        cu.kogut_singh(scores, base="AE")


def test_markets_by_code_or_name(countries):
    assert cu.resolve_market("United States", countries) == "US"
    assert cu.resolve_market(" south korea ", countries) == "KR"
    assert cu.resolve_market("kr", countries) == "KR"
    assert cu.resolve_market("沙特阿拉伯", countries) == "SA"
    assert cu.resolve_markets(["JPN", "Brazil"], countries) == ["JP", "BR"]
    with pytest.raises(cu.CultureError, match="unknown market 'Narnia'"):
        cu.resolve_market("Narnia", countries)


def test_clusters_are_compared_as_sets_of_sets(scores):
    labels = cu.cluster_markets(scores, k=4)
    expected = {frozenset(g) for g in (["AU", "GB", "IE", "MX", "US"], ["BR", "ES", "FR", "KR", "TH"], ["CN", "ID", "MY", "PH", "SG", "VN"], ["DE", "IT", "JP"])}
    assert cu.partition(labels) == frozenset(expected)
    raw = cu.cluster_markets(scores, k=4, standardised=False)
    assert cu.partition(raw) != cu.partition(labels)  # standardising matters
    four = cu.partition(cu.cluster_markets(scores, cu.CLASSIC_DIMENSIONS, k=3))
    assert frozenset({"CN", "ID", "MY", "PH", "SG", "VN"}) in four
    with pytest.raises(cu.CultureError, match="k must be between"):
        cu.cluster_markets(scores, k=30)
    with pytest.raises(cu.CultureError, match="cannot standardise"):
        cu.standardise(scores, over=["CN", "AE"])


def test_filling_gaps_is_explicit_and_recorded(scores, regions):
    filled, record = cu.substitute_proxy(scores, regions, ["SA", "AE"])
    assert len(record) == 4 + 6
    assert filled.set_index("iso2").loc["SA", "lto"] == 36  # the published national score stays
    assert filled.set_index("iso2").loc["AE", "uai"] == 68
    assert scores.set_index("iso2").loc["AE", list(cu.DIMENSIONS)].isna().all()  # the original is untouched
    imputed, rec = cu.impute_mean(scores, ["AE"])
    assert len(rec) == 6 and set(rec["proxy_code"]) == {"mean"}
    with pytest.raises(cu.CultureError, match="no proxy_code"):
        cu.substitute_proxy(scores, regions, ["US"])


# --- script rules and festivals ---------------------------------------------------------------

def test_script_rules_with_thresholds(scores):
    assert cr.applicable_rules(scores, "KR") == ["uai_high", "idv_low", "lto_high", "ivr_low"]
    assert cr.applicable_rules(scores, "US") == ["idv_high", "ivr_high"]
    # boundaries are inclusive: Germany's UAI is exactly 65, Ireland's IVR 65, Vietnam's IVR 35
    assert "uai_high" in cr.applicable_rules(scores, "DE")
    assert "ivr_high" in cr.applicable_rules(scores, "IE") and "ivr_low" in cr.applicable_rules(scores, "VN")
    assert "uai_high" not in cr.applicable_rules(scores, "DE", high=66)
    saudi = cr.script_choices(scores, "SA").set_index("rule_id")["applies"]
    assert saudi["uai_high"] is pd.NA  # no published UAI: unknown, not "does not apply"
    assert bool(saudi["ivr_high"]) is False  # IVR 52 is published and below 65
    split = cr.rule_markets(scores, "uai_high")
    assert split["unknown"] == ["SA", "AE"] and "JP" in split["applies"] and "CN" in split["does_not_apply"]
    with pytest.raises(cu.CultureError, match="0 <= low < high"):
        cr.rule_table(high=30, low=40)
    with pytest.raises(cu.CultureError, match="unknown rule"):
        cr.rule_markets(scores, "pdi_low")
    assert list(cr.rule_table()["condition"])[:2] == ["uai >= 65", "idv <= 35"]


def test_date_rules():
    assert cr.date_from_rule("day after 4th Thursday of November", 2026) == dt.date(2026, 11, 27)
    assert cr.date_from_rule("fixed 11-11", 2030) == dt.date(2030, 11, 11)
    assert cr.date_from_rule("last Monday of May", 2025) == dt.date(2025, 5, 26)
    with pytest.raises(cu.CultureError, match="lunar calendar"):
        cr.date_from_rule("lunar (Hijri calendar): the 9th month, Ramadan", 2026)
    with pytest.raises(cu.CultureError, match="cannot read the rule"):
        cr.date_from_rule("every full moon", 2026)
    with pytest.raises(cu.CultureError, match="no 5th Friday"):
        cr.date_from_rule("5th Friday of February", 2025)
    with pytest.raises(cu.CultureError, match="year must be"):
        cr.date_from_rule("fixed 12-25", "2025")
    us = cr.festival_calendar(load("festivals"), "US")
    assert list(us["festival_id"]) == ["black_friday", "christmas"]


# --- checks added for module 04 ---------------------------------------------------------------

ALIASES = {"US": ["United States", "USA"], "JP": ["Japan"], "KR": ["South Korea"], "BR": ["Brazil"]}


def test_check_ranking_accepts_every_form():
    want = ["KR", "JP", "US"]
    check_ranking("r", ["KR", "JP", "US"], want, aliases=ALIASES)
    check_ranking("r", ("south korea", "Japan", "usa"), want, aliases=ALIASES)
    check_ranking("r", pd.Series({"US": 3.1, "KR": 1.0, "JP": 2.0}), want, aliases=ALIASES)
    check_ranking("r", {"JP": 2, "KR": 1, "US": 3}, want, aliases=ALIASES)
    check_ranking("r", pd.DataFrame({"iso2": ["US", "KR", "JP"], "distance": [3.0, 1.0, 2.0]}), want, aliases=ALIASES)
    check_ranking("r", pd.DataFrame({"cd": [1.0, 2.0, 3.0]}, index=["KR", "JP", "US"]), want, aliases=ALIASES)
    check_ranking("r", np.array(["KR", "JP", "US"]), want, aliases=ALIASES)
    with pytest.raises(AssertionError, match="reverse order"):
        check_ranking("r", ["US", "JP", "KR"], want, aliases=ALIASES)
    with pytest.raises(AssertionError, match="four dims"):
        check_ranking("r", ["JP", "KR", "US"], want, aliases=ALIASES, mistakes=[(["JP", "KR", "US"], "four dims")])
    with pytest.raises(AssertionError, match="other markets"):
        check_ranking("r", ["KR", "JP", "BR"], want, aliases=ALIASES)
    with pytest.raises(AssertionError, match="not a name this question knows"):
        check_ranking("r", ["KR", "JP", "Atlantis"], want, aliases=ALIASES)
    with pytest.raises(AssertionError, match="no answer yet"):
        check_ranking("r", None, want)


def test_check_grouping_compares_sets_of_sets():
    want = [["US", "BR"], ["JP", "KR"]]
    check_grouping("g", [["KR", "JP"], ["Brazil", "US"]], want, aliases=ALIASES)
    check_grouping("g", {"a": {"US", "BR"}, "b": ["JP", "KR"]}, want, aliases=ALIASES)
    check_grouping("g", {"US": 2, "BR": 2, "JP": 1, "KR": 1}, want, aliases=ALIASES)
    check_grouping("g", pd.Series([1, 1, 0, 0], index=["US", "BR", "JP", "KR"]), want, aliases=ALIASES)
    check_grouping("g", pd.DataFrame({"market": ["US", "BR", "JP", "KR"], "cluster": [np.int32(3), 3, 1, 1]}), want, aliases=ALIASES)
    with pytest.raises(AssertionError, match="has 1 groups"):
        check_grouping("g", [["US", "BR", "JP", "KR"]], want, aliases=ALIASES)
    with pytest.raises(AssertionError, match="raw scores"):
        check_grouping("g", [["US", "JP"], ["BR", "KR"]], want, aliases=ALIASES, mistakes=[([["US", "JP"], ["BR", "KR"]], "raw scores")])
    with pytest.raises(AssertionError, match="more than one group"):
        check_grouping("g", [["US", "BR"], ["US", "KR"]], want, aliases=ALIASES)


def test_check_missing():
    for ok in (None, float("nan"), np.nan, pd.NA, "n/a", "Unknown", np.float64("nan")):
        assert is_missing(ok)
        check_missing("m", ok)
    with pytest.raises(AssertionError, match="substitutes"):
        check_missing("m", 1.2345, mistakes=[(1.2345, "substitutes")])
    with pytest.raises(AssertionError, match="below the threshold"):
        check_missing("m", False, mistakes=[(False, "below the threshold"), (True, "proxy")])
    with pytest.raises(AssertionError, match="proxy"):
        check_missing("m", "yes", mistakes=[(False, "below the threshold"), (True, "proxy")])
    with pytest.raises(AssertionError, match="assign None"):
        check_missing("m", 3)
    assert not is_missing(False) and not is_missing(0)


# --- plots and widgets ------------------------------------------------------------------------

def test_plots_draw_the_numbers(scores, countries):
    from course.checks import plotted_values
    from course.plotting.culture import plot_differences, plot_distances, plot_profiles, plot_standardised

    ax = plot_profiles(scores, countries, ["CN", "US", "SA"])
    drawn = plotted_values(ax)
    assert 104 not in drawn and 91 in drawn and 52 in drawn
    ax = plot_differences(cu.differences(scores, "US"), market_name="United States")
    assert {-40, 71, -4, 16, -61, 44} <= {round(v) for v in plotted_values(ax)}
    ax = plot_distances(cu.kogut_singh(scores, missing="available"), countries)
    assert len(ax.patches) >= 19 and "Saudi Arabia (2 dims only)" in [t.get_text() for t in ax.get_yticklabels()]
    ax = plot_standardised(cu.standardise(scores), cu.cluster_markets(scores, k=4), countries)
    assert ax.get_xlabel() == "dimension"
    plt.close("all")


def test_compare_with_china_is_what_the_widget_shows(scores, countries):
    result = cu.compare_with_china(scores, countries, "Brazil")
    assert result.market == "BR" and result.complete and result.distance == pytest.approx(2.1633, abs=1e-4)
    assert "2.163 over 6 dimensions" in result.text()
    saudi = cu.compare_with_china(scores, countries, "SA")
    assert not saudi.complete and saudi.n_dims == 2 and "not comparable" in saudi.text()
    uae = cu.compare_with_china(scores, countries, "AE", cu.CLASSIC_DIMENSIONS)
    assert uae.n_dims == 0 and "no distance" in uae.text()
    assert set(result.profile["market"]) == {"Brazil", "China"}
    with pytest.raises(cu.CultureError, match="other than China"):
        cu.compare_with_china(scores, countries, "CN")


def test_country_comparison_widget_responds(scores, countries, capsys):
    # outside a notebook kernel the Output widget does not capture: what it would show is printed
    from course.widgets.culture import country_comparison

    box = country_comparison(scores, countries)
    market_w, dims_w = box.children[0].children
    first = capsys.readouterr().out
    assert "United States: Kogut-Singh distance from China 4.004 over 6 dimensions" in first
    market_w.value = "SA"
    second = capsys.readouterr().out
    assert "Saudi Arabia" in second and "not comparable" in second
    dims_w.value = "four (IBM) dimensions"
    third = capsys.readouterr().out
    assert "no published Hofstede score on any of the 4 dimensions" in third
    plt.close("all")


def test_rule_explorer_widget_responds(scores, capsys):
    from course.widgets.culture import rule_explorer, rule_markets_table

    table = rule_markets_table(scores).set_index("rule_id")
    assert table.loc["uai_high", "unknown (no score)"] == "SA AE"
    box = rule_explorer(scores)
    high_w, low_w = box.children[0].children
    before = capsys.readouterr().out
    assert "uai >= 65" in before
    high_w.value = 80
    after = capsys.readouterr().out
    assert "uai >= 80" in after and after != before
    low_w.value = 50
    low_w.value = 20
    assert "idv <= 20" in capsys.readouterr().out


# --- running streams across cultures (unit 3): service hours and comment load -------------

def test_service_coverage_follows_the_clocks():
    countries = load("countries")
    summer = cr.service_coverage(["CN", "US", "GB", "SA"], "2025-07-01", countries=countries).set_index("market")
    # Beijing 09:00-18:00 is UTC 01:00-10:00: New York (UTC-4) 21:00-06:00, London (UTC+1) 02:00-11:00, Riyadh 04:00-13:00
    assert summer["covered_hours"].to_dict() == {"CN": 9.0, "US": 2.0, "GB": 3.0, "SA": 5.0}
    assert (summer["waking_hours"] == 15).all() and summer.loc["CN", "covered_share"] == pytest.approx(0.6)
    winter = cr.service_coverage(["US", "GB"], "2025-01-15", countries=countries).set_index("market")
    assert winter["covered_hours"].to_dict() == {"US": 3.0, "GB": 2.0}  # daylight saving moves an hour each way
    local = cr.service_coverage(["US"], "2025-07-01", team_zone="America/New_York", team_hours=("08:00", "23:00"), countries=countries)
    assert local["covered_share"].iloc[0] == 1.0
    with pytest.raises(cu.CultureError, match="must end after"):
        cr.service_coverage(["US"], "2025-07-01", waking_hours=("23:00", "08:00"), countries=countries)


def test_comment_load_per_minute():
    sessions = pd.DataFrame({"market": ["A", "A", "B"], "comments": [60, 300, 10], "duration_min": [60, 60, 10]})
    load_ = cr.comment_load(sessions).set_index("market")
    assert load_.loc["A", "median_per_minute"] == 3.0 and load_.loc["A", "max_per_minute"] == 5.0
    assert load_.loc["B", "sessions"] == 1 and load_.loc["B", "p90_per_minute"] == 1.0
    with pytest.raises(cu.CultureError, match="duration_min"):
        cr.comment_load(sessions.drop(columns="duration_min"))


def test_service_coverage_plot_has_words_and_hours():
    from course.plotting.culture import plot_service_coverage

    countries = load("countries")
    coverage = cr.service_coverage(["US", "ID"], "2025-07-01", countries=countries)
    ax = plot_service_coverage(coverage, countries)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Indonesia", "United States"]
    assert {"9 h", "6 h", "2 h", "13 h"} <= {t.get_text() for t in ax.texts}
    plt.close("all")
