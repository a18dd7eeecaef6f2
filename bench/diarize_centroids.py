"""How alike the two speakers found in a recording sound: the cosine between the centroids
that diarization forced to 2 speakers finds, before the one-voice merge
(``scorer.asr.diarize._ONE_VOICE_COSINE``), on recordings of one voice (the test fixtures)
and of two (the mono sample calls, and pyannote's real telephone sample when its wheel is in
``.whl/``, as ``.ci/run`` leaves it). What the merge threshold rests on::

    .venv/bin/python bench/diarize_centroids.py        # about a minute
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scorer.asr.decode import open_audio  # noqa: E402
from scorer.asr.diarize import SpeakerEmbedder, diarize  # noqa: E402

ONE_VOICE = [ROOT / "tests/data/audio" / n for n in ("speech_16k.flac", "speech_44k.mp3", "speech_mulaw_8k.wav")]
TWO_VOICES = sorted(p for p in (ROOT / "samples/audio_mono").iterdir() if p.suffix in (".ogg", ".wav"))


class _Mono:
    def __init__(self, path: Path) -> None:
        self.audio = open_audio(path)
        self.num_samples = self.audio.num_samples

    def read(self, start: int, stop: int) -> np.ndarray:
        return self.audio.read(0, start, stop)


def split_cosine(path: Path, embedder: SpeakerEmbedder) -> float:
    """Cosine between the two cluster centroids of a forced 2-speaker split (no merge)."""
    from scorer.asr import diarize as dz

    saved = dz._ONE_VOICE_COSINE
    dz._ONE_VOICE_COSINE = 2.0  # never merge: see the split as it is
    try:
        result = diarize(_Mono(path), embedder, dz.DiarizeOptions(speakers=2))
    finally:
        dz._ONE_VOICE_COSINE = saved
    c = result.centroids
    return float(c[0] @ c[1]) if len(c) == 2 else float("nan")


def pyannote_sample(folder: Path) -> list[Path]:
    """pyannote's two-speaker sample.wav from the wheel in .whl/, written to ``folder``."""
    import zipfile

    wheels = sorted((ROOT / ".whl").glob("pyannote_audio-*.whl"))
    if not wheels:
        print("pyannote's sample: no wheel in .whl/ (pip download pyannote.audio==3.3.2 --no-deps -d .whl)")
        return []
    out = folder / "pyannote_sample.wav"
    out.write_bytes(zipfile.ZipFile(wheels[0]).read("pyannote/audio/sample/sample.wav"))
    return [out]


def main() -> None:
    import tempfile

    embedder = SpeakerEmbedder()
    tmp = Path(tempfile.mkdtemp(prefix="centroids-"))
    for label, paths in (("one voice", ONE_VOICE), ("two voices", TWO_VOICES + pyannote_sample(tmp))):
        cosines = [split_cosine(p, embedder) for p in paths]
        for p, c in zip(paths, cosines):
            print(f"{label:10} {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p.name}: {c:.2f}")
        print(f"{label}: {min(cosines):.2f}-{max(cosines):.2f}\n")


if __name__ == "__main__":
    main()
