"""Both Whisper engines on the same sample calls and model, at beam 1 and beam 5, and
faster-whisper's two pipelines (batched, the default, and sequential, the earlier path).

Each configuration runs in its own subprocess (so its peak memory, ru_maxrss, is its own)
and reports: model load time, transcription time, x-real-time (seconds of call per second
of transcription), peak resident memory, WER against the reference transcripts
(``samples/transcripts/<call_id>.txt``) and speaker-attributed WER (rep words scored
against the rep's lines, customer words against the customer's), then prints one Markdown
table. ::

    .venv/bin/python bench/bench_transcribe.py                      # all samples, 6 configurations
    .venv/bin/python bench/bench_transcribe.py --limit 2 --beams 1  # a quick check

bench/bench_throughput.py compares the paths at 1 and 2 workers, stereo and mono; this one
is the per-configuration detail (load time, speaker WER against the timed transcripts).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
ENGINES = ("faster-whisper", "openai-whisper")
_LINE = re.compile(r"^\s*(?:\[\d{1,2}:\d{2}:\d{2}\]\s*)?(Rep|Customer)\s*:\s*(.*)$", re.IGNORECASE)


def normalize(text: str) -> str:
    """Lower case, hyphens and slashes as spaces, other punctuation removed (WER's usual form)."""
    text = re.sub(r"[-\u2013\u2014/]", " ", text.lower())
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    return " ".join(text.split())


def reference_lines(call_id: str) -> list[tuple[str, str]]:
    """(speaker, text) of each line of samples/transcripts/<call_id>.txt, speaker lower case."""
    lines = []
    for raw in (SAMPLES / "transcripts" / f"{call_id}.txt").read_text(encoding="utf-8").splitlines():
        m = _LINE.match(raw)
        if m:
            lines.append((m.group(1).lower(), m.group(2)))
    return lines


def wer_scores(call_ids: list[str], hyp: dict[str, list[tuple[str, str]]]) -> tuple[float, float]:
    """(WER, speaker-attributed WER) pooled over calls."""
    import jiwer

    refs, hyps, errors, words = [], [], 0, 0
    for call_id in call_ids:
        ref = reference_lines(call_id)
        refs.append(normalize(" ".join(t for _, t in ref)))
        hyps.append(normalize(" ".join(t for _, t in hyp[call_id])))
        for speaker in ("rep", "customer"):
            r = normalize(" ".join(t for s, t in ref if s == speaker))
            h = normalize(" ".join(t for s, t in hyp[call_id] if s == speaker))
            if r:
                out = jiwer.process_words(r, h)
                errors += out.substitutions + out.deletions + out.insertions
                words += len(r.split())
    return jiwer.wer(refs, hyps), errors / max(words, 1)


def worker(engine: str, beam: int, model: str, pipeline: str, paths: list[str]) -> None:
    """Runs in the subprocess: load, transcribe, print one JSON line."""
    sys.path.insert(0, str(ROOT))
    from scorer.asr import TranscribeOptions, load_engine

    t0 = time.perf_counter()
    # The samples have the rep on the left: name the roles so that speaker WER can be scored.
    eng = load_engine(TranscribeOptions(engine=engine, model=model, beam_size=beam, pipeline=pipeline,
                                        rep_channel=0, cpu_threads=os.cpu_count() or 0))
    load_s = time.perf_counter() - t0
    out, audio_s, t1 = {}, 0.0, time.perf_counter()
    for p in paths:
        tr = eng.transcribe(p)
        audio_s += tr.duration_s
        out[tr.call_id] = [(u.speaker, u.text) for u in tr.utterances]
    run_s = time.perf_counter() - t1
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"load_s": load_s, "run_s": run_s, "audio_s": audio_s,
                      "peak_mib": peak_mib, "utterances": out}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    ap.add_argument("--beams", nargs="+", type=int, default=[1, 5])
    ap.add_argument("--model", default="tiny.en")
    ap.add_argument("--limit", type=int, default=0, help="only the first N samples (0 = all)")
    ap.add_argument("--calls", nargs="*", help="call ids to run (default: every sample)")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--pipelines", nargs="+", default=["batched", "sequential"],
                    choices=["batched", "sequential"], help="faster-whisper pipelines (openai-whisper: sequential)")
    ap.add_argument("--worker", nargs=4, metavar=("ENGINE", "BEAM", "MODEL", "PIPELINE"), help=argparse.SUPPRESS)
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]), args.worker[2], args.worker[3], args.paths)
        return

    audio = sorted((SAMPLES / "audio").glob("*.ogg"))
    if args.calls:
        audio = [p for p in audio if p.stem in set(args.calls)]
    if args.limit:
        audio = audio[: args.limit]
    audio = [p for p in audio if (SAMPLES / "transcripts" / f"{p.stem}.txt").is_file()]
    if not audio:
        sys.exit(f"no samples with reference transcripts under {SAMPLES}; nothing to measure")
    call_ids = [p.stem for p in audio]

    rows, raw = [], {}
    for engine in args.engines:
        pipelines = args.pipelines if engine == "faster-whisper" else ["sequential"]
        for pipeline in pipelines:
            for beam in args.beams:
                cmd = [sys.executable, __file__, "--worker", engine, str(beam), args.model, pipeline,
                       *map(str, audio)]
                done = subprocess.run(cmd, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    sys.exit(f"{engine} {pipeline} beam {beam} failed:\n{done.stderr[-2000:]}")
                result = json.loads(done.stdout.strip().splitlines()[-1])
                wer, sa_wer = wer_scores(call_ids, result["utterances"])
                raw[f"{engine}/{pipeline}/beam{beam}"] = {**result, "wer": wer, "speaker_wer": sa_wer}
                rows.append((f"{engine} {pipeline}", beam, result["load_s"], result["run_s"],
                             result["audio_s"] / result["run_s"], result["peak_mib"], wer, sa_wer))
                print(f"done: {engine} {pipeline} beam {beam}", file=sys.stderr)

    total_s = next(iter(raw.values()))["audio_s"]
    print(f"{len(audio)} sample call(s), {total_s:.0f} s of stereo audio, model {args.model}, "
          f"{os.cpu_count()} CPU threads\n")
    print("| engine, pipeline | beam | load s | transcribe s | x real time | peak MiB | WER | speaker WER |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for engine, beam, load_s, run_s, xrt, peak, wer, sa_wer in rows:
        print(f"| {engine} | {beam} | {load_s:.1f} | {run_s:.1f} | {xrt:.1f} | {peak:.0f} | "
              f"{wer:.1%} | {sa_wer:.1%} |")
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1))


if __name__ == "__main__":
    main()
