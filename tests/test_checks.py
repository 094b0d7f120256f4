"""The answer checks accept every correct form and explain every wrong one."""
from decimal import Decimal
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import seaborn as sns  # noqa: E402

from course.checks import check_bool, check_frame, check_number, check_plot, check_range  # noqa: E402

EXPECTED = 1862.1 / 1347 - 1  # 0.38240...


@pytest.mark.parametrize(
    "answer",
    [EXPECTED, 0.3824, 0.382, 38.24, 38.2, np.float64(EXPECTED), np.float32(EXPECTED), Decimal("0.3824"), Fraction(3824, 10000),
     "38.2%", " 0.3824 ", pd.Series([EXPECTED]), np.array([38.24]), [0.3824]],
)
def test_correct_forms_pass(answer):
    check_number("growth", answer, EXPECTED, percent_ok=True, abs_tol=0.0005)


@pytest.mark.parametrize("answer", [0.37, 39.5, "0.40", 0.3824 * 100 * 100])
def test_wrong_values_fail_with_a_message(answer):
    with pytest.raises(AssertionError, match="is not right. Divide"):
        check_number("growth", answer, EXPECTED, percent_ok=True, abs_tol=0.0005, hint="Divide the change by the start.")


def test_known_mistakes_get_their_own_message():
    with pytest.raises(AssertionError, match="ratio minus 1"):
        check_number("growth", 1.3824, EXPECTED, percent_ok=True, mistakes=[(1862.1 / 1347, "growth is the ratio minus 1")])


@pytest.mark.parametrize(
    "answer, message",
    [(None, "no answer yet"), (True, "True/False"), (np.True_, "True/False"), ("about a third", "not a number"),
     (float("nan"), "NaN"), (float("inf"), "infinite"), (pd.Series([1.0, 2.0]), "holds 2 values"), (object(), "not a number")],
)
def test_non_numbers_are_explained(answer, message):
    with pytest.raises(AssertionError, match=message):
        check_number("growth", answer, EXPECTED)


def test_a_percentage_is_not_accepted_where_the_question_forbids_it():
    with pytest.raises(AssertionError):
        check_number("population", 140.98, 1.4098)


def test_scales_accept_other_units():
    check_number("population", 1.09967e9 / 0.78, 1.09967 / 0.78, scales=(1e9,))


def test_range_check():
    check_range("share", 5.7, 0, 1, "a share lies in [0, 1]", percent_ok=True)
    with pytest.raises(AssertionError, match="implausible"):
        check_range("share", 17.5, 0, 0.1, "a share lies in [0, 0.1]")


@pytest.mark.parametrize("answer", [False, np.bool_(False), "no", "False", 0])
def test_bool_forms(answer):
    assert check_bool("ok", answer, False) is False


def test_bool_wrong_and_unset():
    with pytest.raises(AssertionError, match="not right. look again"):
        check_bool("ok", True, False, hint="look again")
    with pytest.raises(AssertionError, match="no answer yet"):
        check_bool("ok", None)
    with pytest.raises(AssertionError, match="assign True or False"):
        check_bool("ok", 0.5)


WANT = {"stat_id": ["a", "b"], "year": [2018, 2019], "trillion_cny": [0.1347, 0.18621]}


def test_frame_any_row_and_column_order_and_extra_columns():
    got = pd.DataFrame({"note": ["x", "y"], "trillion_cny": [0.18621, 0.1347], "year": [2019.0, 2018.0], "stat_id": ["b", "a"]})
    check_frame("t", got, WANT, key="stat_id")


def test_frame_errors():
    with pytest.raises(AssertionError, match="lacks the column"):
        check_frame("t", pd.DataFrame({"stat_id": ["a", "b"]}), WANT, key="stat_id")
    with pytest.raises(AssertionError, match="has 1 rows"):
        check_frame("t", pd.DataFrame(WANT).head(1), WANT, key="stat_id")
    bad = pd.DataFrame(WANT).assign(trillion_cny=[1347, 1862.1])
    with pytest.raises(AssertionError, match="trillion_cny for stat_id = a"):
        check_frame("t", bad, WANT, key="stat_id")


@pytest.mark.parametrize("kind", ["line", "scatter", "bar"])
def test_plot_reads_lines_points_and_bars(kind):
    data = pd.DataFrame({"year": [2018, 2019, 2023], "v": [0.1347, 0.18621, 2.38]})
    fig, ax = plt.subplots()
    ax = {"line": sns.lineplot, "scatter": sns.scatterplot, "bar": sns.barplot}[kind](data=data, x="year", y="v", ax=ax)
    ax.set_ylabel("trillion yuan")
    check_plot("ax", ax, [0.1347, 0.18621, 2.38], label_words=["trillion"])
    with pytest.raises(AssertionError, match="missing or in another unit"):
        check_plot("ax", ax, [1347.0], label_words=["trillion"])
    ax.set_ylabel("value")
    with pytest.raises(AssertionError, match="should name the unit"):
        check_plot("ax", ax, [2.38], label_words=["trillion"])
    plt.close(fig)


def test_plot_of_a_grid_that_covers_every_value_is_refused():
    """A check of a collection bounds what else is there: 700 geometric points from 0.01 to 100
    lie within 1% of any value, so 'every expected value is drawn' alone would pass them."""
    fig, ax = plt.subplots()
    grid = np.geomspace(0.01, 100, 700)
    ax.plot(np.arange(len(grid)), grid)
    ax.set_ylabel("trillion yuan")
    with pytest.raises(AssertionError, match="values that are not the figures the question asks for"):
        check_plot("ax", ax, [0.1347, 0.18621, 1.69, 1.7, 2.38], label_words=["trillion"])
    ax.axhline(1.0)  # an honest plot with a reference line still passes
    plt.close(fig)
    fig, ax = plt.subplots()
    ax.plot([2018, 2019, 2020, 2021, 2022], [0.1347, 0.18621, 1.69, 1.7, 2.38], marker="o")
    ax.axhline(2.0)
    ax.set_ylabel("trillion yuan")
    check_plot("ax", ax, [0.1347, 0.18621, 1.69, 1.7, 2.38], label_words=["trillion"])
    plt.close(fig)


def test_check_not_mistaken_names_a_mistake_in_every_form_of_the_answer():
    from course.checks import check_not_mistaken, own_answer

    ratio = ((2.5, 10), "That is the ratio of the two years.")
    change = (33, "That is the change in the count.")
    four_years = (lambda r: abs((1 + r) ** 4 * 1.69 / 2.38 - 1) < 0.003, "Four periods.")
    for wrong, message in [(50 / 17, "ratio"), ("294.1%", "ratio"), (294.1, "ratio"), (33, "change"), (0.0893, "Four"), ("8.93%", "Four")]:
        with pytest.raises(AssertionError, match=f"is not right. .*{message}"):
            check_not_mistaken("x", wrong, [ratio, change, four_years], percent_ok=True)
    for right in (50 / 17 - 1, 194.1, "194.1%", 0.1212, 12.12):  # right answers of both questions pass
        check_not_mistaken("x", right, [ratio, change, four_years], percent_ok=True)
    with pytest.raises(AssertionError, match="has no answer yet"):
        check_not_mistaken("x", None, [change])
    assert own_answer(lambda: undefined_name) is None  # noqa: F821 - a missing answer is None
    assert own_answer(lambda: float("nope")) is None
    assert own_answer(lambda: 0.5) == 0.5
