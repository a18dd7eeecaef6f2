"""Role inference measured: which speaker is the rep, told from what each one says.

Every call here has true roles (its transcript labels them). The labels are replaced by
neutral names ("Speaker 1", "Speaker 2", given in a seeded random order so that who speaks
first tells nothing), ``scorer.roles.infer_roles`` guesses the rep side, and the guess is
compared with the truth. Printed per corpus: how many calls are decided at the shipped
threshold (``DEFAULT_MIN_CONFIDENCE``) and how many of those are right, the accuracy when
every call is forced to a guess, and the "whoever speaks first is the rep" baseline.

The cue weights and the threshold were chosen on ``synthetic-dev`` (generated calls,
seed 1); every other row was not looked at while choosing them: ``synthetic-test``
(seed 2), the seven sample calls, and the real conversations in ../shared/data
(CraigslistBargain sellers, PersuasionForGood persuaders, AnnoMI counsellors: not sales
calls, so a low decided share there is the honest outcome, and a wrong decision the thing
to avoid).

    .venv/bin/python eval/roles_eval.py            # writes eval/results/roles_eval.json
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scorer.readers import read_transcript  # noqa: E402
from scorer.roles import DEFAULT_MIN_CONFIDENCE, infer_roles  # noqa: E402
from scorer.types import Transcript  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "eval" / "results" / "roles_eval.json"


def anonymised(t: Transcript, rng: random.Random) -> tuple[Transcript, set[str], str | None]:
    """``t`` with its speakers renamed "Speaker k" in a random order, the names of the true
    rep side, and the name of the first speaker."""
    sides = [s for s in dict.fromkeys(u.speaker for u in t.utterances) if s in ("rep", "customer")]
    order = sides[:]
    rng.shuffle(order)
    names = {side: f"Speaker {k + 1}" for k, side in enumerate(order)}
    utterances = tuple(replace(u, speaker="unknown", speaker_name=names.get(u.speaker)) for u in t.utterances)
    first = next((u.speaker_name for u in utterances if u.speaker_name), None)
    return replace(t, utterances=utterances, roles="unknown"), {names["rep"]} if "rep" in names else set(), first


def measure(transcripts: list[Transcript], seed: int = 0) -> dict[str, float | int]:
    rng = random.Random(seed)
    n = decided = right = forced = first_right = 0
    for t in transcripts:
        anon, truth, first = anonymised(t, rng)
        if len(anon.speaker_names) < 2 or not truth:
            continue
        inference = infer_roles(anon)
        n += 1
        ok = inference is not None and set(inference.rep_side) == truth
        forced += ok
        first_right += first in truth
        if inference is not None and inference.confidence >= DEFAULT_MIN_CONFIDENCE:
            decided += 1
            right += ok
    return {"calls": n, "decided": decided, "decided_share": round(decided / n, 3) if n else 0.0,
            "right_of_decided": right, "accuracy_decided": round(right / decided, 3) if decided else None,
            "wrong_decided_share": round((decided - right) / n, 3) if n else 0.0,
            "accuracy_forced": round(forced / n, 3) if n else 0.0,
            "first_speaker_baseline": round(first_right / n, 3) if n else 0.0}


def _synthetic(seed: int, n: int) -> list[Transcript]:
    from dev.synth_calls import SynthOptions, generate_corpus, write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(generate_corpus(SynthOptions(n_calls=n, seed=seed)), Path(tmp))
        return [read_transcript(p) for p in sorted((folder / "transcripts").glob("*.txt"))]


def _folder(path: Path, limit: int | None = None) -> list[Transcript]:
    files = sorted(path.glob("*.txt"))
    return [read_transcript(p) for p in files[:limit]]


def corpora(limit: int | None) -> dict[str, list[Transcript]]:
    out = {"synthetic-dev": _synthetic(1, 300), "synthetic-test": _synthetic(2, 300),
           "samples": _folder(ROOT / "samples" / "transcripts")}
    for name in ("craigslist", "p4g", "annomi"):
        folder = SHARED / name / "transcripts"
        if folder.is_dir():
            out[name] = _folder(folder, limit)
        else:
            print(f"skipped {name}: {folder} is absent (the shared corpora are not on this machine)")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="calls per shared corpus (default 300)")
    args = parser.parse_args(argv)
    results = {name: measure(ts) for name, ts in corpora(args.limit).items()}
    print(f"threshold {DEFAULT_MIN_CONFIDENCE}")
    print(f"{'corpus':<16} {'calls':>5} {'decided':>8} {'right':>7} {'wrong/all':>9} {'forced':>7} {'first':>6}")
    for name, r in results.items():
        acc = "-" if r["accuracy_decided"] is None else f"{r['accuracy_decided']:.3f}"
        print(f"{name:<16} {r['calls']:>5} {r['decided_share']:>8.3f} {acc:>7} {r['wrong_decided_share']:>9.3f} "
              f"{r['accuracy_forced']:>7.3f} {r['first_speaker_baseline']:>6.3f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"threshold": DEFAULT_MIN_CONFIDENCE, "corpora": results}, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
