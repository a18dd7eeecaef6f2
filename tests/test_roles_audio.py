"""Roles on real audio with default options: a stereo call with the rep on the right, and the
mono mix of a sample call, get the roles, talk ratio and score band of the stereo original."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
QUALITY_CONVERSATION = 70.0  # the metrics' default threshold: the band a team counts


def _swapped(src: Path, dst: Path) -> Path:
    """``src`` with its two channels exchanged (the rep on the right, as Amazon Connect does)."""
    from scorer.asr.decode import SAMPLE_RATE, decode_audio
    import av

    audio = decode_audio(src)
    samples = np.stack([audio.channels[1], audio.channels[0]])
    with av.open(str(dst), "w") as out:
        stream = out.add_stream("flac", rate=SAMPLE_RATE, layout="stereo")
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples, dtype=np.float32), format="fltp",
                                           layout="stereo")
        frame.sample_rate = SAMPLE_RATE
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return dst


def _score(path: Path, out: Path) -> dict:
    result = CliRunner().invoke(cli.main, ["score", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads((out / f"{path.stem}.score.json").read_text())


@pytest.fixture(scope="module")
def stereo(tmp_path_factory) -> dict:
    return _score(SAMPLES / "audio" / "call01_demo_booked.ogg", tmp_path_factory.mktemp("stereo"))


@pytest.mark.slow
def test_a_swapped_stereo_call_is_attributed_right_by_default(tmp_path, stereo):
    swapped = _swapped(SAMPLES / "audio" / "call01_demo_booked.ogg", tmp_path / "call01_demo_booked.flac")
    doc = _score(swapped, tmp_path / "out")
    assert stereo["roles"] == doc["roles"] == "inferred"
    rep = {u["speaker_name"] for u in doc["transcript"]["utterances"] if u["speaker"] == "rep"}
    assert rep == {"Right channel"} and doc["roles_confidence"] >= 0.8
    assert doc["features"]["values"]["talk_ratio_rep"] == pytest.approx(
        stereo["features"]["values"]["talk_ratio_rep"], abs=0.02)


@pytest.mark.slow
@pytest.mark.skipif(not (SAMPLES / "audio_mono").is_dir(), reason="samples/audio_mono is absent")
def test_the_mono_mix_of_a_sample_call_gets_the_stereo_roles_ratio_and_band(tmp_path, stereo):
    doc = _score(SAMPLES / "audio_mono" / "call01_demo_booked.ogg", tmp_path)
    names = {u["speaker_name"] for u in doc["transcript"]["utterances"]}
    assert names <= {"Speaker 1", "Speaker 2"} and doc["roles"] == "inferred"
    mono_talk = doc["features"]["values"]["talk_ratio_rep"]
    assert mono_talk == pytest.approx(stereo["features"]["values"]["talk_ratio_rep"], abs=0.05)
    assert (doc["quality"] >= QUALITY_CONVERSATION) == (stereo["quality"] >= QUALITY_CONVERSATION)
    assert doc["advanced"] == stereo["advanced"]
