"""Module 01's computations and widgets give the right numbers (no browser needed)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from course import market_size as ms  # noqa: E402


def test_series_table_converts_every_figure_to_one_unit(stats):
    table = ms.series_table(stats, "china_cbec_trade_value", "CNY trillion")
    got = dict(zip(table["stat_id"], table["value"]))
    assert got["cbec_trade_2018_tian"] == pytest.approx(0.1347)
    assert got["cbec_trade_2019_tian"] == pytest.approx(0.18621)
    assert got["cbec_trade_2023_yang"] == pytest.approx(2.38)
    assert set(table["unit"]) == {"CNY trillion"}
    assert list(table["year"]) == sorted(table["year"])


def test_growth_summary_and_cagr(stats):
    table = ms.series_table(stats, "bytedance_revenue", "USD billion")
    summary = ms.growth_summary(table, 2020, 2024, "bytedance_revenue")
    assert summary.years == 4
    assert summary.cagr == pytest.approx((120 / 36.2) ** 0.25 - 1)
    assert summary.total_growth == pytest.approx(120 / 36.2 - 1)
    assert "CAGR over 4 years 34.9%" in summary.describe()
    with pytest.raises(ValueError, match="must come after"):
        ms.growth_summary(table, 2024, 2020)
    with pytest.raises(ValueError, match="no figure for 1999"):
        ms.growth_summary(table, 1999, 2024)


def test_forecasts_are_marked_from_the_period(stats):
    assert ms.is_forecast("2024 (estimate)") and ms.is_forecast("2024-11 (forecast)")
    assert not ms.is_forecast("2024") and not ms.is_forecast(None) and not ms.is_forecast(float("nan"))
    table = ms.series_table(stats, "bytedance_revenue")
    assert dict(zip(table["year"], table["forecast"])) == {2020: False, 2024: True}
    summary = ms.growth_summary(table, 2020, 2024, "bytedance_revenue")
    assert summary.end_forecast and not summary.start_forecast
    assert "(2024, forecast)" in summary.describe() and "expected, not a measured" in summary.describe()
    assert "（2024，预测值）" in summary.describe("zh") and "预期增长" in summary.describe("zh")
    assert ms.explore(stats, "bytedance_revenue", 2020, 2020).text("zh") == "请选择一个至少有两个不同年份数据的时期。"
    measured = ms.growth_summary(ms.series_table(stats, "china_cbec_trade_value"), 2018, 2019)
    assert not measured.involves_forecast and "forecast" not in measured.describe()


def test_every_forecast_row_is_marked_in_its_period(stats):
    """A row whose metric says forecast must say so in its period too, or plots draw it as measured."""
    said = stats[stats["metric"].str.contains("forecast|conjecture", case=False)]
    assert len(said) >= 3
    unmarked = said[~said["period"].map(ms.is_forecast)]
    assert unmarked.empty, unmarked[["stat_id", "period"]]


def test_one_per_year_prefers_a_measured_figure_to_a_forecast(stats):
    table = ms.series_table(stats, "bytedance_revenue")
    both = pd.concat([table, table.iloc[[0]].assign(year=2024, value=100.0, forecast=False, stat_id="measured_2024")])
    assert ms.one_per_year(both).set_index("year").loc[2024, "stat_id"] == "measured_2024"


def test_plot_series_draws_forecasts_hollow_on_a_dashed_line(stats):
    from course.plotting import plot_series

    ax = plot_series(ms.series_table(stats, "bytedance_revenue"))
    styles = {line.get_linestyle() for line in ax.lines if len(line.get_xdata())}
    assert "--" in styles
    # papers by their citation, never by their dataset id
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Yang and Luo (2025)", "forecast"]
    hollow = [c for c in ax.collections if len(c.get_offsets()) and tuple(c.get_facecolor()[0]) == (1.0, 1.0, 1.0, 1.0)]
    assert [list(c.get_offsets()[:, 0]) for c in hollow] == [[2024]]
    measured = plot_series(ms.series_table(stats, "china_cbec_trade_value"))
    assert {line.get_linestyle() for line in measured.lines if len(line.get_xdata())} == {"-"}
    assert "forecast" not in [t.get_text() for t in measured.get_legend().get_texts()]


def test_plot_series_can_leave_figures_on_different_definitions_unjoined(stats):
    from course.plotting import plot_series

    table = ms.series_table(stats, "china_cbec_trade_value")
    joined, apart = plot_series(table), plot_series(table, join=False)
    assert [line for line in joined.lines if len(line.get_xdata())]
    assert not [line for line in apart.lines if len(line.get_xdata())], "join=False draws no line between the points"
    assert sum(len(c.get_offsets()) for c in apart.collections) == len(table), "every figure is still a point"
    assert {t.get_text() for t in apart.get_legend().get_texts()} == {"Tian (2022)", "Liu (2021)", "Yang and Luo (2025)"}


def test_one_per_year_prefers_the_listed_source_order(stats):
    table = ms.series_table(stats, "china_cbec_trade_value", "CNY trillion")
    per_year = ms.one_per_year(table).set_index("year")
    assert per_year.index.is_unique
    # 2020 has Tian's 1.69 and Liu's 1.7: Liu (2021) comes before Tian (2022) in SOURCE_ORDER
    assert per_year.loc[2020, "stat_id"] == "customs_cbec_value_2020_liu"


def test_explore_is_what_the_market_explorer_shows(stats):
    result = ms.explore(stats, "china_cbec_trade_value", 2018, 2019, "CNY trillion")
    assert list(result.table["year"]) == [2018, 2019]
    assert result.summary.total_growth == pytest.approx(1862.1 / 1347 - 1)
    assert "2018" in result.text() and "38.2%" in result.text()
    lone = ms.explore(stats, "china_cbec_trade_value", 2023, 2023)
    assert lone.summary is None and "at least two" in lone.text()


def test_year_on_year_annualises_gaps(stats):
    yoy = ms.year_on_year(ms.series_table(stats, "china_cbec_trade_value", "CNY trillion")).set_index("year")
    assert yoy.loc[2019, "growth"] == pytest.approx(1862.1 / 1347 - 1)
    assert yoy.loc[2023, "gap_years"] == 3
    assert yoy.loc[2023, "annualised"] == pytest.approx((2.38 / 1.7) ** (1 / 3) - 1)


def test_fact_checks_find_the_two_definitional_conflicts(stats):
    checks = {c.source_ids[0]: c for c in ms.fact_checks(stats)}
    tian = checks["tian2022"]
    assert tian.published == pytest.approx(0.31)
    assert tian.recomputed == pytest.approx(16900 / 1862.1 - 1)
    assert not tian.consistent
    gan = checks["gan2024"]
    assert gan.published == pytest.approx(0.4035)
    assert gan.recomputed == pytest.approx(2.38 / 41.76)
    assert "16.85 trillion" in gan.explanation
    assert not gan.consistent
    table = ms.fact_check_table(stats)
    assert list(table.columns) == ["claim", "sources", "published", "recomputed", "unit", "consistent"]


def test_implied_population(stats):
    assert ms.implied_population(stats) == pytest.approx(1.09967 / 0.78)


def test_growth_paths_compound_vs_straight_line():
    paths = ms.growth_paths(100, 0.5, 2)
    compound = paths[paths["path"] == "compound"]["value"].tolist()
    line = paths[paths["path"] == "straight line"]["value"].tolist()
    assert compound == pytest.approx([100, 150, 225])
    assert line == pytest.approx([100, 162.5, 225])
    with pytest.raises(ValueError):
        ms.growth_paths(100, 0.5, 0)


def test_widgets_build_and_respond_without_a_browser(stats):
    from course.widgets.market_size import compounding_explorer, market_explorer

    box = market_explorer(stats)
    series, period = box.children[0].children
    assert "china_cbec_trade_value" in series.options
    series.value = "bytedance_revenue"
    assert period.value == (2020, 2024)
    series.value = "china_cbec_trade_value"
    assert period.min == 2018 and period.value == (2018, 2023)
    period.value = (2018, 2019)  # re-renders without error
    comp = compounding_explorer()
    start, rate, years = comp.children[0].children
    rate.value = 0.1
    years.value = 10


def test_cite_value_in_and_claims_of(stats):
    assert ms.cite("yang2025") == "Yang and Luo (2025)" and ms.cite("tian2022") == "Tian (2022)"
    assert ms.value_in(stats, "cbec_trade_2019_tian", "CNY trillion") == pytest.approx(0.18621)
    mau = ms.claims_of(stats, "tiktok_mau", "million")
    assert sorted(mau["value"]) == pytest.approx([743, 1000, 1500])
    assert set(mau["label"]) == {"Liu (2021), section 2", "Yang and Luo (2025), section 3.2", "Yang and Luo (2025), section 3.3"}
    with pytest.raises(KeyError):
        ms.claims_of(stats, "no_such_series")


def test_plot_claims_starts_at_zero_and_names_papers(stats):
    import matplotlib.pyplot as plt

    from course.plotting.market_size import plot_claims

    ax = plot_claims(ms.claims_of(stats, "tiktok_mau", "billion"), unit_label="billion users")
    assert ax.get_xlim()[0] == 0 and [t.get_text() for t in ax.get_yticklabels()][0] == "Liu (2021), section 2"
    assert "0.743 billion users" in [t.get_text() for t in ax.texts]
    plt.close("all")
