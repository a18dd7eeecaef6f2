"""Speaker fields of transcribed audio: stereo channels (auto or forced rep channel) and
diarized mono, built from timed words without a Whisper model."""
from __future__ import annotations

import numpy as np
import pytest

from scorer.asr import diarize as dz
from scorer.asr.decode import SAMPLE_RATE, DecodedAudio
from scorer.asr.speakers import (CHANNEL_NAMES, mono_utterances, plan_channels, speaker_names,
                                 stereo_roles)
from scorer.asr.turns import TURN_PAUSE_S, Segment, labelled_turns
from scorer.types import Word


def _seg(*words: tuple[str, float, float]) -> Segment:
    ws = tuple(Word(t, a, b, 0.9) for t, a, b in words)
    return Segment(ws[0].start_s, ws[-1].end_s, " ".join(w.text for w in ws), ws)


LEFT = [_seg(("Hello,", 0.0, 0.4), ("Greg.", 0.5, 0.9)), _seg(("Great.", 4.0, 4.4))]
RIGHT = [_seg(("Hi.", 1.5, 1.8), ("Who's", 2.0, 2.2), ("calling?", 2.3, 2.8))]


def test_stereo_auto_names_the_channels_and_leaves_roles_unknown() -> None:
    utterances, roles, detail = stereo_roles([LEFT, RIGHT], None)
    assert roles == "unknown" and "rep-channel" in detail
    assert [(u.speaker, u.speaker_name, u.text) for u in utterances] == [
        ("unknown", "Left channel", "Hello, Greg."), ("unknown", "Right channel", "Hi. Who's calling?"),
        ("unknown", "Left channel", "Great.")]


@pytest.mark.parametrize("rep_channel, rep_name, side", [(0, CHANNEL_NAMES[0], "left"), (1, CHANNEL_NAMES[1], "right")])
def test_a_forced_rep_channel_gives_rep_and_customer(rep_channel: int, rep_name: str, side: str) -> None:
    utterances, roles, detail = stereo_roles([LEFT, RIGHT], rep_channel)
    assert roles == "channel"
    assert detail == f"the {side} channel is the rep (--rep-channel {rep_channel})"
    assert {u.speaker_name for u in utterances if u.speaker == "rep"} == {rep_name}
    assert {u.speaker_name for u in utterances if u.speaker == "customer"} == set(CHANNEL_NAMES) - {rep_name}


def test_speaker_names_follow_first_appearance() -> None:
    assert speaker_names([1, 1, 0, 2, 0]) == {1: "Speaker 1", 0: "Speaker 2", 2: "Speaker 3"}
    assert speaker_names([-1, 0]) == {0: "Speaker 1"}


def test_labelled_turns_never_span_two_speakers() -> None:
    segs = [_seg(("Hi", 0.0, 0.2), ("Greg.", 0.3, 0.6), ("Hi,", 0.8, 1.0), ("who?", 1.1, 1.3)),
            _seg(("So", 1.4, 1.5), ("anyway", 1.6 + TURN_PAUSE_S, 2.0 + TURN_PAUSE_S))]
    labels = [0, 0, 1, 1, 0, 0]
    names = {0: "Speaker 1", 1: "Speaker 2"}
    out = labelled_turns(segs, labels, names)
    assert [(u.speaker_name, u.text) for u in out] == [
        ("Speaker 1", "Hi Greg."), ("Speaker 2", "Hi, who?"), ("Speaker 1", "So"), ("Speaker 1", "anyway")]
    assert {u.speaker for u in out} == {"unknown"}
    with pytest.raises(ValueError, match="labels"):
        labelled_turns(segs, labels[:-1], names)


def test_mono_words_take_the_diarized_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Words split by the diarizer's turns, renamed by first appearance; an embedder is passed
    through to diarize (the real one is tested in tests/test_diarize.py)."""
    turns = (dz.SpeakerTurn(0.0, 1.0, 1), dz.SpeakerTurn(1.2, 3.0, 0), dz.SpeakerTurn(3.5, 5.0, 1))
    fake = dz.Diarization(turns, 2, np.zeros((2, dz.EMBEDDING_DIM), np.float32), 5.0)
    calls = []

    def diarize(samples, embedder, options=None, speech=None):
        calls.append((samples.num_samples, embedder, options.speakers))
        return fake

    monkeypatch.setattr(dz, "diarize", diarize)
    segs = [_seg(("Hello", 0.1, 0.4), ("there.", 0.5, 0.9), ("Hi.", 1.3, 1.6), ("Who", 1.8, 2.0),
                 ("is", 2.1, 2.2), ("this?", 2.3, 2.6)), _seg(("Jordan.", 3.6, 4.0))]
    silence = np.zeros(5 * SAMPLE_RATE, np.float32)
    out, detail = mono_utterances(segs, lambda a, b: silence[a:b], silence.shape[0], embedder="E", speakers=3)
    assert calls == [(silence.shape[0], "E", 3)]
    assert [(u.speaker, u.speaker_name, u.text) for u in out] == [
        ("unknown", "Speaker 1", "Hello there."), ("unknown", "Speaker 2", "Hi. Who is this?"),
        ("unknown", "Speaker 1", "Jordan.")]
    assert "2 speaker" in detail
    undiarized, _ = mono_utterances(segs, None, 0, embedder=None)
    assert {(u.speaker, u.speaker_name) for u in undiarized} == {("unknown", None)}


def _audio(*channels: np.ndarray) -> DecodedAudio:
    return DecodedAudio(channels=channels, sample_rate=SAMPLE_RATE, duration_s=channels[0].shape[0] / SAMPLE_RATE,
                        path="x.wav")


def test_plan_channels() -> None:
    rng = np.random.default_rng(0)
    a, b = (rng.standard_normal(SAMPLE_RATE).astype(np.float32) * 0.1 for _ in range(2))
    stereo = plan_channels(_audio(a, b))
    assert stereo.stereo and len(stereo.readers) == 2
    np.testing.assert_array_equal(stereo.readers[1](0, 10), b[:10])
    same = plan_channels(_audio(a, a.copy()))
    assert not same.stereo and len(same.readers) == 1
    assert not plan_channels(_audio(a)).stereo
    three = plan_channels(_audio(a, b, np.zeros_like(a)))
    assert not three.stereo
    np.testing.assert_allclose(three.readers[0](0, 10), (a[:10] + b[:10]) / 3, atol=1e-7)
