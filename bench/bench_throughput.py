"""Audio-to-transcript throughput, side by side in one run: today's path, the new default,
the accurate preset and the openai-whisper reference, on the same recordings and model.

For stereo calls (``samples/audio``) and for the same calls mixed down to mono and diarized
(``samples/audio_mono``), at 1 and 2 workers (separate processes, each with
``cpu_threads = cores / workers``, the calls shared out longest first), it reports audio hours
per wall-clock hour (all workers loaded first, then timed together), the peak resident memory
of the largest worker (``ru_maxrss``), the word error rate against the scripts
(``samples/scripts``; case and punctuation normalised, jiwer) and the speaker-attributed WER
(each found speaker mapped to rep or customer by its overlap with the truth in
``samples/audio_mono/truth``; words scored against that party's lines). ::

    .venv/bin/python bench/bench_throughput.py            # every sample; openai-whisper on the 2 shortest
    .venv/bin/python bench/bench_throughput.py --quick    # the shortest call only, a few minutes
    .venv/bin/python bench/bench_throughput.py --configs today new --workers 2 --layouts stereo

Configurations (``--configs``): ``today`` = ``TranscribeOptions(pipeline="sequential",
beam_size=5)``, what callscore did before (each channel on its own); ``new`` = the default
``TranscribeOptions()`` (batched, greedy); ``accurate`` = ``TranscribeOptions().with_preset("accurate")``
(batched, beam 5);
``openai`` = ``TranscribeOptions(engine="openai-whisper", beam_size=1)`` (greedy: its beam
search is ~3x slower for no gain on these calls, see BENCHMARKS.md). openai-whisper runs on
the ``--openai-calls`` shortest calls only (it is about real time); the other configurations
are also run on that subset so that its rows compare like with like.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "samples"
LAYOUTS = {"stereo": SAMPLES / "audio", "mono": SAMPLES / "audio_mono"}
CONFIGS = ("today", "new", "accurate", "openai")
_LINE = re.compile(r"^\s*(Rep|Customer)\s*:\s*(.*)$", re.IGNORECASE)


def options_for(config: str, threads: int, model: str):
    """The ``TranscribeOptions`` of one configuration."""
    from scorer.asr import TranscribeOptions

    base = TranscribeOptions(model=model, cpu_threads=threads)
    return {"today": replace(base, pipeline="sequential", beam_size=5),
            "new": base,
            "accurate": base.with_preset("accurate"),
            "openai": replace(base, engine="openai-whisper", beam_size=1)}[config]


# ------------------------------------------------------------------ scoring against the scripts

def normalize(text: str) -> str:
    """Lower case, hyphens and slashes as spaces, other punctuation removed (WER's usual form)."""
    text = re.sub(r"[-\u2013\u2014/]", " ", text.lower())
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    return " ".join(text.split())


def script_lines(call_id: str) -> list[tuple[str, str]]:
    """(party, text) of each line of samples/scripts/<call_id>.txt, party lower case."""
    text = (SAMPLES / "scripts" / f"{call_id}.txt").read_text(encoding="utf-8")
    return [(m.group(1).lower(), m.group(2)) for m in map(_LINE.match, text.splitlines()) if m]


def truth_turns(call_id: str) -> list[tuple[float, float, str]]:
    """(start_s, end_s, party) of each turn in samples/audio_mono/truth/<call_id>.rttm."""
    out = []
    for line in (SAMPLES / "audio_mono" / "truth" / f"{call_id}.rttm").read_text().splitlines():
        f = line.split()
        if len(f) >= 8 and f[0] == "SPEAKER":
            out.append((float(f[3]), float(f[3]) + float(f[4]), f[7]))
    return out


def party_of_names(utterances: list[dict], truth: list[tuple[float, float, str]]) -> dict[str, str]:
    """Each speaker name (or role) -> rep or customer: the party its words overlap most."""
    overlap: dict[str, dict[str, float]] = {}
    for u in utterances:
        key = u["name"] or u["speaker"]
        for start, end, _text in u["words"]:
            for a, b, party in truth:
                o = min(b, end) - max(a, start)
                if o > 0:
                    overlap.setdefault(key, {}).setdefault(party, 0.0)
                    overlap[key][party] += o
    return {k: max(v, key=v.get) for k, v in overlap.items()}


def score(call_ids: list[str], results: dict[str, list[dict]]) -> dict[str, float]:
    """WER and speaker-attributed WER pooled over the calls, and the share of words whose
    speaker is right."""
    import jiwer

    refs, hyps, errors, ref_words, right, timed = [], [], 0, 0, 0, 0
    for call_id in call_ids:
        lines, utterances = script_lines(call_id), results[call_id]
        truth = truth_turns(call_id)
        refs.append(normalize(" ".join(t for _, t in lines)))
        hyps.append(normalize(" ".join(u["text"] for u in utterances)))
        party = party_of_names(utterances, truth)
        for side in ("rep", "customer"):
            r = normalize(" ".join(t for p, t in lines if p == side))
            h = normalize(" ".join(u["text"] for u in utterances if party.get(u["name"] or u["speaker"]) == side))
            out = jiwer.process_words(r, h)
            errors += out.substitutions + out.deletions + out.insertions
            ref_words += len(r.split())
        for u in utterances:
            for start, end, _ in u["words"]:
                mid = (start + end) / 2
                at = [p for a, b, p in truth if a - 0.25 <= mid <= b + 0.25]
                if at:
                    timed += 1
                    right += party.get(u["name"] or u["speaker"]) in at
    return {"wer": jiwer.wer(refs, hyps), "speaker_wer": errors / max(ref_words, 1),
            "words_right": right / max(timed, 1)}


# ------------------------------------------------------------------ the worker processes

def worker(config: str, threads: int, model: str, paths: list[str]) -> None:
    """Runs in a subprocess: load, say ready, wait for go, transcribe, print one JSON line."""
    from scorer.asr import load_engine

    t0 = time.perf_counter()
    engine = load_engine(options_for(config, threads, model))
    print(json.dumps({"ready": time.perf_counter() - t0}), flush=True)
    sys.stdin.readline()
    before = resource.getrusage(resource.RUSAGE_SELF)
    out, audio_s, t1 = {}, 0.0, time.perf_counter()
    for p in paths:
        tr = engine.transcribe(p)
        audio_s += tr.duration_s
        out[tr.call_id] = [{"speaker": u.speaker, "name": u.speaker_name, "text": u.text,
                            "words": [(w.start_s, w.end_s, w.text) for w in u.words]} for u in tr.utterances]
    run_s = time.perf_counter() - t1
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_s = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    peak_mib = after.ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"run_s": run_s, "cpu_s": cpu_s, "audio_s": audio_s, "peak_mib": peak_mib, "calls": out}),
          flush=True)


def share(paths: list[Path], workers: int) -> list[list[Path]]:
    """The calls dealt out longest first to the least loaded worker (file size ~ length)."""
    loads, out = [0] * workers, [[] for _ in range(workers)]
    for p in sorted(paths, key=lambda p: -p.stat().st_size):
        i = loads.index(min(loads))
        out[i].append(p)
        loads[i] += p.stat().st_size
    return [o for o in out if o]


def measure(config: str, workers: int, model: str, paths: list[Path]) -> dict:
    """One configuration with ``workers`` processes: wall time from go to the last result."""
    threads = max(1, (os.cpu_count() or 1) // workers)
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", config, str(threads), model, *map(str, part)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for part in share(paths, workers)]
    loads = []
    for p in procs:
        line = p.stdout.readline()
        if not line:
            sys.exit(f"{config}: a worker failed while loading (exit {p.wait()})")
        loads.append(json.loads(line)["ready"])
    load_avg = os.getloadavg()[0]
    start = time.perf_counter()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        line = p.stdout.readline()
        if p.wait() != 0 or not line:
            sys.exit(f"{config} with {workers} workers failed (exit {p.returncode})")
        results.append(json.loads(line))
    wall_s = time.perf_counter() - start
    calls = {k: v for r in results for k, v in r["calls"].items()}
    audio_s = sum(r["audio_s"] for r in results)
    return {"config": config, "workers": workers, "threads": threads, "wall_s": wall_s, "audio_s": audio_s,
            "cpu_s": sum(r["cpu_s"] for r in results),
            "load_s": max(loads), "peak_mib": max(r["peak_mib"] for r in results), "calls": calls,
            "load_avg": (load_avg, os.getloadavg()[0])}


# ------------------------------------------------------------------ the run

def run_rows(configs: list[str], layouts: list[str], workers: list[int], model: str,
             call_ids: list[str], repeat: int = 1) -> list[dict]:
    """One row per layout, worker count and configuration: the fastest of ``repeat`` rounds,
    the configurations taking turns within each round (in a rotated order), so that other
    work on the machine hits them alike."""
    rows = []
    for layout in layouts:
        paths = [p for c in call_ids for p in [LAYOUTS[layout] / f"{c}.ogg"] if p.is_file()]
        for n in workers:
            best: dict[str, dict] = {}
            for turn in range(repeat):
                for config in configs[turn % len(configs):] + configs[: turn % len(configs)]:
                    r = measure(config, n, model, paths)
                    print(f"{layout} {config} x{n} round {turn + 1}: {r['audio_s'] / r['wall_s']:.1f}x real "
                          f"time, peak {r['peak_mib']:.0f} MiB (load {r['load_avg'][0]:.1f})",
                          file=sys.stderr, flush=True)
                    if config not in best or r["wall_s"] < best[config]["wall_s"]:
                        best[config] = r
            for config in configs:
                r = best[config]
                r.update(layout=layout, call_ids=call_ids, rounds=repeat, **score(call_ids, r["calls"]))
                rows.append(r)
    return rows


def print_table(rows: list[dict], title: str) -> None:
    base = {(r["layout"], r["workers"], tuple(r["call_ids"])): r["audio_s"] / r["wall_s"]
            for r in rows if r["config"] == "today"}
    cpu_base = {(r["layout"], r["workers"], tuple(r["call_ids"])): r["audio_s"] / r["cpu_s"]
                for r in rows if r["config"] == "today"}
    print(f"\n{title}\n")
    print("| audio | workers x threads | path | audio h / wall h | vs today | audio h / CPU h | vs today "
          "| worker peak MiB | WER | speaker WER | words' speaker right | load avg |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        key = (r["layout"], r["workers"], tuple(r["call_ids"]))
        speed, per_cpu = r["audio_s"] / r["wall_s"], r["audio_s"] / r["cpu_s"]
        vs = f"{speed / base[key]:.2f}x" if key in base else "-"
        vs_cpu = f"{per_cpu / cpu_base[key]:.2f}x" if key in cpu_base else "-"
        print(f"| {r['layout']} | {r['workers']} x {r['threads']} | {r['config']} | {speed:.1f} | {vs} | "
              f"{per_cpu:.1f} | {vs_cpu} | {r['peak_mib']:.0f} | {r['wer']:.2%} | {r['speaker_wer']:.2%} | "
              f"{r['words_right']:.1%} | {r['load_avg'][1]:.1f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=CONFIGS)
    ap.add_argument("--layouts", nargs="+", default=list(LAYOUTS), choices=list(LAYOUTS))
    ap.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--model", default="tiny.en")
    ap.add_argument("--calls", nargs="*", help="call ids (default: every sample with a script)")
    ap.add_argument("--openai-calls", type=int, default=2, help="shortest calls for the openai-whisper rows")
    ap.add_argument("--quick", action="store_true", help="the shortest call only, one round (a few minutes)")
    ap.add_argument("--repeat", type=int, default=2, help="rounds per row; the fastest is kept (default 2)")
    ap.add_argument("--json", type=Path, help="also write every row (without the transcripts) here")
    ap.add_argument("--worker", nargs=3, metavar=("CONFIG", "THREADS", "MODEL"), help=argparse.SUPPRESS)
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]), args.worker[2], args.paths)
        return

    stereo = sorted((SAMPLES / "audio").glob("*.ogg"), key=lambda p: (p.stat().st_size, p.name))
    call_ids = [p.stem for p in stereo if (SAMPLES / "scripts" / f"{p.stem}.txt").is_file()
                and (SAMPLES / "audio_mono" / "truth" / f"{p.stem}.rttm").is_file()]
    if args.calls:
        call_ids = [c for c in call_ids if c in set(args.calls)]
    if args.quick:
        call_ids, args.openai_calls, args.repeat = call_ids[:1], 1, 1
    if not call_ids:
        sys.exit(f"no sample calls with scripts and truth under {SAMPLES}; nothing to measure")
    started = time.perf_counter()
    main_configs = [c for c in args.configs if c != "openai"]
    short = call_ids[: args.openai_calls]
    rows = (run_rows(main_configs, args.layouts, args.workers, args.model, call_ids, args.repeat)
            if main_configs else [])
    ref_rows: list[dict] = []
    if "openai" in args.configs and short:
        same = short == call_ids
        ref_rows = run_rows(["openai"] if same else [c for c in args.configs], args.layouts, args.workers,
                            args.model, short)
        if same:
            rows, ref_rows = rows + ref_rows, []
    machine = (f"{platform.node()}: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
               f"Python {platform.python_version()}, model {args.model}")
    print(f"\n{machine}; bench took {time.perf_counter() - started:.0f} s; each row the fastest of "
          f"{args.repeat} interleaved round(s) (openai-whisper: 1)")
    audio_min = sum(r["audio_s"] for r in rows[:1]) / 60
    print_table(rows, f"All {len(call_ids)} calls ({audio_min:.1f} min of audio each layout)")
    if ref_rows:
        print_table(ref_rows, f"The {len(short)} shortest calls, with the openai-whisper reference")
    if args.json:
        slim = [{k: v for k, v in r.items() if k != "calls"} for r in rows + ref_rows]
        for r in slim:
            r["options"] = asdict(options_for(r["config"], r["threads"], args.model))
        args.json.write_text(json.dumps(slim, indent=1))


if __name__ == "__main__":
    main()
