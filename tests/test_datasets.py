"""Every dataset matches its documented schema, and paper_statistics quotes its papers verbatim."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from course.data import DatasetError, datasets_dir, load, stat, stat_value
from course.schemas import SCHEMAS
from tests.conftest import squash  # noqa: E402

DATASETS = sorted(SCHEMAS)


#: figures the lecture and assignment 01 rely on, with the values the papers give
REQUIRED = {
    "cbec_trade_2018_tian": (1347, "CNY 100 million"),
    "cbec_trade_2019_tian": (1862.1, "CNY 100 million"),
    "cbec_trade_2020_tian": (1.69, "CNY trillion"),
    "cbec_growth_2020_tian": (31, "percent"),
    "customs_cbec_value_2020_liu": (1.7, "CNY trillion"),
    "customs_cbec_multiple_2015_2020_liu": (10, "times"),
    "cbec_trade_2023_yang": (2.38, "CNY trillion"),
    "cbec_growth_2023_yang": (15.6, "percent"),
    "goods_trade_total_2023_gan": (41.76, "CNY trillion"),
    "cbec_share_goods_trade_2023_gan": (40.35, "percent"),
    "internet_users_2024_06_gan": (1.09967, "billion"),
    "internet_penetration_2024_06_gan": (78.0, "percent"),
    "bytedance_revenue_2020_yang": (36.2, "USD billion"),
    "bytedance_revenue_2024_yang": (120, "USD billion"),
    "tiktok_gmv_share_indonesia_2021_yang": (91.6, "percent"),
    "tiktok_gmv_share_uk_2021_yang": (6.6, "percent"),
}


def datasheet_columns(name: str) -> list[tuple[str, str]]:
    """The (column, type) rows of a datasheet's `| column | type | description |` table."""
    text = (datasets_dir() / f"{name}.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"^\|\s*column\s*\|\s*type\s*\|", line))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        rows.append((cells[0], cells[1]))
    return rows


@pytest.mark.parametrize("name", DATASETS)
def test_dataset_matches_its_schema(name):
    frame = load(name)
    schema = SCHEMAS[name]
    assert list(frame.columns) == schema.column_names
    assert len(frame) > 0
    for column in schema.columns:
        if not column.nullable:
            assert frame[column.name].notna().all(), f"{name}.{column.name} has empty values"
        expected = {"string": "string", "float": "float64", "Int64": "Int64", "category": "category", "boolean": "boolean"}[column.dtype]
        assert str(frame[column.name].dtype) == expected, (name, column.name)


@pytest.mark.parametrize("name", DATASETS)
def test_datasheet_documents_the_schema(name):
    documented = datasheet_columns(name)
    assert documented == [(c.name, c.dtype) for c in SCHEMAS[name].columns], f"datasets/{name}.md's column table disagrees with course.schemas"


def test_every_data_file_has_a_schema_and_a_datasheet():
    for csv in datasets_dir().glob("*.csv"):
        assert csv.stem in SCHEMAS, f"{csv.name} has no schema in course/schemas.py"
        assert csv.with_suffix(".md").is_file(), f"{csv.name} has no datasheet"


@pytest.mark.parametrize("stat_id, value_unit", sorted(REQUIRED.items()))
def test_required_statistics(stats, stat_id, value_unit):
    row = stat(stats, stat_id)
    assert (float(row["value"]), row["unit"]) == (float(value_unit[0]), value_unit[1])


def test_every_quote_is_verbatim_in_its_paper(stats, papers):
    missing = [r.stat_id for r in stats.itertuples() if squash(r.quote) not in papers[r.source_id]]
    assert not missing, f"quotes not found verbatim in their paper: {missing}"


def test_every_value_appears_in_its_quote(stats):
    """A row's number is the one its quote states (allowing unit conversion of 亿 and 万)."""
    bad = []
    for r in stats.itertuples():
        digits = {squash(m).replace(",", "") for m in re.findall(r"\d[\d,.\s]*", r.quote)}
        numbers = set()
        for d in digits:
            try:
                numbers.add(float(d.rstrip(".")))
            except ValueError:
                pass
        candidates = {r.value * k for k in (1, 10, 100, 1e-1, 1e-2, 1e-4, 1e4, 1e3, 1e-3)}
        if not any(abs(n - c) <= 1e-6 * max(1, abs(c)) for n in numbers for c in candidates):
            bad.append(r.stat_id)
    assert not bad, f"value not found in the row's own quote: {bad}"


def test_series_share_a_unit_family(stats):
    from course.units import family

    for series, group in stats.dropna(subset=["series"]).groupby("series"):
        families = {family(u) for u in group["unit"]}
        assert len(families) == 1, f"series {series} mixes {families}"


def test_stat_lookup_errors(stats):
    assert stat_value(stats, "cbec_trade_2023_yang") == 2.38
    with pytest.raises(KeyError, match="no statistic with stat_id 'nope'"):
        stat(stats, "nope")


# --- the loader's errors name the file and the problem ---------------------------------

def _copy(tmp_path):
    for name in DATASETS:
        (tmp_path / f"{name}.csv").write_bytes((datasets_dir() / f"{name}.csv").read_bytes())
    return tmp_path


def test_missing_file(tmp_path):
    with pytest.raises(DatasetError, match=r"paper_statistics\.csv: file not found"):
        load("paper_statistics", directory=tmp_path)


def test_unknown_dataset():
    with pytest.raises(DatasetError, match="unknown dataset 'nope'; the course's datasets are"):
        load("nope")


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda df: df.drop(columns=["unit"]), r"missing column\(s\) \['unit'\]"),
        (lambda df: df.assign(extra=1), r"unexpected column\(s\) \['extra'\]"),
        (lambda df: df.assign(value=["lots"] + list(df["value"][1:])), r"column 'value' at row 1 \(line 2\) has 'lots', which is not a number"),
        (lambda df: df.assign(year=["2020.5"] + list(df["year"][1:])), "not a whole number"),
        (lambda df: df.assign(kind=["vibe"] + list(df["kind"][1:])), "allowed values are"),
        (lambda df: df.assign(unit=["furlongs"] + list(df["unit"][1:])), "column 'unit' at row 1"),
        (lambda df: df.assign(metric=[""] + list(df["metric"][1:])), "column 'metric' is empty at row 1"),
        (lambda df: pd.concat([df, df.head(1)]), r"key \['stat_id'\] is not unique"),
        (lambda df: df.assign(source_id=["nobody2020"] + list(df["source_id"][1:])), "not found in paper_sources.source_id"),
    ],
)
def test_malformed_file(tmp_path, mutate, message):
    folder = _copy(tmp_path)
    path = folder / "paper_statistics.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    mutate(df).to_csv(path, index=False)
    with pytest.raises(DatasetError, match=message) as info:
        load("paper_statistics", directory=folder)
    assert str(path) in str(info.value)


def test_not_utf8_or_not_csv(tmp_path):
    folder = _copy(tmp_path)
    (folder / "paper_statistics.csv").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DatasetError, match="not UTF-8"):
        load("paper_statistics", directory=folder)
    (folder / "paper_statistics.csv").write_text('a,b\n"unterminated', encoding="utf-8")
    with pytest.raises(DatasetError, match="paper_statistics.csv"):
        load("paper_statistics", directory=folder)
