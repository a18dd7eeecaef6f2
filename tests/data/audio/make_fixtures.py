"""Regenerate the audio fixtures in this folder (needs espeak-ng; tests never run this).

    apt-get install -y espeak-ng
    .venv/bin/python tests/data/audio/make_fixtures.py

The speech is synthetic (espeak-ng) but real audio: Whisper has to recognise it. Every
file stays under 100 KB. The text spoken is in SCRIPT below and in ``script.json``, which
the tests read.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

HERE = Path(__file__).resolve().parent

# (speaker, espeak voice, words per minute, text): rep on the left channel, customer on the right.
SCRIPT = [
    ("rep", "en-us", 155, "Hello, this is Sarah from Acme Software. Do you have a few minutes "
                          "to talk about your billing process?"),
    ("customer", "en-us+m1", 140, "Sure. Right now we use spreadsheets, and it takes my whole "
                                  "team two days every month."),
    ("rep", "en-us", 155, "What would it mean for your team if that took one hour instead?"),
]
MONO_TEXT = "Do you have a few minutes to talk about your billing process?"
GAP_S = 0.6
RATE = 16_000


def speak(voice: str, wpm: int, text: str) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "s.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(wav), text], check=True)
        with av.open(str(wav)) as c:
            res = av.AudioResampler(format="flt", layout="mono", rate=RATE)
            parts = [f.to_ndarray().reshape(-1) for fr in c.decode(audio=0) for f in res.resample(fr)]
            parts += [f.to_ndarray().reshape(-1) for f in res.resample(None)]
    x = np.concatenate(parts).astype(np.float32)
    return 0.7 * x / np.abs(x).max()


def encode(samples: np.ndarray, path: Path, codec: str, rate: int, fmt: str | None = None,
           bit_rate: int | None = None, sample_fmt: str | None = None,
           options: dict[str, str] | None = None) -> None:
    """Write (channels, n) float32 samples at RATE to ``path`` re-sampled to ``rate``."""
    layout = "mono" if samples.shape[0] == 1 else "stereo"
    with av.open(str(path), "w", format=fmt) as out:
        st = out.add_stream(codec, rate=rate, layout=layout, options=options or {})
        if bit_rate:
            st.bit_rate = bit_rate
        if sample_fmt:
            st.format = sample_fmt
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples, dtype=np.float32),
                                           format="fltp", layout=layout)
        frame.sample_rate = RATE
        frame.pts = 0
        frame.time_base = Fraction(1, RATE)
        res = av.AudioResampler(format=st.codec_context.format.name, layout=layout, rate=rate,
                                frame_size=st.codec_context.frame_size or None)
        for f in list(res.resample(frame)) + list(res.resample(None)):
            for pkt in st.encode(f):
                out.mux(pkt)
        for pkt in st.encode(None):
            out.mux(pkt)


def main() -> None:
    clips = [(spk, speak(v, wpm, text)) for spk, v, wpm, text in SCRIPT]
    gap = np.zeros(int(GAP_S * RATE), np.float32)

    # Mono single-sentence clip in every format.
    mono = np.concatenate([gap, speak("en-us", 165, MONO_TEXT), gap])[None, :]
    encode(mono, HERE / "speech_8k.wav", "pcm_s16le", 8000)
    encode(mono, HERE / "speech_mulaw_8k.wav", "pcm_mulaw", 8000)
    encode(mono, HERE / "speech_16k.flac", "flac", 16000)
    encode(mono, HERE / "speech_44k.mp3", "libmp3lame", 44100, bit_rate=24000)
    encode(mono, HERE / "speech_48k.m4a", "aac", 48000, fmt="mp4", bit_rate=24000)
    encode(mono, HERE / "speech_22k.aac", "aac", 22050, fmt="adts", bit_rate=24000)
    # FFmpeg's own Vorbis encoder (the only one PyAV bundles) writes stereo only.
    encode(np.concatenate([mono, mono]), HERE / "speech_vorbis.ogg", "vorbis", 16000, fmt="ogg",
           options={"strict": "experimental"})
    encode(mono, HERE / "speech_48k.opus", "libopus", 48000, fmt="opus", bit_rate=16000)
    encode(mono, HERE / "speech_48k.webm", "libopus", 48000, fmt="webm", bit_rate=16000)

    # Two-party call: rep left, customer right, turns in sequence.
    left, right = [], []
    for spk, x in clips:
        silence = np.zeros_like(x)
        left += [gap, x if spk == "rep" else silence]
        right += [gap, x if spk == "customer" else silence]
    stereo = np.stack([np.concatenate(left + [gap]), np.concatenate(right + [gap])])
    # Quiet line noise on both sides (-66 dBFS), as on a real phone line.
    rng = np.random.default_rng(7)
    stereo = stereo + rng.normal(0, 5e-4, stereo.shape).astype(np.float32)
    encode(stereo, HERE / "call_stereo_8k.mp3", "libmp3lame", 8000, bit_rate=24000)

    # Rep speaks, customer channel is silent apart from faint line noise.
    rep_only = np.concatenate([gap, clips[0][1], gap, clips[2][1], gap])
    silent = rng.normal(0, 3e-4, rep_only.shape).astype(np.float32)
    encode(np.stack([rep_only, silent]), HERE / "rep_only_silent_right.opus", "libopus", 48000,
           fmt="opus", bit_rate=24000)

    # Broken inputs.
    (HERE / "empty.wav").write_bytes(b"")
    (HERE / "not_audio.mp3").write_text("This is a text file that only pretends to be an mp3.\n")
    wav = (HERE / "speech_8k.wav").read_bytes()
    (HERE / "truncated.wav").write_bytes(wav[: len(wav) // 3])
    flac = (HERE / "speech_16k.flac").read_bytes()
    junk = np.random.default_rng(3).integers(0, 256, 8000, dtype=np.uint8).tobytes()
    (HERE / "corrupt.flac").write_bytes(flac[:200] + junk)
    m4a = (HERE / "speech_48k.m4a").read_bytes()
    (HERE / "truncated.m4a").write_bytes(m4a[: len(m4a) // 2])

    (HERE / "script.json").write_text(json.dumps(
        {"mono_text": MONO_TEXT, "mono_duration_s": mono.shape[1] / RATE,
         "call_duration_s": stereo.shape[1] / RATE,
         "call": [{"speaker": spk, "text": text} for spk, _, _, text in SCRIPT],
         "rep_only": [SCRIPT[0][3], SCRIPT[2][3]]}, indent=2) + "\n")


if __name__ == "__main__":
    if not shutil.which("espeak-ng"):
        raise SystemExit("espeak-ng is not installed: apt-get install -y espeak-ng")
    main()
