"""Transcript readers: existing transcripts -> ``Transcript``.

``read_transcript`` picks the reader from the file extension. Readers never import the
scorer; they only build ``scorer.types`` values.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from scorer.errors import TranscriptFormatError
from scorer.readers.common import WORDS_PER_MINUTE, call_id_for
from scorer.readers.jsonfile import read_json
from scorer.readers.subtitles import read_srt, read_vtt
from scorer.readers.text import read_text_transcript
from scorer.types import Transcript

_READERS: dict[str, Callable[[Path, str], Transcript]] = {
    ".json": read_json, ".vtt": read_vtt, ".srt": read_srt, ".txt": read_text_transcript,
}
TRANSCRIPT_EXTENSIONS: tuple[str, ...] = tuple(_READERS)

__all__ = ["TRANSCRIPT_EXTENSIONS", "WORDS_PER_MINUTE", "call_id_for", "read_transcript"]


def read_transcript(path: Path | str) -> Transcript:
    """Read a transcript file of any supported format (by extension)."""
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise TranscriptFormatError(f"{path}: unsupported transcript extension {path.suffix!r}; "
                                    f"expected one of: {', '.join(TRANSCRIPT_EXTENSIONS)}")
    if not path.exists():
        raise TranscriptFormatError(f"{path}: file not found")
    return reader(path, call_id_for(path))
