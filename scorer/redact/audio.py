"""Redacted recordings: every redacted word replaced by a tone or by silence.

:func:`redact_audio` decodes a recording with PyAV at its own sample rate and channel
count, overwrites each span (padded by ``pad_s`` on both sides, clipped to the file) on the
channel that spoke it (all channels when the channel is unknown or the file is mono), and
encodes the result with the source's codec into the caller's container, or into FLAC when
PyAV has no encoder for it. It streams frame by frame (memory stays flat on long calls) and
writes atomically: a temporary file beside the output, then ``os.replace``.

    spans = audio_spans(redacted, {"rep": 0, "customer": 1})
    written = redact_audio("call.ogg", spans, "out/call.redacted.ogg")   # may end in .flac
"""
from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping, Sequence

import numpy as np

from scorer.redact.options import RedactionError

log = logging.getLogger("scorer")

AudioMode = Literal["beep", "silence"]
AUDIO_MODES: tuple[str, ...] = ("beep", "silence")
TONE_HZ = 1000.0
TONE_DBFS = -20.0
"""Level of the tone (dB relative to full scale): clearly audible, not painful."""
_OPUS_MIN_BPS_PER_CHANNEL = 16_000
_RAMP_S = 0.005  # fade the tone in and out over 5 ms so it does not click
# Decoder name -> encoder to try first (PyAV names): the same codec where one exists.
_ENCODERS = {"mp3float": "libmp3lame", "mp3": "libmp3lame", "opus": "libopus", "vorbis": "libvorbis",
             "aac": "aac", "flac": "flac", "alac": "alac"}


@dataclass(frozen=True, slots=True)
class AudioSpan:
    """A stretch of audio to overwrite, in seconds; ``channel`` None means every channel."""

    start_s: float
    end_s: float
    channel: int | None = None


def audio_spans(redacted: Any, channels: Mapping[str, int] | None = None) -> tuple[AudioSpan, ...]:
    """The audio spans of a ``RedactedTranscript``'s redactions.

    ``channels`` maps a speaker role to its channel (``{"rep": 0, "customer": 1}`` for a
    stereo call with the rep on the left); a role not in it (and every role when it is
    None) is overwritten on all channels. Redactions without times are skipped.
    """
    out = []
    for r in redacted.redactions:
        if r.start_s is None or r.end_s is None:
            continue
        out.append(AudioSpan(float(r.start_s), float(r.end_s),
                             None if channels is None else channels.get(r.speaker)))
    return tuple(out)


def redact_audio(src_path: str | os.PathLike[str], spans: Iterable[AudioSpan],
                 out_path: str | os.PathLike[str], mode: AudioMode = "beep",
                 pad_s: float = 0.15) -> Path:
    """Write ``src_path`` with every span overwritten to ``out_path``; return the path
    actually written (its extension becomes ``.flac`` where the source codec has no
    encoder in this PyAV build or the container cannot hold it).

    ``mode``: ``beep`` (a 1 kHz tone at -20 dBFS) or ``silence`` (digital silence).
    ``pad_s``: seconds added before and after each span (word timestamps are tight).
    Raises :class:`RedactionError` for an unreadable source or an unwritable output.
    """
    import av

    if mode not in AUDIO_MODES:
        raise RedactionError(f"unknown audio redaction mode {mode!r}; expected one of: "
                             f"{', '.join(AUDIO_MODES)}")
    if pad_s < 0:
        raise RedactionError(f"pad_s must be >= 0 seconds, got {pad_s}")
    src, out = Path(src_path), Path(out_path)
    spans = list(spans)
    try:
        with av.open(str(src)) as probe:
            stream = _audio_stream(probe, src)
            codec = stream.codec_context.name or ""
    except av.FFmpegError as exc:
        raise RedactionError(f"{src}: cannot be decoded ({exc}); give the original recording") from exc
    encoder = _ENCODERS.get(codec, codec)
    attempts = [(out, encoder)] if _has_encoder(encoder) else []
    attempts.append((out.with_suffix(".flac"), "flac"))
    last_error: Exception | None = None
    for target, enc in attempts:
        try:
            _write(src, spans, target, enc, mode, pad_s)
            if target != out:
                log.info("%s: no %s encoder for %s; wrote FLAC to %s", src, codec, out.suffix, target)
            return target
        except (av.FFmpegError, ValueError, OSError) as exc:
            last_error = exc
            log.debug("%s: encoding with %s into %s failed: %s", src, enc, target, exc)
    raise RedactionError(f"cannot write the redacted recording {out} ({last_error}); check the "
                         f"folder exists and is writable")


def _audio_stream(container: Any, src: Path) -> Any:
    streams = [s for s in container.streams if s.type == "audio"]
    if not streams:
        raise RedactionError(f"{src}: holds no audio stream; give a recording (wav, flac, mp3, "
                             f"m4a, ogg, opus, webm)")
    return streams[0]


def _has_encoder(name: str) -> bool:
    import av

    try:
        av.codec.Codec(name, "w")
    except Exception:  # unknown codec name, or decoder only
        return False
    return name not in ("vorbis",)  # FFmpeg's own vorbis encoder is experimental: use FLAC


def _write(src: Path, spans: Sequence[AudioSpan], target: Path, encoder: str, mode: str,
           pad_s: float) -> None:
    import av

    tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp{target.suffix}")
    try:
        with av.open(str(src)) as inp:
            stream = _audio_stream(inp, src)
            rate = int(stream.codec_context.sample_rate or stream.rate)
            layout = stream.codec_context.layout.name
            with av.open(str(tmp), "w") as outc:
                # libopus stays at its default complexity (10): lower settings code the two
                # channels jointly enough that one party leaks into the other's channel
                # (-46 dBFS at 5, which Whisper transcribes; -75 dBFS at 10).
                ostream = outc.add_stream(encoder, rate=rate, layout=layout)
                bit_rate = _bit_rate(inp, stream, src)
                if encoder == "libopus":
                    # At 24 kbit/s stereo libopus codes the channels jointly and one party
                    # leaks into the other's (silent) channel at -75 dBFS, which Whisper
                    # transcribes; from 16 kbit/s per channel it does not.
                    bit_rate = max(bit_rate or 0, _OPUS_MIN_BPS_PER_CHANNEL * stream.codec_context.channels)
                if bit_rate and encoder not in ("flac", "alac") and not encoder.startswith("pcm_"):
                    ostream.bit_rate = bit_rate  # about the source's size
                _stream_frames(inp, stream, outc, ostream, rate, layout, spans, mode, pad_s)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _bit_rate(inp: Any, stream: Any, src: Path) -> int | None:
    """The source's audio bit rate (bit/s): declared, or its size over its duration."""
    declared = stream.codec_context.bit_rate or stream.bit_rate
    if declared:
        return int(declared)
    if inp.duration:
        return int(src.stat().st_size * 8 / (inp.duration / 1_000_000))
    return None


def _stream_frames(inp: Any, stream: Any, outc: Any, ostream: Any, rate: int, layout: str,
                   spans: Sequence[AudioSpan], mode: str, pad_s: float) -> None:
    """Decode, overwrite and encode frame by frame (planar float32 in between)."""
    import av

    # One-second frames: fewer, larger numpy operations than the codec's 20 ms frames.
    resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate, frame_size=rate)
    intervals = _intervals(spans, rate, pad_s)
    pos = 0

    def emit(frame: Any) -> None:
        nonlocal pos
        samples = frame.to_ndarray().astype(np.float32, copy=True)
        _overwrite(samples, pos, rate, intervals, mode)
        pos += samples.shape[1]
        new = av.AudioFrame.from_ndarray(samples, format="fltp", layout=layout)
        new.sample_rate = rate
        for packet in ostream.encode(new):
            outc.mux(packet)

    for packet in inp.demux(stream):
        for frame in packet.decode():
            for out in resampler.resample(frame):
                emit(out)
    for out in resampler.resample(None):
        emit(out)
    for packet in ostream.encode(None):
        outc.mux(packet)


def _intervals(spans: Sequence[AudioSpan], rate: int, pad_s: float) -> list[tuple[int, int, int | None]]:
    """Sample intervals ``[a, b)`` per channel, padded, negative starts clipped to 0."""
    out = []
    for s in spans:
        a = max(0, int(math.floor((min(s.start_s, s.end_s) - pad_s) * rate)))
        b = int(math.ceil((max(s.start_s, s.end_s) + pad_s) * rate))
        if b > a:
            out.append((a, b, s.channel))
    return sorted(out)


def _overwrite(samples: np.ndarray, pos: int, rate: int, intervals: list[tuple[int, int, int | None]],
               mode: str) -> None:
    """Overwrite the parts of ``samples`` (channels x n, starting at sample ``pos``) that
    fall in ``intervals``, in place."""
    n_ch, n = samples.shape
    end = pos + n
    for a, b, channel in intervals:
        if b <= pos or a >= end:
            continue
        lo, hi = max(a, pos), min(b, end)
        rows = range(n_ch) if channel is None or not 0 <= channel < n_ch or n_ch == 1 else [channel]
        idx = np.arange(lo, hi)
        if mode == "beep":
            amp = 10 ** (TONE_DBFS / 20)
            ramp = max(1, int(_RAMP_S * rate))
            env = np.minimum(1.0, np.minimum(idx - a + 1, b - idx) / ramp)
            fill = (amp * env * np.sin(2 * np.pi * TONE_HZ * idx / rate)).astype(np.float32)
        else:
            fill = np.zeros(hi - lo, dtype=np.float32)
        for ch in rows:
            samples[ch, lo - pos:hi - pos] = fill
