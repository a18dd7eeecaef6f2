"""Scores tables read back: the ``scores.csv`` / ``.jsonl`` / ``.parquet`` / SQLite outputs of
``callscore score``, for team metrics and the coaching report."""
from __future__ import annotations

import csv
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from scorer.errors import InputError

log = logging.getLogger("scorer")

SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
SUFFIXES = (".csv", ".jsonl", ".parquet") + SQLITE_SUFFIXES
# In a folder, the first of these that exists is read (they hold the same calls).
FOLDER_FILES = ("scores.sqlite", "scores.parquet", "scores.jsonl", "scores.csv")


@dataclass(frozen=True, slots=True)
class ScoresTable:
    """Rows of a scores table (one per call), cells as read: ``None`` for an empty cell.

    Cells may be strings (CSV, SQLite) or typed values (JSONL, Parquet); :func:`compute_metrics`
    accepts both. ``sources`` names the files the rows came from, for messages.
    """

    columns: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]
    sources: tuple[str, ...] = ()
    duplicates: int = 0       # rows dropped because a later input had the same call_id


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
