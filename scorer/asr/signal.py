"""Passes over a decoded signal that need no model: 20 ms levels, windows for long calls cut
in pauses, the dual-mono check, and Silero VAD speech regions (faster-whisper's copy).

Every pass reads a channel a block (``BLOCK`` samples, 60 s) at a time, so memory does not
grow with the call; a channel is given as a ``Reader`` (samples ``[start, stop)``).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from scorer.asr.decode import SAMPLE_RATE

SILENCE_DBFS = -60.0
"""A segment whose loudest 20 ms is quieter than this (dB re full scale) is dropped as silence."""
CROSSTALK_MARGIN_DB = 15.0
"""In a stereo call, a segment this much quieter than the other channel at the same time is
the other party leaking across (line echo, joint-stereo coding), not speech, and is dropped."""
WINDOW_S = 600.0
"""A channel is transcribed in windows at most this long (s), so memory does not grow with
the call; each cut falls in the quietest half second of the window's last ``CUT_SEARCH_S``."""
CUT_SEARCH_S = 30.0
FRAME = SAMPLE_RATE // 50  # 20 ms
BLOCK = 3000 * FRAME  # 60 s: the unit of the passes that read a whole channel
_CUT_FRAMES = 25  # half a second of 20 ms frames: the quiet stretch a window is cut in
# Two channels this alike (correlation, and level within 2 dB) are one signal saved twice.
_DUAL_MONO_CORRELATION = 0.98
_DUAL_MONO_LEVEL_RATIO = 10 ** (2 / 20)

Reader = Callable[[int, int], np.ndarray]
"""Samples ``[start, stop)`` of one signal of a recording (a channel, or the channels mixed)."""


def blocks(num_samples: int) -> list[tuple[int, int]]:
    """(start, stop) spans of ``BLOCK`` samples covering a signal."""
    return [(a, min(a + BLOCK, num_samples)) for a in range(0, num_samples, BLOCK)]


def same_signal(read_a: Reader, read_b: Reader, num_samples: int) -> bool:
    energy_a = energy_b = cross = 0.0
    for start, stop in blocks(num_samples):
        a = read_a(start, stop).astype(np.float64)
        b = read_b(start, stop).astype(np.float64)
        energy_a, energy_b, cross = energy_a + a @ a, energy_b + b @ b, cross + a @ b
    if energy_a == 0.0 or energy_b == 0.0:
        return energy_a == energy_b
    level_ratio = np.sqrt(max(energy_a, energy_b) / min(energy_a, energy_b))
    correlation = cross / np.sqrt(energy_a * energy_b)
    return correlation > _DUAL_MONO_CORRELATION and level_ratio < _DUAL_MONO_LEVEL_RATIO


def frame_levels_dbfs(read: Reader, num_samples: int) -> np.ndarray:
    """RMS level (dBFS) of each 20 ms frame of a signal; a trailing partial frame is dropped."""
    out = []
    for start, stop in blocks(num_samples):
        samples = read(start, stop)
        n = samples.shape[0] // FRAME
        frames = samples[: n * FRAME].reshape(n, FRAME)
        power = np.einsum("ij,ij->i", frames, frames, dtype=np.float64) / FRAME
        out.append(10.0 * np.log10(np.maximum(power, 1e-12)))
    return np.concatenate(out) if out else np.zeros(0)


def windows(levels: np.ndarray, num_samples: int, window_s: float | None = None,
             search_s: float | None = None) -> list[tuple[int, int]]:
    """(start, stop) sample spans that cover a channel, each at most ``window_s`` long
    (default ``WINDOW_S``).

    Each cut is at the middle of the quietest half second (by mean frame level) within the
    last ``search_s`` (default ``CUT_SEARCH_S``) of its window, so that it falls in a pause
    rather than in a word.
    """
    window_s = WINDOW_S if window_s is None else window_s
    search_s = CUT_SEARCH_S if search_s is None else search_s
    if window_s < 1.0:
        raise ValueError(f"transcription windows must be at least 1 s long, not {window_s} s")
    window = int(window_s * SAMPLE_RATE) // FRAME * FRAME
    search = min(int(search_s * SAMPLE_RATE) // FRAME * FRAME, window // 2)
    spans, start = [], 0
    while num_samples - start > window:
        lo, hi = (start + window - search) // FRAME, (start + window) // FRAME
        stretch = levels[lo:hi]
        if stretch.size >= _CUT_FRAMES:
            quiet = np.convolve(stretch, np.ones(_CUT_FRAMES) / _CUT_FRAMES, mode="valid")
            best = np.flatnonzero(quiet <= quiet.min() + 0.01)
            breaks = np.flatnonzero(np.diff(best) > 1)
            run = best[: breaks[0] + 1] if breaks.size else best  # the first quietest stretch
            cut = (lo + int(run[len(run) // 2]) + _CUT_FRAMES // 2) * FRAME  # mid-pause
        else:
            cut = start + window
        spans.append((start, cut))
        start = cut
    spans.append((start, num_samples))
    return spans


def span_level_dbfs(levels: np.ndarray, start_s: float, end_s: float) -> float:
    """Level (dBFS) of the loud part of a span: the 95th percentile of its 20 ms frames."""
    first = max(0, int(start_s * 50))
    span = levels[first:max(first + 1, int(np.ceil(end_s * 50)))]
    if not span.size:
        return -120.0
    # np.percentile(span, 95) (linear interpolation), without its overhead: this runs per word.
    ordered = np.sort(span)
    at = 0.95 * (ordered.size - 1)
    low = int(at)
    high = min(low + 1, ordered.size - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (at - low))


def rejection(start_s: float, end_s: float, levels: np.ndarray,
              other_levels: np.ndarray | None) -> str | None:
    """Why a decoded span is not speech on its channel, or None to keep it."""
    level = span_level_dbfs(levels, start_s, end_s)
    if level < SILENCE_DBFS:
        return f"silence ({level:.0f} dBFS)"
    if other_levels is not None:
        other = span_level_dbfs(other_levels, start_s, end_s)
        if level < other - CROSSTALK_MARGIN_DB:
            return f"crosstalk from the other channel ({level:.0f} vs {other:.0f} dBFS)"
    return None


def speech_regions(samples: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) sample spans in which Silero VAD (faster-whisper's copy) finds speech."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    stamps = get_speech_timestamps(samples, VadOptions(), sampling_rate=SAMPLE_RATE)
    return [(int(s["start"]), int(s["end"])) for s in stamps]
