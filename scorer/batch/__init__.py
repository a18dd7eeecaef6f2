"""Batch work: one job (``ScoreJob``) run over many inputs on local processes or a Dask
cluster, resumably, with a manifest of call metadata and stores for the results
(score files, CSV / JSONL / Parquet tables, SQLite)."""
from __future__ import annotations

from scorer.batch.options import BatchOptions, BatchSummary
from scorer.batch.run import USAGE_ERRORS, run_batch, run_each
from scorer.errors import BatchUsageError

__all__ = ["USAGE_ERRORS", "BatchOptions", "BatchSummary", "BatchUsageError", "run_batch", "run_each"]
