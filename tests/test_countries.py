"""The `countries` table agrees with its public reference tables, and its time zones are real."""
from __future__ import annotations

from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from course.data import load
from tests.conftest import SHARED

REFERENCE = SHARED / "reference" / "countries"


@pytest.fixture(scope="module")
def countries():
    return load("countries")


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE.is_dir():
        pytest.skip(f"the reference tables are not at {REFERENCE} (set COURSE_SHARED)")
    codes = pd.read_csv(REFERENCE / "country-codes.csv", dtype=str, keep_default_na=False, na_values=[""])
    return codes.set_index("ISO3166-1-Alpha-2")


def test_every_zone_is_a_real_iana_zone(countries):
    for zone in countries["timezone"]:
        ZoneInfo(zone)
    assert countries.loc[countries.iso2 == "CN", "timezone"].item() == "Asia/Shanghai"


def test_codes_regions_and_currencies_match_the_reference(countries, reference):
    for row in countries.itertuples():
        ref = reference.loc[row.iso2]
        assert row.iso3 == ref["ISO3166-1-Alpha-3"], row.iso2
        assert row.region == ref["Region Name"], row.iso2
        assert row.subregion == ref["Sub-region Name"], row.iso2
        assert row.currency == ref["ISO4217-currency_alphabetic_code"], row.iso2


def test_population_and_gdp_match_the_world_bank_2023(countries):
    if not REFERENCE.is_dir():
        pytest.skip("reference tables absent")
    pop = pd.read_csv(REFERENCE / "population.csv").query("Year == 2023").set_index("Country Code")["Value"]
    gdp = pd.read_csv(REFERENCE / "gdp.csv").query("Year == 2023").set_index("Country Code")["Value"]
    for row in countries.itertuples():
        assert row.population_2023 == int(pop[row.iso3]), row.iso2
        assert row.gdp_usd_billion_2023 == pytest.approx(gdp[row.iso3] / 1e9, abs=0.05), row.iso2


def test_the_build_script_reproduces_the_file(tmp_path):
    if not REFERENCE.is_dir():
        pytest.skip("reference tables absent")
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("build_countries", ROOT / "datasets" / "build" / "countries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(SHARED / "reference")
    pd.testing.assert_frame_equal(built.reset_index(drop=True), pd.read_csv(ROOT / "datasets" / "countries.csv", keep_default_na=False, na_values=[""]).fillna({"timezone_note": ""}), check_dtype=False)
