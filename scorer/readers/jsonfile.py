"""JSON transcripts: callscore's own (``schema_version``) and Whisper-style ``segments``.

Whisper-style covers openai-whisper's ``--output_format json``, faster-whisper dumps and
WhisperX (``segments[].speaker`` from diarization, ``words[].score``).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scorer.errors import TranscriptFormatError
from scorer.readers.common import RawTurn, ReadOptions, build_transcript, read_text
from scorer.types import Transcript, Word


def _whisper_words(raw: Any) -> tuple[Word, ...]:
    words = []
    for w in raw or ():
        text = str(w.get("word", w.get("text", ""))).strip()
        if text and w.get("start") is not None and w.get("end") is not None:
            prob = w.get("probability", w.get("score"))
            words.append(Word(text, float(w["start"]), float(w["end"]),
                              None if prob is None else float(prob)))
    return tuple(words)


def _read_whisper(doc: dict, path: Path, options: ReadOptions, call_id: str) -> Transcript:
    turns = []
    for i, seg in enumerate(doc["segments"]):
        if not isinstance(seg, dict) or "text" not in seg:
            raise TranscriptFormatError(f"{path}: segments[{i}] has no 'text'")
        text = " ".join(str(seg["text"]).split())
        if not text:
            continue
        start, end = seg.get("start"), seg.get("end")
        speaker = seg.get("speaker")
        turns.append(RawTurn(name=str(speaker) if speaker is not None else None, text=text,
                             start_s=None if start is None else float(start),
                             end_s=None if end is None else float(end),
                             words=_whisper_words(seg.get("words"))))
    return build_transcript(turns, path=path, call_id=call_id, source_format="whisper-json",
                            options=options, language=str(doc.get("language") or "en"))


def read_json(path: Path, options: ReadOptions, call_id: str) -> Transcript:
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
        except (KeyError, TypeError, ValueError) as exc:
            raise TranscriptFormatError(f"{path}: invalid callscore transcript: {exc}") from None
        if not transcript.utterances:
            raise TranscriptFormatError(f"{path}: transcript has no utterances")
        return transcript
    if isinstance(doc.get("segments"), list):
        return _read_whisper(doc, path, options, call_id)
    raise TranscriptFormatError(f"{path}: not a transcript: expected callscore JSON (with "
                                "'schema_version' and 'utterances') or Whisper JSON (with 'segments')")
