"""Batch throughput: 100 calls (the samples, repeated) with 1 and 2 workers, in one run.

Reports, for each worker count, wall time, audio hours scored per wall-clock hour and the
scaling efficiency (throughput with N workers / (N x throughput with 1 worker)), then one
Markdown table. Every run starts from an empty output folder, so model loading in each
worker is part of the measured time, as it is in a real batch. ::

    .venv/bin/python bench/bench_batch.py                        # 100 calls, 1 and 2 workers
    .venv/bin/python bench/bench_batch.py --calls 20 --workers 1 2 4
    .venv/bin/python bench/bench_batch.py --long-call 120        # peak memory of one 2-hour stereo call

The job is ``scorer.batch.job:ScoreJob()`` unless ``--job MODULE:FACTORY`` names another
(``--job-path`` is added to ``sys.path``; ``--job-kwargs`` is JSON for the factory), e.g.
the batch tests' word-count job on transcripts::

    .venv/bin/python bench/bench_batch.py --samples samples/transcripts \\
        --job wordcount_job:WordCountJob --job-path tests/data/batch --job-kwargs '{"delay_s": 0.05}'
"""
from __future__ import annotations

import argparse
import multiprocessing
import importlib
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scorer.batch import BatchOptions, run_batch  # noqa: E402
from scorer.inputs import find_inputs  # noqa: E402


def load_job(spec: str, kwargs: dict, beam_size: int | None) -> object:
    module, _, name = spec.partition(":")
    if beam_size is not None:
        from scorer.asr import TranscribeOptions

        kwargs = {**kwargs, "transcribe": TranscribeOptions(beam_size=beam_size)}
    return getattr(importlib.import_module(module), name or "ScoreJob")(**kwargs)


def repeat_samples(samples: list[Path], count: int, folder: Path) -> list[Path]:
    """``count`` inputs: links to the samples in turn, each under its own call id."""
    files = []
    for i in range(count):
        source = samples[i % len(samples)]
        link = folder / f"b{i:03d}_{source.stem}{source.suffix}"
        link.symlink_to(source.resolve())
        files.append(link)
    return files


def measure(files: list[Path], job: object, workers: int, out: Path) -> dict:
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    summary = run_batch(files, job, BatchOptions(out_dir=out, jobs=workers, progress=False))
    wall_s = time.perf_counter() - start
    # The 15-minute load average over the run shows whether anything else competed for the CPUs.
    load_during = os.getloadavg()[2] if wall_s > 600 else os.getloadavg()[0]
    if summary.failed:
        print(f"warning: {summary.failed} calls failed with {workers} workers: {summary.errors[0][1]}",
              file=sys.stderr)
    return {"workers": workers, "calls": summary.done, "failed": summary.failed, "wall_s": wall_s,
            "audio_h": summary.audio_s / 3600, "audio_h_per_h": summary.audio_s / wall_s,
            "load": (load_before, load_during)}


def throughput(args: argparse.Namespace, job: object) -> None:
    found = find_inputs([args.samples])
    if not found.files:
        sys.exit(f"no samples in {args.samples}: " + "; ".join(found.problems))
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp) / "calls"
        folder.mkdir()
        files = repeat_samples(list(found.files), args.calls, folder)
        for workers in args.workers:
            result = measure(files, job, workers, Path(tmp) / f"out-{workers}")
            results.append(result)
            print(f"{workers} workers: {result['calls']} calls, {result['audio_h']:.2f} h audio in "
                  f"{result['wall_s']:.1f} s = {result['audio_h_per_h']:.1f} audio h per hour "
                  f"(load average {result['load'][0]:.1f} before, {result['load'][1]:.1f} during)",
                  file=sys.stderr, flush=True)
    base = results[0]["audio_h_per_h"] / results[0]["workers"]
    print(f"\nBatch of {args.calls} calls from {args.samples} ({len(found.files)} files repeated), job "
          f"{args.job}{'' if args.beam_size is None else f' (beam {args.beam_size})'}, on {platform.node()} ({os.cpu_count()} CPUs, "
          f"{platform.processor() or platform.machine()})\n")
    print("| workers | calls | failed | wall s | audio h | audio h / wall h | scaling efficiency | load avg |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        efficiency = r["audio_h_per_h"] / (base * r["workers"]) if base else float("nan")
        print(f"| {r['workers']} | {r['calls']} | {r['failed']} | {r['wall_s']:.1f} | {r['audio_h']:.2f} | "
              f"{r['audio_h_per_h']:.1f} | {efficiency:.0%} | {r['load'][1]:.1f} |")


def make_long_call(samples: list[Path], minutes: float, path: Path) -> Path:
    """A stereo FLAC of ``minutes``: sample calls end to end, alternately in the left and right channel."""
    import av
    import numpy as np

    from scorer.asr.decode import SAMPLE_RATE, decode_audio

    from scorer.inputs import is_audio

    signals = [decode_audio(p).channels[0] for p in samples if is_audio(p)]
    if not signals:
        sys.exit("no recordings among the samples for --long-call")
    total = int(minutes * 60 * SAMPLE_RATE)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("flac", rate=SAMPLE_RATE, layout="stereo")
        written, turn = 0, 0
        while written < total:
            signal = signals[turn % len(signals)][: total - written]
            pcm = (np.clip(signal, -1, 1) * 32767).astype(np.int16)
            silent = np.zeros_like(pcm)
            stereo = np.stack([pcm, silent] if turn % 2 == 0 else [silent, pcm])
            frame = av.AudioFrame.from_ndarray(stereo, format="s16p", layout="stereo")
            frame.sample_rate = SAMPLE_RATE
            for packet in stream.encode(frame):
                container.mux(packet)
            written += len(pcm)
            turn += 1
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def long_call(args: argparse.Namespace, job: object) -> None:
    found = find_inputs([args.samples])
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        path = make_long_call(list(found.files), args.long_call, Path(tmp) / "long_call.flac")
        size_mb = path.stat().st_size / 1e6
        start = time.perf_counter()
        # One child process scores the call (a batch of one runs in the process that asks, so
        # the batch is started in a child of its own); it is this process's only child, so the
        # children's peak resident memory is the call's.
        ctx = multiprocessing.get_context("spawn")
        result = ctx.Queue()
        child = ctx.Process(target=_score_long_call, args=(path, job, Path(tmp) / "out", result))
        child.start()
        done, error = result.get()
        child.join()
        wall_s = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if sys.platform == "darwin":
            peak_mb /= 1024
    print(f"\nLong call: {args.long_call:.0f} min stereo FLAC ({size_mb:.0f} MB), job {args.job}: "
          f"{'scored' if done else 'FAILED: ' + error} in {wall_s:.0f} s, "
          f"worker peak resident memory {peak_mb:.0f} MB")


def _score_long_call(path: Path, job: object, out: Path, result: object) -> None:
    summary = run_batch([path], job, BatchOptions(out_dir=out, jobs=1, progress=False))
    result.put((bool(summary.done), summary.errors[0][1] if summary.errors else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", default=str(ROOT / "samples" / "audio"), help="folder of sample calls")
    parser.add_argument("--calls", type=int, default=100, help="calls in the batch (samples repeated)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts, first is the base")
    parser.add_argument("--job", default="scorer.batch.job:ScoreJob", help="MODULE:FACTORY of the batch job")
    parser.add_argument("--job-path", default=None, help="folder to add to sys.path for --job")
    parser.add_argument("--job-kwargs", default="{}", help="JSON keyword arguments for the job factory")
    parser.add_argument("--beam-size", type=int, default=None,
                        help="Whisper beam size for the scoring job (default: the job's own, 5)")
    parser.add_argument("--long-call", type=float, default=None, metavar="MINUTES",
                        help="instead: score one stereo call this long and report peak memory")
    args = parser.parse_args()
    if args.job_path:
        path = str(Path(args.job_path).resolve())
        sys.path.insert(0, path)
        # Spawned workers import the job's module too.
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [path, os.environ.get("PYTHONPATH")]))
    job = load_job(args.job, json.loads(args.job_kwargs), args.beam_size)
    if args.long_call:
        long_call(args, job)
    else:
        throughput(args, job)


if __name__ == "__main__":
    main()
