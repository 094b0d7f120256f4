"""Build `datasets/countries.csv` from the public reference tables (run by hand, rarely).

    python datasets/build/countries.py [PATH_TO_SHARED_REFERENCE]

The course's markets are listed in MARKETS below with the one IANA time zone the course uses
for each (hand-entered: the zone of the market's largest population and commercial centre).
Codes, names, regions and currencies come from the ISO/UN country-codes table; population
and GDP for 2023 from the World Bank (World Development Indicators) via the same reference
folder. `tests/test_countries.py` checks the committed CSV against these tables when they
are present.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_REFERENCE = HERE.parent.parent.parent / "shared" / "reference"
YEAR = 2023

#: iso2 -> (IANA time zone, note on the choice)
MARKETS = {
    "CN": ("Asia/Shanghai", "one national time (Beijing time, UTC+8, no daylight saving)"),
    "US": ("America/New_York", "six zones; Eastern time, the most populous, is the course's default"),
    "GB": ("Europe/London", ""),
    "DE": ("Europe/Berlin", ""),
    "FR": ("Europe/Paris", "metropolitan France"),
    "ES": ("Europe/Madrid", "mainland Spain; the Canary Islands are one hour behind"),
    "IT": ("Europe/Rome", ""),
    "IE": ("Europe/Dublin", ""),
    "AU": ("Australia/Sydney", "three main zones; Sydney and Melbourne share the eastern one"),
    "SA": ("Asia/Riyadh", "no daylight saving"),
    "AE": ("Asia/Dubai", "no daylight saving"),
    "ID": ("Asia/Jakarta", "three zones; western Indonesia (WIB) holds Jakarta and most of the population"),
    "MY": ("Asia/Kuala_Lumpur", ""),
    "PH": ("Asia/Manila", ""),
    "TH": ("Asia/Bangkok", ""),
    "VN": ("Asia/Ho_Chi_Minh", ""),
    "SG": ("Asia/Singapore", ""),
    "JP": ("Asia/Tokyo", ""),
    "KR": ("Asia/Seoul", ""),
    "MX": ("America/Mexico_City", "several zones; central time, no daylight saving since 2022"),
    "BR": ("America/Sao_Paulo", "several zones; Brasília time, no daylight saving since 2019"),
}


#: the everyday short names where the UN/CLDR short forms are formal or abbreviated
NAME_EN = {"US": "United States", "GB": "United Kingdom"}
NAME_ZH = {"US": "美国", "GB": "英国", "KR": "韩国"}


def build(reference: Path) -> pd.DataFrame:
    codes = pd.read_csv(reference / "countries" / "country-codes.csv", dtype=str, keep_default_na=False, na_values=[""])
    codes = codes[codes["ISO3166-1-Alpha-2"].isin(MARKETS)].set_index("ISO3166-1-Alpha-2")
    missing = set(MARKETS) - set(codes.index)
    if missing:
        raise SystemExit(f"not in country-codes.csv: {sorted(missing)}")
    gdp = pd.read_csv(reference / "countries" / "gdp.csv")
    pop = pd.read_csv(reference / "countries" / "population.csv")
    gdp = gdp[gdp["Year"] == YEAR].set_index("Country Code")["Value"]
    pop = pop[pop["Year"] == YEAR].set_index("Country Code")["Value"]
    rows = []
    for iso2, (zone, note) in MARKETS.items():
        c = codes.loc[iso2]
        iso3 = c["ISO3166-1-Alpha-3"]
        rows.append({
            "iso2": iso2,
            "iso3": iso3,
            "name_en": NAME_EN.get(iso2, c["CLDR display name"]),
            "name_zh": NAME_ZH.get(iso2, c["UNTERM Chinese Short"]),
            "region": c["Region Name"],
            "subregion": c["Sub-region Name"],
            "currency": c["ISO4217-currency_alphabetic_code"],
            "timezone": zone,
            "timezone_note": note,
            "population_2023": int(pop[iso3]),
            "gdp_usd_billion_2023": round(float(gdp[iso3]) / 1e9, 1),
        })
    return pd.DataFrame(rows)


if __name__ == "__main__":
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REFERENCE
    frame = build(reference)
    out = HERE.parent / "countries.csv"
    frame.to_csv(out, index=False, lineterminator="\n")
    print(f"wrote {out} ({len(frame)} markets)")
