"""One call scored while the rep waits: wall time of ``callscore score FILE`` and where it goes.

Runs the installed command, as a user would, on one text transcript and on one 2-minute
stereo recording (``samples/``), each ``--repeat`` times into a fresh output folder, and
reports the median wall time and the median CPU time (user + system, steadier than wall time
on a shared machine), twice, the two interleaved run by run: with callscore's own bytecode cached, as on a user's
machine after its first run, and with none (``PYTHONDONTWRITEBYTECODE=1`` and no
``__pycache__``, as in this project's sandboxes, where every run compiles callscore's
modules again). Then, for each input, one run in-process under cProfile gives
the time spent in each stage (the command's own imports measured with ``-X importtime``):

* importing the command line and the libraries it needs for that input;
* loading the spaCy pipeline, the scoring models and (for audio) the Whisper model;
* decoding and transcribing (audio), features, scoring, writing the outputs;

and lists the heavy libraries that were imported, so that a text transcript can be seen to
load no Whisper engine, no torch and no process pool. ::

    .venv/bin/python bench/bench_single.py              # text + audio, 3 runs each
    .venv/bin/python bench/bench_single.py --repeat 5
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CALLSCORE = Path(sys.executable).with_name("callscore")
INPUTS = {"text transcript": ROOT / "samples" / "transcripts" / "call01_demo_booked.txt",
          "2-minute stereo recording": ROOT / "samples" / "audio" / "call02_meeting_booked.ogg"}
#: Stages: a label and the functions whose cumulative time is that stage (the first found).
STAGES = (("load spaCy pipeline", ("load_nlp",)),
          ("load scoring models", ("load_models",)),
          ("load Whisper model", ("load_engine",)),
          ("decode + transcribe", ("transcribe",)),
          ("features", ("extract_features",)),
          ("score", ("score_calls",)),
          ("write outputs", ("_finish_call",)))
HEAVY = ("spacy", "sklearn", "skops", "faster_whisper", "ctranslate2", "onnxruntime", "whisper", "torch",
         "presidio_analyzer", "concurrent.futures.process", "dask", "distributed", "pyarrow")


#: How Python finds callscore's own compiled modules. The libraries under ``.venv`` were
#: compiled when pip installed them; callscore itself (an editable install) is compiled
#: by Python on its first run and cached in ``__pycache__``, unless the environment sets
#: ``PYTHONDONTWRITEBYTECODE`` (as this project's sandboxes do): then every run compiles
#: its 17,000 lines again.
BYTECODE = {"cached": "callscore's bytecode cached (a user's machine after the first run)",
            "none": "no bytecode for callscore (PYTHONDONTWRITEBYTECODE=1, nothing cached)"}


def _drop_bytecode() -> None:
    """Remove callscore's own ``__pycache__`` folders (ignored build outputs; not .venv's)."""
    for folder in [ROOT, *ROOT.glob("scorer/**/")]:  # ROOT holds cli.py's
        shutil.rmtree(folder / "__pycache__", ignore_errors=True)


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _score(path: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one ``callscore score PATH -o DIR``."""
    with tempfile.TemporaryDirectory() as tmp:
        start, cpu = time.perf_counter(), _cpu_children()
        done = subprocess.run([str(CALLSCORE), "score", str(path), "-o", tmp], capture_output=True,
                              text=True, env=env)
        seconds, cpu = time.perf_counter() - start, _cpu_children() - cpu
    if done.returncode != 0:
        sys.exit(f"callscore score {path} failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, cpu


def wall(path: Path, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Wall and CPU seconds of ``callscore score PATH -o DIR`` (fresh DIR each run), for each
    bytecode state of :data:`BYTECODE`, interleaved (none, then cached, ``repeat`` times) so
    that a machine that slows down during the run slows both alike."""
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    none = {**cached, "PYTHONDONTWRITEBYTECODE": "1"}
    out: dict[str, list[tuple[float, float]]] = {"cached": [], "none": []}
    for _ in range(repeat):
        _drop_bytecode()
        out["none"].append(_score(path, none))
        _score(path, cached)  # writes the cache; not counted
        out["cached"].append(_score(path, cached))
    return out


def import_times(path: Path) -> list[tuple[str, float]]:
    """Top-level packages by cumulative import time (s), from ``python -X importtime``."""
    with tempfile.TemporaryDirectory() as tmp:
        code = ("import sys; sys.argv=['callscore','score',%r,'-o',%r]; import cli; "
                "cli.entry()" % (str(path), tmp))
        done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=ROOT,
                              capture_output=True, text=True)
    totals: dict[str, float] = {}
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if m and len(m.group(2)) <= 1:  # a top-level import (not nested in another)
            pkg = m.group(3).split(".")[0]
            totals[pkg] = totals.get(pkg, 0.0) + int(m.group(1)) / 1e6
    return sorted(totals.items(), key=lambda kv: -kv[1])


def profile(path: Path) -> dict:
    """Run the command in this process under cProfile: stage times and heavy modules."""
    sys.path.insert(0, str(ROOT))
    before = set(sys.modules)
    with tempfile.TemporaryDirectory() as tmp:
        prof = cProfile.Profile()
        start = time.perf_counter()
        prof.enable()
        import cli

        sys.argv = ["callscore", "score", str(path), "-o", tmp]
        try:
            cli.entry()  # as the console script runs it
        except SystemExit:
            pass
        finally:
            prof.disable()
        total = time.perf_counter() - start
    stats = pstats.Stats(prof).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    by_name: dict[str, float] = {}
    for (_file, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.items():
        by_name[name] = max(by_name.get(name, 0.0), ct)
    stages = {label: next((by_name[n] for n in names if n in by_name), 0.0) for label, names in STAGES}
    loaded = [m for m in HEAVY if m in sys.modules and m not in before]
    return {"total_s": total, "stages": stages, "heavy_modules": loaded}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile-one", metavar="LABEL", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.profile_one:
        print("PROFILE " + json.dumps(profile(INPUTS[args.profile_one])))
        return
    if not CALLSCORE.exists():
        sys.exit(f"{CALLSCORE} not found: install the project first (make setup)")
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at the start\n")
    print("CPU s: user + system time of the command, steadier than wall time on a shared machine\n")
    print("| input | bytecode | median wall s | runs, wall s | median CPU s |\n|---|---|---:|---|---:|")
    for label, path in INPUTS.items():
        timed = wall(path, args.repeat)
        for bytecode, described in BYTECODE.items():
            runs = timed[bytecode]
            walls = [w for w, _ in runs]
            print(f"| {label} (`{path.relative_to(ROOT)}`) | {described} | "
                  f"{statistics.median(walls):.2f} | {', '.join(f'{w:.2f}' for w in walls)} | "
                  f"{statistics.median(c for _, c in runs):.2f} |", flush=True)
    for label, path in INPUTS.items():
        # each profile in a fresh process, so that nothing is imported already
        done = subprocess.run([sys.executable, __file__, "--profile-one", label], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"profiling {label} failed: {done.stderr.strip()[-500:]}")
        prof = json.loads(next(line for line in done.stdout.splitlines()
                               if line.startswith("PROFILE "))[len("PROFILE "):])
        imports = import_times(path)
        print(f"\n{label}: {prof['total_s']:.2f} s in process (under cProfile, which slows Python code)\n")
        print("| stage | s |\n|---|---:|")
        for stage, seconds in prof["stages"].items():
            if seconds:
                print(f"| {stage} | {seconds:.2f} |")
        print(f"| imports: {', '.join(f'{p} {s:.2f}' for p, s in imports[:6])} | {sum(s for _, s in imports):.2f} |")
        print(f"\nheavy libraries loaded: {', '.join(prof['heavy_modules']) or 'none'}")
        print(f"not loaded: {', '.join(m for m in HEAVY if m not in prof['heavy_modules'])}")


if __name__ == "__main__":
    main()
