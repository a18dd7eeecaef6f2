"""Dates and datetimes as the manifest, the scores table and the report read them: one parser."""
from __future__ import annotations

import datetime as dt
import re

_DATE_ONLY = re.compile(r"^(\d{4})[-/]?(\d{2})[-/]?(\d{2})$")


def parse_when(value: object) -> dt.date | dt.datetime:
    """A calendar date (``2026-11-03``, ``20261103``, ``2026/11/03``) or an ISO datetime
    (``2026-11-03T14:05:00+01:00``, ``...Z``, or without an offset), as given: a datetime
    keeps its own clock and offset. Raises ``ValueError`` for anything else."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    text = str(value).strip()
    m = _DATE_ONLY.match(text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    return dt.datetime.fromisoformat(text.replace("z", "Z"))


def local_date(value: object) -> dt.date:
    """The calendar date of ``value`` in its own time zone: ``2026-11-29T23:30:00-05:00`` is
    the 29th (the 30th in UTC, but the rep made the call on the 29th)."""
    when = parse_when(value)
    return when.date() if isinstance(when, dt.datetime) else when
