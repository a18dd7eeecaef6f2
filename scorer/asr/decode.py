"""Decode a recording into 16 kHz float32 signals, one per channel, with PyAV only.

Channels stay separate because a stereo call recording usually holds one party per
channel (see ``scorer.asr``). Decoding streams packet by packet through one PyAV
resampler, so the compressed file is never held in memory. ``decode_audio`` returns the
signals in memory (16,000 samples/s x 4 bytes: about 460 MB per channel for a 2-hour call);
``open_audio``, which transcription uses, keeps memory bounded instead: a recording longer
than ``SPOOL_AFTER_S`` is written as it decodes to one anonymous raw float32 temporary file
per channel, and read back a window at a time.

A file cut short is refused where its header states the length (WAV, FLAC, MP3 with a
Xing/Info/VBRI header, MP4/M4A, Matroska/WebM); an Ogg or raw AAC stream cut short decodes
to the part that is there, as nothing in it says more was expected.
"""
from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from scorer.errors import AudioError

logger = logging.getLogger("scorer")

SAMPLE_RATE = 16_000
"""Samples per second of every decoded signal (what Whisper expects)."""
SPOOL_AFTER_S = 20 * 60
"""``open_audio`` keeps a recording up to this long (s) in memory and spools a longer one
to temporary files (``TMPDIR``; 2 x 230 MB per stereo hour), so memory stays bounded."""

AUDIO_EXTENSIONS: frozenset[str] = frozenset({
    ".wav", ".wave", ".flac", ".mp3", ".m4a", ".mp4", ".aac",
    ".ogg", ".oga", ".opus", ".webm",
})
"""File name endings (lower case, with the dot) treated as recordings."""

# A file whose decoded length falls this far short of the length its header declares is
# reported as truncated rather than silently scored on the part that survived. The margin
# absorbs encoder padding, which is a few tens of milliseconds.
_TRUNCATION_MIN_MISSING_S = 0.2
_TRUNCATION_MIN_MISSING_FRACTION = 0.02
# Containers whose header states the true length. Others (ADTS aac, mp3 without a Xing/VBRI
# header, ogg) get a length that FFmpeg estimates from the bit rate, which can be far off
# for variable bit rates, so a short decode there proves nothing.
_LENGTH_IN_HEADER_FORMATS = frozenset({"flac", "mp3", "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"})
_MP3_LENGTH_TAGS = (b"Xing", b"Info", b"VBRI")
_RIFF_SIZE_UNKNOWN = (0, 0xFFFFFFFF)  # what streaming writers put before they know the size
_RESAMPLE_BLOCK_S = 1.0  # decoded audio gathered before each resampling (see _Batcher)


@dataclass(frozen=True, eq=False)
class DecodedAudio:
    """A decoded recording.

    ``channels`` holds one float32 array per channel (values in [-1, 1], ``sample_rate``
    samples per second, all the same length); ``duration_s`` is their length in seconds.
    ``source_sample_rate`` (Hz) and ``codec`` describe the file as it was before decoding.
    """

    channels: tuple[np.ndarray, ...]
    sample_rate: int
    duration_s: float
    path: str
    source_sample_rate: int = 0
    codec: str = ""

    @property
    def num_channels(self) -> int:
        return len(self.channels)

    @property
    def num_samples(self) -> int:
        return int(self.channels[0].shape[0])

    def read(self, channel: int, start: int, stop: int) -> np.ndarray:
        """Samples ``[start, stop)`` of one channel."""
        return self.channels[channel][max(0, start):stop]

    def close(self) -> None:
        """Nothing to release (``SpooledAudio`` deletes its files here)."""

    def __enter__(self) -> DecodedAudio:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def mono(self) -> np.ndarray:
        """All channels averaged into one float32 signal."""
        return mix_down(self.channels)


def mix_down(channels: Sequence[np.ndarray]) -> np.ndarray:
    """Equal-length signals averaged into one float32 signal (a single one as it is)."""
    if len(channels) == 1:
        return channels[0]
    return np.mean(np.stack(channels), axis=0, dtype=np.float32)


class SpooledAudio:
    """A decoded recording kept on disk: one anonymous temporary file of raw float32 per
    channel (the operating system deletes it when it is closed, or when the process dies,
    even by SIGKILL), read a window at a time with ``read``. ``close`` (or leaving a
    ``with`` block) releases the files. Same attributes as ``DecodedAudio`` but ``channels``."""

    sample_rate = SAMPLE_RATE

    def __init__(self, files: tuple[Any, ...], num_samples: int, path: str,
                 source_sample_rate: int = 0, codec: str = "") -> None:
        self.files, self.num_samples = files, num_samples
        self.path, self.source_sample_rate, self.codec = path, source_sample_rate, codec
        self.duration_s = num_samples / SAMPLE_RATE

    @property
    def num_channels(self) -> int:
        return len(self.files)

    def read(self, channel: int, start: int, stop: int) -> np.ndarray:
        """Samples ``[start, stop)`` of one channel, read from its file."""
        start, stop = max(0, start), min(stop, self.num_samples)
        if stop <= start:
            return np.zeros(0, dtype=np.float32)
        f = self.files[channel]
        f.seek(start * 4)
        return np.frombuffer(f.read((stop - start) * 4), dtype=np.float32)

    def close(self) -> None:
        for f in self.files:
            f.close()

    def __enter__(self) -> SpooledAudio:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Sink:
    """Collects decoded chunks (channels x samples): in memory, or past ``limit`` samples
    in per-channel temporary files. Checks that the channel count holds and every sample
    is finite."""

    def __init__(self, p: Path, limit: int | None) -> None:
        self.p, self.limit = p, limit
        self.chunks: list[np.ndarray] = []
        self.num_channels = 0
        self.num_samples = 0
        self.files: list[Any] = []

    def add(self, chunk: np.ndarray) -> None:
        if not chunk.size:
            return
        if not self.num_channels:
            self.num_channels = chunk.shape[0]
        elif chunk.shape[0] != self.num_channels:
            raise AudioError(f"{self.p}: the channel count changes inside the file; re-export it "
                             f"with a fixed channel layout")
        if not np.isfinite(chunk).all():
            raise AudioError(f"{self.p}: decoded samples are not finite numbers; the file is corrupt")
        self.num_samples += chunk.shape[1]
        if self.files:
            self._write(chunk)
            return
        self.chunks.append(chunk)
        if self.limit is not None and self.num_samples > self.limit:
            try:
                self.files = [tempfile.TemporaryFile(prefix="callscore-audio-")
                              for _ in range(self.num_channels)]
            except OSError as exc:
                raise self._disk_error(exc) from None
            for c in self.chunks:
                self._write(c)
            self.chunks = []

    def _write(self, chunk: np.ndarray) -> None:
        try:
            for f, row in zip(self.files, chunk):
                f.write(np.ascontiguousarray(row, dtype=np.float32).tobytes())
        except OSError as exc:
            raise self._disk_error(exc) from None

    def _disk_error(self, exc: OSError) -> AudioError:
        return AudioError(f"{self.p}: cannot spool the decoded audio to the temporary folder "
                          f"{tempfile.gettempdir()} ({exc.strerror or exc}); free space there or "
                          f"set TMPDIR to a disk with room (about 230 MB per channel-hour)")

    def finish(self, source_rate: int, codec: str) -> DecodedAudio | SpooledAudio:
        if not self.num_samples:
            raise AudioError(f"{self.p}: contains no audio samples; the recording is empty or broken")
        if self.files:
            try:
                for f in self.files:
                    f.flush()
            except OSError as exc:
                raise self._disk_error(exc) from None
            return SpooledAudio(tuple(self.files), self.num_samples, str(self.p), source_rate, codec)
        # One channel at a time keeps the peak at (decoded size + one channel).
        channels = tuple(np.ascontiguousarray(np.concatenate([c[i] for c in self.chunks]),
                                              dtype=np.float32) for i in range(self.num_channels))
        self.chunks = []
        return DecodedAudio(channels=channels, sample_rate=SAMPLE_RATE,
                            duration_s=self.num_samples / SAMPLE_RATE, path=str(self.p),
                            source_sample_rate=source_rate, codec=codec)

    def discard(self) -> None:
        """Release everything after a failure (closing a file whose last write failed may
        fail again: the file is gone all the same)."""
        for f in self.files:
            try:
                f.close()
            except OSError:
                pass
        self.files, self.chunks = [], []


class _Batcher:
    """Decoded frames gathered into about ``_RESAMPLE_BLOCK_S`` before each resampling.

    Codecs give frames of 10-60 ms; resampling and converting each one on its own cost more
    than decoding it (an Opus call: 50 frames a second). Joined in an ``av.AudioFifo`` the
    samples are the same, bit for bit, at less than half the time. A frame whose format,
    layout or rate differs from the ones before it first flushes them, so the resampler sees
    the change exactly as it would frame by frame.
    """

    def __init__(self, resampler: Any, sink: _Sink) -> None:
        self.resampler, self.sink = resampler, sink
        self.fifo: Any = None
        self.key: tuple[Any, ...] = ()
        self.block = 0

    def add(self, frame: Any) -> None:
        import av

        key = (frame.format.name, frame.layout.name, frame.sample_rate)
        if key != self.key:
            self.flush()
            self.fifo, self.key = av.AudioFifo(), key
            self.block = max(1, int(frame.sample_rate * _RESAMPLE_BLOCK_S))
        frame.pts = None  # the FIFO refuses frames whose time stamps leave gaps; times are not used
        self.fifo.write(frame)
        if self.fifo.samples >= self.block:
            self._resample(self.fifo.read(self.block))

    def flush(self) -> None:
        if self.fifo is not None and self.fifo.samples:
            self._resample(self.fifo.read())

    def _resample(self, frame: Any) -> None:
        for out in self.resampler.resample(frame):
            self.sink.add(out.to_ndarray())


def decode_audio(path: str | os.PathLike[str]) -> DecodedAudio:
    """Decode the first audio stream of ``path`` to 16 kHz float32, one array per channel.

    Any sample rate and any format the bundled FFmpeg reads is accepted (wav, flac, mp3,
    m4a/aac, ogg vorbis/opus, webm, ...). Raises ``AudioError`` (one line naming the file)
    for a missing, empty, corrupt, truncated or non-audio file.
    """
    audio = _open(Path(path), None)
    assert isinstance(audio, DecodedAudio)
    return audio


def open_audio(path: str | os.PathLike[str],
               spool_after_s: float = SPOOL_AFTER_S) -> DecodedAudio | SpooledAudio:
    """Decode ``path`` as ``decode_audio`` does, but with bounded memory: a recording longer
    than ``spool_after_s`` comes back as ``SpooledAudio`` (temporary files, read a window at
    a time). Use it in a ``with`` block so that the files are deleted."""
    return _open(Path(path), int(spool_after_s * SAMPLE_RATE))


def _open(p: Path, spool_after: int | None) -> DecodedAudio | SpooledAudio:
    import av  # heavy (FFmpeg libraries): imported here so that `callscore --help` stays instant

    if not p.exists():
        raise AudioError(f"{p}: file not found; check the path")
    if p.is_dir():
        raise AudioError(f"{p}: is a folder, not an audio file")
    if p.stat().st_size == 0:
        raise AudioError(f"{p}: file is empty (0 bytes); re-export or re-download the recording")
    _check_riff_size(p)

    try:
        with av.open(str(p), mode="r") as container:
            return _decode_container(container, p, spool_after)
    except AudioError:
        raise
    except av.FFmpegError as exc:
        raise AudioError(f"{p}: cannot decode audio ({_ffmpeg_reason(exc)}); the file is corrupt "
                         f"or not a recording: re-export it as wav, flac or mp3") from None
    except (OSError, ValueError, IndexError) as exc:
        # PyAV raises these for some malformed headers (e.g. a zero channel count).
        raise AudioError(f"{p}: cannot decode audio ({exc}); the file is corrupt or not a "
                         f"recording: re-export it as wav, flac or mp3") from None


def _decode_container(container: Any, p: Path, spool_after: int | None) -> DecodedAudio | SpooledAudio:
    import av

    streams = [s for s in container.streams if s.type == "audio"]
    if not streams:
        raise AudioError(f"{p}: holds no audio stream; give a recording (wav, flac, mp3, m4a, "
                         f"ogg, opus, webm)")
    stream = streams[0]
    codec = stream.codec_context.name or ""
    source_rate = int(stream.codec_context.sample_rate or stream.rate or 0)
    declared_s = _declared_duration_s(container, stream, p)

    # "fltp" is planar float32: to_ndarray() gives (channels, samples), channels kept apart.
    resampler = av.AudioResampler(format="fltp", rate=SAMPLE_RATE)
    sink = _Sink(p, spool_after)
    fifo = _Batcher(resampler, sink)
    try:
        for packet in container.demux(stream):
            for frame in packet.decode():
                fifo.add(frame)
        fifo.flush()
        for out in resampler.resample(None):
            sink.add(out.to_ndarray())
        duration_s = sink.num_samples / SAMPLE_RATE
        if declared_s is not None and sink.num_samples:
            missing_s = declared_s - duration_s
            if missing_s > max(_TRUNCATION_MIN_MISSING_S, _TRUNCATION_MIN_MISSING_FRACTION * declared_s):
                raise AudioError(f"{p}: truncated: decoded {duration_s:.1f} s of the {declared_s:.1f} s "
                                 f"the file declares; re-export or re-download the recording")
        audio = sink.finish(source_rate, codec)
    except BaseException:
        sink.discard()
        raise
    logger.debug("decoded %s: %s, %d Hz, %d channel(s), %.1f s%s", p, codec, source_rate,
                 audio.num_channels, audio.duration_s,
                 " (spooled to disk)" if isinstance(audio, SpooledAudio) else "")
    return audio


def _declared_duration_s(container: Any, stream: Any, p: Path) -> float | None:
    """The length (s) the file's header states, or None where no header states it."""
    fmt = container.format.name
    if fmt not in _LENGTH_IN_HEADER_FORMATS:
        return None
    if fmt == "mp3" and not _mp3_has_length_header(p):
        return None
    if stream.duration is not None and stream.time_base is not None:
        declared = float(stream.duration * stream.time_base)
    elif container.duration is not None:  # Matroska states the length for the whole file only
        declared = container.duration / 1_000_000
    else:
        return None
    return declared if declared > 0 else None


def _mp3_has_length_header(p: Path) -> bool:
    """True when the first mp3 frame carries a Xing, Info or VBRI header (an exact length)."""
    with p.open("rb") as f:
        head = f.read(10)
        offset = 0
        if head[:3] == b"ID3" and len(head) == 10:  # skip an ID3v2 tag: its size is syncsafe
            offset = 10 + ((head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9])
        f.seek(offset)
        first_frame = f.read(4096)
    return any(tag in first_frame for tag in _MP3_LENGTH_TAGS)


def _check_riff_size(p: Path) -> None:
    """Raise AudioError when a WAV header declares more bytes than the file holds.

    FFmpeg quietly decodes what is there, so a cut-off WAV is only caught here.
    """
    with p.open("rb") as f:
        head = f.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return
    declared = int.from_bytes(head[4:8], "little")
    if declared in _RIFF_SIZE_UNKNOWN:
        return
    declared += 8
    actual = p.stat().st_size
    if declared - actual > max(1024, _TRUNCATION_MIN_MISSING_FRACTION * declared):
        raise AudioError(f"{p}: truncated: the WAV header declares {declared:,} bytes but the file "
                         f"holds {actual:,}; re-export or re-download the recording")


def _ffmpeg_reason(exc: Exception) -> str:
    reason = getattr(exc, "strerror", None) or str(exc)
    return str(reason).strip().rstrip(".") or type(exc).__name__
