"""How often the next-step features fire on generated calls, per kind of closing answer.

The default models learn ``advanced`` from ``dev/synth_calls.py``, whose record says how the
customer answered the close (``traits["answer"]``: accepted with a date, accepted without one,
deferred, declined, or nothing said of a step). If ``next_step_accepted`` fires on calls whose
customer declined or put the step off, the model cannot lean on it and learns proxies instead.
This prints, per kind of answer, the share of calls on which each next-step feature is set::

    .venv/bin/python -m eval.synth_judgments              # 400 calls, seed 99 (about a minute)
    .venv/bin/python -m eval.synth_judgments --calls 1000 --seed 7

Generated calls are training data, not evaluation data: this is a diagnosis of the features on
the generator's phrasing, not a measure of how they do on real calls (eval/judgments.py is).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FEATURES = ("next_step_accepted", "next_step_accepted_with_date", "next_step_declined", "next_step_deferred")


def main() -> None:
    from dev.synth_calls import SynthOptions, generate_corpus, write_corpus
    from scorer.features import extract_many, load_nlp
    from scorer.readers import read_transcript

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=400)
    ap.add_argument("--seed", type=int, default=99)
    args = ap.parse_args()
    calls = generate_corpus(SynthOptions(n_calls=args.calls, seed=args.seed))
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(calls, Path(tmp))
        transcripts = [read_transcript(folder / "transcripts" / f"{c.call_id}.txt") for c in calls]
    features = extract_many(transcripts, load_nlp())
    counts: dict[str, Counter] = defaultdict(Counter)
    for call, f in zip(calls, features):
        row = counts[call.traits.get("answer", "?")]
        row["calls"] += 1
        row["advanced"] += call.advanced
        for name in FEATURES:
            row[name] += int(bool(f.values[name]))
    print(f"{args.calls} generated calls, seed {args.seed}: share of calls with each feature set\n")
    print("| customer's answer | calls | advanced | " + " | ".join(FEATURES) + " |")
    print("|---|---:|---:|" + "---:|" * len(FEATURES))
    for answer in ("accepted_dated", "accepted_open", "deferred", "declined", "none"):
        row = counts.get(answer)
        if row:
            n = row["calls"]
            print(f"| {answer} | {n} | {row['advanced'] / n:.2f} | "
                  + " | ".join(f"{row[name] / n:.2f}" for name in FEATURES) + " |")


if __name__ == "__main__":
    main()
