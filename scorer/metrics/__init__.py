"""Team metrics: scored calls rolled up per rep, team and period, against published bands."""
from __future__ import annotations

from scorer.batch.tables import ScoresTable
from scorer.metrics.compute import (ALL, BAND_BY_FEATURE, BANDS, BEHAVIOURS, CHANGE_METRICS,
                                    METRICS_SCHEMA_VERSION, PERIODS, UNASSIGNED, MetricsOptions,
                                    MetricsResult, MetricsRow, compute_metrics, describe)

__all__ = ["ALL", "BAND_BY_FEATURE", "BANDS", "BEHAVIOURS", "CHANGE_METRICS", "METRICS_SCHEMA_VERSION",
           "PERIODS", "UNASSIGNED", "MetricsOptions", "MetricsResult", "MetricsRow", "ScoresTable",
           "compute_metrics", "describe"]
