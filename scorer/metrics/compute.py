"""Team metrics from a scores table: calls, quality conversations and advancement per group and period.

Pure computation: :func:`compute_metrics` takes a :class:`ScoresTable` (rows as read from
``scores.csv``/``.jsonl``/``.parquet``/SQLite by :mod:`scorer.metrics.io`, or built in memory)
and returns a :class:`MetricsResult`. Nothing here reads or writes files.

Definitions (see docs/METRICS.md):

* a *call* is a row whose ``error`` is empty; rows with an error count as ``failed`` only;
* a *quality conversation* is a call whose ``quality`` (0-100) is at or above
  ``MetricsOptions.quality_threshold`` (default 70);
* *advancement rate* = calls with ``advanced`` true / calls where ``advanced`` is known;
* behaviour columns are summarised by their median over the calls that have a value, and
  judged against the published bands in :data:`BANDS` (built from :mod:`scorer.findings`);
* a call's date is taken in its own time zone (``2026-11-29T23:30:00-05:00`` is the 29th);
  weeks start on Monday; a call without a date, or without a value in a ``by`` column,
  counts under ``"unassigned"``;
* ``*_change`` = this period minus the immediately preceding calendar period of the same group,
  only when the group had calls in that period (otherwise empty: no trend is invented).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal, Mapping, Sequence

from scorer import findings as F
from scorer.batch.tables import ScoresTable
from scorer.dates import local_date
from scorer.errors import InputError, OptionsError

log = logging.getLogger("scorer")

METRICS_SCHEMA_VERSION = 1
PERIODS: tuple[str, ...] = ("day", "week", "month")
UNASSIGNED = "unassigned"
ALL = "all"
LEVELS: tuple[str, ...] = ("group-period", "group", "period", "all")

BandStatus = Literal["below", "within", "above", "far-above"]


@dataclass(frozen=True, slots=True)
class Band:
    """A published benchmark for one behaviour column of the scores table.

    ``low``/``high`` bound the range where top reps sit (``None`` = open side); above
    ``alarm_high`` the behaviour goes with lost deals. ``better`` says which way is good when
    there is no range. Units are those of the column (ratio 0-1, count, seconds).
    """

    feature: str
    label: str
    unit: Literal["ratio", "count", "s"]
    low: float | None
    high: float | None
    text: str
    source: str
    source_url: str | None = None
    alarm_high: float | None = None
    better: Literal["range", "lower", "higher"] = "range"

    def status(self, value: float | None) -> BandStatus | None:
        """Where ``value`` lies against the band; ``None`` when unknown or no range is published."""
        if value is None or (self.low is None and self.high is None):
            return None
        if self.alarm_high is not None and value > self.alarm_high:
            return "far-above"
        if self.high is not None and value > self.high:
            return "above"
        if self.low is not None and value < self.low:
            return "below"
        return "within"

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "label": self.label, "unit": self.unit, "low": self.low,
                "high": self.high, "alarm_high": self.alarm_high, "better": self.better,
                "text": self.text, "source": self.source, "source_url": self.source_url}


# The published numbers (scorer.findings) as bands; docs/METRICS.md explains each and its source.
BANDS: tuple[Band, ...] = (
    Band("talk_ratio_rep", "Rep talk ratio", "ratio",
         round(F.TALK_RATIO_TOP - F.TALK_RATIO_TOLERANCE, 2), round(F.TALK_RATIO_TOP + F.TALK_RATIO_TOLERANCE, 2),
         f"Top reps talk about {F.pct(F.TALK_RATIO_TOP)} of the call; average reps talk "
         f"{F.span(F.TALK_RATIO_AVERAGE, '%')}. Band: {F.pct(F.TALK_RATIO_TOP)} ± "
         f"{100 * F.TALK_RATIO_TOLERANCE:.0f} points (the tolerance is ours).",
         f"{F.SOURCE}, talk-to-listen ratio (25,537 B2B sales calls)", F.TALK_RATIO_SOURCE_URL),
    Band("questions_rep", "Questions asked by the rep", "count", *F.QUESTIONS_BEST,
         f"{F.span(F.QUESTIONS_BEST)} questions go with the best outcomes on discovery calls; "
         "other call types differ.",
         f"{F.SOURCE}, questions per discovery call"),
    Band("longest_monologue_rep_s", "Longest rep monologue", "s", None, F.MONOLOGUE_TOP_MAX_S,
         f"Top reps keep monologues short (under about {F.MONOLOGUE_TOP_MAX_S:.0f} s); over about "
         f"{F.MONOLOGUE_ALARM_S / 60:g} min goes with lost deals.",
         f"{F.SOURCE}, longest monologue", alarm_high=F.MONOLOGUE_ALARM_S, better="lower"),
    Band("patience_rep_s", "Rep patience", "s", *F.PATIENCE_TOP_S,
         f"Top reps pause about {F.span(F.PATIENCE_TOP_S)} s after the customer stops before answering.",
         f"{F.SOURCE}, patience"),
    Band("longest_customer_story_s", "Longest customer story", "s", None, None,
         "Longer is better: calls where the customer talks at length uninterrupted go with higher "
         "win rates. No single threshold is published, so no band status is shown.",
         f"{F.SOURCE}, longest customer story", better="higher"),
)
BEHAVIOURS: tuple[str, ...] = tuple(b.feature for b in BANDS)
BAND_BY_FEATURE: Mapping[str, Band] = {b.feature: b for b in BANDS}

# Metrics that get a ``*_change`` column (this period minus the previous one).
CHANGE_METRICS: tuple[str, ...] = (
    "calls", "quality_conversations", "quality_conversation_rate", "advanced", "advancement_rate",
    "quality_mean", "quality_median") + tuple(f"{f}_median" for f in BEHAVIOURS)


@dataclass(frozen=True, slots=True)
class MetricsOptions:
    """What to group by and over which period.

    by: one or more columns of the scores table to group on (default ``("rep",)``); a plain
        string is accepted for one column. Several columns make one group per combination,
        labelled ``"EMEA / Ana Ruiz"``.
    period: ``"day"``, ``"week"`` (Monday to Sunday, default) or ``"month"``.
    quality_threshold: quality (0-100) at or above which a call is a quality conversation;
        default 70 (docs/METRICS.md says why).
    """

    by: tuple[str, ...] = ("rep",)
    period: str = "week"
    quality_threshold: float = 70.0

    def __post_init__(self) -> None:
        if isinstance(self.by, str):
            object.__setattr__(self, "by", (self.by,))
        else:
            object.__setattr__(self, "by", tuple(self.by))

    def validate(self) -> None:
        """Raise ``ValueError`` naming the valid values when an option is out of range."""
        if self.period not in PERIODS:
            raise OptionsError(f"unknown period {self.period!r}; expected one of: {', '.join(PERIODS)}")
        if not self.by or any(not isinstance(c, str) or not c.strip() for c in self.by):
            raise OptionsError(f"by must name at least one column, got {self.by!r}; e.g. rep or team")
        if len(set(self.by)) != len(self.by):
            raise OptionsError(f"by names a column twice: {', '.join(self.by)}")
        q = self.quality_threshold
        if not isinstance(q, (int, float)) or isinstance(q, bool) or not 0 <= q <= 100:
            raise OptionsError(f"quality_threshold must be a number from 0 to 100, got {q!r}")


@dataclass(frozen=True, slots=True)
class MetricsRow:
    """Metrics of one group in one period (or a total, see ``level``).

    level: ``"group-period"``; ``"group"`` (the group over all periods, period ``"all"``);
        ``"period"`` (all groups in one period, group ``"all"``); ``"all"`` (everything).
    Rates are fractions 0-1; quality is 0-100; medians keep the column's unit. ``None`` = no
    value (no call had one). ``changes`` maps each of :data:`CHANGE_METRICS` to this row minus
    the ``previous_period`` row, empty when there is no previous period with calls.
    """

    level: str
    group: str
    period: str
    period_start: dt.date | None
    period_end: dt.date | None
    calls: int
    failed: int
    roles_unknown: int                # calls without a score: the rep could not be told apart
    quality_scored: int
    quality_conversations: int
    quality_conversation_rate: float | None
    advanced_known: int
    advanced: int
    advancement_rate: float | None
    quality_mean: float | None
    quality_median: float | None
    medians: Mapping[str, float | None]
    previous_period: str | None = None
    changes: Mapping[str, float | None] = field(default_factory=dict)

    def value(self, metric: str) -> Any:
        """A metric by its output name (``"talk_ratio_rep_median"`` works too)."""
        if metric.endswith("_median") and metric[: -len("_median")] in self.medians:
            return self.medians[metric[: -len("_median")]]
        return getattr(self, metric)

    def band_status(self, feature: str) -> BandStatus | None:
        return BAND_BY_FEATURE[feature].status(self.medians.get(feature))


@dataclass(frozen=True, slots=True)
class MetricsResult:
    """Everything :func:`compute_metrics` found; rows ordered group-period, group, period, all."""

    options: MetricsOptions
    rows: tuple[MetricsRow, ...]
    groups: tuple[str, ...]           # sorted, "unassigned" last
    periods: tuple[str, ...]          # chronological, "unassigned" last; only periods with rows
    sources: tuple[str, ...]
    rows_read: int                    # table rows, failed ones included
    calls: int                        # rows without an error
    failed: int
    undated: int                      # rows counted under the "unassigned" period
    bad_dates: int                    # of those, rows whose date could not be read
    duplicates: int
    first_date: dt.date | None
    last_date: dt.date | None

    def at(self, level: str) -> tuple[MetricsRow, ...]:
        return tuple(r for r in self.rows if r.level == level)

    def row(self, group: str, period: str) -> MetricsRow | None:
        """The row for ``group`` in ``period``; ``"all"`` for either gives the totals."""
        level = {(False, False): "group-period", (False, True): "group",
                 (True, False): "period", (True, True): "all"}[(group == ALL, period == ALL)]
        return next((r for r in self.rows if r.level == level and r.group == group
                     and r.period == period), None)

    @property
    def overall(self) -> MetricsRow:
        return self.at("all")[0]


# --- cell parsing: tolerant of strings (CSV, SQLite) and typed values (JSONL, Parquet) ---

def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and math.isnan(v))


def parse_number(v: Any) -> float | None:
    """A cell as a float; ``None`` for empty or NaN. Raises ``ValueError`` on text that is not a number."""
    if _blank(v):
        return None
    if isinstance(v, bool):
        return float(v)
    f = float(v.strip() if isinstance(v, str) else v)
    return None if math.isnan(f) else f


_TRUE = {"1", "1.0", "true", "yes", "y", "t"}
_FALSE = {"0", "0.0", "false", "no", "n", "f"}


def parse_bool(v: Any) -> bool | None:
    """``advanced``: 1/0, true/false, yes/no; ``None`` for empty. Raises ``ValueError`` otherwise."""
    if _blank(v):
        return None
    if isinstance(v, (bool, int, float)):
        return bool(v)
    s = str(v).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError(f"{v!r} is not 1/0 or true/false")


def parse_local_date(v: Any) -> dt.date | None:
    """The calendar date of a cell *in its own time zone*; ``None`` for empty.

    ``"2026-11-29"`` and ``"2026-11-29T23:30:00-05:00"`` are both the 29th (the second is
    the 30th in UTC, but the rep made the call on the 29th). Raises ``ValueError`` on text
    that is not an ISO date or datetime.
    """
    return None if _blank(v) else local_date(v)


# --- periods ---

def period_start(day: dt.date, period: str) -> dt.date:
    """First day of the period holding ``day``: itself, its Monday, or the 1st of its month."""
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise OptionsError(f"unknown period {period!r}; expected one of: {', '.join(PERIODS)}")


def period_end(start: dt.date, period: str) -> dt.date:
    """Last day (inclusive) of the period starting on ``start``."""
    if period == "day":
        return start
    if period == "week":
        return start + dt.timedelta(days=6)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def previous_start(start: dt.date, period: str) -> dt.date:
    """First day of the period just before the one starting on ``start``."""
    return period_start(start - dt.timedelta(days=1), period)


def period_label(start: dt.date, period: str) -> str:
    """``2026-11-29`` (day), ``2026-W48`` (ISO week, Monday start), ``2026-11`` (month)."""
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{start.year}-{start.month:02d}"
    return start.isoformat()


# --- computation ---

@dataclass(frozen=True, slots=True)
class _Call:
    call_id: str
    group: str
    day: dt.date | None
    failed: bool
    quality: float | None
    advanced: bool | None
    behaviours: Mapping[str, float | None]
    roles_unknown: bool = False


def _group_label(row: Mapping[str, Any], by: Sequence[str]) -> str:
    parts = []
    for col in by:
        v = row.get(col)
        parts.append(UNASSIGNED if _blank(v) else str(v).strip())
    return " / ".join(parts)


def _cell(row: Mapping[str, Any], col: str, parse, where: str) -> Any:
    try:
        return parse(row.get(col))
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: column {col!r} holds {row.get(col)!r}, which cannot be read ({exc}); "
                         "fix that cell or re-run `callscore score`") from None


def _calls(table: ScoresTable, options: MetricsOptions) -> tuple[list[_Call], int]:
    where_file = ", ".join(table.sources) or "scores table"
    calls, bad_dates = [], []
    for i, row in enumerate(table.rows):
        call_id = str(row.get("call_id") or f"row {i + 1}")
        where = f"{where_file}: call {call_id}"
        failed = not _blank(row.get("error"))
        try:
            day = parse_local_date(row.get("date"))
        except (TypeError, ValueError):
            day = None
            bad_dates.append(call_id)
        if failed:
            calls.append(_Call(call_id, _group_label(row, options.by), day, True, None, None, {}))
            continue
        calls.append(_Call(
            call_id, _group_label(row, options.by), day, False,
            _cell(row, "quality", parse_number, where), _cell(row, "advanced", parse_bool, where),
            {f: _cell(row, f, parse_number, where) for f in BEHAVIOURS},
            roles_unknown=str(row.get("roles") or "").strip() == "unknown"))
    if bad_dates:
        log.warning("%s: %d call(s) have a date that is not ISO YYYY-MM-DD or an ISO datetime "
                    "(e.g. %s); they are counted under %r", where_file, len(bad_dates),
                    ", ".join(bad_dates[:5]), UNASSIGNED)
    return calls, len(bad_dates)


def _median(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def _row(calls: Sequence[_Call], threshold: float, *, level: str, group: str, label: str,
         start: dt.date | None, end: dt.date | None) -> MetricsRow:
    ok = [c for c in calls if not c.failed]
    quality = [c.quality for c in ok if c.quality is not None]
    known = [c.advanced for c in ok if c.advanced is not None]
    qc = sum(q >= threshold for q in quality)
    adv = sum(known)
    return MetricsRow(
        level=level, group=group, period=label, period_start=start, period_end=end,
        calls=len(ok), failed=len(calls) - len(ok), roles_unknown=sum(c.roles_unknown for c in ok),
        quality_scored=len(quality), quality_conversations=qc,
        quality_conversation_rate=qc / len(quality) if quality else None,
        advanced_known=len(known), advanced=adv,
        advancement_rate=adv / len(known) if known else None,
        quality_mean=statistics.fmean(quality) if quality else None,
        quality_median=statistics.median(quality) if quality else None,
        medians={f: _median(c.behaviours.get(f) for c in ok) for f in BEHAVIOURS},
    )


def _with_change(row: MetricsRow, prev: MetricsRow | None) -> MetricsRow:
    if prev is None or prev.calls == 0 or row.calls == 0:
        return row
    changes = {}
    for m in CHANGE_METRICS:
        a, b = row.value(m), prev.value(m)
        changes[m] = None if a is None or b is None else a - b
    return dataclasses.replace(row, previous_period=prev.period, changes=changes)


def _sort_key(label: str) -> tuple[bool, str, str]:
    return (label == UNASSIGNED, label.casefold(), label)


def compute_metrics(table: ScoresTable, options: MetricsOptions | None = None) -> MetricsResult:
    """Metrics per group and period of a scores table (see the module docstring for definitions).

    Raises ``InputError`` when the table has no rows, when every row failed, when a ``by``
    column is not in the table (the message lists the columns), or when a cell of
    ``quality``/``advanced``/a behaviour column is not a number.
    """
    options = options or MetricsOptions()
    options.validate()
    where = ", ".join(table.sources) or "scores table"
    if not table.rows:
        raise InputError(f"{where}: no calls to measure (the scores table has no rows); "
                         "run `callscore score` first, or point at its scores file")
    columns = set(table.columns) | {k for r in table.rows for k in r}
    missing = [c for c in options.by if c not in columns]
    if missing:
        raise InputError(f"{where}: no column {', '.join(map(repr, missing))} to group by; "
                         f"columns are: {', '.join(table.columns or sorted(columns))}")
    calls, bad_dates = _calls(table, options)
    failed = sum(c.failed for c in calls)
    if failed == len(calls):
        raise InputError(f"{where}: all {failed} call(s) failed to score, so there is nothing to measure; "
                         "see the error column and re-run `callscore score`")

    period = options.period
    threshold = options.quality_threshold
    start_of = {id(c): (period_start(c.day, period) if c.day else None) for c in calls}
    cells: dict[tuple[str, dt.date | None], list[_Call]] = {}
    for c in calls:
        cells.setdefault((c.group, start_of[id(c)]), []).append(c)
    groups = tuple(sorted({c.group for c in calls}, key=_sort_key))
    period_starts = sorted({s for s in start_of.values() if s is not None})
    has_undated = any(s is None for s in start_of.values())
    periods = tuple(period_label(s, period) for s in period_starts) + ((UNASSIGNED,) if has_undated else ())

    def per_period(members_at, level: str, name: str) -> list[MetricsRow]:
        """Rows of one group (or of all groups) for each period it has calls in, with changes."""
        by_start: dict[dt.date, MetricsRow] = {}
        for s in period_starts:
            members = members_at(s)
            if members:
                by_start[s] = _row(members, threshold, level=level, group=name,
                                   label=period_label(s, period), start=s, end=period_end(s, period))
        rows = [_with_change(r, by_start.get(previous_start(s, period))) for s, r in by_start.items()]
        undated = members_at(None)
        if undated:
            rows.append(_row(undated, threshold, level=level, group=name, label=UNASSIGNED,
                             start=None, end=None))
        return rows

    first = period_starts[0] if period_starts else None
    last = period_end(period_starts[-1], period) if period_starts else None
    out: list[MetricsRow] = []
    for g in groups:
        out.extend(per_period(lambda s, g=g: cells.get((g, s), []), "group-period", g))
    for g in groups:
        members = [c for (grp, _), cs in cells.items() if grp == g for c in cs]
        out.append(_row(members, threshold, level="group", group=g, label=ALL, start=first, end=last))
    out.extend(per_period(lambda s: [c for g in groups for c in cells.get((g, s), [])], "period", ALL))
    out.append(_row(calls, threshold, level="all", group=ALL, label=ALL, start=first, end=last))
    days = [c.day for c in calls if c.day is not None]
    return MetricsResult(
        options=options, rows=tuple(out), groups=groups, periods=periods,
        sources=table.sources, rows_read=len(calls), calls=len(calls) - failed, failed=failed,
        undated=sum(s is None for s in start_of.values()), bad_dates=bad_dates,
        duplicates=table.duplicates, first_date=min(days) if days else None,
        last_date=max(days) if days else None)


def describe(result: MetricsResult) -> str:
    """One line for the command to print, e.g. ``"42 calls (1 failed) by rep per week ..."``."""
    o, all_ = result.options, result.overall
    span = (f"{result.first_date.isoformat()} to {result.last_date.isoformat()}"
            if result.first_date and result.last_date else "no dates")
    rate = "n/a" if all_.advancement_rate is None else f"{all_.advancement_rate:.0%}"
    unscored = (f", {all_.roles_unknown} not scored: roles unknown, left out of the quality numbers"
                if all_.roles_unknown else "")
    return (f"{result.calls} calls ({result.failed} failed{unscored}) by {' + '.join(o.by)} per {o.period}, {span}: "
            f"{all_.quality_conversations} quality conversations (quality >= {o.quality_threshold:g}), "
            f"advancement rate {rate}, {len(result.groups)} group(s), {len(result.periods)} period(s)")


__all__ = ["ALL", "BANDS", "BEHAVIOURS", "Band", "CHANGE_METRICS", "LEVELS", "METRICS_SCHEMA_VERSION",
           "MetricsOptions", "MetricsResult", "MetricsRow", "PERIODS", "ScoresTable",
           "UNASSIGNED", "compute_metrics", "describe", "parse_bool", "parse_local_date", "parse_number",
           "period_end", "period_label", "period_start", "previous_start"]
