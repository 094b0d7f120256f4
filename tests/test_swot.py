"""Module 03: the SWOT datasets quote their papers, and the computations, errors, plots,
widgets and answer checks give the right results (no browser needed)."""
from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from course import swot  # noqa: E402
from course.data import datasets_dir, load  # noqa: E402
from tests.conftest import squash  # noqa: E402


@pytest.fixture(scope="module")
def factors():
    return load("swot_factors")


@pytest.fixture(scope="module")
def strategies():
    return load("swot_strategies")


@pytest.fixture(scope="module")
def defaults(factors):
    return swot.default_weights(factors), swot.default_ratings(factors)


@pytest.fixture()
def toy():
    """A worked example small enough to check by hand.

    IFE: S1 0.6 x 4 + W1 0.4 x 1 = 2.8; EFE: O1 0.5 x 3 + T1 0.5 x 1 = 2.0 -> ST.
    """
    frame = pd.DataFrame({
        "factor_id": ["S1", "W1", "O1", "T1"],
        "group": ["strength", "weakness", "opportunity", "threat"],
        "factor": ["a strength", "a weakness", "an opportunity", "a threat"],
    })
    return frame, {"S1": 0.6, "W1": 0.4, "O1": 0.5, "T1": 0.5}, {"S1": 4, "W1": 1, "O1": 3, "T1": 1}


# --- the datasets ----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["swot_factors", "swot_strategies"])
def test_every_quote_is_verbatim_in_its_paper(name, papers):
    frame = load(name)
    key = frame.columns[0]
    missing = [row[key] for _, row in frame.iterrows() if squash(row["quote"]) not in papers[row["source_id"]]]
    assert not missing, f"{name}: quotes not found verbatim in their paper: {missing}"
    assert frame["quote"].str.len().max() <= 200


@pytest.mark.parametrize("name", ["swot_factors", "swot_strategies"])
def test_stat_ids_exist_in_paper_statistics(name, stats):
    known = set(stats["stat_id"])
    cited = [sid for text in load(name)["stat_ids"].dropna() for sid in swot.split_ids(text)]
    assert cited, f"{name} cites no figures at all"
    assert set(cited) <= known, sorted(set(cited) - known)


def test_factor_ids_groups_and_matrices_agree(factors):
    for _, row in factors.iterrows():
        assert re.fullmatch(r"[SWOT]\d", row["factor_id"]), row["factor_id"]
        assert row["factor_id"][0] == {"strength": "S", "weakness": "W", "opportunity": "O", "threat": "T"}[row["group"]]
        assert row["matrix"] == swot.MATRIX_OF_GROUP[row["group"]]
    assert factors["group"].value_counts().to_dict() == {"threat": 7, "strength": 5, "weakness": 5, "opportunity": 5}


def test_tians_swot_factors_are_classified_by_the_paper(factors):
    # Tian's section 5 is the papers' only explicit SWOT: its factors carry classified_by = paper
    in_section_5 = factors[(factors["source_id"] == "tian2022") & factors["section"].str.startswith("5.")]
    assert len(in_section_5) == 7 and set(in_section_5["classified_by"]) == {"paper"}
    assert set(factors.loc[factors["about"] == "TikTok", "classified_by"]) == {"course"}


def test_defaults_are_valid_and_labelled_as_teaching_choices(factors, defaults):
    weights, ratings = defaults
    swot.validate(factors, weights, ratings)  # sums to 1 per matrix, ratings follow the convention
    assert set(factors["default_basis"]) == {"course teaching choice"}
    assert factors["default_rationale"].str.len().min() > 20
    for name in ("swot_factors", "swot_strategies"):
        sheet = (datasets_dir() / f"{name}.md").read_text(encoding="utf-8").lower()
        assert "not synthetic" in sheet
    assert "teaching choice" in (datasets_dir() / "swot_factors.md").read_text(encoding="utf-8")


def test_every_strategy_pairs_known_factors_in_its_tows_cell(factors, strategies):
    ids = set(factors["factor_id"])
    for _, row in strategies.iterrows():
        assert set(swot.split_ids(row["factor_ids"])) <= ids, row["strategy_id"]
        assert swot.tows_type(row["factor_ids"], factors) == row["tows"], row["strategy_id"]
        assert row["strategy_id"].startswith(row["tows"])
    assert set(strategies["tows"]) == set(swot.TOWS)


# --- matrices, totals and the position -----------------------------------------------

def test_hand_worked_example(toy):
    frame, weights, ratings = toy
    ife = swot.factor_matrix(frame, weights, ratings, "IFE")
    assert list(ife.columns) == ["factor_id", "group", "factor", "weight", "rating", "weighted_score"]
    assert ife["weighted_score"].tolist() == pytest.approx([2.4, 0.4])
    result = swot.evaluate(frame, weights, ratings)
    assert (result.ife_total, result.efe_total, result.strategy) == (pytest.approx(2.8), pytest.approx(2.0), "ST")
    assert "IFE total 2.80" in result.describe() and "ST" in result.describe()
    groups = result.groups.set_index("group")
    assert groups.loc["strength", "mean_rating"] == 4 and groups.loc["threat", "weight"] == 0.5


def test_default_position_of_tiktok_shop(factors, defaults):
    result = swot.evaluate(factors, *defaults)
    assert result.ife_total == pytest.approx(2.60)
    assert result.efe_total == pytest.approx(2.42)
    assert result.strategy == "ST"


@pytest.mark.parametrize(
    "ife, efe, expected",
    [(3.0, 3.0, "SO"), (3.0, 2.0, "ST"), (2.0, 3.0, "WO"), (2.0, 2.0, "WT"), (2.5, 2.5, "SO"),
     (2.4999999999999996, 2.5000000000000004, "SO"), (2.49, 2.5, "WO"), (1.0, 4.0, "WO")],
)
def test_quadrant_midpoints_and_ties(ife, efe, expected):
    assert swot.quadrant(ife, efe) == expected


def test_quadrant_rejects_totals_off_the_scale():
    with pytest.raises(swot.SwotError, match=r"IFE total 25 is outside 1-4.*weights normalised"):
        swot.quadrant(25, 2.5)
    with pytest.raises(swot.SwotError, match="EFE total 0.5"):
        swot.quadrant(2.5, 0.5)


def test_normalise_weights_per_matrix(factors, toy):
    frame, _, _ = toy
    w = swot.normalise_weights(frame, {"S1": 3, "W1": 1, "O1": 2, "T1": 2})
    assert w == pytest.approx({"S1": 0.75, "W1": 0.25, "O1": 0.5, "T1": 0.5})
    assert swot.normalise_weights(frame, pd.Series({"S1": 1, "W1": 1})) == pytest.approx({"S1": 0.5, "W1": 0.5})
    with pytest.raises(swot.SwotError, match="IFE matrix: the importance scores sum to 0"):
        swot.normalise_weights(frame, {"S1": 0, "W1": 0})
    with pytest.raises(swot.SwotError, match=r"EFE matrix, factor T1 \(a threat\): the importance score -1 is negative"):
        swot.normalise_weights(frame, {"O1": 2, "T1": -1})


def test_weights_and_ratings_may_be_series(toy):
    frame, weights, ratings = toy
    result = swot.evaluate(frame, pd.Series(weights), pd.Series(ratings, dtype="int64"))
    assert result.ife_total == pytest.approx(2.8)


# --- invalid inputs: a SwotError naming the matrix, the factor and the problem ----------

@pytest.mark.parametrize(
    "change_weights, change_ratings, pattern",
    [
        ({"S1": 0.5}, {}, r"^IFE matrix: the weights sum to 0\.9, not 1.*normalise_weights"),
        ({"S1": 60, "W1": 40}, {}, r"^IFE matrix, factor S1 \(a strength\): the weight 60 is above 1.*percentages"),
        ({"O1": 1.0, "T1": -0.1}, {}, r"^EFE matrix, factor T1 \(a threat\): the weight -0\.1 is negative"),
        ({"X9": 0.1}, {}, r"^unknown factor id\(s\) \['X9'\] in the weights.*IFE: S1, W1; EFE: O1, T1"),
        ({}, {"Q7": 2}, r"unknown factor id\(s\) \['Q7'\] in the ratings"),
        ({}, {"W1": 3}, r"^IFE matrix, factor W1 \(a weakness\): a weakness is rated 1 \(major weakness\) or 2 \(minor weakness\), not 3"),
        ({}, {"W1": 4}, r"IFE matrix, factor W1.*ratings 3 and 4 are for strengths"),
        ({}, {"S1": 2}, r"^IFE matrix, factor S1 \(a strength\): a strength is rated 3 \(minor strength\) or 4 \(major strength\), not 2"),
        ({}, {"T1": 5}, r"^EFE matrix, factor T1 \(a threat\): the rating 5 is outside the 1-4 scale"),
        ({}, {"O1": 0}, r"EFE matrix, factor O1 \(an opportunity\): the rating 0 is outside the 1-4 scale"),
        ({}, {"O1": 2.5}, r"EFE matrix, factor O1.*the rating 2\.5 is not a whole number"),
        ({}, {"O1": "three"}, r"EFE matrix, factor O1.*the rating 'three' is not a number"),
        ({"T1": None}, {}, r"EFE matrix, factor T1.*no weight given \(it is missing\)"),
        ({"S1": float("nan")}, {}, r"IFE matrix, factor S1.*missing"),
    ],
)
def test_invalid_inputs_raise_a_clear_error(toy, change_weights, change_ratings, pattern):
    frame, weights, ratings = toy
    with pytest.raises(swot.SwotError, match=pattern):
        swot.evaluate(frame, {**weights, **change_weights}, {**ratings, **change_ratings})


def test_missing_entries_and_bad_containers(toy):
    frame, weights, ratings = toy
    with pytest.raises(swot.SwotError, match=r"^EFE matrix, factor O1 \(an opportunity\): no weight given"):
        swot.evaluate(frame, {k: v for k, v in weights.items() if k != "O1"}, ratings)
    with pytest.raises(swot.SwotError, match=r"IFE matrix, factor W1.*no rating given"):
        swot.evaluate(frame, weights, {k: v for k, v in ratings.items() if k != "W1"})
    with pytest.raises(swot.SwotError, match=r"as a dict \{factor_id: weight\} or a pandas Series indexed by factor_id, not a list"):
        swot.evaluate(frame, [0.6, 0.4, 0.5, 0.5], ratings)
    with pytest.raises(swot.SwotError, match="not a DataFrame"):
        swot.evaluate(frame, pd.DataFrame({"weight": weights}), ratings)
    with pytest.raises(swot.SwotError, match="EFE matrix: no factors"):
        swot.evaluate(frame[frame["group"].isin(["strength", "weakness"])], {"S1": 0.6, "W1": 0.4}, {"S1": 4, "W1": 1})
    with pytest.raises(swot.SwotError, match=r"unknown factor group\(s\) \['risk'\]"):
        swot.evaluate(frame.assign(group=["strength", "weakness", "opportunity", "risk"]), weights, ratings)
    with pytest.raises(swot.SwotError, match="lacks the column"):
        swot.evaluate(frame.drop(columns="group"), weights, ratings)
    with pytest.raises(swot.SwotError, match="unknown matrix 'XYZ'"):
        swot.factor_matrix(frame, weights, ratings, "XYZ")
    assert issubclass(swot.SwotError, ValueError)


def test_validate_one_matrix_only(toy):
    frame, weights, ratings = toy
    swot.validate(frame, {"S1": 0.6, "W1": 0.4}, {"S1": 4, "W1": 1}, matrices=["IFE"])
    with pytest.raises(swot.SwotError, match="EFE matrix, factor O1"):
        swot.validate(frame, {"S1": 0.6, "W1": 0.4}, {"S1": 4, "W1": 1})


# --- TOWS ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, label", [("SO", "SO"), ("so", "SO"), ("S-O", "SO"), ("O/S", "SO"), ("TW", "WT"), ("wt strategy", "WT"), (" St ", "ST"), ("WO strategies", "WO")])
def test_tows_label_reads_the_usual_spellings(text, label):
    assert swot.tows_label(text) == label


@pytest.mark.parametrize("text", ["SW", "OT", "SWOT", "", "strategy", "S", "XO"])
def test_tows_label_rejects_non_cells(text):
    with pytest.raises(swot.SwotError, match="not a TOWS strategy type"):
        swot.tows_label(text)


def test_tows_type_and_strategies_for(factors, strategies):
    assert swot.tows_type(["W4", "T7"], factors) == "WT"
    assert swot.tows_type("S4;S5;O2", factors) == "SO"
    with pytest.raises(swot.SwotError, match="one internal group"):
        swot.tows_type(["S1", "W1", "O1"], factors)
    with pytest.raises(swot.SwotError, match="internal none"):
        swot.tows_type(["O1", "O2"], factors)
    with pytest.raises(swot.SwotError, match=r"unknown factor id\(s\) \['Z1'\]"):
        swot.tows_type(["Z1", "O1"], factors)
    st = swot.strategies_for(strategies, "s-t")
    assert list(st["strategy_id"]) == ["ST1", "ST2", "ST3"]


# --- sensitivity ----------------------------------------------------------------------

def test_shift_weights_is_proportional_and_keeps_the_sums(factors, defaults):
    weights, _ = defaults
    moved = swot.shift_weights(factors, weights, "IFE", 0.1)
    ife_ids = factors.loc[factors["matrix"] == "IFE", "factor_id"]
    assert sum(moved[i] for i in ife_ids) == pytest.approx(1)
    assert sum(moved[i] for i in ife_ids if i.startswith("S")) == pytest.approx(0.45)
    assert moved["S4"] / moved["S1"] == pytest.approx(weights["S4"] / weights["S1"])  # the mix within a group is kept
    assert moved["W4"] == pytest.approx(weights["W4"] * 0.55 / 0.45)
    assert all(moved[i] == weights[i] for i in factors.loc[factors["matrix"] == "EFE", "factor_id"])
    with pytest.raises(swot.SwotError, match=r"cannot move \+0\.6 of weight: the strengths hold 0\.55"):
        swot.shift_weights(factors, weights, "IFE", 0.6)


def test_shift_into_an_empty_group_is_shared_equally(toy):
    frame, _, _ = toy
    frame = pd.concat([frame, pd.DataFrame({"factor_id": ["W2"], "group": ["weakness"], "factor": ["another weakness"]})])
    moved = swot.shift_weights(frame, {"S1": 1.0, "W1": 0.0, "W2": 0.0, "O1": 0.5, "T1": 0.5}, "IFE", 0.2)
    assert moved == pytest.approx({"S1": 0.8, "W1": 0.1, "W2": 0.1, "O1": 0.5, "T1": 0.5})


def test_group_shift_threshold_by_hand(toy):
    frame, weights, ratings = toy
    # IFE: (2.8 - 2.5) / (4 - 1) = 0.1; EFE: (2.0 - 2.5) / (3 - 1) = -0.25
    assert swot.group_shift_threshold(frame, weights, ratings, "IFE") == pytest.approx(0.1)
    assert swot.group_shift_threshold(frame, weights, ratings, "EFE") == pytest.approx(-0.25)
    flip = swot.flip_threshold(frame, weights, ratings)
    assert (flip.matrix, flip.from_group, flip.to_group, flip.strategy, flip.new_strategy) == ("IFE", "strength", "weakness", "ST", "WT")
    assert flip.shift == pytest.approx(0.1)
    assert "0.1000 of the IFE weight" in flip.describe()


@pytest.mark.parametrize("matrix", ["IFE", "EFE"])
def test_the_threshold_is_where_the_strategy_flips(factors, defaults, matrix):
    weights, ratings = defaults
    s = swot.group_shift_threshold(factors, weights, ratings, matrix)
    before = swot.evaluate(factors, weights, ratings).strategy
    at = swot.evaluate(factors, swot.shift_weights(factors, weights, matrix, s), ratings)
    assert (at.ife_total if matrix == "IFE" else at.efe_total) == pytest.approx(2.5)
    step = math.copysign(1e-4, s)
    assert swot.evaluate(factors, swot.shift_weights(factors, weights, matrix, s - step), ratings).strategy == before
    assert swot.evaluate(factors, swot.shift_weights(factors, weights, matrix, s + step), ratings).strategy != before


def test_default_flip_threshold(factors, defaults):
    flip = swot.flip_threshold(factors, *defaults)
    # IFE: (2.60 - 2.5) / (1.92 / 0.55 - 0.68 / 0.45)
    assert flip.matrix == "IFE" and flip.shift == pytest.approx(0.1 / (1.92 / 0.55 - 0.68 / 0.45))
    assert flip.new_strategy == "WT"


def test_no_feasible_flip(toy):
    frame, weights, ratings = toy
    # both groups of the EFE matrix rated alike: shifting weight between them changes nothing
    assert math.isnan(swot.group_shift_threshold(frame, weights, {**ratings, "O1": 2, "T1": 2}, "EFE"))
    # a total far from 2.5 needs more weight than the group holds
    far = {"S1": 0.95, "W1": 0.05, "O1": 0.05, "T1": 0.95}
    assert math.isnan(swot.group_shift_threshold(frame, far, {**ratings, "O1": 4, "T1": 3}, "EFE"))
    assert swot.flip_threshold(frame, {**far, "S1": 1.0, "W1": 0.0}, {"S1": 4, "W1": 2, "O1": 3, "T1": 3}) is not None


def test_sensitivity_path_is_linear_over_the_feasible_range(factors, defaults):
    path = swot.sensitivity_path(factors, *defaults, "IFE", steps=5)
    assert path["shift"].tolist() == pytest.approx([-0.45, -0.2, 0.05, 0.3, 0.55])
    assert path["total"].iloc[0] == pytest.approx(1.92 / 0.55)  # all weight on the strengths
    assert path["total"].iloc[-1] == pytest.approx(0.68 / 0.45)  # all weight on the weaknesses
    assert path["total"].diff().dropna().round(9).nunique() == 1
    assert path["strategy"].tolist() == ["ST", "ST", "ST", "WT", "WT"]
    with pytest.raises(swot.SwotError, match="steps"):
        swot.sensitivity_path(factors, *defaults, "IFE", steps=1)


def test_single_factor_thresholds_by_hand_and_by_reweighting(toy, factors, defaults):
    frame, weights, ratings = toy
    table = swot.single_factor_thresholds(frame, weights, ratings).set_index("factor_id")
    # S1: the other factor (W1) rates 1, so x * 4 + (1 - x) * 1 = 2.5 at x = 0.5
    assert table.loc["S1", "weight_to_flip"] == pytest.approx(0.5) and table.loc["S1", "change"] == pytest.approx(-0.1)
    assert table.loc["W1", "weight_to_flip"] == pytest.approx(0.5) and table.loc["W1", "change"] == pytest.approx(0.1)
    # on the real data: put each feasible factor at its threshold, rescale the rest, get 2.5
    weights, ratings = defaults
    table = swot.single_factor_thresholds(factors, weights, ratings)
    assert len(table) == len(factors)
    for _, row in table[table["feasible"]].iterrows():
        ids = factors.loc[factors["matrix"] == row["matrix"], "factor_id"]
        rest = 1 - weights[row["factor_id"]]
        moved = {**weights, **{i: weights[i] * (1 - row["weight_to_flip"]) / rest for i in ids}, row["factor_id"]: row["weight_to_flip"]}
        assert swot.matrix_total(factors, moved, ratings, row["matrix"]) == pytest.approx(2.5)
    # a strength rated 3 cannot pull a strong IFE total below 2.5
    assert not table.set_index("factor_id").loc["S1", "feasible"]


def test_the_assignments_case(factors):
    """The numbers assignment 03's hidden tests expect, from the library."""
    points = {"S1": 2, "S2": 4, "S3": 2, "S5": 2, "W1": 6, "W3": 1, "W4": 3}
    ratings = {"S1": 3, "S2": 4, "S3": 3, "S5": 3, "W1": 1, "W3": 2, "W4": 1, "O2": 4, "O3": 2, "O4": 3, "T2": 3, "T6": 2, "T7": 2}
    efe_weights = {"O2": 0.25, "O3": 0.05, "O4": 0.25, "T2": 0.20, "T6": 0.10, "T7": 0.15}
    sub = factors[factors["factor_id"].isin(list(points) + list(efe_weights))]
    weights = {**swot.normalise_weights(sub, points), **efe_weights}
    result = swot.evaluate(sub, weights, ratings)
    assert (result.ife_total, result.efe_total, result.strategy) == (pytest.approx(2.25), pytest.approx(2.95), "WO")
    flip = swot.flip_threshold(sub, weights, ratings)
    assert flip.matrix == "IFE" and flip.shift == pytest.approx(0.25 / 2.3) and flip.new_strategy == "SO"
    assert swot.group_shift_threshold(sub, weights, ratings, "EFE") == pytest.approx(0.45 / (1.85 / 0.55 - 1.1 / 0.45))
    with pytest.raises(swot.SwotError, match="W3"):
        swot.validate(sub, {"S1": 0.15, "S2": 0.15, "S3": 0.10, "S5": 0.10, "W1": 0.25, "W3": 0.10, "W4": 0.15},
                      {"S1": 3, "S2": 4, "S3": 3, "S5": 4, "W1": 1, "W3": 3, "W4": 2}, matrices=["IFE"])
    swot.validate(sub, {"O2": 0.20, "O3": 0.10, "O4": 0.20, "T2": 0.30, "T6": 0.10, "T7": 0.10},
                  {"O2": 3, "O3": 2, "O4": 3, "T2": 4, "T6": 1, "T7": 2}, matrices=["EFE"])


# --- plots and widgets ----------------------------------------------------------------

def test_plots_return_axes_with_the_data(factors, strategies, defaults):
    from course.checks import plotted_values
    from course.plotting.swot import plot_single_factor, plot_matrix, plot_position, plot_sensitivity, plot_strategy_links

    result = swot.evaluate(factors, *defaults)
    ax = plot_matrix(result.ife)
    assert sorted(round(p.get_width(), 6) for p in ax.patches if p.get_width() > 0) == sorted(result.ife["weighted_score"].round(6))
    ax = plot_position(pd.DataFrame([{"ife_total": result.ife_total, "efe_total": result.efe_total, "label": "x"}]))
    assert ax.get_xlim() == (1, 4) and result.efe_total in plotted_values(ax)
    path = pd.concat([swot.sensitivity_path(factors, *defaults, m) for m in swot.MATRICES])
    ax = plot_sensitivity(path, thresholds={"IFE": 0.05, "EFE": float("nan")})
    assert "shift" in ax.get_xlabel()
    ax = plot_strategy_links(strategies, factors)
    assert len(ax.get_xticklabels()) == len(strategies) and len(ax.get_yticklabels()) == len(factors)
    assert "Slow, thin logistics (W4)" in [t.get_text() for t in ax.get_yticklabels()]  # words, not bare ids
    single = swot.single_factor_thresholds(factors, *defaults)
    ax = plot_single_factor(single, factors)
    assert len(ax.get_yticklabels()) == len(factors)
    assert sum(t.get_text() == "cannot flip" for t in ax.texts) == int((~single["feasible"]).sum())
    plt.close("all")


def test_swot_explorer_responds_to_its_three_controls(factors):
    from course.widgets.swot import swot_explorer

    box = swot_explorer(factors)
    (factor, weight, rating), summary = box.children[0].children, box.children[1]
    assert len(box.children[0].children) == 3  # a handful of controls, not one pair per factor
    assert factor.value == "W4" and weight.value == pytest.approx(0.12) and (rating.min, rating.max) == (1, 2)
    assert "IFE total</b> 2.60" in summary.value and "<b>ST</b>" in summary.value
    weight.value = 0.18  # past W4's single-factor threshold of 0.175: the IFE total falls below 2.5
    assert "<b>WT</b>" in summary.value
    assert "W4 Slow, thin logistics</b>: weight 0.18, rating 1" in summary.value
    factor.value = "W5"  # the same totals as the defaults, but the summary names the factor picked
    assert "W5 TikTok Shop is little known as a shop</b>: weight 0.08, rating 2" in summary.value
    factor.value = "S4"  # a new factor starts from its defaults, and its rating follows the convention
    assert (rating.min, rating.max, rating.value) == (3, 4, 4) and weight.value == pytest.approx(0.14)
    assert "IFE total</b> 2.60" in summary.value
    rating.value = 3  # S4 becomes a minor strength: IFE 2.60 - 0.14 = 2.46 -> WT
    assert "IFE total</b> 2.46" in summary.value and "<b>WT</b>" in summary.value
    plt.close("all")


def test_set_factor_weight_rescales_the_rest_of_its_matrix(factors, defaults):
    weights, ratings = defaults
    moved = swot.set_factor_weight(factors, weights, "W4", 0.3)
    ife = [f for f in weights if f[0] in "SW"]
    assert moved["W4"] == 0.3 and sum(moved[f] for f in ife) == pytest.approx(1)
    assert moved["S4"] / moved["S5"] == pytest.approx(weights["S4"] / weights["S5"])
    assert all(moved[f] == weights[f] for f in weights if f[0] in "OT")
    # the single-factor threshold is where the total reaches 2.5
    x = swot.single_factor_thresholds(factors, weights, ratings).set_index("factor_id").loc["W4", "weight_to_flip"]
    assert swot.matrix_total(factors, swot.set_factor_weight(factors, weights, "W4", x), ratings, "IFE") == pytest.approx(2.5)
    with pytest.raises(swot.SwotError, match="between 0 and 1"):
        swot.set_factor_weight(factors, weights, "W4", 12)


def test_subset_total_keeps_one_subjects_factors(factors, defaults):
    weights, ratings = defaults
    ids = ["S4", "W4"]  # 0.14 x 4 and 0.12 x 1, renormalised: (0.56 + 0.12) / 0.26
    assert swot.subset_total(factors, weights, ratings, ids, "IFE") == pytest.approx(0.68 / 0.26)
    everything = factors["factor_id"]
    assert swot.subset_total(factors, weights, ratings, everything, "EFE") == pytest.approx(swot.matrix_total(factors, weights, ratings, "EFE"))
    with pytest.raises(swot.SwotError, match="none of"):
        swot.subset_total(factors, weights, ratings, ["O1"], "IFE")


def test_shift_explorer_moves_the_position(factors):
    from course.widgets.swot import shift_explorer

    box = shift_explorer(factors)
    (matrix, shift), summary = box.children[0].children, box.children[1]
    assert "before: ST" in summary.value and "+0.0505" in summary.value
    shift.value = 0.06
    assert "<b>WT</b>" in summary.value
    matrix.value = "EFE"
    assert (shift.min, shift.max, shift.value) == (-0.63, 0.37, 0.0)
    shift.value = -0.07
    assert "<b>SO</b>" in summary.value and "-0.0593" in summary.value
    plt.close("all")


# --- the answer checks this module added to course.checks -----------------------------

def test_check_mapping():
    from course.checks import check_mapping

    want = {"S1": 0.1, "W1": 0.9}
    check_mapping("w", {"S1": 0.1, "W1": 0.9}, want)
    check_mapping("w", pd.Series({"W1": 90.0, "S1": 10.0}), want, percent_ok=True)
    check_mapping("w", pd.DataFrame({"weight": [0.1004, 0.9]}, index=["S1", "W1"]), want)
    check_mapping("w", {"S1": "0.1", " W1 ": "90%"}, want, percent_ok=True)
    with pytest.raises(AssertionError, match=r"exactly the keys \['S1', 'W1'\]; it lacks \['W1'\] and it has keys that do not belong: \['W2'\]"):
        check_mapping("w", {"S1": 0.1, "W2": 0.9}, want)
    with pytest.raises(AssertionError, match="is not right. Divide by the total"):
        check_mapping("w", {"S1": 1, "W1": 9}, want, mistakes=[({"S1": 1, "W1": 9}, "Divide by the total.")])
    with pytest.raises(AssertionError, match=r"is not right for \['W1'\]. A hint"):
        check_mapping("w", {"S1": 0.1, "W1": 0.8}, want, hint="A hint")
    with pytest.raises(AssertionError, match=r"`w\['S1'\]` is the text 'lots'"):
        check_mapping("w", {"S1": "lots", "W1": 0.9}, want)
    with pytest.raises(AssertionError, match="has no answer yet"):
        check_mapping("w", None, want)
    with pytest.raises(AssertionError, match="give a dict"):
        check_mapping("w", [0.1, 0.9], want)
    labels = {"P1": "WO", "P2": "ST"}
    check_mapping("c", {"P1": "w-o", "P2": "TS"}, labels, normalise=swot.tows_label)
    check_mapping("c", {"P1": " wo", "P2": "st"}, labels)
    with pytest.raises(AssertionError, match=r"is not right for \['P2'\]"):
        check_mapping("c", {"P1": "WO", "P2": "nonsense"}, labels, normalise=swot.tows_label)
    with pytest.raises(AssertionError, match=r"`c\['P1'\]` is 3; it should be text"):
        check_mapping("c", {"P1": 3, "P2": "ST"}, labels)


def test_check_choice():
    from course.checks import check_choice

    choices = ["SO", "ST", "WO", "WT"]
    assert check_choice("s", " w-o ", "WO", choices=choices, normalise=swot.tows_label) == "WO"
    assert check_choice("s", "st", choices=choices) == "ST"
    with pytest.raises(AssertionError, match="'SO' is not right. axes swapped"):
        check_choice("s", "SO", "WO", choices=choices, mistakes={"SO": "axes swapped"})
    with pytest.raises(AssertionError, match="is not right. a hint"):
        check_choice("s", "WT", "WO", choices=choices, hint="a hint")
    with pytest.raises(AssertionError, match=r"'SWOT' is not one of \['SO', 'ST', 'WO', 'WT'\]"):
        check_choice("s", "SWOT", "WO", choices=choices, normalise=swot.tows_label)
    with pytest.raises(AssertionError, match="a int; assign one of"):
        check_choice("s", 3, "WO", choices=choices)
    with pytest.raises(AssertionError, match="has no answer yet"):
        check_choice("s", None, "WO", choices=choices)
