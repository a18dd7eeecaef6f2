"""Where one transcription worker's time goes, and how full the batched pipeline's clips are.

1. **Clip fill** on every stereo sample (``samples/audio``): the speech pieces of both
   channels (``scorer.asr.clips.speech_pieces``) packed into 30 s clips as the default
   pipeline packs them (``pack``), against the fewest clips that speech could fill.
2. **Profile** of one worker with one CPU thread transcribing one recording (default the
   2-minute ``call02_meeting_booked.ogg``) with the default options, the model loaded and
   warmed on the same file before the clock starts: the share of time in CTranslate2's
   encoder, decoder and word alignment, Silero VAD and the file's decode (cProfile)::

    .venv/bin/python bench/profile_worker.py
    .venv/bin/python bench/profile_worker.py --recording samples/audio/call06_discovery_call.ogg
"""
from __future__ import annotations

import argparse
import cProfile
import math
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: cProfile entries (file or function name fragments) -> the stage they are.
STAGES = {"encode": "encoder", "generate": "greedy decoding", "align": "word alignment",
          "onnxruntime": "Silero VAD", "av.": "decoding the file"}


def clip_fill(folder: Path) -> tuple[int, int, float]:
    """(clips packed, fewest clips the speech could fill, speech seconds) over ``folder``."""
    import numpy as np

    from scorer.asr import clips as C
    from scorer.asr.decode import decode_audio
    from scorer.asr.signal import frame_levels_dbfs, windows

    packed = fewest = 0
    speech_total = 0.0
    for path in sorted(folder.glob("*.ogg")):
        audio = decode_audio(str(path))
        chans = list(audio.channels)
        levels = [frame_levels_dbfs((lambda c: lambda a, b: c[a:b])(c), c.shape[0]) for c in chans]
        joint = np.maximum.reduce(levels)
        for a, b in windows(joint, chans[0].shape[0]):
            pieces = []
            for ch, signal in enumerate(chans):
                other = levels[1 - ch] if len(levels) == 2 else None
                pieces += C.speech_pieces(ch, signal[a:b], a, levels[ch], other)[0]
            speech = sum(p.duration_s for p in pieces)
            packed += len(C.pack(pieces))
            fewest += math.ceil(speech / C.CLIP_S) if pieces else 0
            speech_total += speech
    return packed, fewest, speech_total


def profile(recording: Path) -> tuple[float, float, dict[str, float]]:
    """(wall s, audio s, stage -> cProfile seconds) of one transcription at one thread."""
    from scorer.asr import TranscribeOptions, load_engine

    engine = load_engine(TranscribeOptions(cpu_threads=1))
    engine.transcribe(str(recording))  # warm
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    tr = engine.transcribe(str(recording))
    prof.disable()
    wall = time.perf_counter() - t0
    stages = dict.fromkeys(STAGES.values(), 0.0)
    for (file, _line, func), (_cc, _nc, tottime, _ct, _callers) in pstats.Stats(prof).stats.items():
        where = f"{file}:{func}"
        for fragment, stage in STAGES.items():
            if fragment in where:
                stages[stage] += tottime
                break
    return wall, tr.duration_s, stages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recording", type=Path, default=ROOT / "samples" / "audio" / "call02_meeting_booked.ogg")
    args = ap.parse_args(argv)
    packed, fewest, speech = clip_fill(ROOT / "samples" / "audio")
    print(f"clips: {packed} packed for {speech:.0f} s of speech on samples/audio "
          f"({speech / (packed * 30):.0%} full; the fewest that speech could fill: {fewest})")
    wall, audio, stages = profile(args.recording)
    print(f"\none worker, one thread, {args.recording.name} ({audio:.0f} s of audio): {wall:.2f} s under cProfile\n")
    print("| stage | s | share |\n|---|---:|---:|")
    for stage, s in stages.items():
        print(f"| {stage} | {s:.2f} | {s / wall:.0%} |")
    rest = wall - sum(stages.values())
    print(f"| everything else (Python) | {rest:.2f} | {rest / wall:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
