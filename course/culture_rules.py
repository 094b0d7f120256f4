"""Module 04: from Hofstede scores to live-stream script choices, the festival calendar, and
the practical load of running streams across cultures (`service_coverage`: how much of a
market's waking day a team in China covers; `comment_load`: how many comments a minute a
live monitoring team has to read).

The rule table turns a market's scores into script choices with stated thresholds: a score of
`HIGH` (65) or more is "high", `LOW` (35) or less is "low". Three rules state what the
anonymous paper on socialized cross-border e-commerce (2025, sections 5.2 and 6.2) says; the
others are the course's own reading of Hofstede's definitions and say so (`basis`). A market
without a published score on a rule's dimension gets "unknown" (NA) for that rule, never
"does not apply".
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import pandas as pd

from course.culture import DIMENSION_NAMES, CultureError, score_table

__all__ = [
    "HIGH", "LOW", "ScriptRule", "SCRIPT_RULES", "rule_table", "script_choices", "applicable_rules",
    "rule_markets", "date_from_rule", "festival_calendar", "TEAM_HOURS", "WAKING_HOURS", "service_coverage",
    "comment_load",
]

#: a score of HIGH or more is high, LOW or less is low: the course's choice, 15 points either side of 50
HIGH = 65
LOW = 35


@dataclass(frozen=True)
class ScriptRule:
    rule_id: str
    dimension: str
    direction: str   # "high" (score >= high threshold) or "low" (score <= low threshold)
    script: str      # what the live-stream script does
    basis: str       # "paper": a paper says it; "course": the course's reading of Hofstede
    source_id: str   # the paper, for basis "paper"; "" for the course's rules
    quote: str       # the paper's words (verbatim), or the course's reasoning


SCRIPT_RULES: tuple[ScriptRule, ...] = (
    ScriptRule(
        "uai_high", "uai", "high",
        "add product certifications, guarantees and authoritative endorsements (产品认证、权威背书); a rigorous, scripted product introduction with little improvisation",
        "paper", "socialized2025", "面向高“不确定性规避”市场,应增加产品认证、权威背书等内容",
    ),
    ScriptRule(
        "idv_low", "idv", "low",
        "design family and community sharing scenes (家庭或社群分享场景); group offers",
        "paper", "socialized2025", "面向高“集体主义”市场,可设计更多家庭或社群分享场景",
    ),
    ScriptRule(
        "idv_high", "idv", "high",
        "speak to the individual: personal benefit, self-expression and choice; avoid appeals to the collective interest",
        "paper", "socialized2025", "在高“个人主义”文化中,过度强调集体利益的说辞则可能引起反感",
    ),
    ScriptRule(
        "pdi_high", "pdi", "high",
        "present the host as an expert with standing; endorsements from recognised authorities",
        "course", "", "high power distance: hierarchy and status are accepted, so status lends credibility",
    ),
    ScriptRule(
        "lto_high", "lto", "high",
        "stress long-term value: durability, quality over years, saving money",
        "course", "", "long-term orientation: thrift and perseverance towards future rewards",
    ),
    ScriptRule(
        "ivr_high", "ivr", "high",
        "entertainment: humour, games, lucky draws and a fun atmosphere",
        "course", "", "indulgence: enjoying life and having fun are valued",
    ),
    ScriptRule(
        "ivr_low", "ivr", "low",
        "a restrained tone: practical demonstration and value rather than games and jokes",
        "course", "", "restraint: gratification is controlled by social norms",
    ),
)


def _thresholds(high: float, low: float) -> None:
    if not (0 <= low < high):
        raise CultureError(f"thresholds must satisfy 0 <= low < high; got low={low}, high={high}")


def _rule(rule_id: str, rules: Sequence[ScriptRule]) -> ScriptRule:
    for r in rules:
        if r.rule_id == rule_id:
            return r
    raise CultureError(f"unknown rule {rule_id!r}; the rules are {[r.rule_id for r in rules]}")


def _condition(rule: ScriptRule, high: float, low: float) -> str:
    return f"{rule.dimension} >= {high:g}" if rule.direction == "high" else f"{rule.dimension} <= {low:g}"


def _applies(rule: ScriptRule, score: float, high: float, low: float):
    if pd.isna(score):
        return pd.NA
    return bool(score >= high) if rule.direction == "high" else bool(score <= low)


def rule_table(high: float = HIGH, low: float = LOW, rules: Sequence[ScriptRule] = SCRIPT_RULES) -> pd.DataFrame:
    """The rules with their conditions at the given thresholds."""
    _thresholds(high, low)
    out = pd.DataFrame([asdict(r) for r in rules])
    out.insert(2, "dimension_name", out["dimension"].map(DIMENSION_NAMES))
    out.insert(4, "condition", [_condition(r, high, low) for r in rules])
    return out


def script_choices(scores: pd.DataFrame, market: str, high: float = HIGH, low: float = LOW, rules: Sequence[ScriptRule] = SCRIPT_RULES) -> pd.DataFrame:
    """Every rule for one market (iso2): its score, the condition, whether it applies (True,
    False, or NA when the score is not published) and the script choice."""
    _thresholds(high, low)
    table = score_table(scores)
    if market not in table.index:
        raise CultureError(f"market {market!r} is not in the scores table; its markets are {sorted(table.index)}")
    row = table.loc[market]
    out = pd.DataFrame({
        "rule_id": [r.rule_id for r in rules],
        "dimension": [r.dimension for r in rules],
        "score": [row[r.dimension] for r in rules],
        "condition": [_condition(r, high, low) for r in rules],
        "applies": pd.array([_applies(r, row[r.dimension], high, low) for r in rules], dtype="boolean"),
        "script": [r.script for r in rules],
        "basis": [r.basis for r in rules],
    })
    return out


def applicable_rules(scores: pd.DataFrame, market: str, high: float = HIGH, low: float = LOW, rules: Sequence[ScriptRule] = SCRIPT_RULES) -> list[str]:
    """The rule ids that apply to `market` (rules whose score is not published are not listed;
    `script_choices` shows them as unknown)."""
    choices = script_choices(scores, market, high, low, rules)
    return list(choices.loc[choices["applies"].fillna(False).astype(bool), "rule_id"])


def rule_markets(scores: pd.DataFrame, rule_id: str, high: float = HIGH, low: float = LOW, rules: Sequence[ScriptRule] = SCRIPT_RULES) -> dict[str, list[str]]:
    """For one rule, the markets where it applies, where it does not, and where it is unknown
    (no published score): {"applies": [...], "does_not_apply": [...], "unknown": [...]}."""
    _thresholds(high, low)
    rule = _rule(rule_id, rules)
    column = score_table(scores)[rule.dimension]
    out: dict[str, list[str]] = {"applies": [], "does_not_apply": [], "unknown": []}
    for iso2, score in column.items():
        verdict = _applies(rule, score, high, low)
        key = "unknown" if verdict is pd.NA else "applies" if verdict else "does_not_apply"
        out[key].append(str(iso2))
    return out


# --- festivals --------------------------------------------------------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_ORDINALS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1}
_FIXED = re.compile(r"^fixed (\d{2})-(\d{2})$")
_NTH = re.compile(r"^(day after |day before )?(1st|2nd|3rd|4th|5th|last) (\w+) of (\w+)$")


def date_from_rule(rule: str, year: int) -> dt.date:
    """The date a festival rule gives in `year`.

    Rules: "fixed MM-DD" (e.g. "fixed 11-11"), or "[day after |day before ]<nth> <weekday> of
    <month>" with nth one of 1st, 2nd, 3rd, 4th, 5th, last (e.g. "day after 4th Thursday of
    November", Black Friday). Lunar-calendar rules (Spring Festival, Ramadan) cannot be
    computed from a rule here: their dates are in the `festivals` table for its year.
    """
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
        raise CultureError(f"year must be a whole number between 1900 and 2200, not {year!r}")
    text = rule.strip().lower()
    if text.startswith("lunar"):
        raise CultureError(
            f"{rule!r} follows a lunar calendar, which this function does not compute; "
            "take the dates from the festivals table (for its year) or an official calendar"
        )
    fixed = _FIXED.match(text)
    if fixed:
        try:
            return dt.date(year, int(fixed.group(1)), int(fixed.group(2)))
        except ValueError as exc:
            raise CultureError(f"{rule!r} is not a date in {year}: {exc}") from None
    nth = _NTH.match(text)
    if not nth or nth.group(3) not in _WEEKDAYS or nth.group(4) not in _MONTHS:
        raise CultureError(
            f"cannot read the rule {rule!r}; write 'fixed MM-DD' or e.g. 'day after 4th Thursday of November'"
        )
    shift, ordinal, weekday, month = nth.groups()
    wd, mo = _WEEKDAYS[weekday], _MONTHS[month]
    days = [d for d in range(1, calendar.monthrange(year, mo)[1] + 1) if dt.date(year, mo, d).weekday() == wd]
    n = _ORDINALS[ordinal]
    if n > len(days):
        raise CultureError(f"{month.title()} {year} has no {ordinal} {weekday.title()}")
    day = dt.date(year, mo, days[n - 1] if n > 0 else days[-1])
    if shift == "day after ":
        day += dt.timedelta(days=1)
    elif shift == "day before ":
        day -= dt.timedelta(days=1)
    return day


def festival_calendar(festivals: pd.DataFrame, market: str | None = None) -> pd.DataFrame:
    """The festivals (optionally those of one market, by iso2), sorted by start date, with the
    dates as `datetime.date` and the length in days."""
    table = festivals.copy()
    if market is not None:
        table = table[table["markets"].str.split().apply(lambda codes: market in codes)]
    table["start"] = [dt.date.fromisoformat(s) for s in table["start_date"]]
    table["end"] = [dt.date.fromisoformat(s) for s in table["end_date"]]
    table["days"] = [(e - s).days + 1 for s, e in zip(table["start"], table["end"])]
    columns = ["festival_id", "name_en", "name_zh", "markets", "start", "end", "days", "date_rule", "relevance", "source_kind", "source_id"]
    return table.sort_values("start")[columns].reset_index(drop=True)


# --- running streams across cultures: service hours and live monitoring -----------------

#: an office day in China, 09:00-18:00 Beijing time: the course's assumption for a team that is not local
TEAM_HOURS = ("09:00", "18:00")
#: the hours in which a market's customers may write to a shop, 08:00-23:00 local time: the course's assumption
WAKING_HOURS = ("08:00", "23:00")


def service_coverage(markets: Sequence[str], on, *, team_zone: str = "Asia/Shanghai", team_hours: tuple[str, str] = TEAM_HOURS,
                     waking_hours: tuple[str, str] = WAKING_HOURS, countries: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many of each market's waking hours (`waking_hours`, local time, on the local date
    `on`) a service team working `team_hours` in `team_zone` covers, counting the team's shifts
    of the day before, the day and the day after (time zones move a shift across midnight).

    One row per market: waking_hours, covered_hours, uncovered_hours and covered_share (0-1).
    The anonymous 2025 paper (section 6.2) asks for local customer service around the clock
    (7 x 24 hours); the table says how far a team in China is from that.
    """
    from course.scheduling import local_datetime, parse_clock, parse_date, zone_of

    day = parse_date(on)
    for name, (first, last) in (("team hours", team_hours), ("waking hours", waking_hours)):
        if parse_clock(last) <= parse_clock(first):
            raise CultureError(f"{name} {(first, last)} must end after they start on the same day; split a shift that runs past midnight in two")
    rows = []
    for market in markets:
        zone = zone_of(market, countries)
        wake_start, wake_end = (local_datetime(day, clock, zone) for clock in waking_hours)
        covered = 0.0
        for shift in (-1, 0, 1):
            shift_day = day + dt.timedelta(days=shift)
            start, end = (local_datetime(shift_day, clock, team_zone) for clock in team_hours)
            overlap = (min(end, wake_end) - max(start, wake_start)).total_seconds() / 3600
            covered += max(overlap, 0.0)
        waking = (wake_end - wake_start).total_seconds() / 3600
        rows.append({"market": market, "waking_hours": waking, "covered_hours": covered,
                     "uncovered_hours": waking - covered, "covered_share": covered / waking})
    return pd.DataFrame(rows)


def comment_load(sessions: pd.DataFrame, by: str = "market", quantile: float = 0.9) -> pd.DataFrame:
    """Comments a minute per live session (comments / duration_min), summarised per `by`:
    sessions, the median, the `quantile` (a busy session) and the busiest session. A live
    monitoring team (the anonymous 2025 paper's 实时监播团队) has to read them as they come."""
    for column in ("comments", "duration_min", by):
        if column not in sessions.columns:
            raise CultureError(f"the sessions need a {column!r} column (the live_sessions dataset has it)")
    rate = sessions.assign(per_minute=sessions["comments"].astype(float) / sessions["duration_min"].astype(float))
    grouped = rate.groupby(by, observed=True)["per_minute"]
    out = pd.DataFrame({
        "sessions": grouped.size(),
        "median_per_minute": grouped.median(),
        f"p{round(100 * quantile)}_per_minute": grouped.quantile(quantile),
        "max_per_minute": grouped.max(),
    })
    return out.reset_index()
