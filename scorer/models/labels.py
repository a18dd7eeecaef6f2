"""Labels files for training and evaluation, and labelled calls ready for the models.

``LABELS.csv`` has a ``call_id`` column and any of ``advanced`` (1/0, yes/no, true/false)
and ``quality`` (0-100, 1-5, 0/1 or high/low). A quality above the middle of its scale
(over 50 of 100, 4 or 5 of 5, 1 of 0/1, high) counts as a high-quality call.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from scorer.errors import LabelError
from scorer.files import read_csv
from scorer.models.pipeline import SCORE_NAMES
from scorer.types import Transcript

ADVANCED_VALUES = {"1": 1, "0": 0, "yes": 1, "no": 0, "true": 1, "false": 0, "y": 1, "n": 0}
QUALITY_WORDS = {"high": 1.0, "low": 0.0}


@dataclass(frozen=True)
class Labels:
    """A parsed labels file. ``quality`` values are on a 0-1 scale (see ``quality_scale``)."""

    path: Path
    call_ids: tuple[str, ...]
    advanced: Mapping[str, int] = field(default_factory=dict)
    quality: Mapping[str, float] = field(default_factory=dict)
    quality_scale: str | None = None

    def targets(self) -> tuple[str, ...]:
        """The scores this file labels, in report order."""
        return tuple(n for n in SCORE_NAMES if getattr(self, n))

    def binary(self, name: str) -> Mapping[str, int]:
        """0/1 target per labelled call: ``advanced`` as is, ``quality`` above mid-scale."""
        if name == "advanced":
            return dict(self.advanced)
        return {k: int(v > 0.5) for k, v in self.quality.items()}


def _quality_scale(values: list[tuple[int, str]], path: Path) -> tuple[str, Callable[[str], float]]:
    words = [(line, v) for line, v in values if v.lower() in QUALITY_WORDS]
    if words and len(words) != len(values):
        line, v = next((ln, v) for ln, v in values if v.lower() not in QUALITY_WORDS)
        raise LabelError(f"{path}: line {line}: quality {v!r} mixes with high/low words; use one scale: "
                         "high/low, 0/1, 1-5 or 0-100")
    if words:
        return "high/low", lambda v: QUALITY_WORDS[v.lower()]
    numbers: list[float] = []
    for line, v in values:
        try:
            numbers.append(float(v))
        except ValueError:
            raise LabelError(f"{path}: line {line}: unknown quality value {v!r}; expected a number "
                             "(0-100, 1-5, 0/1) or high/low") from None
        if not 0 <= numbers[-1] <= 100:
            raise LabelError(f"{path}: line {line}: quality {v!r} is outside 0-100; expected 0-100, 1-5, "
                             "0/1 or high/low")
    if set(numbers) <= {0.0, 1.0}:
        return "0/1", float
    if all(x.is_integer() and 1 <= x <= 5 for x in numbers):
        return "1-5", lambda v: (float(v) - 1) / 4
    return "0-100", lambda v: float(v) / 100


def read_labels(path: Path | str) -> Labels:
    """Parse a labels CSV; raise ``LabelError`` (one line, with the fix) when it is unusable."""
    path = Path(path)
    rows = read_csv(path, "labels file", LabelError)
    if not rows:
        raise LabelError(f"{path}: empty; expected a header 'call_id,advanced,quality' and one row per call")
    header = [h.strip().lower() for h in rows[0]]
    if "call_id" not in header:
        raise LabelError(f"{path}: no call_id column (header is {','.join(rows[0])!r}); the first line "
                         "must name call_id and any of: advanced, quality")
    present = [c for c in SCORE_NAMES if c in header]
    if not present:
        raise LabelError(f"{path}: no label column; add advanced (0/1, yes/no) and/or quality "
                         "(0-100, 1-5 or high/low)")
    col = {name: header.index(name) for name in ["call_id", *present]}
    ids: list[str] = []
    seen: dict[str, int] = {}
    advanced: dict[str, int] = {}
    raw_quality: list[tuple[int, str, str]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cell = lambda name: row[col[name]].strip() if col[name] < len(row) else ""  # noqa: E731
        call_id = cell("call_id")
        if not call_id:
            raise LabelError(f"{path}: line {line}: empty call_id; every row needs the call's id")
        if call_id in seen:
            raise LabelError(f"{path}: line {line}: call_id {call_id!r} repeats line {seen[call_id]}; "
                             "keep one row per call")
        seen[call_id] = line
        ids.append(call_id)
        if "advanced" in col and cell("advanced"):
            value = ADVANCED_VALUES.get(cell("advanced").lower())
            if value is None:
                raise LabelError(f"{path}: line {line}: unknown advanced value {cell('advanced')!r}; "
                                 "expected one of: 1, 0, yes, no, true, false")
            advanced[call_id] = value
        if "quality" in col and cell("quality"):
            raw_quality.append((line, call_id, cell("quality")))
    if not ids:
        raise LabelError(f"{path}: no rows; add one row per call under the header")
    quality: dict[str, float] = {}
    scale = None
    if raw_quality:
        scale, convert = _quality_scale([(ln, v) for ln, _, v in raw_quality], path)
        quality = {cid: convert(v) for _, cid, v in raw_quality}
    if not advanced and not quality:
        raise LabelError(f"{path}: every label cell is empty; fill in advanced and/or quality")
    return Labels(path=path, call_ids=tuple(ids), advanced=advanced, quality=quality, quality_scale=scale)


@dataclass(frozen=True)
class LabelledCalls:
    """Calls with their transcripts, features and labels, in the labels file's order."""

    labels: Labels
    transcripts: tuple[Transcript, ...]
    features: tuple[Any, ...]
    description: str
    data_sha256: str


def data_hash(labels: Labels, transcripts: Sequence[Transcript]) -> str:
    """sha256 over the labels and the utterances of every call (order-independent)."""
    h = hashlib.sha256()
    for t in sorted(transcripts, key=lambda t: t.call_id):
        h.update(f"{t.call_id}\t{labels.advanced.get(t.call_id)}\t{labels.quality.get(t.call_id)}\n".encode())
        for u in t.utterances:
            h.update(f"{u.speaker}\t{u.start_s}\t{u.end_s}\t{u.text}\n".encode())
    return h.hexdigest()
