"""Scheduling live streams across time zones: a target market's evening prime time expressed
in Beijing time, with the real time-zone rules.

The rules (UTC offsets and daylight saving time, DST) come from the IANA time-zone database
through Python's `zoneinfo` and the `tzdata` package, so a date decides the offset: New York's
19:00 is 08:00 the next day in Beijing in January (EST, UTC-5) but 07:00 in July (EDT, UTC-4).
A market's zone is the `timezone` column of the `countries` dataset.

    >>> w = prime_time_in_beijing("US", "2025-01-15")
    >>> w.beijing_start.strftime("%Y-%m-%d %H:%M")
    '2025-01-16 08:00'
"""
from __future__ import annotations

import functools
import math
import numbers
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

__all__ = [
    "BEIJING", "PRIME_TIME", "SchedulingError", "parse_clock", "parse_date", "zone_of", "local_datetime",
    "PrimeTimeWindow", "prime_time_in_beijing", "prime_time_calendar", "dst_transitions", "to_local",
    "in_window",
]

#: the zone of Beijing time (北京时间): China has one national time, UTC+8, no daylight saving
BEIJING = "Asia/Shanghai"
#: the course's evening prime time (黄金时间段), local time: 19:00 to 22:00
PRIME_TIME = ("19:00", "22:00")

_CLOCK = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*$")


class SchedulingError(ValueError):
    """A time, date, market or zone that cannot be used, with what to do instead."""


def parse_clock(value) -> time:
    """A time of day from "HH:MM" (or "H", "HH:MM:SS"), a `datetime.time`, a `datetime`, or a
    number of hours (19 or 19.5 for 19:30)."""
    if isinstance(value, datetime):
        return value.time().replace(tzinfo=None)
    if isinstance(value, time):
        return value.replace(tzinfo=None)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        hours = float(value)
        if not (math.isfinite(hours) and 0 <= hours < 24):
            raise SchedulingError(f"a time of day in hours must lie in [0, 24), not {value!r}")
        minutes = int(round(hours * 60))
        return time(minutes // 60, minutes % 60) if minutes < 24 * 60 else time(23, 59)
    if isinstance(value, str):
        match = _CLOCK.match(value)
        if match:
            h, m, s = (int(g) if g else 0 for g in match.groups())
            if h < 24 and m < 60 and s < 60:
                return time(h, m, s)
    raise SchedulingError(f"cannot read {value!r} as a time of day; write it as 'HH:MM', e.g. '19:00'")


def parse_date(value) -> date:
    """A calendar date from a `date`, `datetime`, pandas Timestamp or 'YYYY-MM-DD' text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SchedulingError(f"cannot read {value!r} as a date; write it as 'YYYY-MM-DD', e.g. '2025-07-15'")


@functools.lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def zone_of(market: str, countries: pd.DataFrame | None = None) -> ZoneInfo:
    """The time zone of a market: an ISO 3166 alpha-2 code or English name from the
    `countries` dataset (its `timezone` column), or an IANA zone name such as 'Europe/London'."""
    if not isinstance(market, str) or not market.strip():
        raise SchedulingError(f"a market is an ISO code such as 'US', a country name or an IANA zone; got {market!r}")
    text = market.strip()
    if "/" in text or text == "UTC":
        if text not in _zone_names():  # a name of the IANA database, never a path to open
            raise SchedulingError(f"{text!r} is not an IANA time-zone name; examples: 'America/New_York', 'Europe/London'")
        try:
            return ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise SchedulingError(f"{text!r} is not an IANA time-zone name; examples: 'America/New_York', 'Europe/London'") from None
    if countries is None:
        from course.data import load

        countries = load("countries")
    by_code = countries.set_index(countries["iso2"].str.upper())
    by_name = countries.set_index(countries["name_en"].str.lower())
    if text.upper() in by_code.index:
        return ZoneInfo(by_code.loc[text.upper(), "timezone"])
    if text.lower() in by_name.index:
        return ZoneInfo(by_name.loc[text.lower(), "timezone"])
    raise SchedulingError(
        f"unknown market {text!r}: use an ISO code of the countries dataset ({', '.join(sorted(countries['iso2']))}), "
        "its English name, or an IANA zone name"
    )


def local_datetime(day, clock, zone: ZoneInfo | str) -> datetime:
    """The aware datetime of wall-clock time `clock` on `day` in `zone`.

    Raises `SchedulingError` for a time that does not exist (skipped when clocks spring
    forward). For a time that occurs twice (when clocks fall back) it returns the first
    occurrence (fold=0).
    """
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    naive = datetime.combine(parse_date(day), parse_clock(clock))
    aware = naive.replace(tzinfo=tz)
    back = aware.astimezone(timezone.utc).astimezone(tz)
    if back.replace(tzinfo=None) != naive:
        raise SchedulingError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {tz.key}: clocks jump forward over it that night "
            f"(daylight saving starts); pick a time outside the skipped hour"
        )
    return aware


def _offset_hours(dt: datetime) -> float:
    return dt.utcoffset().total_seconds() / 3600


def _fmt_offset(hours: float) -> str:
    sign = "+" if hours >= 0 else "\u2212"
    h = abs(hours)
    return f"UTC{sign}{int(h):02d}:{int(round((h % 1) * 60)):02d}"


@dataclass(frozen=True)
class PrimeTimeWindow:
    """A local time window of one market on one date, and the same instants in Beijing time."""

    market: str
    timezone: str
    local_start: datetime
    local_end: datetime
    beijing_start: datetime
    beijing_end: datetime

    @property
    def utc_offset_hours(self) -> float:
        """The market's UTC offset at the start of the window, in hours (e.g. -4.0)."""
        return _offset_hours(self.local_start)

    @property
    def dst(self) -> bool:
        """Whether daylight saving time is in effect in the market at the start of the window."""
        return bool(self.local_start.dst())

    @property
    def hours_ahead(self) -> float:
        """How many hours Beijing is ahead of the market at the start of the window."""
        return _offset_hours(self.beijing_start) - self.utc_offset_hours

    @property
    def day_shift(self) -> int:
        """Beijing's calendar date of the start minus the local one: 1 means 'the next day'."""
        return (self.beijing_start.date() - self.local_start.date()).days

    @property
    def duration_hours(self) -> float:
        """The real length of the window (it differs from the wall-clock length on a night
        when the clocks change inside the window)."""
        # subtract in UTC: Python subtracts two datetimes of the same zone by wall-clock time
        return (self.local_end.astimezone(timezone.utc) - self.local_start.astimezone(timezone.utc)).total_seconds() / 3600

    def text(self) -> str:
        when = {0: "the same day", 1: "the next day", -1: "the day before"}.get(self.day_shift, f"{self.day_shift:+d} days")
        saving = "daylight saving time" if self.dst else "standard time"
        ahead = self.hours_ahead
        relation = "the same time as" if ahead == 0 else f"{abs(ahead):g} h {'ahead of' if ahead > 0 else 'behind'}"
        text = (
            f"{self.market} ({self.timezone}) on {self.local_start:%a %d %b %Y}: "
            f"{self.local_start:%H:%M}\u2013{self.local_end:%H:%M} {self.local_start.tzname()} "
            f"({_fmt_offset(self.utc_offset_hours)}, {saving}) = "
            f"{self.beijing_start:%H:%M}\u2013{self.beijing_end:%H:%M} Beijing time on {self.beijing_start:%a %d %b %Y} "
            f"({when}); Beijing is {relation} {self.market}."
        )
        if self.local_end.utcoffset() != self.local_start.utcoffset():
            text += (
                f" The clocks change during the window ({self.local_start.tzname()} to {self.local_end.tzname()}), "
                f"so it lasts {self.duration_hours:g} real hours."
            )
        return text

    def as_row(self) -> dict:
        return {
            "market": self.market,
            "timezone": self.timezone,
            "local_date": self.local_start.date().isoformat(),
            "local_start": self.local_start.strftime("%H:%M"),
            "local_end": self.local_end.strftime("%H:%M"),
            "utc_offset": self.utc_offset_hours,
            "dst": self.dst,
            "beijing_date": self.beijing_start.date().isoformat(),
            "beijing_start": self.beijing_start.strftime("%H:%M"),
            "beijing_end": self.beijing_end.strftime("%H:%M"),
            "beijing_start_hour": self.beijing_start.hour + self.beijing_start.minute / 60,
            "day_shift": self.day_shift,
            "hours_ahead": self.hours_ahead,
        }


def prime_time_in_beijing(market: str, on, start=PRIME_TIME[0], end=PRIME_TIME[1], *, countries: pd.DataFrame | None = None) -> PrimeTimeWindow:
    """The market's local window `start`-`end` on date `on`, in Beijing time.

    `market` is an ISO code or English name of the `countries` dataset, or an IANA zone name.
    An `end` at or before `start` means the window runs past midnight into the next day.
    """
    tz = zone_of(market, countries)
    day = parse_date(on)
    local_start = local_datetime(day, start, tz)
    end_clock = parse_clock(end)
    end_day = day + timedelta(days=1) if end_clock <= local_start.time() else day
    local_end = local_datetime(end_day, end_clock, tz)
    beijing = ZoneInfo(BEIJING)
    return PrimeTimeWindow(market, tz.key, local_start, local_end, local_start.astimezone(beijing), local_end.astimezone(beijing))


def prime_time_calendar(markets, dates, start=PRIME_TIME[0], end=PRIME_TIME[1], *, countries: pd.DataFrame | None = None) -> pd.DataFrame:
    """`prime_time_in_beijing` for every market and date, one row each (`PrimeTimeWindow.as_row`).

    `dates` is an iterable of dates, or a year (int) for every day of that year."""
    if isinstance(dates, numbers.Integral):
        first = date(int(dates), 1, 1)
        dates = [first + timedelta(days=i) for i in range((date(int(dates) + 1, 1, 1) - first).days)]
    if isinstance(markets, str):
        markets = [markets]
    if countries is None:
        from course.data import load

        countries = load("countries")
    rows = [prime_time_in_beijing(m, d, start, end, countries=countries).as_row() for m in markets for d in dates]
    out = pd.DataFrame(rows)
    out["local_date"] = pd.to_datetime(out["local_date"])
    return out


def dst_transitions(zone: ZoneInfo | str, year: int) -> pd.DataFrame:
    """The moments in `year` when `zone`'s UTC offset changes (daylight saving starts or ends).

    Columns: utc (when it happens), local_before (the wall-clock time just before),
    offset_before, offset_after (hours), change ('starts' or 'ends' daylight saving).
    Empty for zones without daylight saving.
    """
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    t = datetime(year, 1, 1, tzinfo=timezone.utc)
    stop = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
    rows = []
    previous = t.astimezone(tz).utcoffset()
    while t < stop:
        nxt = t + timedelta(hours=1)
        offset = nxt.astimezone(tz).utcoffset()
        if offset != previous:
            lo, hi = t, nxt  # refine to the minute
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(tz).utcoffset() == previous:
                    lo = mid
                else:
                    hi = mid
            hi = hi.replace(second=0, microsecond=0)
            before = (hi - timedelta(seconds=1)).astimezone(tz)
            rows.append({
                "utc": hi,
                "local_before": before.strftime("%Y-%m-%d %H:%M:%S"),
                "offset_before": previous.total_seconds() / 3600,
                "offset_after": offset.total_seconds() / 3600,
                "change": "starts" if offset > previous else "ends",
            })
            previous = offset
        t = nxt
    return pd.DataFrame(rows, columns=["utc", "local_before", "offset_before", "offset_after", "change"])


def to_local(utc, zone: ZoneInfo | str) -> pd.Series:
    """UTC instants (ISO 8601 text such as '2025-03-14T23:00:00Z', or datetimes) as aware
    local datetimes in `zone`."""
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    stamps = pd.to_datetime(pd.Series(utc), utc=True)
    return stamps.dt.tz_convert(tz.key)


def in_window(clock, start=PRIME_TIME[0], end=PRIME_TIME[1]) -> bool:
    """Whether a time of day lies in [start, end) (a window may run past midnight)."""
    c, s, e = parse_clock(clock), parse_clock(start), parse_clock(end)
    if s < e:
        return s <= c < e
    return c >= s or c < e
