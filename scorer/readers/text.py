"""Plain-text transcripts: one utterance per line, ``[HH:MM:SS] Name: text`` or ``Name: text``.

Lines are never merged: utterance *i* is the *i*-th non-blank line, so moments can point
back at the line. Blank lines are skipped.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from scorer.errors import TranscriptFormatError
from scorer.readers.common import RawTurn, build_transcript, parse_timestamp, read_text
from scorer.types import Transcript

log = logging.getLogger("scorer")

# A speaker name is short (at most 5 words, 60 characters) and holds no sentence punctuation,
# so "Note: the price is firm" from a speaker-less line is not taken for a name by accident.
_LINE = re.compile(r"^\s*(?:\[(?P<ts>[0-9:.,]+)\]\s*)?(?P<name>[^:\[\]?!.]{1,60}?)\s*:\s?(?P<text>.*)$")


def read_text_transcript(path: Path, call_id: str) -> Transcript:
    turns: list[RawTurn] = []
    for lineno, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m or len(m["name"].split()) > 5:
            raise TranscriptFormatError(
                f"{path}: line {lineno}: expected 'Name: text' or '[HH:MM:SS] Name: text', "
                f"got {line.strip()[:60]!r}")
        start = None
        if m["ts"]:
            try:
                start = parse_timestamp(m["ts"], path, f"line {lineno}")
            except TranscriptFormatError as exc:
                # One bad stamp should not cost the call: time this line from its neighbours.
                log.warning("%s; timing that line from its words", exc)
        turns.append(RawTurn(name=m["name"].strip(), text=m["text"].strip(), start_s=start))
    return build_transcript(turns, path=path, call_id=call_id, source_format="txt")
