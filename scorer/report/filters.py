"""Jinja filters of the metrics page, registered on the report's one environment."""
from __future__ import annotations

from scorer.metrics.compute import BAND_BY_FEATURE


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0%}"


def num(v: float | None, digits: int = 1) -> str:
    if v is None:
        return "—"
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.{digits}f}"


def feature(v: float | None, feature: str) -> str:
    unit = BAND_BY_FEATURE[feature].unit
    if v is None:
        return "—"
    return pct(v) if unit == "ratio" else f"{num(v)} s" if unit == "s" else num(v)


def change(v: float | None, kind: str = "num") -> str:
    """A change with its sign; rates in percentage points."""
    if v is None:
        return "—"
    if kind == "pct":
        return f"{v * 100:+.0f} pts"
    return f"{v:+.0f}" if float(v).is_integer() else f"{v:+.1f}"


STATUS_TEXT = {"within": "in band", "below": "below band", "above": "above band",
                "far-above": "far above band"}


FILTERS = {"pct": pct, "num": num, "feature": feature, "change": change}
