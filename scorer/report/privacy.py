"""Coaching pages without personal data: a call redacted on the page (``report --redact``),
and only ever the redacted recording in the player of a redacted call."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from scorer.batch.redaction import redact_call
from scorer.report.inputs import CallRecord


def redact_record(record: CallRecord, redactor: Any) -> CallRecord:
    """``record`` with personal data replaced in its transcript, its moments and the words
    its reasons quote (moments are re-cut from the redacted utterances where they quote
    one whole, else redacted on their own)."""
    transcript, _ = redact_call(record.transcript, redactor)

    def text(value: str) -> str:
        return redactor.redact_text(value).text if value else value

    def moment(m: Any) -> Any:
        return replace(m, text=text(m.text), speaker_name=_renamed(record, transcript, m.speaker_name))

    reasons = tuple(replace(r, text=text(r.text), moments=tuple(moment(m) for m in r.moments))
                    for r in record.reasons)
    return replace(record, transcript=transcript, moments=tuple(moment(m) for m in record.moments),
                   reasons=reasons, redaction={"mode": redactor.options.mode, "types": list(redactor.options.types)})


def _renamed(record: CallRecord, redacted: Any, name: str | None) -> str | None:
    if name is None:
        return None
    for a, b in zip(record.transcript.utterances, redacted.utterances):
        if a.speaker_name == name:
            return b.speaker_name
    return name


def redacted_recording(record: CallRecord, original: Path | None) -> Path | None:
    """``<call_id>.redacted.<ext>`` (or ``.flac``) beside the original recording or beside
    the score file, as ``callscore redact`` writes it; ``None`` when there is none."""
    folders = ([original.parent] if original is not None else []) + [record.path.parent]
    suffixes = ([original.suffix.lower()] if original is not None else []) + [".flac", ".ogg", ".wav"]
    for folder in dict.fromkeys(folders):
        for suffix in dict.fromkeys(suffixes):
            candidate = folder / f"{record.call_id}.redacted{suffix}"
            if candidate.is_file():
                return candidate.resolve()
    return None
