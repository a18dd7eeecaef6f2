"""Redaction speed on the text path: calls per second with and without ``--redact``, and
the cost of building the analyzer, in one run.

"Without" is the features alone (``extract_features`` per call, the spaCy pipeline shared);
"with" is ``Redactor.redact_transcript`` then the features on the redacted transcript,
which is what ``--redact`` adds. The analyzer load is timed twice: sharing the features'
already-loaded pipeline (what the CLI does) and loading its own copy.

Calls: the seven sample transcripts (samples/transcripts/*.txt, about 400 words each) and,
when ../shared/data is there, CraigslistBargain chats (short) and AnnoMI sessions (longer). ::

    .venv/bin/python bench/bench_redact.py                 # 7 samples + 200 + 50 shared calls
    .venv/bin/python bench/bench_redact.py --calls 50
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scorer.features import extract_features, load_nlp  # noqa: E402
from scorer.readers import read_transcript  # noqa: E402
from scorer.redact import Redactor  # noqa: E402
from scorer.types import Transcript  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def workloads(n_calls: int) -> dict[str, list[Transcript]]:
    out = {"samples": [read_transcript(p) for p in sorted((ROOT / "samples" / "transcripts").glob("*.txt"))]}
    for corpus, n in (("craigslist", n_calls), ("annomi", max(1, n_calls // 4))):
        files = sorted((SHARED / corpus / "transcripts").glob("*.txt"))[:n]
        if files:
            out[corpus] = [read_transcript(p) for p in files]
    return out


def words(calls: list[Transcript]) -> int:
    return sum(len(u.text.split()) for t in calls for u in t.utterances)


def time_calls(calls: list[Transcript], nlp, redactor: Redactor | None) -> float:
    t0 = time.perf_counter()
    for t in calls:
        if redactor is not None:
            t = redactor.redact_transcript(t).transcript
        extract_features(t, nlp)
    return time.perf_counter() - t0


def time_redaction_only(calls: list[Transcript], redactor: Redactor) -> float:
    t0 = time.perf_counter()
    for t in calls:
        redactor.redact_transcript(t)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=200, help="CraigslistBargain calls (AnnoMI: a quarter)")
    args = ap.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    t0 = time.perf_counter()
    nlp = load_nlp()
    print(f"spaCy pipeline load: {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    redactor = Redactor(nlp=nlp)
    shared_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    Redactor()
    own_s = time.perf_counter() - t0
    print(f"analyzer build: {shared_s:.3f} s sharing the features' pipeline, {own_s:.2f} s loading "
          f"its own (plus the first import of Presidio: see the import line of `python -X importtime`)")
    print()
    print("| calls | n | words/call | features only (calls/s) | features + redaction (calls/s) | "
          "redaction alone (s/call) | slow-down |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, calls in workloads(args.calls).items():
        time_calls(calls[:2], nlp, redactor)  # warm both paths
        plain = time_calls(calls, nlp, None)
        redacted = time_calls(calls, nlp, redactor)
        alone = time_redaction_only(calls, redactor)
        n = len(calls)
        print(f"| {name} | {n} | {words(calls) / n:.0f} | {n / plain:.1f} | {n / redacted:.1f} | "
              f"{alone / n:.3f} | {redacted / plain:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
