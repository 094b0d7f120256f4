"""Module 06: k-anonymity and l-diversity of a release after generalising quasi-identifiers.

A *quasi-identifier* is a column that does not name anyone on its own but, combined with
others and with outside data (a voter roll, a social-media profile), can single a person out:
here birth date, postcode, gender and country. A release is **k-anonymous** when every
combination of quasi-identifier values it shows (an *equivalence class*) is shared by at
least k rows, so k is the size of the **smallest** class. It is **l-diverse** (distinct
l-diversity) when every class holds at least l different values of the sensitive column, so
l is the **smallest** number of distinct sensitive values **within one class**.

Generalisation coarsens a quasi-identifier (a birth date to its year or decade, a postcode to
a prefix, a country to its UN subregion or region); suppression drops the rows of classes
still smaller than k. Both lose information, which `AnonymityReport` measures.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from course.privacy import PrivacyError

__all__ = [
    "QUASI_IDENTIFIERS", "LEVELS", "generalise_birth", "generalise_postcode", "generalise_gender",
    "generalise_country", "generalise", "class_sizes", "k_anonymity", "l_diversity", "suppress",
    "AnonymityReport", "anonymise", "level_grid",
]

#: the quasi-identifiers of `customers`, in the order the release shows them
QUASI_IDENTIFIERS = ("birth_date", "postcode", "gender", "country")

#: the generalisation levels of each quasi-identifier, from level 0 (as stored) to full
#: suppression of the column ("*")
LEVELS: dict[str, tuple[str, ...]] = {
    "birth_date": ("date", "year", "decade", "*"),
    "postcode": ("5 digits", "4 digits", "3 digits", "2 digits", "1 digit", "*"),
    "gender": ("gender", "*"),
    "country": ("country", "subregion", "region", "*"),
}


def _check_level(column: str, level: int) -> int:
    top = len(LEVELS[column]) - 1
    if isinstance(level, bool) or not float(level).is_integer() or not 0 <= int(level) <= top:
        names = ", ".join(f"{i} = {n}" for i, n in enumerate(LEVELS[column]))
        raise PrivacyError(f"level {level!r} for {column} is not one of 0 to {top} ({names})")
    return int(level)


def generalise_birth(dates: pd.Series, level: int) -> pd.Series:
    """ISO birth dates ("1990-07-14") at `level`: 0 the date, 1 the year ("1990"), 2 the
    decade ("1990s"), 3 "*"."""
    level = _check_level("birth_date", level)
    text = dates.astype(str)
    bad = ~text.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    if bad.any():
        raise PrivacyError(f"birth dates must be ISO dates like '1990-07-14'; found {text[bad].iloc[0]!r}")
    if level == 0:
        return text
    if level == 1:
        return text.str[:4]
    if level == 2:
        return text.str[:3] + "0s"
    return pd.Series("*", index=dates.index)


def generalise_postcode(codes: pd.Series, level: int) -> pd.Series:
    """Postcodes at `level`: keep the first 5 - level characters and mask the rest with "*"
    (level 2: "40512" -> "405**"); level 5 masks all of it."""
    level = _check_level("postcode", level)
    text = codes.astype(str)
    keep = 5 - level
    return text.str[:keep] + "*" * level


def generalise_gender(values: pd.Series, level: int) -> pd.Series:
    """Gender at `level`: 0 as stored, 1 "*"."""
    level = _check_level("gender", level)
    return values.astype(str) if level == 0 else pd.Series("*", index=values.index)


def generalise_country(codes: pd.Series, level: int, countries: pd.DataFrame | None = None) -> pd.Series:
    """ISO country codes at `level`: 0 the code, 1 its UN subregion, 2 its UN region (both
    from the `countries` dataset), 3 "*"."""
    level = _check_level("country", level)
    text = codes.astype(str)
    if level == 0:
        return text
    if level == 3:
        return pd.Series("*", index=codes.index)
    if countries is None:
        raise PrivacyError("generalising country to a subregion or region needs the `countries` table: pass countries=load('countries')")
    column = "subregion" if level == 1 else "region"
    mapping = dict(zip(countries["iso2"].astype(str), countries[column].astype(str)))
    unknown = sorted(set(text) - set(mapping))
    if unknown:
        raise PrivacyError(f"country codes {unknown} are not in the countries table")
    return text.map(mapping)


def generalise(
    frame: pd.DataFrame,
    levels: Mapping[str, int],
    *,
    countries: pd.DataFrame | None = None,
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """A release: every quasi-identifier named in `levels` at its level, plus the `keep`
    columns (e.g. the sensitive column) as they are. Quasi-identifiers not named are left
    out of the release (which is the strongest generalisation of all)."""
    unknown = [c for c in levels if c not in LEVELS]
    if unknown:
        raise PrivacyError(f"{unknown} are not quasi-identifiers of this module; use {list(LEVELS)}")
    missing = [c for c in [*levels, *keep] if c not in frame.columns]
    if missing:
        raise PrivacyError(f"the table lacks the column(s) {missing}")
    out = pd.DataFrame(index=frame.index)
    for column in QUASI_IDENTIFIERS:
        if column not in levels:
            continue
        level = levels[column]
        if column == "birth_date":
            out[column] = generalise_birth(frame[column], level)
        elif column == "postcode":
            out[column] = generalise_postcode(frame[column], level)
        elif column == "gender":
            out[column] = generalise_gender(frame[column], level)
        else:
            out[column] = generalise_country(frame[column], level, countries)
    for column in keep:
        out[column] = frame[column]
    return out.reset_index(drop=True)


def _qis(release: pd.DataFrame, qis: Sequence[str]) -> list[str]:
    qis = list(qis)
    if not qis:
        raise PrivacyError("name at least one quasi-identifier column")
    missing = [c for c in qis if c not in release.columns]
    if missing:
        raise PrivacyError(f"the release lacks the quasi-identifier column(s) {missing}; it has {list(release.columns)}")
    return qis


def class_sizes(release: pd.DataFrame, qis: Sequence[str]) -> pd.Series:
    """The size of every equivalence class (rows sharing all quasi-identifier values)."""
    qis = _qis(release, qis)
    return release.groupby(qis, observed=True, dropna=False).size().rename("rows")


def k_anonymity(release: pd.DataFrame, qis: Sequence[str]) -> int:
    """k: the size of the smallest equivalence class (0 for an empty release). Not the number
    of classes, and not their average size: one unique row makes k = 1."""
    sizes = class_sizes(release, qis)
    return int(sizes.min()) if len(sizes) else 0


def l_diversity(release: pd.DataFrame, qis: Sequence[str], sensitive: str) -> int:
    """Distinct l-diversity: the smallest number of distinct `sensitive` values found
    **within one** equivalence class (0 for an empty release). Counting distinct values over
    the whole release instead overstates it: a class whose members all share one value
    reveals that value for each of them."""
    qis = _qis(release, qis)
    if sensitive not in release.columns:
        raise PrivacyError(f"the release lacks the sensitive column {sensitive!r}")
    if sensitive in qis:
        raise PrivacyError(f"{sensitive!r} cannot be both a quasi-identifier and the sensitive column")
    if release.empty:
        return 0
    return int(release.groupby(qis, observed=True, dropna=False)[sensitive].nunique().min())


def suppress(release: pd.DataFrame, qis: Sequence[str], k: int) -> tuple[pd.DataFrame, int]:
    """Drop every row of a class smaller than `k`; return what is left and how many rows went."""
    if isinstance(k, bool) or int(k) != k or k < 1:
        raise PrivacyError(f"k must be a whole number of at least 1, not {k!r}")
    qis = _qis(release, qis)
    sizes = release.groupby(qis, observed=True, dropna=False)[qis[0]].transform("size")
    kept = release[sizes.to_numpy() >= k].reset_index(drop=True)
    return kept, int(len(release) - len(kept))


@dataclass(frozen=True)
class AnonymityReport:
    """What a generalisation and suppression at a target k leave of a table."""

    levels: dict[str, int]
    target_k: int
    rows: int  # rows before suppression
    k_before: int  # k of the generalised release before suppression
    suppressed: int  # rows dropped because their class was smaller than target_k
    k: int  # k after suppression (0 if nothing is left)
    l: int  # distinct l-diversity after suppression
    classes: int  # equivalence classes after suppression
    generalisation_loss: float  # mean over the quasi-identifiers of level / highest level (0 = none, 1 = all removed)
    release: pd.DataFrame = field(repr=False)

    @property
    def suppressed_share(self) -> float:
        return self.suppressed / self.rows if self.rows else 0.0

    def text(self) -> str:
        levels = ", ".join(f"{c}: {LEVELS[c][lv]}" for c, lv in self.levels.items())
        return (
            f"{levels}\n"
            f"before suppression k = {self.k_before}; suppressing classes smaller than {self.target_k} drops "
            f"{self.suppressed} of {self.rows} rows ({self.suppressed_share:.1%})\n"
            f"release: {self.rows - self.suppressed} rows in {self.classes} classes, k = {self.k}, l = {self.l}; "
            f"generalisation loss {self.generalisation_loss:.2f}"
        )


def anonymise(
    frame: pd.DataFrame,
    levels: Mapping[str, int],
    k: int,
    sensitive: str,
    *,
    countries: pd.DataFrame | None = None,
) -> AnonymityReport:
    """Generalise the quasi-identifiers to `levels`, suppress classes smaller than `k`, and
    report k, l and the information lost."""
    levels = {c: int(levels[c]) for c in QUASI_IDENTIFIERS if c in levels}
    release = generalise(frame, levels, countries=countries, keep=[sensitive])
    qis = list(levels)
    k_before = k_anonymity(release, qis)
    kept, dropped = suppress(release, qis, k)
    loss = sum(levels[c] / (len(LEVELS[c]) - 1) for c in qis) / len(qis)
    return AnonymityReport(
        levels=levels,
        target_k=int(k),
        rows=len(release),
        k_before=k_before,
        suppressed=dropped,
        k=k_anonymity(kept, qis),
        l=l_diversity(kept, qis, sensitive),
        classes=len(class_sizes(kept, qis)) if len(kept) else 0,
        generalisation_loss=loss,
        release=kept,
    )


def level_grid(
    frame: pd.DataFrame,
    k: int,
    sensitive: str,
    *,
    countries: pd.DataFrame | None = None,
    birth_levels: Sequence[int] = (1, 2, 3),
    postcode_levels: Sequence[int] = (1, 2, 3, 4, 5),
    gender_levels: Sequence[int] = (0,),
    country_levels: Sequence[int] = (0, 1, 2),
) -> pd.DataFrame:
    """`anonymise` for every combination of levels: one row each with the levels, k before
    suppression, rows suppressed, k, l and the generalisation loss (the trade-off table)."""
    rows = []
    for b in birth_levels:
        for p in postcode_levels:
            for g in gender_levels:
                for c in country_levels:
                    levels = {"birth_date": b, "postcode": p, "gender": g, "country": c}
                    r = anonymise(frame, levels, k, sensitive, countries=countries)
                    rows.append({
                        "birth_date": LEVELS["birth_date"][b], "postcode": LEVELS["postcode"][p],
                        "gender": LEVELS["gender"][g], "country": LEVELS["country"][c],
                        "k_before": r.k_before, "suppressed": r.suppressed, "k": r.k, "l": r.l,
                        "classes": r.classes, "generalisation_loss": round(r.generalisation_loss, 4),
                    })
    return pd.DataFrame(rows)
