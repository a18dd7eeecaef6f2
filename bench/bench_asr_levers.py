"""The speed levers of the transcription path, one at a time, on the seven stereo samples.

Each variant runs in its own process with one CPU thread (so that CPU seconds measure the
work, whatever else the machine is doing) and reports CPU seconds, audio seconds per CPU
second, peak resident memory (``ru_maxrss``), the number of 30 s clips the encoder ran on
(batched variants) and the word error rate against ``samples/scripts`` (case and
punctuation normalised), plain and speaker-attributed (rep on the left). ::

    .venv/bin/python bench/bench_asr_levers.py                 # every variant (~25 min on 2 cores)
    .venv/bin/python bench/bench_asr_levers.py --only beam     # the variants whose name has 'beam'
    .venv/bin/python bench/bench_asr_levers.py --only "new default" "encoder fed"   # either

The variants (``VARIANTS``): today's sequential path; faster-whisper's own batched pipeline
per channel (its VAD, one channel at a time); callscore's batched pipeline with the pieces
packed per channel or across both channels in time order; beams 1, 2 and 5; batch sizes;
compute types; the VAD padding and the gap between pieces; the encoder fed less than 30 s
(only what the batch's longest clip needs, where faster-whisper pads every clip); and the decode of the recordings
with PyAV frame by frame against in blocks of one second.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_throughput import normalize, script_lines  # noqa: E402

SAMPLES = ROOT / "samples" / "audio"
# name -> (kind, TranscribeOptions fields, scorer.asr.clips constants)
VARIANTS: dict[str, tuple[str, dict, dict]] = {
    "today: sequential beam 5": ("engine", {"pipeline": "sequential", "beam_size": 5}, {}),
    "sequential beam 1": ("engine", {"pipeline": "sequential", "beam_size": 1}, {}),
    "faster-whisper batched per channel, beam 5": ("fw_batched", {"beam_size": 5}, {}),
    "faster-whisper batched per channel, beam 1": ("fw_batched", {"beam_size": 1}, {}),
    "batched, packed per channel, beam 1": ("per_channel", {"beam_size": 1}, {}),
    "batched beam 1 (new default)": ("engine", {"beam_size": 1}, {}),
    "batched beam 2": ("engine", {"beam_size": 2}, {}),
    "batched beam 5 (accurate)": ("engine", {"beam_size": 5}, {}),
    "batched beam 1, batch 1": ("engine", {"beam_size": 1, "batch_size": 1}, {}),
    "batched beam 1, batch 2": ("engine", {"beam_size": 1, "batch_size": 2}, {}),
    "batched beam 1, batch 4": ("engine", {"beam_size": 1, "batch_size": 4}, {}),
    "batched beam 1, batch 16": ("engine", {"beam_size": 1, "batch_size": 16}, {}),
    "batched beam 1, float32": ("engine", {"beam_size": 1, "compute_type": "float32"}, {}),
    "batched beam 1, int8_float32": ("engine", {"beam_size": 1, "compute_type": "int8_float32"}, {}),
    "batched beam 1, VAD pad 100 ms": ("engine", {"beam_size": 1}, {"VAD_PAD_MS": 100}),
    "batched beam 1, VAD pad 400 ms": ("engine", {"beam_size": 1}, {"VAD_PAD_MS": 400}),
    "batched beam 1, no gap between pieces": ("engine", {"beam_size": 1}, {"PIECE_GAP_S": 0.0}),
    "batched beam 1, sentence pauses not merged": ("engine", {"beam_size": 1}, {"MERGE_TOUCHING": False}),
    "batched beam 1, encoder fed the batch's longest clip, not 30 s": ("trim", {"beam_size": 1}, {}),
    "batched beam 1, encoder fed each clip's length (batch 1)": ("trim", {"beam_size": 1, "batch_size": 1}, {}),
    "batched beam 1, encoder fed the batch's longest clip, clips by length": ("trim_sorted", {"beam_size": 1}, {}),
    "decode: PyAV frame by frame": ("decode_frames", {}, {}),
    "decode: PyAV in 1 s blocks (new)": ("decode_blocks", {}, {}),
}


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _decode_frames(path: Path) -> float:
    """The earlier decode: each decoded frame resampled and converted on its own."""
    import av
    import numpy as np

    out = []
    with av.open(str(path)) as container:
        resampler = av.AudioResampler(format="fltp", rate=16000)
        for frame in container.decode(container.streams.audio[0]):
            out.extend(f.to_ndarray() for f in resampler.resample(frame))
        out.extend(f.to_ndarray() for f in resampler.resample(None))
    return np.concatenate(out, axis=1).shape[1] / 16000


def _per_channel_pack(clips_module):
    original = clips_module.pack

    def pack(pieces, clip_s=clips_module.CLIP_S, gap_s=None):
        return [clip for ch in sorted({p.channel for p in pieces})
                for clip in original([p for p in pieces if p.channel == ch], clip_s, gap_s)]
    return pack


def _trim_encoder_input() -> None:
    """Feeds Whisper's encoder only as many frames as the batch's longest clip needs, where
    faster-whisper pads every clip to 30 s (CTranslate2 accepts shorter inputs)."""
    import math

    import numpy as np
    from faster_whisper import transcribe as fwt

    original = fwt.BatchedInferencePipeline.forward

    def forward(self, features, tokenizer, chunks_metadata, options):
        frames = max(int(math.ceil(m["duration"]) * self.model.frames_per_second) for m in chunks_metadata)
        frames = min(features.shape[-1], frames + frames % 2)
        return original(self, np.ascontiguousarray(features[..., :frames]), tokenizer, chunks_metadata, options)

    fwt.BatchedInferencePipeline.forward = forward


def _by_length(pack):
    """``pack`` with the clips ordered longest first, so a batch holds clips of like length."""
    def packed(*args, **kwargs):
        return sorted(pack(*args, **kwargs), key=lambda clip: -sum(p.stop - p.start for p in clip))
    return packed


def worker(name: str, paths: list[str]) -> None:
    """Runs in the subprocess: one variant over the calls, one JSON line."""
    from dataclasses import replace

    from scorer.asr import TranscribeOptions, decode_audio, load_engine
    from scorer.asr import batched as batched_module
    from scorer.asr import clips as clips_module

    kind, fields, constants = VARIANTS[name]
    for key, value in constants.items():
        setattr(clips_module, key, value)
    if kind.startswith("decode"):
        c0 = _cpu()
        audio_s = sum(_decode_frames(Path(p)) if kind == "decode_frames" else decode_audio(p).duration_s
                      for p in paths)
        print(json.dumps({"cpu_s": _cpu() - c0, "audio_s": audio_s, "calls": {}}))
        return
    options = replace(TranscribeOptions(rep_channel=0, cpu_threads=1), **fields)
    engine = load_engine(options)
    clips = [0]
    real_map = batched_module.ClipMap

    def counting_map(clip_list, *args, **kwargs):
        clips[0] += len(clip_list)
        return real_map(clip_list, *args, **kwargs)

    batched_module.ClipMap = counting_map
    if kind == "per_channel":
        batched_module.pack = _per_channel_pack(clips_module)
    if kind.startswith("trim"):
        _trim_encoder_input()
    if kind == "trim_sorted":
        batched_module.pack = _by_length(clips_module.pack)
    pipeline = None
    if kind == "fw_batched":
        from faster_whisper import BatchedInferencePipeline

        pipeline = BatchedInferencePipeline(engine._model)
    c0, out, audio_s = _cpu(), {}, 0.0
    for p in paths:
        if pipeline is not None:
            out[Path(p).stem], audio_s = _fw_batched(pipeline, p, options, audio_s)
            continue
        tr = engine.transcribe(p)
        audio_s += tr.duration_s
        out[tr.call_id] = [(u.speaker, u.text) for u in tr.utterances]
    print(json.dumps({"cpu_s": _cpu() - c0, "audio_s": audio_s, "clips": clips[0],
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "calls": out}))


def _fw_batched(pipeline, path: str, options, audio_s: float) -> tuple[list[tuple[str, str]], float]:
    """faster-whisper's BatchedInferencePipeline as it comes: its own VAD, each channel alone;
    the words then checked for silence and crosstalk as callscore does."""
    from scorer.asr import open_audio
    from scorer.asr.signal import frame_levels_dbfs, rejection

    words = []
    with open_audio(path) as audio:
        levels = [frame_levels_dbfs(lambda a, b, i=i: audio.read(i, a, b), audio.num_samples) for i in range(2)]
        for ch, speaker in enumerate(("rep", "customer")):
            segments, _ = pipeline.transcribe(audio.read(ch, 0, audio.num_samples), language="en",
                                              beam_size=options.beam_size, word_timestamps=True, batch_size=8)
            for seg in segments:
                for w in seg.words or ():
                    if rejection(w.start, w.end, levels[ch], levels[1 - ch]) is None:
                        words.append((w.start, speaker, w.word))
        audio_s += audio.duration_s
    words.sort()
    return [(speaker, text) for _, speaker, text in words], audio_s


def wer_of(result: dict, call_ids: list[str]) -> tuple[float, float]:
    import jiwer

    refs, hyps, errors, total = [], [], 0, 0
    for c in call_ids:
        lines, hyp = script_lines(c), result["calls"][c]
        refs.append(normalize(" ".join(t for _, t in lines)))
        hyps.append(normalize(" ".join(t for _, t in hyp)))
        for side in ("rep", "customer"):
            r = normalize(" ".join(t for p, t in lines if p == side))
            out = jiwer.process_words(r, normalize(" ".join(t for s, t in hyp if s == side)))
            errors += out.substitutions + out.deletions + out.insertions
            total += len(r.split())
    return jiwer.wer(refs, hyps), errors / max(total, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="+", default=[""],
                    help="run the variants whose name contains any of these")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.paths)
        return
    paths = sorted(SAMPLES.glob("*.ogg"))
    call_ids = [p.stem for p in paths]
    print(f"{len(paths)} stereo calls, 1 CPU thread per variant, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the start\n")
    print("| variant | CPU s | audio s / CPU s | vs today | clips | peak MiB | WER | speaker WER |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    base = None
    for name in VARIANTS:
        if not any(part in name for part in args.only):
            continue
        started = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--worker", name, *map(str, paths)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"| {name} | failed: {done.stderr.strip().splitlines()[-1:]} |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        speed = r["audio_s"] / r["cpu_s"]
        if name.startswith("today"):
            base = speed
        wer, swer = wer_of(r, call_ids) if r["calls"] else (None, None)
        print(f"| {name} | {r['cpu_s']:.1f} | {speed:.1f} | {f'{speed / base:.2f}x' if base else '-'} | "
              f"{r.get('clips') or '-'} | {r.get('peak_mib', 0):.0f} | "
              f"{'-' if wer is None else f'{wer:.2%}'} | {'-' if swer is None else f'{swer:.2%}'} |", flush=True)
        print(f"{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
