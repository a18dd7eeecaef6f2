"""Reading scores tables (CSV, JSONL, Parquet, SQLite) and writing metrics.csv / .json / .html.

The edges of :mod:`scorer.metrics`: everything here touches files; the numbers come from
:func:`scorer.metrics.compute_metrics`.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from pathlib import Path
from typing import Any, Iterable, Sequence

from scorer.errors import OptionsError
from scorer.metrics.compute import (BANDS, BEHAVIOURS, CHANGE_METRICS, METRICS_SCHEMA_VERSION, MetricsResult,
                                    MetricsRow)
from scorer.files import write_atomic, write_json

log = logging.getLogger("scorer")

FORMATS: tuple[str, ...] = ("csv", "json", "html")

# Columns of metrics.csv, in order; the same keys as each row of metrics.json.
_ROW_FIELDS = ("calls", "failed", "roles_unknown", "quality_scored", "quality_conversations", "quality_conversation_rate",
               "advanced_known", "advanced", "advancement_rate", "quality_mean", "quality_median")
METRIC_COLUMNS: tuple[str, ...] = (
    ("level", "by", "group", "period", "period_start", "period_end") + _ROW_FIELDS
    + tuple(c for f in BEHAVIOURS for c in (f"{f}_median", f"{f}_band"))
    + ("previous_period",) + tuple(f"{m}_change" for m in CHANGE_METRICS))


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
        raise OptionsError(f"unknown metrics format {unknown[0]!r}; expected one of: {', '.join(FORMATS)}")
    out = Path(out_dir)
    written = []
    if "csv" in formats:
        written.append(write_atomic(out / "metrics.csv", metrics_csv(result)))
    if "json" in formats:
        written.append(write_json(out / "metrics.json", metrics_json(result)))
    if "html" in formats:
        from scorer.report.metrics_page import render_metrics_html   # matplotlib loads only when needed

        written.append(write_atomic(out / "metrics.html", render_metrics_html(result)))
    return written
