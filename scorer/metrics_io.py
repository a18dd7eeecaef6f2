"""Reading scores tables (CSV, JSONL, Parquet, SQLite) and writing metrics.csv / .json / .html.

The edges of :mod:`scorer.metrics`: everything here touches files; the numbers come from
:func:`scorer.metrics.compute_metrics`.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from scorer.errors import InputError
from scorer.metrics import (BANDS, BEHAVIOURS, CHANGE_METRICS, METRICS_SCHEMA_VERSION, MetricsResult,
                            MetricsRow, ScoresTable)
from scorer.writers import write_atomic, write_json

log = logging.getLogger("scorer")

SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
SUFFIXES = (".csv", ".jsonl", ".parquet") + SQLITE_SUFFIXES
# In a folder, the first of these that exists is read (they hold the same calls).
FOLDER_FILES = ("scores.sqlite", "scores.parquet", "scores.jsonl", "scores.csv")
FORMATS: tuple[str, ...] = ("csv", "json", "html")

# Columns of metrics.csv, in order; the same keys as each row of metrics.json.
_ROW_FIELDS = ("calls", "failed", "quality_scored", "quality_conversations", "quality_conversation_rate",
               "advanced_known", "advanced", "advancement_rate", "quality_mean", "quality_median")
METRIC_COLUMNS: tuple[str, ...] = (
    ("level", "by", "group", "period", "period_start", "period_end") + _ROW_FIELDS
    + tuple(c for f in BEHAVIOURS for c in (f"{f}_median", f"{f}_band"))
    + ("previous_period",) + tuple(f"{m}_change" for m in CHANGE_METRICS))


# --- reading ---

def _blank_to_none(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, str) and not v.strip() else v) for k, v in row.items()}


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        rows = [_blank_to_none(r) for r in reader]
        return list(reader.fieldnames or []), rows


def _read_jsonl(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    columns: dict[str, None] = {}
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}: line {n} is not JSON ({exc.msg}); "
                                 "each line of a .jsonl scores file must be one JSON object") from None
            if not isinstance(obj, dict):
                raise InputError(f"{path}: line {n} is not a JSON object; "
                                 "each line of a .jsonl scores file must be one object per call")
            columns.update(dict.fromkeys(obj))
            rows.append(_blank_to_none(obj))
    return list(columns), rows


def _read_parquet(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        raise InputError(f"{path}: reading Parquet needs pyarrow; pip install pyarrow") from None
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise InputError(f"{path}: not a readable Parquet file ({exc}); "
                         "re-run `callscore score` or pass the CSV/JSONL output instead") from None
    return list(table.column_names), [_blank_to_none(r) for r in table.to_pylist()]


def _read_sqlite(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        # Read-only URI: metrics must never create or change a store.
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"{path}: cannot open the SQLite store ({exc})") from None
    try:
        con.row_factory = sqlite3.Row
        try:
            cur = con.execute("SELECT * FROM scores ORDER BY rowid")
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: no readable table 'scores' ({exc}); "
                             "point at the store written by `callscore score`") from None
        columns = [d[0] for d in cur.description]
        return columns, [_blank_to_none(dict(r)) for r in cur.fetchall()]
    finally:
        con.close()


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _resolve(path: Path) -> Path:
    if not path.exists():
        raise InputError(f"{path}: no such file or folder; pass the scores file written by "
                         "`callscore score` (scores.csv, .jsonl, .parquet or the SQLite store)")
    if path.is_dir():
        for name in FOLDER_FILES:
            if (path / name).is_file():
                return path / name
        raise InputError(f"{path}: folder holds none of {', '.join(FOLDER_FILES)}; "
                         "pass the output folder of `callscore score` or a scores file")
    return path


def read_scores(paths: Sequence[Path | str] | Path | str) -> ScoresTable:
    """Read one or more scores tables into one :class:`ScoresTable`.

    Each path is a ``.csv``, ``.jsonl``, ``.parquet`` or SQLite file (``.sqlite``,
    ``.sqlite3``, ``.db``, or any file with the SQLite header; table ``scores``), or a folder
    holding one of ``scores.sqlite|parquet|jsonl|csv`` (the first found). Empty cells become
    ``None``. A call_id met again in a later row or file replaces the earlier row (logged).
    Raises ``InputError`` naming the file for a missing path, an unknown suffix or a bad file.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise InputError("no scores file given; pass the scores.csv (or .jsonl, .parquet, "
                         "SQLite store) written by `callscore score`")
    columns: dict[str, None] = {}
    by_id: dict[str, dict[str, Any]] = {}
    anonymous: list[dict[str, Any]] = []
    sources: list[str] = []
    duplicates = 0
    for given in paths:
        path = _resolve(Path(given))
        suffix = path.suffix.lower()
        try:
            if suffix in SQLITE_SUFFIXES or (suffix not in SUFFIXES and _is_sqlite(path)):
                cols, rows = _read_sqlite(path)
            elif suffix == ".csv":
                cols, rows = _read_csv(path)
            elif suffix == ".jsonl":
                cols, rows = _read_jsonl(path)
            elif suffix == ".parquet":
                cols, rows = _read_parquet(path)
            else:
                raise InputError(f"{path}: unknown scores format {suffix or '(no suffix)'!r}; "
                                 f"expected one of: {', '.join(SUFFIXES)}")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        sources.append(str(path))
        columns.update(dict.fromkeys(cols))
        for row in rows:
            call_id = row.get("call_id")
            if call_id is None:
                anonymous.append(row)
            else:
                duplicates += str(call_id) in by_id
                by_id.pop(str(call_id), None)   # re-insert so order follows the latest row
                by_id[str(call_id)] = row
    if duplicates:
        log.warning("%d call id(s) appear more than once across %s; the last row of each is used",
                    duplicates, ", ".join(sources))
    return ScoresTable(columns=tuple(columns), rows=tuple(list(by_id.values()) + anonymous),
                       sources=tuple(sources), duplicates=duplicates)


def default_out_dir(paths: Sequence[Path | str] | Path | str) -> Path:
    """Where metrics go without ``-o``: next to the first scores input (the folder itself if one is given)."""
    first = Path(paths if isinstance(paths, (str, Path)) else paths[0])
    return first if first.is_dir() else first.parent


# --- writing ---

def _out(v: Any) -> Any:
    if isinstance(v, float):
        return round(v, 4)
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def metrics_row_dict(row: MetricsRow, by: Sequence[str]) -> dict[str, Any]:
    """One row of metrics.csv / metrics.json: keys :data:`METRIC_COLUMNS`, floats to 4 decimals."""
    d: dict[str, Any] = {
        "level": row.level, "by": "+".join(by), "group": row.group, "period": row.period,
        "period_start": row.period_start, "period_end": row.period_end,
        **{k: getattr(row, k) for k in _ROW_FIELDS},
    }
    for f in BEHAVIOURS:
        d[f"{f}_median"] = row.medians.get(f)
        d[f"{f}_band"] = row.band_status(f)
    d["previous_period"] = row.previous_period
    for m in CHANGE_METRICS:
        d[f"{m}_change"] = row.changes.get(m)
    return {k: _out(d[k]) for k in METRIC_COLUMNS}


def metrics_csv(result: MetricsResult) -> str:
    """metrics.csv text: a header of :data:`METRIC_COLUMNS`, one line per row, empty = no value."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(METRIC_COLUMNS)
    for row in result.rows:
        d = metrics_row_dict(row, result.options.by)
        writer.writerow(["" if d[k] is None else d[k] for k in METRIC_COLUMNS])
    return buf.getvalue()


def metrics_json(result: MetricsResult) -> dict[str, Any]:
    """metrics.json as a dict: options, input counts, the bands and every row."""
    o = result.options
    return {
        "schema_version": METRICS_SCHEMA_VERSION, "kind": "metrics",
        "by": list(o.by), "period": o.period, "quality_threshold": o.quality_threshold,
        "sources": list(result.sources), "rows_read": result.rows_read, "calls": result.calls,
        "failed": result.failed, "undated": result.undated, "bad_dates": result.bad_dates,
        "duplicates": result.duplicates, "first_date": _out(result.first_date),
        "last_date": _out(result.last_date), "groups": list(result.groups),
        "periods": list(result.periods), "bands": [b.to_dict() for b in BANDS],
        "rows": [metrics_row_dict(r, o.by) for r in result.rows],
    }


def write_metrics(result: MetricsResult, out_dir: Path | str,
                  formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write ``metrics.csv``, ``metrics.json`` and ``metrics.html`` (atomically) into ``out_dir``.

    ``formats`` picks a subset of ``("csv", "json", "html")``. Returns the paths written.
    """
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown metrics format {unknown[0]!r}; expected one of: {', '.join(FORMATS)}")
    out = Path(out_dir)
    written = []
    if "csv" in formats:
        written.append(write_atomic(out / "metrics.csv", metrics_csv(result)))
    if "json" in formats:
        written.append(write_json(out / "metrics.json", metrics_json(result)))
    if "html" in formats:
        from scorer.metrics_html import render_metrics_html   # matplotlib loads only when needed

        written.append(write_atomic(out / "metrics.html", render_metrics_html(result)))
    return written
