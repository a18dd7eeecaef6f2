"""JSON transcripts: callscore's own (``schema_version``) and Whisper-style ``segments``.

Whisper-style covers openai-whisper's ``--output_format json``, faster-whisper dumps and
WhisperX (``segments[].speaker`` from diarization, ``words[].score``).
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from scorer.errors import SchemaError, TranscriptFormatError
from scorer.readers.common import RawTurn, build_transcript, read_text
from scorer.types import Transcript, Word


def _number(value: Any, path: Path, where: str) -> float | None:
    """A time or score in a Whisper JSON: a finite number, or ``None`` where absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TranscriptFormatError(f"{path}: {where} is {value!r}, not a number of seconds; "
                                    "re-export the transcript from the recogniser")
    return float(value)


def _whisper_words(raw: Any, path: Path, where: str) -> tuple[Word, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise TranscriptFormatError(f"{path}: {where}.words is not a list")
    words = []
    for k, w in enumerate(raw):
        if not isinstance(w, dict):
            raise TranscriptFormatError(f"{path}: {where}.words[{k}] is not an object")
        text = str(w.get("word", w.get("text", ""))).strip()
        start = _number(w.get("start"), path, f"{where}.words[{k}].start")
        end = _number(w.get("end"), path, f"{where}.words[{k}].end")
        if text and start is not None and end is not None:
            prob = _number(w.get("probability", w.get("score")), path, f"{where}.words[{k}].probability")
            words.append(Word(text, start, end, prob))
    return tuple(words)


def _read_whisper(doc: dict, path: Path, call_id: str) -> Transcript:
    turns = []
    for i, seg in enumerate(doc["segments"]):
        if not isinstance(seg, dict) or "text" not in seg:
            raise TranscriptFormatError(f"{path}: segments[{i}] has no 'text'")
        text = " ".join(str(seg["text"]).split())
        if not text:
            continue
        where = f"segments[{i}]"
        speaker = seg.get("speaker")
        turns.append(RawTurn(name=str(speaker) if speaker is not None else None, text=text,
                             start_s=_number(seg.get("start"), path, f"{where}.start"),
                             end_s=_number(seg.get("end"), path, f"{where}.end"),
                             words=_whisper_words(seg.get("words"), path, where)))
    return build_transcript(turns, path=path, call_id=call_id, source_format="whisper-json",
                            language=str(doc.get("language") or "en"))


def read_json(path: Path, call_id: str) -> Transcript:
    try:
        doc = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise TranscriptFormatError(f"{path}: malformed JSON at line {exc.lineno} column {exc.colno}: "
                                    f"{exc.msg}") from None
    if not isinstance(doc, dict):
        raise TranscriptFormatError(f"{path}: expected a JSON object with 'utterances' or 'segments'")
    if "schema_version" in doc and "utterances" in doc:
        try:
            transcript = Transcript.from_dict(doc)
        except SchemaError as exc:
            raise TranscriptFormatError(f"{path}: {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise TranscriptFormatError(f"{path}: invalid callscore transcript ({detail}); "
                                        "re-create it with `callscore transcribe`") from None
        if not transcript.utterances:
            raise TranscriptFormatError(f"{path}: transcript has no utterances")
        return transcript
    if isinstance(doc.get("segments"), list):
        return _read_whisper(doc, path, call_id)
    raise TranscriptFormatError(f"{path}: not a transcript: expected callscore JSON (with "
                                "'schema_version' and 'utterances') or Whisper JSON (with 'segments')")
