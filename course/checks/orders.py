"""Checks of answers that are orders or groupings of markets: a ranking by distance
(nearest first) or by score (best first), and a grouping compared as a set of sets, since
cluster labels are arbitrary."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from course.checks.numbers import as_number

__all__ = ['check_ranking', 'check_grouping', 'check_score_ranking']


def _norm(text: Any) -> str:
    return str(text).strip().casefold()


def _alias_lookup(aliases: Mapping[str, Iterable[str]] | None) -> dict[str, str]:
    """casefolded accepted name -> canonical code (every canonical code accepts itself)."""
    lookup: dict[str, str] = {}
    for code, names in (aliases or {}).items():
        lookup[_norm(code)] = code
        for n in names:
            lookup[_norm(n)] = code
    return lookup


def _canonical(name: str, item: Any, lookup: Mapping[str, str]) -> str:
    if not isinstance(item, str):
        raise AssertionError(f"`{name}` holds {item!r}, which is not a name; give codes or names as text, e.g. 'US' or 'United States'.")
    if not lookup:
        return item.strip()
    key = _norm(item)
    if key not in lookup:
        raise AssertionError(f"`{name}` holds {item!r}, which is not a name this question knows; use the iso2 codes or English names of the countries table.")
    return lookup[key]


def _all_names(values: Iterable[Any], lookup: Mapping[str, str]) -> bool:
    values = list(values)
    return bool(values) and all(isinstance(v, str) and (not lookup or _norm(v) in lookup) for v in values)


def _ranking_items(name: str, value: Any, lookup: Mapping[str, str]) -> list[str]:
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign a list of codes or names, nearest first.")
    if isinstance(value, str):
        raise AssertionError(f"`{name}` is one string; give a list of codes or names in order, e.g. ['US', 'GB'].")
    if hasattr(value, "columns") and hasattr(value, "iloc"):  # DataFrame: a column of names (or the index), in row order
        frame = value
        numeric = [c for c in frame.columns if str(frame[c].dtype) not in ("object", "string", "str", "category") and any(w in _norm(c) for w in ("dist", "cd", "kogut"))]
        if numeric:
            frame = frame.sort_values(numeric[0], kind="stable")
        for c in frame.columns:
            if _all_names(frame[c].tolist(), lookup):
                return [_canonical(name, v, lookup) for v in frame[c].tolist()]
        if _all_names(frame.index.tolist(), lookup):
            return [_canonical(name, v, lookup) for v in frame.index.tolist()]
        raise AssertionError(f"`{name}` is a table without a column of market codes or names; give a list of codes in order.")
    if isinstance(value, Mapping):  # market -> distance
        pairs = sorted(value.items(), key=lambda kv: as_number(f"{name}[{kv[0]!r}]", kv[1])[0])
        return [_canonical(name, k, lookup) for k, _ in pairs]
    if hasattr(value, "index") and hasattr(value, "to_dict"):  # Series
        values = value.tolist()
        if _all_names(values, lookup):
            return [_canonical(name, v, lookup) for v in values]
        return _ranking_items(name, value.to_dict(), lookup)
    if hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, Iterable):
        raise AssertionError(f"`{name}` is a {type(value).__name__}; give a list of codes or names in order.")
    return [_canonical(name, v, lookup) for v in value]


def _judge_order(
    name: str,
    got: list[str],
    expected: Sequence[str] | None,
    length: int | None,
    mistakes: Iterable[tuple[Sequence[str], str]],
    hint: str,
    which_first: str,
) -> list[str]:
    """The verdict on an order `got` against `expected` (None: check only the length)."""
    size = len(expected) if expected is not None else length
    if len(set(got)) != len(got):
        raise AssertionError(f"`{name}` lists a market twice: {got}.")
    if size is not None and len(got) != size:
        raise AssertionError(f"`{name}` has {len(got)} items; it should rank {size}.")
    if expected is None:
        return got
    want = list(expected)
    if set(got) != set(want):
        raise AssertionError(f"`{name}` ranks other markets than the question asks for: missing {sorted(set(want) - set(got))}, extra {sorted(set(got) - set(want))}.")
    if got == want:
        return got
    for wrong, message in mistakes:
        if got == list(wrong):
            raise AssertionError(f"`{name}` = {got} is not right. {message}")
    if got == want[::-1]:
        raise AssertionError(f"`{name}` = {got} is not right: it is in reverse order; {which_first}. {hint}".rstrip())
    first_wrong = next(i for i, (g, w) in enumerate(zip(got, want)) if g != w)
    raise AssertionError(f"`{name}` = {got} is not right: the order is right up to position {first_wrong} and wrong from position {first_wrong + 1}. {hint}".rstrip())


def check_ranking(
    name: str,
    value: Any,
    expected: Sequence[str] | None = None,
    *,
    aliases: Mapping[str, Iterable[str]] | None = None,
    length: int | None = None,
    mistakes: Iterable[tuple[Sequence[str], str]] = (),
    hint: str = "",
) -> list[str]:
    """Check an order of items (e.g. markets, nearest first). Accepts a list or tuple of codes
    or names (`aliases` maps each canonical code to the names it may be given by, matched
    case-insensitively), a Series of names, a Series or dict of name -> distance (ordered by
    the distance), or a DataFrame with a column of names (ordered by a distance column if it has
    one, else by its rows). With `expected=None` it checks only the form (and `length`)."""
    got = _ranking_items(name, value, _alias_lookup(aliases))
    return _judge_order(name, got, expected, length, mistakes, hint, "rank the nearest (smallest distance) first")


def _grouping(name: str, value: Any, lookup: Mapping[str, str]) -> frozenset[frozenset[str]]:
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign the groups, e.g. a list of lists of codes.")

    def from_labels(pairs: Iterable[tuple[Any, Any]]) -> frozenset[frozenset[str]]:
        groups: dict[Any, set[str]] = {}
        for member, label in pairs:
            groups.setdefault(label if not isinstance(label, float) or label == label else "nan", set()).add(_canonical(name, member, lookup))
        return frozenset(frozenset(g) for g in groups.values())

    if hasattr(value, "columns") and hasattr(value, "iloc"):  # DataFrame: a column (or index) of names and a label column
        frame = value
        name_col = next((c for c in frame.columns if _all_names(frame[c].tolist(), lookup)), None)
        members = frame[name_col].tolist() if name_col is not None else frame.index.tolist()
        if not _all_names(members, lookup):
            raise AssertionError(f"`{name}` is a table without a column of market codes or names.")
        others = [c for c in frame.columns if c != name_col]
        label_col = next((c for c in others if any(w in _norm(c) for w in ("group", "cluster", "label"))), others[0] if others else None)
        if label_col is None:
            raise AssertionError(f"`{name}` needs a column with each market's group.")
        return from_labels(zip(members, frame[label_col].tolist()))
    if hasattr(value, "index") and hasattr(value, "to_dict") and not isinstance(value, Mapping):  # Series
        if _all_names(value.index.tolist(), lookup):
            return from_labels(zip(value.index.tolist(), value.tolist()))
        value = value.tolist()
    if isinstance(value, Mapping):
        items = list(value.items())
        if items and all(isinstance(v, (str, bytes)) or not isinstance(v, Iterable) for _, v in items):
            return from_labels(items)  # member -> label
        value = [v for _, v in items]  # label -> members
    if hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, Iterable) or isinstance(value, str):
        raise AssertionError(f"`{name}` is a {type(value).__name__}; give the groups as a list of lists of codes, e.g. [['US', 'GB'], ['JP']].")
    out = []
    for group in value:
        if isinstance(group, str) or not isinstance(group, Iterable):
            raise AssertionError(f"`{name}` should be a list of groups, each a list of codes; it holds {group!r}.")
        out.append(frozenset(_canonical(name, m, lookup) for m in group))
    return frozenset(out)


def _show(groups: frozenset[frozenset[str]]) -> str:
    return "; ".join("{" + ", ".join(sorted(g)) + "}" for g in sorted(groups, key=lambda g: sorted(g)))


def check_grouping(
    name: str,
    value: Any,
    expected: Iterable[Iterable[str]] | None = None,
    *,
    aliases: Mapping[str, Iterable[str]] | None = None,
    k: int | None = None,
    mistakes: Iterable[tuple[Iterable[Iterable[str]], str]] = (),
    hint: str = "",
) -> frozenset[frozenset[str]]:
    """Check a grouping (e.g. clusters) as a set of sets: group labels are arbitrary, so only
    who is grouped with whom counts. Accepts a list of lists (or sets), a dict label -> members,
    a dict or Series member -> label, or a DataFrame with a column of members and a group column.
    With `expected=None` it checks only the form (and the number of groups `k`)."""
    lookup = _alias_lookup(aliases)
    got = _grouping(name, value, lookup)
    members = [m for g in got for m in g]
    if len(members) != len(set(members)):
        raise AssertionError(f"`{name}` puts a market in more than one group.")
    size = len(list(expected)) if expected is not None else k
    if expected is not None:
        expected = [list(g) for g in expected]
        size = len(expected)
    if size is not None and len(got) != size:
        raise AssertionError(f"`{name}` has {len(got)} groups; the question asks for {size}. {hint}".rstrip())
    if expected is None:
        return got
    want = frozenset(frozenset(g) for g in expected)
    all_want = {m for g in want for m in g}
    if set(members) != all_want:
        raise AssertionError(f"`{name}` groups other markets than the question asks for: missing {sorted(all_want - set(members))}, extra {sorted(set(members) - all_want)}.")
    if got == want:
        return got
    for wrong, message in mistakes:
        if got == frozenset(frozenset(g) for g in wrong):
            raise AssertionError(f"`{name}` = {_show(got)} is not right. {message}")
    raise AssertionError(f"`{name}` = {_show(got)} is not right. {hint}".rstrip())


def _score_order(name: str, value: Any, lookup: Mapping[str, str]) -> list[str]:
    """A ranking best first from a list of names, a Series or dict name -> score (ordered by
    score, highest first), a Series of names, or a DataFrame with a column (or index) of names,
    ordered by a score column if it has one (highest first), else by its rows."""
    if value is None or value is Ellipsis:
        raise AssertionError(f"`{name}` has no answer yet: assign a list of codes or names, best first.")
    if isinstance(value, str):
        raise AssertionError(f"`{name}` is one string; give a list of codes or names in order, best first, e.g. ['US', 'GB'].")
    if hasattr(value, "columns") and hasattr(value, "iloc"):  # DataFrame
        frame = value
        scores = [c for c in frame.columns if any(w in _norm(c) for w in ("score", "total", "weighted", "value"))
                  and str(frame[c].dtype) not in ("object", "string", "str", "category")]
        if scores:
            frame = frame.sort_values(scores[0], ascending=False, kind="stable")
        for c in frame.columns:
            if _all_names(frame[c].tolist(), lookup):
                return [_canonical(name, v, lookup) for v in frame[c].tolist()]
        if _all_names(frame.index.tolist(), lookup):
            return [_canonical(name, v, lookup) for v in frame.index.tolist()]
        raise AssertionError(f"`{name}` is a table without a column of market codes or names; give a list of codes, best first.")
    if isinstance(value, Mapping) or (hasattr(value, "index") and hasattr(value, "to_dict") and not _all_names(list(value), lookup)):
        pairs = list(value.items())
        numbers_ = [(k, as_number(f"{name}[{k!r}]", v)[0]) for k, v in pairs]
        ordered = sorted(numbers_, key=lambda kv: -kv[1])
        return [_canonical(name, k, lookup) for k, _ in ordered]
    if hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, Iterable):
        raise AssertionError(f"`{name}` is a {type(value).__name__}; give a list of codes or names, best first.")
    return [_canonical(name, v, lookup) for v in value]


def check_score_ranking(
    name: str,
    value: Any,
    expected: Sequence[str] | None = None,
    *,
    aliases: Mapping[str, Iterable[str]] | None = None,
    length: int | None = None,
    mistakes: Iterable[tuple[Sequence[str], str]] = (),
    hint: str = "",
) -> list[str]:
    """Check a ranking by score, best (highest score) first. Accepts a list or tuple of codes
    or names (`aliases` maps each code to the names it may be given by, case-insensitive), a
    Series or dict of name -> score (ordered by the score, highest first), a Series of names,
    or a DataFrame with a column (or index) of names, ordered by a score column ("score",
    "total", "weighted") if it has one, else by its rows. With `expected=None` it checks only
    the form (and `length`)."""
    got = _score_order(name, value, _alias_lookup(aliases))
    return _judge_order(name, got, expected, length, mistakes, hint, "put the best market (highest score) first")
