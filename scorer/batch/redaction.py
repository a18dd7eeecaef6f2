"""Personal data out of a call before anything about it is written: the transcript (text,
words, speaker names, the note on how roles were decided) and, for ``callscore redact``, the
recording itself.

Roles are settled first (a roster needs the real names), then the transcript is redacted,
then features and scores are computed on the redacted text, so no output of a redacted run
holds what was removed. ``scorer.redact`` does the finding and replacing.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

from scorer.types import Transcript

#: Channel of each stereo speaker name (scorer.asr names the channels so).
CHANNELS = {"Left channel": 0, "Right channel": 1}


def redact_call(transcript: Transcript, redactor: Any) -> tuple[Transcript, Any]:
    """The redacted transcript and the ``RedactedTranscript`` behind it (for the audio).

    Speaker names replaced by the redactor are replaced in ``roles_detail`` too, which
    names the speakers a roster or ``--rep`` matched."""
    red = redactor.redact_transcript(transcript)
    renamed = {a.speaker_name: b.speaker_name for a, b in zip(transcript.utterances, red.transcript.utterances)
               if a.speaker_name and a.speaker_name != b.speaker_name}
    detail = transcript.roles_detail
    for name in sorted(renamed, key=len, reverse=True):  # "Ana Ruiz" before "Ana"
        detail = detail.replace(name, renamed[name]) if detail else detail
    return replace(red.transcript, roles_detail=detail), red


def redaction_summary(red: Any, options: Any) -> dict[str, Any]:
    """What a score or transcript document says about its redaction: mode, types, counts."""
    return {"mode": options.mode, "types": list(options.types), "counts": red.counts()}


def channel_map(transcript: Transcript) -> Mapping[str, int] | None:
    """Role -> channel for a stereo transcript whose roles are known, else ``None`` (every
    redacted word is then overwritten on every channel)."""
    out = {u.speaker: CHANNELS[u.speaker_name] for u in transcript.utterances
           if u.speaker in ("rep", "customer") and u.speaker_name in CHANNELS}
    return out or None


def redacted_recording(source: Path, original: Transcript, red: Any, out_dir: Path,
                       mode: str = "beep") -> Path:
    """Write ``out_dir/<call_id>.redacted.<ext>`` (FLAC where the codec has no encoder):
    every redacted word overwritten with a tone or silence on the channel that spoke it."""
    from scorer.redact import audio_spans, redact_audio

    target = out_dir / f"{original.call_id}.redacted{source.suffix.lower()}"
    return redact_audio(source, audio_spans(red, channel_map(original)), target, mode=mode)
