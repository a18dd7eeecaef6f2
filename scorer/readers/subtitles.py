"""WebVTT (Zoom, Teams) and SRT transcripts.

A cue's speaker comes from a WebVTT voice tag ``<v Name>`` or a leading ``Name:``; cues
without either are spoken by ``unknown``. Other markup (``<c>``, ``<b>``, inline
timestamps) is dropped and HTML entities are decoded.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from scorer.errors import TranscriptFormatError
from scorer.readers.common import RawTurn, build_transcript, parse_timestamp, read_text
from scorer.types import Transcript

_TIMING = re.compile(r"^\s*(?P<start>[0-9:.,]+)\s*-->\s*(?P<end>[0-9:.,]+)")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]*>")
_NAME_PREFIX = re.compile(r"^\s*(?:-\s*)?(?P<name>[^:?!.]{1,60}?)\s*:\s+(?P<text>.+)$")


def _cue_turn(payload: list[str], start: float, end: float) -> RawTurn | None:
    joined = " ".join(line.strip() for line in payload if line.strip())
    voice = _VOICE.search(joined)
    name = voice.group(1).strip() if voice else None
    text = html.unescape(_TAG.sub("", joined)).strip()
    if name is None:
        m = _NAME_PREFIX.match(text)
        if m and len(m["name"].split()) <= 5:
            name, text = m["name"].strip(), m["text"].strip()
    if not text:
        return None
    return RawTurn(name=name, text=" ".join(text.split()), start_s=start, end_s=end)


def _read_cues(path: Path, *, webvtt: bool) -> list[RawTurn]:
    blocks = re.split(r"\n\s*\n", read_text(path).replace("\r\n", "\n").replace("\r", "\n"))
    if webvtt:
        if not blocks[0].lstrip().startswith("WEBVTT"):
            raise TranscriptFormatError(f"{path}: not a WebVTT file: the first line must be 'WEBVTT'")
    turns: list[RawTurn] = []
    for block in blocks:
        lines = block.strip("\n").split("\n")
        timing_at = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing_at is None:
            continue  # header, NOTE, STYLE or REGION block, or a stray index
        m = _TIMING.match(lines[timing_at])
        if not m:
            raise TranscriptFormatError(f"{path}: cannot read cue timing {lines[timing_at].strip()!r}; "
                                        "expected 'HH:MM:SS.mmm --> HH:MM:SS.mmm'")
        where = f"cue at {m['start']}"
        start = parse_timestamp(m["start"], path, where)
        end = parse_timestamp(m["end"], path, where)
        turn = _cue_turn(lines[timing_at + 1:], start, end)
        if turn is not None:
            turns.append(turn)
    if not turns:
        kind = "WebVTT" if webvtt else "SRT"
        raise TranscriptFormatError(f"{path}: no cues with text found in this {kind} file")
    return turns


def read_vtt(path: Path, call_id: str) -> Transcript:
    return build_transcript(_read_cues(path, webvtt=True), path=path, call_id=call_id,
                            source_format="vtt")


def read_srt(path: Path, call_id: str) -> Transcript:
    return build_transcript(_read_cues(path, webvtt=False), path=path, call_id=call_id,
                            source_format="srt")
