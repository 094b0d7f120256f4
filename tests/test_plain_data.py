"""Answers cross from the student's process to the grader's only as plain data.

`encode` sends plain values and refuses everything else by exact type; `decode` accepts only
the tagged forms `encode` writes, so a hostile student process can send values but never an
object with behaviour (no pickle, no rigged equality, no code)."""
from __future__ import annotations

import datetime as dt
import json
import math
import pickle
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from grading import plain_data
from grading.plain_data import PlainDataError, Refused, decode, encode

PLAIN = {
    "none": None,
    "bool": True,
    "int": -42,
    "big_int": 2**80,
    "float": 0.1 + 0.2,
    "inf": float("-inf"),
    "str": "直播带货 ✓",
    "decimal": Decimal("1.230"),
    "fraction": Fraction(22, 7),
    "date": dt.date(2025, 10, 26),
    "datetime": dt.datetime(2025, 10, 26, 1, 30),
    "aware_datetime": dt.datetime(2025, 10, 26, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    "time": dt.time(19, 0),
    "timedelta": dt.timedelta(days=2, seconds=5),
    "list": [1, "a", [2.5, None]],
    "tuple": (1, ("nested",)),
    "dict": {"a": 1, 2: "b", ("t", 1): [1]},
    "set": {"GB", "US"},
    "frozenset": frozenset({frozenset({"a"}), frozenset({"b", "c"})}),
    "np_float": np.float64(0.25),
    "np_int": np.int32(7),
    "np_bool": np.bool_(False),
    "np_str": np.str_("x"),
    "array_2d": np.arange(6).reshape(2, 3),
    "array_float32": np.array([0.5, np.nan], dtype=np.float32),
    "array_str": np.array(["KOL", "KOC"]),
    "array_datetime": np.array(["2025-01-01", "NaT"], dtype="datetime64[ns]"),
    "array_object": np.array([1, "a", None], dtype=object),
    "timestamp": pd.Timestamp("2025-03-09 02:30"),
    "pd_timedelta": pd.Timedelta("1h"),
}


def _same(a, b):
    if isinstance(b, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    elif isinstance(b, pd.Series):
        pd.testing.assert_series_equal(a, b)
    elif isinstance(b, pd.Index):
        pd.testing.assert_index_equal(a, b, exact=True)
    elif isinstance(b, np.ndarray):
        assert type(a) is np.ndarray and a.dtype == b.dtype and a.shape == b.shape
        assert np.array_equal(a, b, equal_nan=b.dtype.kind in "fcMm") if b.dtype != object else a.tolist() == b.tolist()
    else:
        assert type(a) is type(b), (type(a), type(b))
        assert a == b or (a != a and b != b)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_plain_values_round_trip_with_their_types(name):
    _same(decode(encode(PLAIN[name])), PLAIN[name])


def test_nan_round_trips():
    assert math.isnan(decode(encode(float("nan"))))


def _frames():
    tz = pd.to_datetime(["2025-01-01 10:00", "2025-07-01 10:00", "2025-12-31 23:00"]).tz_localize("Europe/London")
    return {
        "simple": pd.DataFrame({"market": ["US", "GB"], "viewers": [5499, 655], "rate": [0.016, 0.009]}),
        "named_index": pd.DataFrame({"x": [1.0, 2.0]}, index=pd.Index(["a", "b"], name="k")),
        "nullable_and_category": pd.DataFrame({
            "tier": pd.Categorical(["KOL", "KOC", "KOL"], categories=["KOC", "KOL"], ordered=True),
            "orders": pd.array([1, None, 3], dtype="Int64"),
            "flag": pd.array([True, None, False], dtype="boolean"),
            "name": pd.array(["a", None, "c"], dtype="string"),
            "when": tz,
        }),
        "multi_index": pd.DataFrame({"v": [1, 2]}, index=pd.MultiIndex.from_tuples([("US", 2024), ("GB", 2025)], names=["m", "y"])),
        "int_columns": pd.DataFrame(np.eye(2), columns=[10, 20]),
        "empty": pd.DataFrame(),
    }


@pytest.mark.parametrize("name", sorted(_frames()))
def test_pandas_tables_round_trip(name):
    frame = _frames()[name]
    _same(decode(encode(frame)), frame)
    series = frame.iloc[:, 0] if frame.shape[1] else pd.Series([], dtype=float)
    _same(decode(encode(series)), series)


def test_indexes_round_trip():
    for index in (pd.RangeIndex(3, 9, 2, name="r"), pd.Index([1.5, 2.5]), pd.DatetimeIndex(["2025-01-01"]), pd.CategoricalIndex(["a", "b"])):
        _same(decode(encode(index)), index)


class RiggedFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class RiggedFrame(pd.DataFrame):
    def equals(self, other):
        return True


@pytest.mark.parametrize("value, type_name", [
    (RiggedFloat(1.0), "RiggedFloat"),
    (RiggedFrame({"a": [1]}), "RiggedFrame"),
    (lambda: 1, "function"),
    (object(), "object"),
    (type("Str", (str,), {})("x"), "Str"),
    (np.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")]), "ndarray"),
    (np.array([1 + 2j]), "ndarray"),
    (pd.DataFrame([[1, 2]], columns=["a", "a"]), "DataFrame"),
])
def test_anything_else_is_refused_by_name_not_sent(value, type_name):
    got = decode(encode(value))
    assert isinstance(got, Refused)
    assert type_name in got.type_name
    assert "does not accept" in str(got)


def test_a_refused_part_of_a_container_stays_refused():
    got = decode(encode({"ok": 1, "bad": RiggedFloat(2.0), "arr": np.array([RiggedFloat(1.0)], dtype=object)}))
    assert got["ok"] == 1 and isinstance(got["bad"], Refused)
    assert isinstance(got["arr"][0], Refused)


HOSTILE = [
    (pickle.dumps(RiggedFloat(1.0)), "not UTF-8"),
    (b'{"$": "pickle", "v": "gASV"}', "unknown tag 'pickle'"),
    ('{"$": "ndarray", "dtype": "|O", "shape": [1], "data": [1]}', "not a plain dtype"),
    ('{"$": "ndarray", "dtype": "|V8", "shape": [1], "data": [1]}', "not a plain dtype"),
    ('{"$": "ndarray", "dtype": "<f8", "shape": [3], "data": [1.0]}', "needs 3 values, got 1"),
    ('{"$": "ndarray", "dtype": "<f8", "shape": [1000000000], "data": []}', "needs 1000000000 values"),
    ('{"$": "ndarray", "dtype": "<i8", "shape": [1], "data": ["1"]}', "holds a value that is not"),
    ('{"$": "ndarray", "dtype": "<i8", "shape": [-1], "data": []}', "non-negative"),
    ('{"$": "ndarray", "dtype": "os.system", "shape": [1], "data": [1]}', "not a numpy dtype"),
    ('{"$": "tuple", "items": [], "extra": 1}', "needs the fields"),
    ('{"$": "float", "v": "1e400"}', "not nan, inf or -inf"),
    ("NaN", "bare constant NaN"),
    ('{"a": 1, "a": 2}', "repeats a key"),
    ('{"$": "dict", "items": [[[1], 2]]}', "hashable"),
    ('{"$": "dict", "items": [[1, 2, 3]]}', "pairs"),
    ('{"$": "fraction", "v": "1/0"}', "numerator/denominator"),
    ('{"$": "int", "v": "12e3"}', "not digits"),
    ('{"$": "date", "v": "__import__(\'os\')"}', "not in ISO format"),
    ('{"$": "categorical", "categories": null, "ordered": false, "codes": null}', "unknown tag 'categorical'"),
    ('{"$": "series", "name": null, "index": {"$": "range_index", "v": [0, 2, 1], "name": null}, "values": {"$": "ndarray", "dtype": "<i8", "shape": [3], "data": [1, 2, 3]}}', "3 values but an index of 2"),
    ('{"$": "series", "name": null, "index": {"$": "range_index", "v": [0, 1, 1], "name": null}, "values": {"$": "categorical", "categories": {"$": "index", "name": null, "values": {"$": "ndarray", "dtype": "<U1", "shape": [1], "data": ["a"]}}, "ordered": false, "codes": {"$": "ndarray", "dtype": "<i8", "shape": [1], "data": [5]}}}', "outside the categories"),
    ('{"$": "series", "name": null, "index": {"$": "range_index", "v": [0, 1, 1], "name": null}, "values": {"$": "extension", "dtype": "object", "items": [1]}}', "not a plain dtype"),
    ('{"$": "series", "name": null, "index": {"$": "range_index", "v": [0, 1, 1], "name": null}, "values": {"$": "datetime_tz", "tz": "Mars/Olympus", "utc": {"$": "ndarray", "dtype": "<M8[ns]", "shape": [1], "data": [0]}}}', "unknown time zone"),
    ('{"$": "frame", "columns": {"$": "index", "name": null, "values": {"$": "ndarray", "dtype": "<U1", "shape": [2], "data": ["a", "a"]}}, "index": {"$": "range_index", "v": [0, 0, 1], "name": null}, "data": [{"$": "ndarray", "dtype": "<i8", "shape": [0], "data": []}, {"$": "ndarray", "dtype": "<i8", "shape": [0], "data": []}]}', "must be unique"),
    ("[" * 5000 + "]" * 5000, "nested"),
    ('{"$": "range_index", "v": [0, 100000000000, 1], "name": null}', "more than"),
    ("not json", "not JSON"),
    (12, "not text"),
]


@pytest.mark.parametrize("payload, message", HOSTILE, ids=[m for _, m in HOSTILE])
def test_hostile_payloads_are_refused_with_a_reason(payload, message):
    with pytest.raises(PlainDataError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        decode(payload)


def test_payload_size_is_limited(monkeypatch):
    monkeypatch.setattr(plain_data, "MAX_BYTES", 100)
    with pytest.raises(PlainDataError, match="larger than the limit"):
        decode(json.dumps(["x" * 200]))


def test_encoding_depth_is_limited():
    deep: list = []
    for _ in range(plain_data.MAX_DEPTH):
        deep = [deep]
    assert "Refused" in repr(decode(encode(deep)))
