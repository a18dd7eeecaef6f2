"""Regenerate demo-booked.ogg from demo-booked.score.json (needs espeak-ng; tests never run this).

    apt-get install -y espeak-ng
    .venv/bin/python tests/data/report/make_audio.py

Each utterance of the hand-written score file is spoken by espeak-ng (one voice per party)
and placed at its ``start_s``, cut at its ``end_s``, so that seeking the player to a moment
lands on the words the page shows. Mono Opus in Ogg at 12 kbit/s keeps the file < 100 KB.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

HERE = Path(__file__).resolve().parent
RATE = 48_000
VOICES = {"rep": ("en-us", 170), "customer": ("en-us+f3", 165), "unknown": ("en", 165)}


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


def main() -> None:
    score = json.loads((HERE / "demo-booked.score.json").read_text(encoding="utf-8"))
    transcript = score["transcript"]
    track = np.zeros(int(transcript["duration_s"] * RATE), dtype=np.float32)
    for u in transcript["utterances"]:
        voice, wpm = VOICES[u["speaker"]]
        speech = speak(voice, wpm, u["text"])
        a, b = int(u["start_s"] * RATE), int(u["end_s"] * RATE)
        if len(speech) > b - a:
            print(f"warning: {u['text'][:30]!r} is {len(speech) / RATE:.1f} s, cut to {(b - a) / RATE:.1f} s")
        n = min(len(speech), b - a)
        track[a:a + n] += speech[:n]
    out = HERE / "demo-booked.ogg"
    with av.open(str(out), "w", format="ogg") as container:
        stream = container.add_stream("libopus", rate=RATE, layout="mono")
        stream.bit_rate = 12_000
        frame = av.AudioFrame.from_ndarray(track.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = RATE
        frame.pts = 0
        frame.time_base = Fraction(1, RATE)
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    print(f"{out}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
