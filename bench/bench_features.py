"""Feature extraction speed: one 60-minute call and 1,000 ordinary calls, in one run.

For each workload it times the fast path (``extract_many``: the utterances of many calls
piped through spaCy together in batches, only the needed components, NER only around
next steps) against the naive one (the full pipeline called on each utterance, then the
same feature code), reports calls per second, words per second and the speed-up, and
checks that both give the same features.

Workloads come from ../shared/data when it is there: the 60-minute call is AnnoMI
counselling sessions (real, timestamped) joined and re-timed to about 9,000 words over
60 minutes; the 1,000 ordinary calls are CraigslistBargain negotiation chats (real, short,
estimated timing). Without the data, generated sales calls of the same sizes are used. ::

    .venv/bin/python bench/bench_features.py              # 60-minute call + 1,000 calls
    .venv/bin/python bench/bench_features.py --calls 200  # a quicker look

A second table times the pipe path with and without the learned proposal reader, side by
side, and counts the sentences it is asked about.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scorer.features import (FeatureOptions, build_tracker_matcher, extract_many,  # noqa: E402
                             load_nlp, load_trackers)
from scorer.features.common import count_words  # noqa: E402
from scorer.features.extract import features_from_docs  # noqa: E402
from scorer.types import Transcript, Utterance  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
WPM = 150.0

_REP = ["Thanks for taking the time today.", "How are you handling onboarding right now?",
        "What would change for your team if that took half the time?",
        "We help companies like yours cut the manual work out of payroll and reporting.",
        "Can we set up a demo next Tuesday at 3pm?", "Does that sound like a fair next step?",
        "Let me walk you through how the integration works with your CRM and your data.",
        "Who else would be involved in the decision on your side?"]
_CUSTOMER = ["Mostly spreadsheets and a lot of email, honestly.", "That sounds interesting.",
             "Our current vendor is too expensive for what we get.",
             "I need to talk to my manager before we commit to anything.",
             "Sure, Tuesday works for us.", "We looked at a couple of other tools last year.",
             "Security is a big deal for us, we need SOC 2.", "Mm-hmm.", "Right."]


def generated_call(call_id: str, words_target: int, seconds: float, seed: int) -> Transcript:
    rng = random.Random(seed)
    texts, speakers, words = [], [], 0
    while words < words_target:
        rep = len(texts) % 2 == 0
        n = rng.randint(1, 3) if rep else rng.randint(1, 2)
        text = " ".join(rng.choice(_REP if rep else _CUSTOMER) for _ in range(n))
        texts.append(text)
        speakers.append("rep" if rep else "customer")
        words += count_words(text)
    return retimed(call_id, list(zip(speakers, texts)), seconds)


def retimed(call_id: str, turns: list[tuple[str, str]], seconds: float) -> Transcript:
    """Utterances laid end to end, each as long as its share of the words, in ``seconds``."""
    total = sum(count_words(t) for _, t in turns) or 1
    utts, clock = [], 0.0
    for speaker, text in turns:
        dur = seconds * count_words(text) / total
        utts.append(Utterance(speaker, round(clock, 3), round(clock + dur * 0.95, 3), text))
        clock += dur
    return Transcript(call_id, tuple(utts), duration_s=seconds)


def long_call() -> tuple[Transcript, str]:
    folder = SHARED / "annomi" / "transcripts"
    if folder.is_dir():
        from scorer.readers import read_transcript

        turns: list[tuple[str, str]] = []
        for path in sorted(folder.glob("*.txt")):
            t = read_transcript(path)
            turns += [(u.speaker, u.text) for u in t.utterances]
            if sum(count_words(x) for _, x in turns) >= 9000:
                break
        return retimed("annomi-60min", turns, 3600.0), "AnnoMI sessions joined, re-timed to 60 min"
    return generated_call("generated-60min", 9000, 3600.0, 1), "generated sales call"


def ordinary_calls(n: int) -> tuple[list[Transcript], str]:
    folder = SHARED / "craigslist" / "transcripts"
    if folder.is_dir():
        from scorer.readers import read_transcript

        paths = sorted(folder.glob("*.txt"))[:n]
        return [read_transcript(p) for p in paths], "CraigslistBargain chats"
    return [generated_call(f"g{i:04d}", 400, 180.0, i) for i in range(n)], "generated calls"


def naive(calls: list[Transcript], nlp, options: FeatureOptions, matcher) -> list:
    """The full pipeline called once per utterance, then the same feature code."""
    return [features_from_docs(t, [nlp(u.text) for u in t.utterances], nlp, options, matcher)
            for t in calls]


def measure(name: str, calls: list[Transcript], nlp, options: FeatureOptions, matcher) -> dict:
    words = sum(count_words(u.text) for t in calls for u in t.utterances)
    t0 = time.perf_counter()
    fast = extract_many(calls, nlp, options)
    fast_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    slow = naive(calls, nlp, options, matcher)
    slow_s = time.perf_counter() - t0
    same = sum(a == b for a, b in zip(fast, slow))
    print(f"{name}: {len(calls)} calls, {words} words: pipe {fast_s:.1f} s, per-utterance "
          f"{slow_s:.1f} s, speed-up {slow_s / fast_s:.2f}x; identical features: "
          f"{same}/{len(calls)}", flush=True)
    return {"name": name, "calls": len(calls), "words": words, "fast_s": fast_s,
            "slow_s": slow_s, "same": same}


def reader_cost(name: str, calls: list[Transcript], nlp, options: FeatureOptions) -> str:
    """The learned proposal reader's cost: the pipe path with and without it (and so with and
    without the steps an answer backs, ``next_steps._backed``, which ask it too), taking turns
    twice (the faster of each), and the sentences it was asked about."""
    from dataclasses import replace

    from scorer.features import proposal_model

    asked = [0]
    real = proposal_model.probability

    def counted(text: str) -> float:
        asked[0] += 1
        return real(text)

    best, n = {True: float("inf"), False: float("inf")}, 0
    proposal_model.probability = counted
    try:
        for _ in range(2):
            for on in (True, False):
                opts = options if on else replace(options, proposal_reader_at=None)
                asked[0] = 0
                t0 = time.perf_counter()
                extract_many(calls, nlp, opts)
                best[on] = min(best[on], time.perf_counter() - t0)
                if on:
                    n = asked[0]
    finally:
        proposal_model.probability = real
    return (f"| {name} | {best[False]:.2f} | {best[True]:.2f} | {best[True] - best[False]:+.2f} | "
            f"{n} | {len(calls) / best[True]:.1f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=1000, help="ordinary calls (default 1000)")
    ap.add_argument("--batch-size", type=int, default=FeatureOptions().batch_size)
    args = ap.parse_args(argv)
    options = FeatureOptions(batch_size=args.batch_size)
    t0 = time.perf_counter()
    nlp = load_nlp()
    load_s = time.perf_counter() - t0
    matcher = build_tracker_matcher(nlp, load_trackers(options.trackers))
    big, big_src = long_call()
    calls, calls_src = ordinary_calls(args.calls)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, spaCy pipeline {nlp.meta['name']} "
          f"{nlp.meta['version']} (loaded in {load_s:.1f} s); batch size {args.batch_size}")
    print(f"60-minute call: {big_src}; ordinary calls: {calls_src}", flush=True)
    rows = [measure("60-minute call", [big], nlp, options, matcher),
            measure(f"{len(calls)} ordinary calls", calls, nlp, options, matcher)]
    print("\n| workload | calls | words | nlp.pipe (s) | calls/s | words/s | per-utterance (s) "
          "| calls/s | speed-up | same features |\n|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['calls']} | {r['words']} | {r['fast_s']:.1f} | "
              f"{r['calls'] / r['fast_s']:.2f} | {r['words'] / r['fast_s']:.0f} | "
              f"{r['slow_s']:.1f} | {r['calls'] / r['slow_s']:.2f} | "
              f"{r['slow_s'] / r['fast_s']:.2f}x | {r['same']}/{r['calls']} |")
    print("\nThe learned proposal reader (scorer.features.proposal_model), pipe path, faster of two turns each\n"
          "| workload | rules alone (s) | with the reader (s) | difference (s) | sentences asked | calls/s |\n"
          "|---|---|---|---|---|---|", flush=True)
    print(reader_cost("60-minute call", [big], nlp, options))
    print(reader_cost(f"{len(calls)} ordinary calls", calls, nlp, options))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
