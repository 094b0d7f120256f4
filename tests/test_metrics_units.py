import math

import pytest

from course import metrics
from course.units import UnitError, convert


def test_growth_rate():
    assert metrics.growth_rate(1347, 1862.1) == pytest.approx(0.382405, abs=1e-6)
    with pytest.raises(ValueError, match="start value of 0"):
        metrics.growth_rate(0, 5)


def test_cagr_counts_steps_not_calendar_years():
    assert metrics.cagr(36.2, 120, 4) == pytest.approx(0.349330, abs=1e-6)
    assert metrics.cagr(1, 10, 5) == pytest.approx(10 ** 0.2 - 1)
    assert metrics.project(36.2, metrics.cagr(36.2, 120, 4), 4) == pytest.approx(120)
    with pytest.raises(ValueError, match="positive"):
        metrics.cagr(-1, 10, 5)
    with pytest.raises(ValueError, match="years must be positive"):
        metrics.cagr(1, 10, 0)


def test_shares_and_implied_totals():
    assert metrics.share(2.38, 41.76) == pytest.approx(0.056992, abs=1e-6)
    assert metrics.implied_total(1.09967, 0.78) == pytest.approx(1.409833, abs=1e-6)
    assert metrics.implied_part(41.76, 0.4035) == pytest.approx(16.85016)
    assert metrics.implied_previous(2.38, 0.156) == pytest.approx(2.058824, abs=1e-6)
    with pytest.raises(ValueError, match="divide a percentage by 100"):
        metrics.implied_total(1.09967, 78.0)
    with pytest.raises(TypeError, match="must be a number"):
        metrics.share("a lot", 3)
    with pytest.raises(ValueError, match="finite"):
        metrics.share(math.nan, 3)


def test_is_consistent():
    assert metrics.is_consistent(0.31, 0.30)
    assert not metrics.is_consistent(0.31, 8.08)


def test_convert_within_families_only():
    assert convert(1862.1, "CNY 100 million", "CNY trillion") == 0.18621
    assert convert(1.69, "CNY trillion", "CNY billion") == 1690
    assert convert(81.73, "million", "billion") == 0.08173
    assert convert(72, "hours", "days") == 3
    with pytest.raises(UnitError, match="cannot convert"):
        convert(1, "CNY trillion", "USD billion")
    with pytest.raises(UnitError, match="unknown unit"):
        convert(1, "furlongs", "days")
