"""What the learned proposal reader (``scorer.features.proposal_model``, shipped in round 8)
finds and what it costs, side by side with the rules alone, rerunnable.

1. **What it finds**, on the held-out sets it never learned from (test5 to test8; test8 is
   the only one no choice was made on): proposal lines found and F1, the replies' proposal
   lines found, and the reply verdict in the thread.
2. **What it costs**, on conversations nobody labelled for proposals (``../shared/data``,
   used only to measure): Switchboard (phone talk between strangers: next steps all but
   absent) and CraigslistBargain chats, proposals with and without it. The conversations
   are split in two by their position: the even half was read while the reader's gate was
   chosen, the odd half was not. ::

    .venv/bin/python eval/proposal_model.py           # writes eval/results/proposal_model.json
    .venv/bin/python eval/proposal_model.py --show    # and prints the sentences it added
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import judgments as J  # noqa: E402
import proposal_reader as PR  # noqa: E402

RESULTS = ROOT / "eval" / "results" / "proposal_model.json"
HELD = ("test5", "test6", "test7", "test8")


def finds(judge: J.Judge, split: str) -> dict:
    with contextlib.redirect_stdout(io.StringIO()):
        lines = J.eval_proposals(judge, J.read_jsonl(J.DATA / split / "proposals.jsonl"), False)
    yes = lines["yes_no"]["yes"]
    return {"proposals_f1": round(lines["f1"], 3), "precision": round(yes["precision"], 3),
            "recall": round(yes["recall"], 3), **PR.found_and_verdicts(judge, split)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conversations", type=int, default=300, help="per corpus (default 300)")
    ap.add_argument("--show", action="store_true",
                    help="print the sentences the reader added in the half that may be read")
    args = ap.parse_args(argv)
    from scorer.features import FeatureOptions, extract_many

    rules, reader = J.Judge(reader=False), J.Judge()
    out: dict = {}
    for split in HELD:
        out[split] = {"rules": finds(rules, split), "with_reader": finds(reader, split)}
        a, b = out[split]["rules"], out[split]["with_reader"]
        print(f"{split}: proposals F1 {a['proposals_f1']:.3f} -> {b['proposals_f1']:.3f} (precision "
              f"{a['precision']:.3f} -> {b['precision']:.3f}, recall {a['recall']:.3f} -> {b['recall']:.3f}); "
              f"replies' proposal lines found {a['proposals_found']} -> {b['proposals_found']} of {a['replies']}; "
              f"verdict in the thread {a['verdict_in_thread_macro_f1']:.3f} -> {b['verdict_in_thread_macro_f1']:.3f}")
    if not PR.SHARED.exists():
        print(f"false proposals skipped: {PR.SHARED} not found")
    else:
        for name in ("switchboard", "craigslist"):
            ts = PR.conversations(name, args.conversations)
            steps = {}
            for on, judge in (("rules", rules), ("with_reader", reader)):
                opts = FeatureOptions(groups=("questions", "next_steps"),
                                      proposal_reader_at=judge.opts.proposal_reader_at)
                steps[on] = {(k % 2, t.call_id, s.utterance_index, s.text)
                             for k, (t, f) in enumerate(zip(ts, extract_many(ts, judge.nlp, opts)))
                             for s in f.next_steps}
            n = sum(len(t.utterances) for t in ts)
            row = {"conversations": len(ts), "utterances": n}
            for half, label in ((0, "read"), (1, "not_read")):
                row[label] = {k: sum(1 for s in v if s[0] == half) for k, v in steps.items()}
            out[name] = row
            print(f"{name}: {len(ts)} conversations, {n} utterances: proposals by the rules "
                  f"{len(steps['rules'])}, with the reader {len(steps['with_reader'])} (half read while "
                  f"the gate was chosen {row['read']['rules']} -> {row['read']['with_reader']}, half "
                  f"not read {row['not_read']['rules']} -> {row['not_read']['with_reader']})")
            if args.show:
                print("\n".join(f"  + {call}: {text}" for half, call, _, text
                                 in sorted(steps["with_reader"] - steps["rules"]) if half == 0))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
