"""Speech of a call cut into clips for batched decoding, and the clips' times mapped back.

The batched pipeline (``TranscribeOptions(pipeline="batched")``, the default) hands Whisper
only speech: each channel's Silero VAD regions (``speech_pieces``), found only where the
channel is not digital silence, and of those only the ones that are neither silence nor the
other party leaking across (``scorer.asr.signal.rejection``), so the model never sees the
silent half of a channel. The pieces of both channels are then packed, in time order, into
clips of at most ``CLIP_S`` (Whisper's 30 s input; ``pack``), because the encoder costs the
same for a full clip as for a nearly empty one, and a clip of the conversation in order reads
to Whisper like the call itself. ``ClipMap`` takes each decoded word back to its piece: its
channel and its time in that channel.

Pure numpy apart from the VAD (faster-whisper's bundled Silero ONNX model).
"""
from __future__ import annotations

import bisect
from typing import NamedTuple, Sequence

import numpy as np

from scorer.asr.decode import SAMPLE_RATE
from scorer.asr.signal import FRAME, SILENCE_DBFS, rejection

CLIP_S = 30.0
"""Longest clip (s): Whisper's input window. Every clip is padded to it before encoding."""
PIECE_GAP_S = 0.2
"""Silence (s) put between two pieces in a clip, so that a word cannot run from one into the
next and Whisper hears a pause where the speaker changes."""
VAD_MIN_SILENCE_MS = 160
"""A pause this long (ms) ends a VAD region: faster-whisper's batched default, so pieces are
short enough to pack clips full."""
VAD_PAD_MS = 200
"""Audio (ms) kept on each side of a VAD region, so that word edges are not cut."""
MERGE_TOUCHING = True
_TOUCHING = FRAME  # regions whose padding meets (a pause under twice VAD_PAD_MS) stay one piece
_LOUD_MERGE_FRAMES = 50  # 1 s: loud stretches closer than this are one stretch for the VAD
_LOUD_PAD_FRAMES = 25  # 0.5 s of context each side of a loud stretch for the VAD


class Piece(NamedTuple):
    """A stretch of speech of one channel: samples ``[start, stop)`` of that channel."""

    channel: int
    start: int
    stop: int

    @property
    def duration_s(self) -> float:
        return (self.stop - self.start) / SAMPLE_RATE


def loud_spans(levels: np.ndarray, start: int, stop: int) -> list[tuple[int, int]]:
    """Sample spans within ``[start, stop)`` where a channel is louder than ``SILENCE_DBFS``
    (with half a second of margin), i.e. everything that is not digital silence."""
    lo, hi = start // FRAME, -(-stop // FRAME)
    loud = np.flatnonzero(levels[lo:hi] >= SILENCE_DBFS)
    if loud.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(loud) > _LOUD_MERGE_FRAMES)
    firsts = np.concatenate([[loud[0]], loud[breaks + 1]])
    lasts = np.concatenate([loud[breaks], [loud[-1]]])
    spans = []
    for first, last in zip(firsts.tolist(), lasts.tolist()):
        a = max(start, (lo + first - _LOUD_PAD_FRAMES) * FRAME)
        b = min(stop, (lo + last + 1 + _LOUD_PAD_FRAMES) * FRAME)
        if b > a:
            spans.append((a, b))
    return spans


def vad_regions(samples: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) sample spans of speech in ``samples`` (Silero VAD), each at most ``CLIP_S``."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if samples.shape[0] < FRAME:
        return []
    options = VadOptions(min_silence_duration_ms=VAD_MIN_SILENCE_MS, speech_pad_ms=VAD_PAD_MS,
                         max_speech_duration_s=CLIP_S)
    return [(int(s["start"]), int(s["end"])) for s in get_speech_timestamps(samples, options)]


def speech_pieces(channel: int, samples: np.ndarray, offset: int, levels: np.ndarray,
                  other_levels: np.ndarray | None) -> tuple[list[Piece], list[str]]:
    """The pieces of speech of one channel's window (``samples`` start at sample ``offset``
    of the channel), and why each dropped region was dropped.

    The VAD runs only over the loud stretches (``loud_spans``); a region quieter than
    ``SILENCE_DBFS`` or ``CROSSTALK_MARGIN_DB`` below the other channel is dropped here,
    before any model sees it.
    """
    pieces: list[Piece] = []
    dropped: list[str] = []
    for a, b in loud_spans(levels, offset, offset + samples.shape[0]):
        for start, stop in vad_regions(samples[a - offset: b - offset]):
            piece = Piece(channel, a + start, a + stop)
            why = rejection(piece.start / SAMPLE_RATE, piece.stop / SAMPLE_RATE, levels, other_levels)
            if why:
                dropped.append(f"{piece.start / SAMPLE_RATE:.2f}-{piece.stop / SAMPLE_RATE:.2f} s: {why}")
            elif (pieces and MERGE_TOUCHING and piece.start - pieces[-1].stop <= _TOUCHING
                  and piece.stop - pieces[-1].start <= CLIP_S * SAMPLE_RATE):
                pieces[-1] = Piece(channel, pieces[-1].start, piece.stop)  # one sentence pause
            else:
                pieces.append(piece)
    return pieces, dropped


def pack(pieces: Sequence[Piece], clip_s: float = CLIP_S, gap_s: float | None = None) -> list[list[Piece]]:
    """Pieces in time order (either channel), packed greedily into clips of at most ``clip_s``
    with ``gap_s`` (default ``PIECE_GAP_S``) of silence between pieces. A piece is never
    split (VAD regions are at most ``CLIP_S``)."""
    gap_s = PIECE_GAP_S if gap_s is None else gap_s
    limit, gap = int(clip_s * SAMPLE_RATE), int(gap_s * SAMPLE_RATE)
    clips: list[list[Piece]] = []
    used = 0
    for piece in sorted(pieces, key=lambda p: (p.start, p.channel)):
        size = min(piece.stop - piece.start, limit)
        if clips and used + gap + size <= limit:
            clips[-1].append(piece)
            used += gap + size
        else:
            clips.append([piece])
            used = size
    return clips


class _Placed(NamedTuple):
    at: int  # first sample of the piece in the joined audio
    piece: Piece
    clip: int


class ClipMap:
    """Clips joined into one signal for the decoder, and the way back from its time line.

    ``audio`` is every clip's pieces one after another (``gap_s`` of zeros between pieces,
    none between clips); ``clip_spans`` are the clips' (start_s, end_s) in it, the
    ``clip_timestamps`` that faster-whisper's batched pipeline takes.
    """

    def __init__(self, clips: Sequence[Sequence[Piece]], read: Sequence[np.ndarray], offset: int,
                 gap_s: float | None = None) -> None:
        gap = np.zeros(int((PIECE_GAP_S if gap_s is None else gap_s) * SAMPLE_RATE), dtype=np.float32)
        parts: list[np.ndarray] = []
        self._placed: list[_Placed] = []
        self.clip_spans: list[tuple[float, float]] = []
        at = 0
        for c, clip in enumerate(clips):
            first = at
            for i, piece in enumerate(clip):
                if i:
                    parts.append(gap)
                    at += gap.shape[0]
                samples = read[piece.channel][piece.start - offset: piece.stop - offset]
                parts.append(samples)
                self._placed.append(_Placed(at, piece, c))
                at += samples.shape[0]
            self.clip_spans.append((first / SAMPLE_RATE, at / SAMPLE_RATE))
        self.audio = np.concatenate(parts).astype(np.float32, copy=False) if parts else np.zeros(0, np.float32)
        self._starts = [p.at for p in self._placed]

    def locate(self, start_s: float, end_s: float) -> tuple[int, float, float] | None:
        """(channel, start_s, end_s) in the channel's own time line of a word decoded at
        ``start_s..end_s`` of ``audio``: the piece that holds the word's middle (or the
        nearest piece of the same clip when the middle falls in a gap), its times clamped
        to that piece. None when there are no pieces."""
        if not self._placed:
            return None
        mid = (start_s + end_s) / 2 * SAMPLE_RATE
        i = max(0, bisect.bisect_right(self._starts, mid) - 1)
        here = self._placed[i]
        if mid >= here.at + (here.piece.stop - here.piece.start) and i + 1 < len(self._placed):
            after = self._placed[i + 1]
            # in the gap after piece i: take the nearer piece of the same clip
            if after.clip == here.clip and after.at - mid < mid - (here.at + here.piece.stop - here.piece.start):
                here = after
        piece = here.piece
        lo, hi = piece.start / SAMPLE_RATE, piece.stop / SAMPLE_RATE
        shift = (piece.start - here.at) / SAMPLE_RATE

        def back(t: float) -> float:
            return round(min(max(t + shift, lo), hi), 3)

        return piece.channel, back(start_s), back(end_s)
