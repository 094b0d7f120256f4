"""Module 01 computations: market size, growth and the figures the papers publish.

Pure functions over the `paper_statistics` dataset; the lecture's widgets and plots are thin
faces over them, and the tests call them directly.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from course import metrics
from course.data import stat, stat_value
from course.language import t
from course.units import convert, family

#: the order in which sources are preferred when a year has figures from several papers
SOURCE_ORDER = ("yang2025", "gan2024", "liu2021", "tian2022", "socialized2025")


#: kinds of figure whose growth over time means something (not rates, shares or ratios)
LEVEL_KINDS = ("level", "count")

#: how `paper_statistics` marks a figure that is expected rather than measured: its period
#: ends in "(forecast)" or "(estimate)", e.g. "2024 (estimate)" (see the datasheet)
FORECAST_MARKS = ("(forecast)", "(estimate)")


def is_forecast(period: object) -> bool:
    """Whether a `paper_statistics` period marks an expected, not a measured, figure."""
    return isinstance(period, str) and period.strip().lower().endswith(FORECAST_MARKS)


def series_names(stats: pd.DataFrame, min_years: int = 2) -> list[str]:
    """Series of levels or counts with figures for at least `min_years` distinct years (the
    ones whose growth and CAGR mean something)."""
    dated = stats[stats["kind"].isin(LEVEL_KINDS)].dropna(subset=["series", "year"])
    counts = dated.groupby("series")["year"].nunique()
    return sorted(counts[counts >= min_years].index)


def series_table(stats: pd.DataFrame, series: str, unit: str | None = None) -> pd.DataFrame:
    """Every dated figure of one series, converted to one unit.

    Columns: year, value (in `unit`), unit, stat_id, source_id, period, forecast (True for an
    expected figure, see `is_forecast`), scope, original (the value as the paper states it,
    with its unit). `unit` defaults to the unit of the
    most recent figure. Rows whose unit cannot be converted (a growth rate in a series of
    levels) are left out.
    """
    rows = stats[(stats["series"] == series) & stats["year"].notna()]
    if rows.empty:
        raise KeyError(f"no dated figures for series {series!r} in paper_statistics")
    rows = rows.sort_values(["year", "source_id"])
    target = unit or rows.iloc[-1]["unit"]
    rows = rows[rows["unit"].map(family) == family(target)]
    out = pd.DataFrame(
        {
            "year": rows["year"].astype(int).to_numpy(),
            "value": [convert(v, u, target) for v, u in zip(rows["value"], rows["unit"])],
            "unit": target,
            "stat_id": rows["stat_id"].to_numpy(),
            "source_id": rows["source_id"].astype(str).to_numpy(),
            "period": rows["period"].to_numpy(),
            "forecast": [is_forecast(p) for p in rows["period"]],
            "scope": rows["scope"].to_numpy(),
            "original": [f"{v:g} {u}" for v, u in zip(rows["value"], rows["unit"])],
        }
    )
    return out.reset_index(drop=True)


def one_per_year(table: pd.DataFrame) -> pd.DataFrame:
    """One figure per year: a measured figure before a forecast, and where papers disagree,
    the first source in `SOURCE_ORDER`."""
    rank = {s: i for i, s in enumerate(SOURCE_ORDER)}
    expected = table["forecast"].astype(bool) if "forecast" in table else False
    ordered = table.assign(_expected=expected, _rank=table["source_id"].map(rank).fillna(len(rank)))
    ordered = ordered.sort_values(["year", "_expected", "_rank"]).drop_duplicates("year")
    return ordered.drop(columns=["_expected", "_rank"]).reset_index(drop=True)


@dataclass(frozen=True)
class GrowthSummary:
    series: str
    unit: str
    start_year: int
    end_year: int
    start_value: float
    end_value: float
    start_stat: str
    end_stat: str
    start_forecast: bool = False
    end_forecast: bool = False

    @property
    def years(self) -> int:
        return self.end_year - self.start_year

    @property
    def total_growth(self) -> float:
        return metrics.growth_rate(self.start_value, self.end_value)

    @property
    def cagr(self) -> float:
        return metrics.cagr(self.start_value, self.end_value, self.years)

    @property
    def multiple(self) -> float:
        return self.end_value / self.start_value

    @property
    def involves_forecast(self) -> bool:
        return self.start_forecast or self.end_forecast

    def describe(self, language: str = "en") -> str:
        """The growth in one line, in `language` ("en" or "zh"; see `course.language`)."""
        def year(y: int, forecast: bool) -> str:
            return t("market_size.summary.forecast_year", language, year=y) if forecast else str(y)

        text = t(
            "market_size.summary", language, series=self.series, unit=self.unit,
            start_value=self.start_value, start=year(self.start_year, self.start_forecast),
            end_value=self.end_value, end=year(self.end_year, self.end_forecast),
            multiple=self.multiple, total_growth=self.total_growth, years=self.years, cagr=self.cagr,
        )
        return text + (t("market_size.summary.expected", language) if self.involves_forecast else "")


def growth_summary(table: pd.DataFrame, start_year: int, end_year: int, series: str = "") -> GrowthSummary:
    """Growth between two years of a `series_table` (one figure per year, see `one_per_year`)."""
    if end_year <= start_year:
        raise ValueError(f"the end year ({end_year}) must come after the start year ({start_year})")
    per_year = one_per_year(table).set_index("year")
    for y in (start_year, end_year):
        if y not in per_year.index:
            raise ValueError(f"no figure for {y}; years with figures: {sorted(per_year.index)}")
    a, b = per_year.loc[start_year], per_year.loc[end_year]
    return GrowthSummary(
        series, str(a["unit"]), int(start_year), int(end_year), float(a["value"]), float(b["value"]), str(a["stat_id"]), str(b["stat_id"]),
        start_forecast=bool(a.get("forecast", False)), end_forecast=bool(b.get("forecast", False)),
    )


def year_on_year(table: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year growth between consecutive figures (one per year), with the gap in years
    and the annualised rate when figures are more than a year apart."""
    per_year = one_per_year(table)
    prev = per_year.shift(1)
    out = per_year[["year", "value", "unit", "stat_id"]].copy()
    out["gap_years"] = per_year["year"] - prev["year"]
    out["growth"] = per_year["value"] / prev["value"] - 1
    out["annualised"] = (per_year["value"] / prev["value"]) ** (1 / out["gap_years"]) - 1
    return out


@dataclass(frozen=True)
class FactCheck:
    claim: str
    source_ids: tuple[str, ...]
    published: float
    recomputed: float
    unit: str
    explanation: str

    @property
    def consistent(self) -> bool:
        return metrics.is_consistent(self.published, self.recomputed)


def fact_checks(stats: pd.DataFrame) -> list[FactCheck]:
    """The papers' figures that do not fit together, recomputed from the dataset."""
    checks = []

    # Tian: 2020 total "up 31%" on a 2019 total of 1862.1 (100 million CNY)
    y2019 = convert(stat_value(stats, "cbec_trade_2019_tian"), stat(stats, "cbec_trade_2019_tian")["unit"], "CNY trillion")
    y2020 = convert(stat_value(stats, "cbec_trade_2020_tian"), stat(stats, "cbec_trade_2020_tian")["unit"], "CNY trillion")
    checks.append(
        FactCheck(
            claim="2020 cross-border e-commerce of 1.69 trillion yuan was up 31% on 2019 (186.21 billion yuan)",
            source_ids=("tian2022",),
            published=stat_value(stats, "cbec_growth_2020_tian") / 100,
            recomputed=metrics.growth_rate(y2019, y2020),
            unit="growth (fraction)",
            explanation=(
                "186.21 billion to 1.69 trillion is about nine-fold, not +31%; a 31% rise would need "
                f"a 2019 base of {metrics.implied_previous(y2020, 0.31):.2f} trillion. Tian states no "
                "definition for either figure, so the two levels must come from different measures "
                "(the 2018-2019 figures grow +38%, consistent with a narrower one)."
            ),
        )
    )

    # Gan: 2023 cross-border e-commerce = 40.35% of 41.76 trillion of goods trade
    goods = convert(stat_value(stats, "goods_trade_total_2023_gan"), stat(stats, "goods_trade_total_2023_gan")["unit"], "CNY trillion")
    share_pct = stat_value(stats, "cbec_share_goods_trade_2023_gan")
    customs_2023 = convert(stat_value(stats, "cbec_trade_2023_yang"), stat(stats, "cbec_trade_2023_yang")["unit"], "CNY trillion")
    checks.append(
        FactCheck(
            claim="2023 cross-border e-commerce was 40.35% of China's 41.76 trillion yuan of goods trade",
            source_ids=("gan2024", "yang2025"),
            published=share_pct / 100,
            recomputed=metrics.share(customs_2023, goods),
            unit="share (fraction)",
            explanation=(
                f"40.35% of 41.76 trillion is {metrics.implied_part(goods, share_pct / 100):.2f} trillion yuan, an "
                f"industry estimate of transaction volume including B2B; customs' 2.38 trillion is "
                f"{metrics.share(customs_2023, goods):.1%} of goods trade."
            ),
        )
    )

    return checks


def fact_check_table(stats: pd.DataFrame) -> pd.DataFrame:
    """`fact_checks` as a table for display."""
    return pd.DataFrame(
        [
            {
                "claim": c.claim,
                "sources": ", ".join(c.source_ids),
                "published": c.published,
                "recomputed": c.recomputed,
                "unit": c.unit,
                "consistent": c.consistent,
            }
            for c in fact_checks(stats)
        ]
    )


def implied_population(stats: pd.DataFrame) -> float:
    """China's population (billion) implied by CNNIC's internet users and penetration rate."""
    users = convert(stat_value(stats, "internet_users_2024_06_gan"), stat(stats, "internet_users_2024_06_gan")["unit"], "billion")
    return metrics.implied_total(users, stat_value(stats, "internet_penetration_2024_06_gan") / 100)


@dataclass(frozen=True)
class Exploration:
    """What the market explorer shows for one series and period."""

    table: pd.DataFrame  # every figure of the series in the period, one unit
    summary: GrowthSummary | None  # growth between the first and last year, if both have figures
    yoy: pd.DataFrame  # growth between consecutive figures

    def text(self, language: str = "en") -> str:
        if self.summary is None:
            return t("market_size.summary.too_few_years", language)
        return self.summary.describe(language)


def explore(stats: pd.DataFrame, series: str, start_year: int, end_year: int, unit: str | None = None) -> Exploration:
    """The figures of `series` between `start_year` and `end_year` (inclusive) and their growth."""
    full = series_table(stats, series, unit)
    table = full[(full["year"] >= start_year) & (full["year"] <= end_year)].reset_index(drop=True)
    years = sorted(table["year"].unique())
    summary = growth_summary(table, years[0], years[-1], series) if len(years) >= 2 else None
    return Exploration(table=table, summary=summary, yoy=year_on_year(table) if len(table) else table)


def growth_paths(start: float, rate: float, years: int) -> pd.DataFrame:
    """Compound growth at `rate` a year next to the straight line that ends at the same value.

    Shows why a CAGR is not total growth divided by the number of years.
    """
    if years < 1:
        raise ValueError("years must be at least 1")
    end = metrics.project(start, rate, years)
    rows = []
    for t in range(years + 1):
        rows.append({"year": t, "path": "compound", "value": metrics.project(start, rate, t)})
        rows.append({"year": t, "path": "straight line", "value": start + (end - start) * t / years})
    return pd.DataFrame(rows)


def cite(source_id: str, sources: pd.DataFrame | None = None) -> str:
    """Author-year citation of a paper, e.g. 'Yang and Luo (2025)', from `paper_sources`."""
    if sources is None:
        from course.data import load

        sources = load("paper_sources")
    row = sources.set_index("source_id").loc[source_id]
    authors = row["citation"].split(" (")[0]              # e.g. "Yang, Q., & Luo, Q."
    surnames = [part.split(",")[0].strip() for part in authors.split("&")]
    return f"{' and '.join(surnames)} ({row['year']})"


def value_in(stats: pd.DataFrame, stat_id: str, unit: str) -> float:
    """The value of one statistic, converted from the unit the dataset gives it in to `unit`."""
    return convert(stat_value(stats, stat_id), stat(stats, stat_id)["unit"], unit)


def claims_of(stats: pd.DataFrame, series: str, unit: str | None = None) -> pd.DataFrame:
    """Every row of one `series`, dated or not, with its value in `unit` (default: the first
    row's unit) and a label a reader can use: the paper's citation and the section it is in."""
    rows = stats[stats["series"] == series]
    if rows.empty:
        raise KeyError(f"no statistics in series {series!r}")
    unit = unit or rows["unit"].iloc[0]
    out = rows[["stat_id", "source_id", "section", "value", "unit", "period", "scope", "quote", "note"]].copy()
    out["value"] = [convert(v, u, unit) for v, u in zip(rows["value"], rows["unit"])]
    out["unit"] = unit
    out["label"] = [f"{cite(s)}, " + (f"section {sec.split(' ')[0]}" if sec[:1].isdigit() else sec.lower())
                    for s, sec in zip(rows["source_id"], rows["section"])]
    return out.reset_index(drop=True)
