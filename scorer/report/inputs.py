"""Reading what the report shows: ``*.score.json`` files and the team's scores table.

This is the report's I/O edge. Score files are checked against the output contract
(``schema_version``, ``kind == "score"``) and turned into :class:`CallRecord` values; the
transcript and moments are parsed with :mod:`scorer.types`, so a malformed file fails here,
with its name, rather than half-way through a page.
"""
from __future__ import annotations

import json
import logging
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from scorer.errors import InputError
from scorer.types import READABLE_SCHEMA_VERSIONS, SCHEMA_VERSION, Moment, Transcript

log = logging.getLogger("scorer")

SCORE_SUFFIX = ".score.json"
#: Scores-table formats the report reads for team medians (Parquet needs pyarrow: export CSV).
TABLE_SUFFIXES: tuple[str, ...] = (".csv", ".jsonl", ".parquet", ".sqlite", ".sqlite3", ".db")


@dataclass(frozen=True, slots=True)
class Reason:
    """One explanation of a score: which model, which feature, which way, how much, and where."""

    model: str
    feature: str
    direction: str          # "up" | "down"
    impact: float | None
    text: str
    moments: tuple[Moment, ...] = ()


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One ``*.score.json`` file, parsed. ``None`` means "not measured" throughout."""

    path: Path
    call_id: str
    source: str
    metadata: Mapping[str, Any]
    transcript: Transcript
    features: Mapping[str, float | None]
    null_reasons: Mapping[str, str]
    moments: tuple[Moment, ...]
    quality: float | None
    advanced: bool | None
    advanced_probability: float | None
    threshold: float | None
    reasons: tuple[Reason, ...]
    model_version: str | None
    extra: Mapping[str, Any] = field(default_factory=dict)
    unscored: str | None = None       # why the call has no score (its roles are unknown)
    redaction: Mapping[str, Any] | None = None  # how personal data was removed, if it was


def find_score_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into ``*.score.json`` files (a folder: its top level, sorted).

    Raises ``InputError`` for a path that does not exist, or when nothing is found.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(path.glob(f"*{SCORE_SUFFIX}"))
            if not inside:
                log.warning("%s: no *%s files in this folder", path, SCORE_SUFFIX)
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder; pass *{SCORE_SUFFIX} files or the "
                             "folder `callscore score` wrote")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise InputError(f"no *{SCORE_SUFFIX} files found in {', '.join(map(str, paths))}; "
                         "run `callscore score` first and pass its output folder")
    return unique


def _num(value: Any, name: str, path: Path) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return float(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{path}: {name} should be a number or null, got {value!r}; "
                         "re-create the file with `callscore score`") from None
    return number if math.isfinite(number) else None


def _moments(items: Any, path: Path, where: str) -> tuple[Moment, ...]:
    try:
        return tuple(Moment.from_dict(m) for m in (items or ()))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: a moment in {where} is malformed ({exc!r}); "
                         "re-create the file with `callscore score`") from None


def parse_score(data: Mapping[str, Any], path: Path) -> CallRecord:
    """Check one decoded ``score.json`` against the contract and build a :class:`CallRecord`."""
    if not isinstance(data, Mapping) or data.get("kind") != "score":
        kind = data.get("kind") if isinstance(data, Mapping) else type(data).__name__
        raise InputError(f"{path}: not a callscore score file (kind {kind!r}, expected 'score'); "
                         f"pass the *{SCORE_SUFFIX} files `callscore score` writes")
    if data.get("schema_version") not in READABLE_SCHEMA_VERSIONS:
        raise InputError(f"{path}: unsupported schema_version {data.get('schema_version')!r}; this "
                         f"callscore reads version {SCHEMA_VERSION} (and 1): re-score the call with "
                         "`callscore score`")
    try:
        transcript = Transcript.from_dict(data["transcript"])
    except (KeyError, TypeError, ValueError, InputError) as exc:
        raise InputError(f"{path}: the transcript inside is malformed ({exc!r}); "
                         "re-create the file with `callscore score`") from None
    features = data.get("features") or {}
    values = {str(k): _num(v, f"features.values.{k}", path)
              for k, v in (features.get("values") or {}).items()}
    reasons = []
    for i, r in enumerate(data.get("reasons") or ()):
        if not isinstance(r, Mapping):
            raise InputError(f"{path}: reasons[{i}] is not an object; re-create the file with `callscore score`")
        # The contract names the model "model"; scorer.models.pipeline.Reason.to_dict writes "score".
        reasons.append(Reason(model=str(r.get("model") or r.get("score") or ""),
                              feature=str(r.get("feature") or ""),
                              direction="down" if r.get("direction") == "down" else "up",
                              impact=_num(r.get("impact"), f"reasons[{i}].impact", path),
                              text=str(r.get("text") or ""),
                              moments=_moments(r.get("moments"), path, f"reasons[{i}]")))
    advanced = data.get("advanced")
    known = {"schema_version", "kind", "call_id", "source", "metadata", "transcript", "features",
             "moments", "quality", "advanced", "advanced_probability", "threshold", "reasons",
             "model_version", "unscored", "roles", "roles_confidence", "redaction"}
    return CallRecord(
        path=path, call_id=str(data.get("call_id") or transcript.call_id or path.name[:-len(SCORE_SUFFIX)]),
        source=str(data.get("source") or transcript.source or ""),
        metadata=dict(data.get("metadata") or {}), transcript=transcript, features=values,
        null_reasons={str(k): str(v) for k, v in (features.get("null_reasons") or {}).items()},
        moments=_moments(data.get("moments"), path, "moments"),
        quality=_num(data.get("quality"), "quality", path),
        advanced=None if advanced is None else bool(advanced),
        advanced_probability=_num(data.get("advanced_probability"), "advanced_probability", path),
        threshold=_num(data.get("threshold"), "threshold", path),
        reasons=tuple(reasons), model_version=data.get("model_version"),
        extra={k: v for k, v in data.items() if k not in known},
        unscored=None if data.get("unscored") is None else str(data["unscored"]),
        redaction=data.get("redaction") if isinstance(data.get("redaction"), Mapping) else None)


def load_score(path: Path | str) -> CallRecord:
    """Read and check one ``*.score.json`` file; ``InputError`` names the file and the fix."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read this score file ({exc}); "
                         "re-create it with `callscore score`") from None
    return parse_score(data, path)


def read_scores_table(path: Path | str) -> list[dict[str, str | None]]:
    """Read a scores table (``.csv``, ``.jsonl``, ``.parquet`` or a SQLite store) into rows of strings.

    Delegates to :func:`scorer.batch.tables.read_scores`; empty cells become ``None``. Raises
    ``InputError`` when the file is missing or unreadable.
    """
    from scorer.batch.tables import read_scores

    return [{str(k): (None if v is None or v == "" else str(v)) for k, v in row.items()}
            for row in read_scores([Path(path)]).rows]


@dataclass(frozen=True, slots=True)
class TeamMedians:
    """Medians of behaviour columns over a group of scored calls.

    ``group`` names the group (``"team EMEA"`` or ``"all calls"``); ``values`` maps a column
    to its median (``None`` when no call in the group has it) and ``counts`` to how many
    calls the median was taken over.
    """

    group: str
    values: Mapping[str, float | None]
    counts: Mapping[str, int]


def team_medians(rows: list[dict[str, str | None]], team: str | None,
                 columns: Iterable[str]) -> TeamMedians | None:
    """Medians of ``columns`` over the successful rows of ``team`` (all rows when the team is
    unknown or has no rows). Rows with an ``error`` and empty cells are left out."""
    ok = [r for r in rows if not r.get("error")]
    group = [r for r in ok if team and r.get("team") == team]
    label = f"team {team}"
    if not group:
        group, label = ok, "all calls"
    if not group:
        return None
    values: dict[str, float | None] = {}
    counts: dict[str, int] = {}
    for column in columns:
        numbers = []
        for r in group:
            cell = (r.get(column) or "").strip().lower()
            cell = {"true": "1", "false": "0"}.get(cell, cell)
            try:
                number = float(cell or "nan")
            except ValueError:
                continue
            if math.isfinite(number):
                numbers.append(number)
        values[column] = statistics.median(numbers) if numbers else None
        counts[column] = len(numbers)
    return TeamMedians(group=label, values=values, counts=counts)
