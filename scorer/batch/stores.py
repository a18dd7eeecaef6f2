"""Where batch results live: per-call score files, the scores table and the SQLite store.

``OUT/<call_id>.score.json`` carries a ``content_key`` (sha256 of the input's bytes and
the job's version) that lets a rerun skip finished calls. The scores table has one row per
call, as CSV, JSON Lines or Parquet; rows are built from score dicts or from failures.
Files are written atomically (temporary file, then rename); the SQLite store is changed in
one transaction per run, so a kill leaves either the old or the new state.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from scorer.batch.manifest import STANDARD_FIELDS
from scorer.files import write_atomic

FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")

HEAD_COLUMNS: tuple[str, ...] = ("call_id", "source", "quality", "advanced", "advanced_probability",
                                 "model_version", "error")
FEATURE_COLUMNS: tuple[str, ...] = (
    "talk_ratio_rep", "questions_rep", "open_questions_rep", "longest_monologue_rep_s",
    "longest_customer_story_s", "patience_rep_s", "interactivity_switches_per_min", "next_step_accepted")
TAIL_COLUMNS: tuple[str, ...] = ("duration_s", "timing", "roles", *FEATURE_COLUMNS, "content_key")

# Declared kinds of the known columns; extra metadata columns are text. A column declared
# int that receives a fractional number is widened to float, never rounded.
_KINDS: dict[str, str] = {
    "quality": "float", "advanced": "int", "advanced_probability": "float", "duration_s": "float",
    "talk_ratio_rep": "float", "questions_rep": "int", "open_questions_rep": "int",
    "longest_monologue_rep_s": "float", "longest_customer_story_s": "float", "patience_rep_s": "float",
    "interactivity_switches_per_min": "float", "next_step_accepted": "int"}
_PY_TYPES = {"float": float, "int": int, "text": str}

Row = dict[str, Any]

_STALE_TEMP = re.compile(r"^\.(?:.+\.score\.json|scores\.(?:csv|jsonl|parquet)|errors\.jsonl)\.[^.]+\.tmp$")


# --- per-call score files and resume keys ---------------------------------------------

def content_key(digest: str, version: str) -> str:
    """The resume key of one call: sha256 of the input's digest and the job's version."""
    return hashlib.sha256(f"callscore-content-key/1\n{digest}\n{version}".encode()).hexdigest()


def score_path(out_dir: Path, call_id: str) -> Path:
    return out_dir / f"{call_id}.score.json"


def read_score(path: Path) -> dict[str, Any] | None:
    """A score.json dict, or ``None`` when the file is absent or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _jsonable(value: Any) -> Any:
    """Plain JSON values: numpy scalars as numbers, NaN and infinities as null, tuples as lists."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if hasattr(value, "item"):               # numpy scalar
        return _jsonable(value.item())
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot write a {type(value).__name__} value as JSON")


def write_score(path: Path, score: Mapping[str, Any]) -> dict[str, Any]:
    """Write a score dict atomically; returns it as read back (plain JSON values)."""
    text = json.dumps(_jsonable(score), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    write_atomic(path, text)
    return json.loads(text)


def remove_stale_temp_files(out_dir: Path) -> int:
    """Remove temporary files that a killed run left half-written; returns how many."""
    removed = 0
    for entry in out_dir.iterdir():
        if _STALE_TEMP.match(entry.name) and entry.is_file():
            entry.unlink(missing_ok=True)
            removed += 1
    return removed


def table_columns(extra_columns: Sequence[str] = ()) -> tuple[str, ...]:
    """The scores-table columns in contract order, with the extra metadata columns in place."""
    extras = tuple(c for c in extra_columns if c not in STANDARD_FIELDS)
    return HEAD_COLUMNS + STANDARD_FIELDS + extras + TAIL_COLUMNS


def _plain(value: Any) -> Any:
    """Booleans as 1/0 and NaN as missing, so every store shows the same values."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def row_from_score(score: Mapping[str, Any]) -> Row:
    """A scores-table row from a score.json dict (missing parts give empty cells)."""
    transcript = score.get("transcript") or {}
    values = (score.get("features") or {}).get("values") or {}
    row: Row = {"call_id": score.get("call_id"), "source": score.get("source"),
                "quality": score.get("quality"), "advanced": score.get("advanced"),
                "advanced_probability": score.get("advanced_probability"),
                "model_version": score.get("model_version"), "error": None}
    row.update(score.get("metadata") or {})
    row["duration_s"] = transcript.get("duration_s")
    row["timing"] = transcript.get("timing")
    row["roles"] = score.get("roles") or transcript.get("roles")
    row.update({name: values.get(name) for name in FEATURE_COLUMNS})
    row["content_key"] = score.get("content_key")
    return {k: _plain(v) for k, v in row.items()}


def row_from_failure(call_id: str, source: str, message: str, metadata: Mapping[str, Any],
                     content_key: str | None, model_version: str | None = None) -> Row:
    """The row of a call that failed: metadata and ``error`` set, score columns empty."""
    row: Row = {"call_id": call_id, "source": source, "model_version": model_version, "error": message}
    row.update(metadata)
    row["content_key"] = content_key
    return row


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def render_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(_plain(row.get(c))) for c in columns])
    return buf.getvalue()


def render_jsonl(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    return "".join(json.dumps({c: _plain(row.get(c)) for c in columns}, ensure_ascii=False) + "\n"
                   for row in rows)


def column_kind(name: str, values: Sequence[Any]) -> str:
    """``float``, ``int`` or ``text`` for a column, from its declared kind and its values."""
    kind = _KINDS.get(name, "text")
    present = [v for v in values if v is not None]
    if kind == "int" and any(isinstance(v, float) and not v.is_integer() for v in present):
        return "float"
    if kind != "text" and any(not isinstance(v, (int, float)) for v in present):
        return "text"
    return kind


def render_parquet(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"float": pa.float64(), "int": pa.int64(), "text": pa.string()}
    arrays, fields = [], []
    for name in columns:
        values = [_plain(row.get(name)) for row in rows]
        kind = column_kind(name, values)
        if kind == "int":
            values = [None if v is None else int(v) for v in values]
        elif kind == "float":
            values = [None if v is None else float(v) for v in values]
        else:
            values = [None if v is None else _text(v) for v in values]
        arrays.append(pa.array(values, type=types[kind]))
        fields.append(pa.field(name, types[kind]))
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(fields)), buf)
    return buf.getvalue()


def write_table(path: Path | str, rows: Sequence[Mapping[str, Any]], columns: Sequence[str],
                fmt: str = "csv") -> Path:
    """Write the scores table atomically as ``csv``, ``jsonl`` or ``parquet``."""
    if fmt == "csv":
        return write_atomic(path, render_csv(rows, columns))
    if fmt == "jsonl":
        return write_atomic(path, render_jsonl(rows, columns))
    if fmt == "parquet":
        return write_atomic(path, render_parquet(rows, columns))
    raise ValueError(f"unknown table format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def write_errors(path: Path | str, records: Iterable[Mapping[str, Any]]) -> Path:
    """``errors.jsonl``: one object per failed call (call_id, file, stage, message, ...)."""
    return write_atomic(path, "".join(json.dumps(dict(r), ensure_ascii=False) + "\n" for r in records))


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class ScoreStore:
    """A SQLite file with table ``scores`` (one row per call_id, upserted) and table ``runs``,
    kept with sqlite-utils.

    Open it with :meth:`open`; each :meth:`upsert` is one transaction. Columns that a later
    run brings (new manifest columns) are added to the table.
    """

    path: Path
    db: Any  # sqlite_utils.Database

    @classmethod
    def open(cls, path: Path | str) -> ScoreStore:
        import sqlite_utils

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(sqlite3.connect(path, timeout=30.0))
        db.execute("PRAGMA busy_timeout = 30000")
        with db.conn:
            db["runs"].create({"run_id": int, "started_at": str, "finished_at": str, "model_version": str,
                               "scored": int, "skipped": int, "failed": int},
                              pk="run_id", not_null={"started_at"}, if_not_exists=True)
            db["scores"].create({c: _PY_TYPES[_KINDS.get(c, "text")] for c in table_columns()},
                                pk="call_id", if_not_exists=True)
        return cls(path, db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ScoreStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def begin_run(self, model_version: str | None, started_at: str | None = None) -> int:
        """Record a run as started (``finished_at`` stays empty until :meth:`finish_run`)."""
        with self.db.conn:
            table = self.db["runs"].insert({"started_at": started_at or utc_now(), "model_version": model_version})
        return int(table.last_pk)

    def finish_run(self, run_id: int, scored: int, skipped: int, failed: int) -> None:
        with self.db.conn:
            self.db["runs"].update(run_id, {"finished_at": utc_now(), "scored": scored, "skipped": skipped,
                                            "failed": failed})

    def columns(self) -> list[str]:
        return [c.name for c in self.db["scores"].columns]

    def upsert(self, rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
        """Insert or replace each row's ``columns`` by call_id, all in one transaction; new
        columns are added as text."""
        with self.db.conn:
            self.db["scores"].upsert_all(({c: _plain(row.get(c)) for c in columns} for row in rows),
                                         pk="call_id", alter=True, column_order=list(columns))
