"""Decoding recordings with PyAV: every format, any sample rate, channels kept apart, clear errors."""
from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from scorer.asr.decode import AUDIO_EXTENSIONS, SAMPLE_RATE, DecodedAudio, decode_audio
from scorer.errors import AudioError, InputError

AUDIO = Path(__file__).parent / "data" / "audio"
SCRIPT = json.loads((AUDIO / "script.json").read_text())


def envelope(x: np.ndarray, frame: int = SAMPLE_RATE // 10) -> np.ndarray:
    """RMS per 100 ms: robust to lossy coding, not to wrong speed or garbage."""
    n = len(x) // frame
    return np.sqrt((x[: n * frame].reshape(n, frame) ** 2).mean(axis=1))


def envelope_similarity(x: np.ndarray, y: np.ndarray, max_lag_s: float = 0.1) -> float:
    """Best correlation of 10 ms loudness envelopes over shifts up to ``max_lag_s``
    (codecs add a few tens of milliseconds of delay)."""
    a, b = envelope(x, SAMPLE_RATE // 100), envelope(y, SAMPLE_RATE // 100)
    best = -1.0
    for lag in range(-int(max_lag_s * 100), int(max_lag_s * 100) + 1):
        aa, bb = (a[lag:], b) if lag >= 0 else (a, b[-lag:])
        n = min(len(aa), len(bb))
        best = max(best, float(np.corrcoef(aa[:n], bb[:n])[0, 1]))
    return best


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    """The lossless 16 kHz decode that every other format is compared with."""
    return decode_audio(AUDIO / "speech_16k.flac").channels[0]


# file, channels, sample rate before decoding, codec
FORMATS = [
    ("speech_8k.wav", 1, 8000, "pcm_s16le"),
    ("speech_mulaw_8k.wav", 1, 8000, "pcm_mulaw"),
    ("speech_16k.flac", 1, 16000, "flac"),
    ("speech_44k.mp3", 1, 44100, "mp3"),
    ("speech_48k.m4a", 1, 48000, "aac"),
    ("speech_22k.aac", 1, 22050, "aac"),
    ("speech_vorbis.ogg", 2, 16000, "vorbis"),
    ("speech_48k.opus", 1, 48000, "opus"),
    ("speech_48k.webm", 1, 48000, "opus"),
]


@pytest.mark.parametrize("name, channels, source_rate, codec", FORMATS)
def test_decodes_every_format_to_16k_float32(name: str, channels: int, source_rate: int, codec: str,
                                              reference: np.ndarray) -> None:
    audio = decode_audio(AUDIO / name)
    assert isinstance(audio, DecodedAudio)
    assert audio.sample_rate == SAMPLE_RATE
    assert audio.num_channels == channels
    assert audio.source_sample_rate == source_rate
    assert codec in audio.codec
    assert audio.path == str(AUDIO / name)
    for ch in audio.channels:
        assert ch.dtype == np.float32 and ch.ndim == 1
        assert len(ch) == len(audio.channels[0])
        assert np.isfinite(ch).all() and np.abs(ch).max() <= 1.0
    # Resampled to the right speed: the length matches the source clip (AAC adds a few
    # tens of milliseconds of encoder priming).
    assert audio.duration_s == pytest.approx(len(audio.channels[0]) / SAMPLE_RATE)
    assert audio.duration_s == pytest.approx(SCRIPT["mono_duration_s"], abs=0.1)
    # And it is the same speech: the loudness envelope follows the lossless decode.
    assert envelope_similarity(audio.channels[0], reference) > 0.95


def test_telephone_8k_keeps_speech_band(reference: np.ndarray) -> None:
    """8 kHz audio upsampled to 16 kHz: nothing above the 4 kHz Nyquist limit is invented."""
    audio = decode_audio(AUDIO / "speech_8k.wav").channels[0]
    spectrum = np.abs(np.fft.rfft(audio)) ** 2
    freqs = np.fft.rfftfreq(len(audio), 1 / SAMPLE_RATE)
    assert spectrum[freqs > 4200].sum() < 1e-3 * spectrum[freqs < 3800].sum()
    ref_spectrum = np.abs(np.fft.rfft(reference)) ** 2
    ref_freqs = np.fft.rfftfreq(len(reference), 1 / SAMPLE_RATE)
    assert ref_spectrum[ref_freqs > 4200].sum() > 1e-2 * ref_spectrum[ref_freqs < 3800].sum()


def test_stereo_channels_stay_separate() -> None:
    """Rep on the left, customer on the right: each channel is loud only in its own turns."""
    audio = decode_audio(AUDIO / "call_stereo_8k.mp3")
    assert audio.num_channels == 2
    assert audio.duration_s == pytest.approx(SCRIPT["call_duration_s"], abs=0.1)
    left, right = (envelope(c) for c in audio.channels)
    louder_left = left > right
    # The first turn (about 0.6-7 s) is the rep's, the second (about 7.6-13 s) the customer's.
    assert louder_left[10:60].mean() > 0.9
    assert (~louder_left)[80:125].mean() > 0.9
    mono = audio.mono()
    assert mono.dtype == np.float32
    np.testing.assert_allclose(mono, (audio.channels[0] + audio.channels[1]) / 2, atol=1e-6)


def test_mono_of_mono_is_the_channel() -> None:
    audio = decode_audio(AUDIO / "speech_8k.wav")
    assert audio.mono() is audio.channels[0]


@pytest.mark.parametrize("name, problem", [
    ("empty.wav", "empty (0 bytes)"),
    ("not_audio.mp3", "cannot decode audio"),
    ("truncated.wav", "truncated"),
    ("corrupt.flac", "cannot decode audio"),
    ("truncated.m4a", "cannot decode audio"),
    ("does_not_exist.wav", "not found"),
])
def test_bad_audio_raises_one_line_audio_error(name: str, problem: str) -> None:
    path = AUDIO / name
    with pytest.raises(AudioError) as info:
        decode_audio(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message
    # No PyAV exception chained on (the CLI prints one line, and tracebacks name av internals).
    assert info.value.__cause__ is None
    assert info.value.__context__ is None or info.value.__suppress_context__
    assert isinstance(info.value, InputError)


def test_folder_is_not_audio(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="is a folder"):
        decode_audio(tmp_path)


def test_text_renamed_to_every_audio_extension_is_refused(tmp_path: Path) -> None:
    for ext in sorted(AUDIO_EXTENSIONS):
        bad = tmp_path / f"notes{ext}"
        bad.write_text("Meeting notes: call the customer back on Tuesday.\n" * 20)
        with pytest.raises(AudioError, match="notes"):
            decode_audio(bad)


def test_truncated_files_with_a_declared_length_are_refused(tmp_path: Path) -> None:
    for name in ("speech_44k.mp3", "speech_48k.webm", "speech_mulaw_8k.wav"):
        data = (AUDIO / name).read_bytes()
        cut = tmp_path / name
        cut.write_bytes(data[: int(len(data) * 0.8)])
        with pytest.raises(AudioError, match="truncated"):
            decode_audio(cut)


def test_wav_with_unknown_size_header_still_decodes(tmp_path: Path) -> None:
    """Streaming writers put 0xFFFFFFFF in the RIFF size; that is not truncation."""
    data = bytearray((AUDIO / "speech_8k.wav").read_bytes())
    data[4:8] = (0xFFFFFFFF).to_bytes(4, "little")
    path = tmp_path / "streamed.wav"
    path.write_bytes(bytes(data))
    assert decode_audio(path).duration_s == pytest.approx(SCRIPT["mono_duration_s"], abs=0.01)


def _write_mp3(path: Path, samples: np.ndarray, write_xing: bool) -> None:
    import av

    with av.open(str(path), "w", format="mp3", options={"write_xing": "1" if write_xing else "0"}) as out:
        stream = out.add_stream("libmp3lame", rate=SAMPLE_RATE, layout="mono")
        stream.codec_context.qscale = 4  # variable bit rate
        stream.codec_context.flags |= 2  # AV_CODEC_FLAG_QSCALE
        frame = av.AudioFrame.from_ndarray(samples[None, :], format="fltp", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = SAMPLE_RATE, 0, Fraction(1, SAMPLE_RATE)
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono",
                                      rate=SAMPLE_RATE, frame_size=stream.codec_context.frame_size)
        for f in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(f):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def test_vbr_mp3_without_length_header_is_not_called_truncated(tmp_path: Path) -> None:
    """FFmpeg guesses such a file's length from the first frames' bit rate; quiet frames
    first make the guess far too long. The file is whole and must decode."""
    rng = np.random.default_rng(0)
    samples = np.concatenate([np.zeros(SAMPLE_RATE * 20, np.float32),
                              (0.3 * rng.standard_normal(SAMPLE_RATE * 10)).astype(np.float32)])
    path = tmp_path / "vbr.mp3"
    _write_mp3(path, samples, write_xing=False)

    import av
    with av.open(str(path)) as c:
        estimated_s = c.duration / 1e6
    assert estimated_s > 35  # the bit-rate guess really is wrong (30 s of audio)
    assert decode_audio(path).duration_s == pytest.approx(30, abs=0.2)


def test_audio_extensions() -> None:
    for ext in (".wav", ".flac", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".webm"):
        assert ext in AUDIO_EXTENSIONS
    assert not {".txt", ".vtt", ".srt", ".json"} & set(AUDIO_EXTENSIONS)

