"""Whatever bytes a submission holds, the grader answers with a reason and never raises (issue 15).

The unit tests here cover the pieces on the grader's side that read what a student sent:
`plain_data.safe_text`, the decoder's byte accounting, time-zone names, `unreadable` and
the folder collector's report. The whole batch is attacked in `test_adversarial.py`.
"""
from __future__ import annotations

import json
import os

import numpy as np
import pytest

from grading import plain_data
from grading.notebooks import unreadable
from grading.plain_data import PlainDataError, decode, safe_text


def test_safe_text_makes_any_string_printable_and_storable():
    text = safe_text("a\ud800b\udfffc\x00d\te\nf")
    assert text == "a\ufffdb\ufffdc\ufffdd\te\nf"
    text.encode("utf-8")  # strict: no surrogate left
    assert safe_text("x" * 50, 10) == "x" * 10 + " ... (40 more characters)"
    assert safe_text(b"bytes") == "b'bytes'"


def test_strings_in_answers_arrive_safe():
    assert decode(json.dumps("\ud800 ok")) == "\ufffd ok"
    arr = decode(json.dumps({"$": "ndarray", "dtype": "<U5", "shape": [2], "data": ["\ud800", "ok"]}))
    assert list(arr) == ["\ufffd", "ok"]


def test_a_dtype_cannot_claim_memory_its_data_does_not_use():
    # 40 strings of one character claiming 100 million each: 15 GiB if allocated as claimed
    arr = decode(json.dumps({"$": "ndarray", "dtype": "<U100000000", "shape": [40], "data": ["x"] * 40}))
    assert arr.dtype == np.dtype("<U1") and arr.nbytes == 160
    assert decode(json.dumps({"$": "ndarray", "dtype": "<U7", "shape": [1], "data": ["abc"]})).dtype == np.dtype("<U3")


def test_array_bytes_are_counted_before_allocation(monkeypatch):
    monkeypatch.setattr(plain_data, "MAX_DECODED_BYTES", 1000)
    with pytest.raises(PlainDataError, match="bytes of memory"):
        decode(json.dumps({"$": "ndarray", "dtype": "<f8", "shape": [200], "data": [1.0] * 200}))
    with pytest.raises(PlainDataError, match="bytes of memory"):  # several arrays add up
        decode(json.dumps([{"$": "ndarray", "dtype": "<f8", "shape": [100], "data": [1.0] * 100}] * 2))


def test_big_integers_past_what_python_converts_are_refused():
    with pytest.raises(PlainDataError):
        decode(json.dumps({"$": "int", "v": "9" * 5000}))
    assert decode(json.dumps({"$": "int", "v": "9" * 3000})) == int("9" * 3000)


@pytest.mark.parametrize("zone", ["dateutil//etc/passwd", "dateutil//etc/localtime", "/etc/localtime", "../../etc/passwd", "Europe/Nowhere"])
def test_a_time_zone_is_a_name_never_a_path(zone):
    """A file-exists oracle: a zone naming a file must fail the same way whether it exists or not."""
    payload = {"$": "series", "name": None, "index": {"$": "range_index", "v": [0, 1, 1], "name": None},
               "values": {"$": "datetime_tz", "tz": zone, "utc": {"$": "ndarray", "dtype": "<M8[ns]", "shape": [1], "data": [0]}}}
    with pytest.raises(PlainDataError) as caught:
        decode(json.dumps(payload))
    assert str(caught.value) == f"unknown time zone {zone!r}"
    payload["values"]["tz"] = "Europe/London"
    assert str(decode(json.dumps(payload)).dt.tz) == "Europe/London"


@pytest.mark.parametrize("content, reason", [
    (b"[" * 100_000, "nested too deeply"),
    (b'{"nbformat": ' + b"4" * 5000 + b"}", "cannot be read"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"   ", "is empty"),
    (b'{"cells": "no"}', "not a valid notebook"),
    (b"[1, 2, 3]", "not a valid notebook"),
])
def test_any_bytes_get_a_reason(tmp_path, content, reason):
    path = tmp_path / "01_market_size.ipynb"
    path.write_bytes(content)
    said = unreadable(path)
    assert said and reason in said, said
    said.encode("utf-8")


def test_a_folder_or_an_oversized_file_gets_a_reason(tmp_path, monkeypatch):
    assert "cannot be read" in unreadable(tmp_path)
    import grading.notebooks as notebooks

    monkeypatch.setattr(notebooks, "MAX_NOTEBOOK_BYTES", 10)
    path = tmp_path / "big.ipynb"
    path.write_text("{}" * 20)
    assert "larger than the limit" in unreadable(path)


def test_the_folder_collector_reports_undecodable_file_names(tmp_path, monkeypatch):
    from grading.collect_folder import collect_folder

    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path / "workspace"))
    folder = tmp_path / "downloads"
    folder.mkdir()
    os.close(os.open(os.fsencode(folder) + b"/\xff\xfe-student.ipynb", os.O_CREAT | os.O_WRONLY))
    (folder / "alice.ipynb").write_text("{}")
    report = collect_folder(folder, "01_market_size").report()
    report.encode("utf-8")
    assert "alice" in report and "not a valid student id" in report and "\ufffd" in report
