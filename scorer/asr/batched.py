"""The batched pipeline: the speech of every channel, packed into clips, decoded in batches by
faster-whisper's ``BatchedInferencePipeline`` (the default; ``pipeline="sequential"`` is the
older path that decodes each channel on its own).

Per window of the call (``scorer.asr.signal.windows``, so memory stays bounded), each
channel's speech pieces (``scorer.asr.clips.speech_pieces``: VAD only where the channel is
not digital silence, silence and crosstalk dropped before the model) are packed into clips
of at most 30 s in time order across channels, the clips are decoded ``batch_size`` at a
time with word timestamps, and each word goes back to its channel and time
(``scorer.asr.clips.ClipMap``), where the silence and crosstalk checks run once more on the
word itself. Decoding is greedy or beam search at temperature 0 only: no sampling, so the
same file gives the same words on one machine.
"""
from __future__ import annotations

import logging
from typing import Any, Sequence

import numpy as np

from scorer.asr.clips import ClipMap, pack, speech_pieces
from scorer.asr.signal import Reader, rejection, windows
from scorer.asr.turns import TURN_PAUSE_S, Segment
from scorer.types import Word

logger = logging.getLogger("scorer")

WORD_MARGIN_S = 0.1
"""Each word's silence and crosstalk check looks this far (s) either side of its timestamps,
which DTW alignment places to within about that."""
_SENTENCE_END = (".", "?", "!")


def batched_segments(pipeline: Any, readers: Sequence[Reader], levels: Sequence[np.ndarray],
                     num_samples: int, *, language: str, beam_size: int, batch_size: int) -> list[list[Segment]]:
    """Each channel's segments (one per sentence), in the channel's time line.

    ``pipeline`` is a ``faster_whisper.BatchedInferencePipeline``; ``readers`` and ``levels``
    (``frame_levels_dbfs``) are given per channel, in channel order.
    """
    words: list[list[tuple[Word, str]]] = [[] for _ in readers]
    joint = np.maximum.reduce(list(levels)) if len(levels) > 1 else levels[0]
    for a, b in windows(joint, num_samples):
        samples = [read(a, b) for read in readers]
        pieces = []
        for ch, signal in enumerate(samples):
            other = levels[1 - ch] if len(levels) == 2 else None
            found, dropped = speech_pieces(ch, signal, a, levels[ch], other)
            pieces.extend(found)
            for why in dropped:
                logger.debug("channel %d: skipped %s", ch, why)
        if not pieces:
            continue
        clips = ClipMap(pack(pieces), samples, a)
        del samples, pieces
        for ch, word, raw in _decode(pipeline, clips, language, beam_size, batch_size):
            other = levels[1 - ch] if len(levels) == 2 else None
            why = rejection(word.start_s - WORD_MARGIN_S, word.end_s + WORD_MARGIN_S, levels[ch], other)
            if why:
                logger.debug("dropped %r at %.2f s on channel %d: %s", word.text, word.start_s, ch, why)
                continue
            words[ch].append((word, raw))
    return [sentences(sorted(ws, key=lambda item: item[0].start_s)) for ws in words]


def _decode(pipeline: Any, clips: ClipMap, language: str, beam_size: int,
            batch_size: int) -> list[tuple[int, Word, str]]:
    """(channel, word in the channel's time line, the word as Whisper wrote it) of every clip."""
    spans = [{"start": start, "end": end} for start, end in clips.clip_spans]
    segments, _info = pipeline.transcribe(
        clips.audio, language=language, beam_size=beam_size, word_timestamps=True,
        batch_size=batch_size, clip_timestamps=spans, temperature=0.0)
    out = []
    for seg in segments:  # a lazy generator: decoding happens here
        for w in seg.words or ():
            text = w.word.strip()
            if not text:
                continue
            where = clips.locate(float(w.start), float(w.end))
            if where is None:
                continue
            channel, start_s, end_s = where
            out.append((channel, Word(text, start_s, max(start_s, end_s), float(w.probability)), w.word))
    return out


def sentences(words: Sequence[tuple[Word, str]]) -> list[Segment]:
    """Timed words as segments: one per sentence, also cut at pauses of ``TURN_PAUSE_S``."""
    out: list[Segment] = []
    current: list[tuple[Word, str]] = []

    def flush() -> None:
        if current:
            ws = tuple(w for w, _ in current)
            out.append(Segment(ws[0].start_s, max(w.end_s for w in ws),
                               "".join(raw for _, raw in current).strip(), ws, tuple(raw for _, raw in current)))
            current.clear()

    for word, raw in words:
        if current and word.start_s - current[-1][0].end_s >= TURN_PAUSE_S:
            flush()
        current.append((word, raw))
        if word.text.rstrip("\"')]").endswith(_SENTENCE_END):
            flush()
    flush()
    return out


__all__ = ["WORD_MARGIN_S", "batched_segments", "sentences"]
