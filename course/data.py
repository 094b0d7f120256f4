"""Load the course's datasets by name, with their schema checked.

    >>> from course.data import load
    >>> stats = load("paper_statistics")

Every dataset is a CSV file in the repository's `datasets/` folder, documented by a datasheet
next to it and described by a schema in `course.schemas`. Anything wrong with a file (missing,
unreadable, a missing or unexpected column, a value of the wrong type, a duplicate key) raises
`DatasetError` with a message that names the file and the problem.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from course.schemas import SCHEMAS, Column, Schema

__all__ = ["DatasetError", "datasets_dir", "load", "available", "stat", "stat_value"]


class DatasetError(ValueError):
    """A dataset is missing or does not match its documented schema."""


def datasets_dir() -> Path:
    """The folder holding the datasets: `$COURSE_DATASETS` if set, else the repository's."""
    env = os.environ.get("COURSE_DATASETS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "datasets"


def available() -> list[str]:
    """Names of the datasets that have a schema."""
    return sorted(SCHEMAS)


def load(name: str, *, directory: str | os.PathLike | None = None, check_references: bool = True) -> pd.DataFrame:
    """Load dataset `name` from `datasets/<name>.csv` and check it against its schema."""
    if name not in SCHEMAS:
        raise DatasetError(f"unknown dataset {name!r}; the course's datasets are: {', '.join(available())}")
    schema = SCHEMAS[name]
    folder = Path(directory) if directory is not None else datasets_dir()
    path = folder / f"{name}.csv"
    frame = _read_csv(path, schema)
    _check_key(frame, schema, path)
    _check_vocabularies(frame, schema, path)
    if check_references:
        for column, other, other_column in schema.references:
            known = set(load(other, directory=folder, check_references=False)[other_column])
            unknown = sorted(set(frame[column].dropna()) - known)
            if unknown:
                raise DatasetError(
                    f"{path}: column {column!r} has values not found in {other}.{other_column}: {unknown[:5]}"
                )
    return frame


def _read_csv(path: Path, schema: Schema) -> pd.DataFrame:
    if not path.is_file():
        raise DatasetError(f"{path}: file not found (dataset {schema.name!r} should be there)")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise DatasetError(f"{path}: not a readable CSV file ({exc})") from None

    expected = schema.column_names
    missing = [c for c in expected if c not in raw.columns]
    extra = [c for c in raw.columns if c not in expected]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing column(s) {missing}")
        if extra:
            parts.append(f"unexpected column(s) {extra}")
        raise DatasetError(f"{path}: {'; '.join(parts)}; the schema's columns are {expected}")

    return pd.DataFrame({col.name: _convert(raw[col.name], col, path) for col in schema.columns})


def _row_label(index: int) -> str:
    # data row i (0-based) is on line i + 2 of the file, after the header (for rows without
    # embedded line breaks)
    return f"row {index + 1} (line {index + 2})"


def _convert(values: pd.Series, column: Column, path: Path) -> pd.Series:
    text = values.str.strip()
    empty = text == ""
    if empty.any() and not column.nullable:
        first = int(empty.to_numpy().nonzero()[0][0])
        raise DatasetError(f"{path}: column {column.name!r} is empty at {_row_label(first)}; it may not be empty")
    if column.dtype == "string":
        return text.mask(empty).astype("string")
    if column.dtype == "category":
        bad = ~text.isin(column.allowed) & ~empty
        if bad.any():
            first = int(bad.to_numpy().nonzero()[0][0])
            raise DatasetError(
                f"{path}: column {column.name!r} at {_row_label(first)} has {text.iloc[first]!r}; "
                f"allowed values are {list(column.allowed)}"
            )
        return pd.Categorical(text.mask(empty), categories=list(column.allowed))
    if column.dtype == "boolean":
        mapping = {"true": True, "false": False, "1": True, "0": False}
        lowered = text.str.lower()
        bad = ~lowered.isin(mapping) & ~empty
        if bad.any():
            first = int(bad.to_numpy().nonzero()[0][0])
            raise DatasetError(f"{path}: column {column.name!r} at {_row_label(first)} has {text.iloc[first]!r}, not true/false")
        return lowered.map(mapping).astype("boolean")
    numbers = pd.to_numeric(text.mask(empty), errors="coerce")
    bad = numbers.isna() & ~empty
    if bad.any():
        first = int(bad.to_numpy().nonzero()[0][0])
        raise DatasetError(
            f"{path}: column {column.name!r} at {_row_label(first)} has {text.iloc[first]!r}, which is not a number"
        )
    if column.dtype == "float":
        return numbers.astype("float64")
    # Int64
    fractional = numbers.notna() & (numbers != numbers.round())
    if fractional.any():
        first = int(fractional.to_numpy().nonzero()[0][0])
        raise DatasetError(
            f"{path}: column {column.name!r} at {_row_label(first)} has {text.iloc[first]!r}, which is not a whole number"
        )
    return numbers.astype("Int64")


def _check_key(frame: pd.DataFrame, schema: Schema, path: Path) -> None:
    if not schema.key:
        return
    dup = frame.duplicated(list(schema.key), keep=False)
    if dup.any():
        values = frame.loc[dup, list(schema.key)].drop_duplicates().head(5).to_dict("records")
        raise DatasetError(f"{path}: key {list(schema.key)} is not unique; repeated: {values}")


def _check_vocabularies(frame: pd.DataFrame, schema: Schema, path: Path) -> None:
    for column, allowed in schema.vocabularies.items():
        bad = ~frame[column].isin(allowed) & frame[column].notna()
        if bad.any():
            first = int(bad.to_numpy().nonzero()[0][0])
            raise DatasetError(
                f"{path}: column {column!r} at {_row_label(first)} has {frame[column].iloc[first]!r}; "
                f"allowed values are documented in datasets/{schema.name}.md"
            )


def stat(stats: pd.DataFrame, stat_id: str) -> pd.Series:
    """The row of `paper_statistics` with this `stat_id`, with a clear error if there is none."""
    rows = stats[stats["stat_id"] == stat_id]
    if rows.empty:
        raise KeyError(f"no statistic with stat_id {stat_id!r} in paper_statistics")
    return rows.iloc[0]


def stat_value(stats: pd.DataFrame, stat_id: str) -> float:
    """The value of one statistic, as a float, in the unit the dataset states for it."""
    return float(stat(stats, stat_id)["value"])
