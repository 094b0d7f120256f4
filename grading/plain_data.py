"""Plain data across a trust boundary: the only way answers leave a student's process.

The grading engine (issue 5) runs a submission in a process of its own and judges the
answers in another, in which no student code has ever run. What crosses between them is
text made by `encode` in the student's process and read by `decode` in the grader's.

- `encode(value)` accepts plain data only, checked by exact type (a subclass of `float`
  with a rigged `__eq__` is not a float): None, bool, int, float, str, Decimal, Fraction,
  date, time, datetime, timedelta, lists, tuples and dicts of these, numpy scalars and
  arrays of boolean, integer, float, string or datetime dtype, and pandas Series, DataFrame
  and Index of such values (including pandas' nullable and categorical dtypes). Anything
  else becomes a `Refused` record naming the type, so the grader can say why the answer
  could not be graded; nothing of it is sent.
- `decode(text)` trusts nothing: it parses JSON (no pickle, no eval, no imports), accepts
  exactly the tagged forms `encode` writes, checks every tag's fields, dtypes, shapes and
  lengths, and limits size, depth and element counts. Anything else raises
  `PlainDataError` with a message saying what was wrong. A hostile student process can
  therefore send any *values* it likes (as it could by typing them in) but never an object
  with behaviour.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["PlainDataError", "Refused", "encode", "decode", "safe_text", "MAX_BYTES", "MAX_DEPTH", "MAX_ITEMS", "MAX_DECODED_BYTES"]

#: the largest payload `decode` reads (bytes of text)
MAX_BYTES = 64 * 1024 * 1024
#: the deepest nesting of containers `decode` accepts
MAX_DEPTH = 64
#: the most scalar items (summed over arrays and containers) `decode` builds
MAX_ITEMS = 5_000_000
#: the most bytes of array memory one `decode` allocates (summed over its arrays, counted from
#: dtype and shape before anything is allocated): a 100-byte payload naming dtype <U100000000
#: must not make the grader allocate gigabytes
MAX_DECODED_BYTES = 256 * 1024**2
#: the most characters of a string, and of all strings together, one `decode` builds
MAX_TEXT_CHARS = 64 * 1024**2

#: numpy dtype kinds that carry plain values: bool, signed, unsigned, float, unicode, datetime, timedelta
_ARRAY_KINDS = set("biufUMm")
_PANDAS_EXTENSION = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "boolean", "string"}


class PlainDataError(ValueError):
    """A payload is not plain data in the form `encode` writes."""


@dataclass(frozen=True)
class Refused:
    """An answer that could not be sent because it is not plain data."""

    type_name: str
    why: str

    def __str__(self) -> str:
        return f"a {self.type_name}, which the grader does not accept ({self.why})"


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def safe_text(text: object, limit: int | None = None) -> str:
    """`text` as a string that can be printed, encoded as UTF-8 and stored anywhere: lone
    surrogates (which JSON can carry, and which make `print` and database drivers raise)
    become U+FFFD, NUL and the other C0 controls except tab and newline become U+FFFD too,
    and with `limit` the text is cut to that many characters with a note."""
    if not isinstance(text, str):
        text = str(text)
    text = _UNSAFE.sub("\ufffd", text)
    if limit is not None and len(text) > limit:
        text = text[:limit] + f" ... ({len(text) - limit} more characters)"
    return text


# ---------------------------------------------------------------------------- encoding


def encode(value: Any) -> str:
    """The JSON text of `value`; parts that are not plain data become `Refused` records."""
    return json.dumps(_enc(value, 0), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _refuse(value: Any, why: str) -> dict:
    kind = type(value)
    return {"$": "refused", "type": f"{kind.__module__}.{kind.__qualname__}", "why": why}


def _float(x: float) -> Any:
    if math.isfinite(x):
        return x
    return {"$": "float", "v": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def _enc(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH // 2:  # half the decoder's limit, so the refusal itself decodes
        return _refuse(value, f"nested more than {MAX_DEPTH // 2} levels deep")
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        return value if abs(value) < 2**53 else {"$": "int", "v": str(value)}
    if kind is float:
        return _float(value)
    if kind is Decimal:
        return {"$": "decimal", "v": str(value)}
    if kind is Fraction:
        return {"$": "fraction", "v": f"{value.numerator}/{value.denominator}"}
    if kind is dt.datetime:
        if value.tzinfo is not None and value.utcoffset() is None:
            return _refuse(value, "a time zone without an offset")
        return {"$": "datetime", "v": value.isoformat()}
    if kind is dt.date:
        return {"$": "date", "v": value.isoformat()}
    if kind is dt.time:
        if value.tzinfo is not None:
            return _refuse(value, "a time of day with a time zone")
        return {"$": "time", "v": value.isoformat()}
    if kind is dt.timedelta:
        return {"$": "timedelta", "v": [value.days, value.seconds, value.microseconds]}
    if kind is list:
        return [_enc(v, depth + 1) for v in value]
    if kind is tuple:
        return {"$": "tuple", "items": [_enc(v, depth + 1) for v in value]}
    if kind is dict:
        return {"$": "dict", "items": [[_enc(k, depth + 1), _enc(v, depth + 1)] for k, v in value.items()]}
    if kind in (set, frozenset):
        return {"$": "set" if kind is set else "frozenset", "items": [_enc(v, depth + 1) for v in value]}
    if isinstance(value, np.generic) and kind.__module__ == "numpy":
        return _enc_array(np.asarray(value).reshape(()), depth, scalar=True)
    if kind is np.ndarray:
        return _enc_array(value, depth)
    if kind is pd.Series:
        return {"$": "series", "name": _enc(value.name, depth + 1), "index": _enc(value.index, depth + 1), "values": _enc_column(value, depth)}
    if kind is pd.DataFrame:
        if not value.columns.is_unique:
            return _refuse(value, "a table with two columns of the same name")
        return {
            "$": "frame",
            "columns": _enc(value.columns, depth + 1),
            "index": _enc(value.index, depth + 1),
            "data": [_enc_column(value.iloc[:, i], depth) for i in range(value.shape[1])],
        }
    if kind is pd.RangeIndex:
        return {"$": "range_index", "v": [value.start, value.stop, value.step], "name": _enc(value.name, depth + 1)}
    if kind is pd.MultiIndex:
        return {"$": "multi_index", "levels": [_enc(value.get_level_values(i), depth + 1) for i in range(value.nlevels)], "names": [_enc(n, depth + 1) for n in value.names]}
    if kind in (pd.Index, pd.DatetimeIndex, pd.CategoricalIndex):
        return {"$": "index", "name": _enc(value.name, depth + 1), "values": _enc_column(pd.Series(value, copy=False), depth)}
    if kind is pd.Timestamp:
        if value is pd.NaT:
            return {"$": "nat"}
        return {"$": "timestamp", "v": value.isoformat()}
    if value is pd.NaT:
        return {"$": "nat"}
    if value is pd.NA:
        return {"$": "na"}
    if kind is pd.Timedelta:
        return {"$": "pd_timedelta", "v": int(value.value)}
    return _refuse(value, "not plain data: assign numbers, text, booleans, lists, dicts or pandas tables")


def _enc_array(arr: np.ndarray, depth: int, scalar: bool = False) -> dict:
    kind = arr.dtype.kind
    if kind == "O":
        return {"$": "object_array", "shape": list(arr.shape), "items": [_enc(v, depth + 1) for v in arr.ravel().tolist()]}
    if kind not in _ARRAY_KINDS or arr.dtype.names is not None or arr.dtype.hasobject:
        return _refuse(arr, f"an array of dtype {arr.dtype}")
    if kind in "Mm":
        data = arr.astype("int64").ravel().tolist()
    elif kind == "f":
        data = [_float(x) for x in arr.astype("float64").ravel().tolist()]
    else:
        data = arr.ravel().tolist()
    out = {"$": "scalar" if scalar else "ndarray", "dtype": arr.dtype.str, "shape": list(arr.shape), "data": data}
    return out


def _enc_column(column: pd.Series, depth: int) -> dict:
    """One column's values with its dtype, so the grader rebuilds the same pandas dtype."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return {
            "$": "categorical",
            "categories": _enc(dtype.categories, depth + 1),
            "ordered": bool(dtype.ordered),
            "codes": _enc_array(np.asarray(column.cat.codes), depth),
        }
    if isinstance(dtype, pd.DatetimeTZDtype):
        return {"$": "datetime_tz", "tz": str(dtype.tz), "utc": _enc_array(column.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(), depth)}
    name = str(dtype)
    if name in _PANDAS_EXTENSION or name.startswith("string"):
        mask = column.isna().to_numpy()
        values = [None if m else _enc(_py(v), depth + 1) for v, m in zip(column.tolist(), mask)]
        return {"$": "extension", "dtype": "string" if name.startswith("string") else name, "items": values}
    return _enc_array(column.to_numpy(), depth)


def _py(v: Any) -> Any:
    """A pandas extension value as a Python scalar (numpy scalars to int/float/bool)."""
    return v.item() if isinstance(v, np.generic) else v


# ---------------------------------------------------------------------------- decoding


def decode(text: str | bytes) -> Any:
    """The value `encode` wrote, or `PlainDataError`; `Refused` records decode to `Refused`."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise PlainDataError(f"payload of {len(text):,} bytes is larger than the limit of {MAX_BYTES:,}")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PlainDataError(f"payload is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not isinstance(text, str):
        raise PlainDataError(f"payload is a {type(text).__name__}, not text")
    if len(text) > MAX_BYTES:
        raise PlainDataError(f"payload of {len(text):,} characters is larger than the limit of {MAX_BYTES:,}")
    try:
        raw = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_pairs)
    except RecursionError:
        raise PlainDataError("payload is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise PlainDataError(f"payload is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    return _Decoder().value(raw, 0)


def _no_constant(name: str) -> Any:
    raise PlainDataError(f"payload contains the bare constant {name}; non-finite floats are tagged")


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise PlainDataError(f"an object in the payload repeats a key: {keys}")
    return dict(pairs)


_FIELDS = {
    "refused": {"type", "why"},
    "float": {"v"},
    "int": {"v"},
    "decimal": {"v"},
    "fraction": {"v"},
    "datetime": {"v"},
    "date": {"v"},
    "time": {"v"},
    "timedelta": {"v"},
    "tuple": {"items"},
    "dict": {"items"},
    "set": {"items"},
    "frozenset": {"items"},
    "scalar": {"dtype", "shape", "data"},
    "ndarray": {"dtype", "shape", "data"},
    "object_array": {"shape", "items"},
    "series": {"name", "index", "values"},
    "frame": {"columns", "index", "data"},
    "range_index": {"v", "name"},
    "multi_index": {"levels", "names"},
    "index": {"name", "values"},
    "timestamp": {"v"},
    "nat": set(),
    "na": set(),
    "pd_timedelta": {"v"},
}

#: tags that occur only as the values of a Series, an Index or a table column
_COLUMN_FIELDS = {
    "categorical": {"categories", "ordered", "codes"},
    "datetime_tz": {"tz", "utc"},
    "extension": {"dtype", "items"},
}


class _Decoder:
    def __init__(self) -> None:
        self.items = 0
        self.bytes = 0
        self.chars = 0

    def count(self, n: int) -> None:
        self.items += n
        if self.items > MAX_ITEMS:
            raise PlainDataError(f"payload holds more than {MAX_ITEMS:,} values")

    def allocate(self, n: int, what: str) -> None:
        """Account for `n` bytes of array memory before it is allocated."""
        self.bytes += n
        if self.bytes > MAX_DECODED_BYTES:
            raise PlainDataError(f"{what} would take {n:,} bytes of memory, more than the limit of {MAX_DECODED_BYTES:,} for one answer")

    def text(self, value: str) -> str:
        self.chars += len(value)
        if self.chars > MAX_TEXT_CHARS:
            raise PlainDataError(f"payload holds more than {MAX_TEXT_CHARS:,} characters of text")
        return safe_text(value)

    def value(self, raw: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise PlainDataError(f"payload is nested more than {MAX_DEPTH} levels deep")
        self.count(1)
        if isinstance(raw, str):
            return self.text(raw)
        if raw is None or isinstance(raw, bool):
            return raw
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float):
            return raw
        if isinstance(raw, list):
            return [self.value(v, depth + 1) for v in raw]
        if isinstance(raw, dict):
            return self.tagged(raw, depth)
        raise PlainDataError(f"unexpected JSON value of type {type(raw).__name__}")

    def tagged(self, raw: dict, depth: int) -> Any:
        return getattr(self, "t_" + _check_fields(raw, _FIELDS))(raw, depth)

    # -- scalars
    def t_refused(self, raw, depth):
        return Refused(_text(raw["type"], "refused type", 300), _text(raw["why"], "refusal reason", 1000))

    def t_float(self, raw, depth):
        v = raw["v"]
        if v not in ("nan", "inf", "-inf"):
            raise PlainDataError(f"tagged float {v!r} is not nan, inf or -inf")
        return float(v)

    def t_int(self, raw, depth):
        v = _text(raw["v"], "big integer", 4000)  # Python refuses to read more than 4300 digits
        if not (v.lstrip("-").isdigit() and v.lstrip("-").isascii()):
            raise PlainDataError(f"big integer {v[:40]!r} is not digits")
        return int(v)

    def t_decimal(self, raw, depth):
        v = _text(raw["v"], "decimal", 5000)
        try:
            return Decimal(v)
        except InvalidOperation:
            raise PlainDataError(f"decimal {v[:40]!r} is not a number") from None

    def t_fraction(self, raw, depth):
        v = _text(raw["v"], "fraction", 10000)
        num, _, den = v.partition("/")
        if not (len(num) < 4000 and len(den) < 4000 and num.lstrip("-").isdigit() and den.isdigit() and (num + den).lstrip("-").isascii() and int(den) != 0):
            raise PlainDataError(f"fraction {v[:40]!r} is not numerator/denominator")
        return Fraction(int(num), int(den))

    def t_datetime(self, raw, depth):
        return _parse(dt.datetime.fromisoformat, raw["v"], "datetime")

    def t_date(self, raw, depth):
        return _parse(dt.date.fromisoformat, raw["v"], "date")

    def t_time(self, raw, depth):
        return _parse(dt.time.fromisoformat, raw["v"], "time")

    def t_timedelta(self, raw, depth):
        v = raw["v"]
        if not (isinstance(v, list) and len(v) == 3 and all(type(x) is int for x in v)):
            raise PlainDataError("timedelta must be [days, seconds, microseconds]")
        try:
            return dt.timedelta(days=v[0], seconds=v[1], microseconds=v[2])
        except OverflowError:
            raise PlainDataError("timedelta out of range") from None

    def t_timestamp(self, raw, depth):
        try:
            return pd.Timestamp(_text(raw["v"], "timestamp", 100))
        except (ValueError, OverflowError):
            raise PlainDataError(f"timestamp {raw['v']!r} is not an ISO date and time") from None

    def t_nat(self, raw, depth):
        return pd.NaT

    def t_na(self, raw, depth):
        return pd.NA

    def t_pd_timedelta(self, raw, depth):
        if type(raw["v"]) is not int:
            raise PlainDataError("pandas timedelta must be an integer of nanoseconds")
        return pd.Timedelta(raw["v"], unit="ns")

    # -- containers
    def _list(self, raw, what):
        if not isinstance(raw, list):
            raise PlainDataError(f"{what} must be a list")
        return raw

    def t_tuple(self, raw, depth):
        return tuple(self.value(v, depth + 1) for v in self._list(raw["items"], "tuple items"))

    def t_dict(self, raw, depth):
        out = {}
        for pair in self._list(raw["items"], "dict items"):
            if not (isinstance(pair, list) and len(pair) == 2):
                raise PlainDataError("dict items must be [key, value] pairs")
            key = self.value(pair[0], depth + 1)
            _hashable(key)
            out[key] = self.value(pair[1], depth + 1)
        return out

    def t_set(self, raw, depth):
        items = [self.value(v, depth + 1) for v in self._list(raw["items"], "set items")]
        for item in items:
            _hashable(item)
        return set(items)

    def t_frozenset(self, raw, depth):
        return frozenset(self.t_set(raw, depth))

    # -- numpy
    def _shape(self, shape) -> tuple[int, ...]:
        if not (isinstance(shape, list) and len(shape) <= 32 and all(type(n) is int and n >= 0 for n in shape)):
            raise PlainDataError(f"array shape {shape!r} is not a list of non-negative integers")
        return tuple(shape)

    def _array(self, raw, depth) -> np.ndarray:
        try:
            dtype = np.dtype(_text(raw["dtype"], "dtype", 20))
        except TypeError:
            raise PlainDataError(f"array dtype {raw['dtype']!r} is not a numpy dtype") from None
        if dtype.kind not in _ARRAY_KINDS or dtype.names is not None or dtype.hasobject:
            raise PlainDataError(f"array dtype {dtype} is not a plain dtype")
        shape = self._shape(raw["shape"])
        data = self._list(raw["data"], "array data")
        size = math.prod(shape)
        if len(data) != size:
            raise PlainDataError(f"array of shape {shape} needs {size} values, got {len(data)}")
        self.count(size)
        kind = dtype.kind
        if kind == "U":  # no wider than its longest string: a dtype cannot claim memory its data does not use
            longest = max((len(x) for x in data if type(x) is str), default=0)
            if dtype.itemsize // 4 > max(longest, 1):
                dtype = np.dtype(f"{dtype.byteorder if dtype.byteorder in '<>' else '<'}U{max(longest, 1)}")
            for x in data:
                if type(x) is str:
                    self.text(x)
        self.allocate(dtype.itemsize * size, f"an array of dtype {dtype} and shape {list(shape)}")
        kind = dtype.kind
        checks = {
            "b": lambda x: type(x) is bool,
            "i": lambda x: type(x) is int,
            "u": lambda x: type(x) is int and x >= 0,
            "f": lambda x: type(x) in (int, float) or (isinstance(x, dict) and x.get("$") == "float"),
            "U": lambda x: type(x) is str,
            "M": lambda x: type(x) is int,
            "m": lambda x: type(x) is int,
        }[kind]
        bad = next((x for x in data if not checks(x)), None)
        if bad is not None or (data and not all(map(checks, data))):
            raise PlainDataError(f"array of dtype {dtype} holds a value that is not a {dtype}: {bad!r}"[:200])
        if kind == "U":
            data = [safe_text(x) for x in data]
        if kind == "f":
            data = [self.t_float(x, depth) if isinstance(x, dict) else x for x in data]
            if any(isinstance(x, dict) and set(x) != {"$", "v"} for x in raw["data"]):
                raise PlainDataError("a tagged float in an array has extra fields")
        try:
            if kind in "Mm":
                return np.array(data, dtype="int64").view(dtype).reshape(shape)
            return np.array(data, dtype=dtype).reshape(shape)
        except (OverflowError, ValueError) as exc:
            raise PlainDataError(f"array of dtype {dtype}: {exc}") from None

    def t_scalar(self, raw, depth):
        arr = self._array(raw, depth)
        if arr.shape != ():
            raise PlainDataError("a numpy scalar must have shape []")
        return arr[()]

    def t_ndarray(self, raw, depth):
        return self._array(raw, depth)

    def t_object_array(self, raw, depth):
        shape = self._shape(raw["shape"])
        items = [self.value(v, depth + 1) for v in self._list(raw["items"], "object array items")]
        if len(items) != math.prod(shape):
            raise PlainDataError(f"object array of shape {shape} needs {math.prod(shape)} values, got {len(items)}")
        arr = np.empty(len(items), dtype=object)
        arr[:] = items
        return arr.reshape(shape)

    # -- pandas
    def column(self, raw, depth) -> Any:
        """Values for a Series or an Index: an array or a pandas extension array."""
        if not isinstance(raw, dict):
            raise PlainDataError("column values must be a tagged object")
        tag = raw.get("$")
        if tag in ("ndarray", "object_array"):
            arr = self.tagged(raw, depth)
            if arr.ndim != 1:
                raise PlainDataError("column values must be one-dimensional")
            return arr
        if tag in _COLUMN_FIELDS:
            _check_fields(raw, _COLUMN_FIELDS)
        if tag == "categorical":
            categories = self.index_value(raw["categories"], depth + 1)
            codes = self._array(raw["codes"], depth) if isinstance(raw["codes"], dict) and raw["codes"].get("$") == "ndarray" else None
            if codes is None or codes.ndim != 1 or codes.dtype.kind not in "iu":
                raise PlainDataError("categorical codes must be a one-dimensional integer array")
            if type(raw["ordered"]) is not bool:
                raise PlainDataError("categorical 'ordered' must be true or false")
            if len(codes) and (codes.min() < -1 or codes.max() >= len(categories)):
                raise PlainDataError("categorical codes point outside the categories")
            return pd.Categorical.from_codes(codes, categories=categories, ordered=raw["ordered"])
        if tag == "datetime_tz":
            utc = self._array(raw["utc"], depth) if isinstance(raw["utc"], dict) and raw["utc"].get("$") == "ndarray" else None
            if utc is None or utc.dtype.kind != "M" or utc.ndim != 1:
                raise PlainDataError("datetime_tz values must be a one-dimensional datetime array")
            zone = _text(raw["tz"], "time zone", 64)
            if zone not in _zone_names():  # only names of the IANA database: never a path the grader would open
                raise PlainDataError(f"unknown time zone {safe_text(zone)!r}")
            try:
                return pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(zone).array
            except Exception:
                raise PlainDataError(f"unknown time zone {safe_text(zone)!r}") from None
        if tag == "extension":
            name = raw["dtype"]
            if name not in _PANDAS_EXTENSION:
                raise PlainDataError(f"pandas dtype {name!r} is not a plain dtype")
            items = [None if v is None else self.value(v, depth + 1) for v in self._list(raw["items"], "column items")]
            if any(type(v) not in (bool, int, float, str) for v in items if v is not None):
                raise PlainDataError(f"a {name} column holds a value that is not a plain scalar")
            try:
                return pd.array([pd.NA if v is None else v for v in items], dtype=name)
            except (TypeError, ValueError) as exc:
                raise PlainDataError(f"a {name} column: {exc}") from None
        raise PlainDataError(f"unknown column tag {tag!r}")

    def index_value(self, raw, depth) -> pd.Index:
        value = self.value(raw, depth)
        if not isinstance(value, pd.Index):
            raise PlainDataError("an index must be a tagged index")
        return value

    def t_index(self, raw, depth):
        name = self.value(raw["name"], depth + 1)
        _hashable(name)
        return pd.Index(self.column(raw["values"], depth + 1), name=name, copy=False)

    def t_range_index(self, raw, depth):
        v = raw["v"]
        if not (isinstance(v, list) and len(v) == 3 and all(type(x) is int for x in v) and v[2] != 0):
            raise PlainDataError("range index must be [start, stop, step] with a non-zero step")
        self.count(max(0, len(range(*v))))
        name = self.value(raw["name"], depth + 1)
        _hashable(name)
        return pd.RangeIndex(*v, name=name)

    def t_multi_index(self, raw, depth):
        levels = [self.index_value(v, depth + 1) for v in self._list(raw["levels"], "multi-index levels")]
        names = [self.value(n, depth + 1) for n in self._list(raw["names"], "multi-index names")]
        if not levels or len(names) != len(levels) or len({len(level) for level in levels}) != 1:
            raise PlainDataError("a multi-index needs levels of equal length and one name per level")
        return pd.MultiIndex.from_arrays(levels, names=names)

    def t_series(self, raw, depth):
        index = self.index_value(raw["index"], depth + 1)
        values = self.column(raw["values"], depth + 1)
        if len(values) != len(index):
            raise PlainDataError(f"a Series has {len(values)} values but an index of {len(index)}")
        name = self.value(raw["name"], depth + 1)
        _hashable(name)
        return pd.Series(values, index=index, name=name, copy=False)

    def t_frame(self, raw, depth):
        columns = self.index_value(raw["columns"], depth + 1)
        index = self.index_value(raw["index"], depth + 1)
        data = [self.column(c, depth + 1) for c in self._list(raw["data"], "frame data")]
        if len(data) != len(columns):
            raise PlainDataError(f"a table has {len(columns)} column names but {len(data)} columns")
        if any(len(c) != len(index) for c in data):
            raise PlainDataError("a table's columns must all be as long as its index")
        if not columns.is_unique:
            raise PlainDataError("a table's column names must be unique")
        frame = pd.DataFrame({i: pd.Series(c, index=index, copy=False) for i, c in enumerate(data)}, index=index)
        frame.columns = columns
        return frame


@functools.lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def _check_fields(raw: dict, known: dict[str, set[str]]) -> str:
    tag = raw.get("$")
    if not isinstance(tag, str) or tag not in known:
        raise PlainDataError(f"unknown tag {tag!r} in the payload")
    fields = set(raw) - {"$"}
    if fields != known[tag]:
        raise PlainDataError(f"tag {tag!r} needs the fields {sorted(known[tag])}, got {sorted(fields)}")
    return tag


def _text(value: Any, what: str, limit: int) -> str:
    if type(value) is not str or len(value) > limit:
        raise PlainDataError(f"{what} must be text of at most {limit} characters")
    return value


def _parse(parser, value: Any, what: str) -> Any:
    try:
        return parser(_text(value, what, 64))
    except ValueError:
        raise PlainDataError(f"{what} {value!r} is not in ISO format") from None


def _hashable(value: Any) -> None:
    try:
        hash(value)
    except TypeError:
        raise PlainDataError(f"a key or name must be hashable, got a {type(value).__name__}") from None
