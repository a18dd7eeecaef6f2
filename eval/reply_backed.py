"""A proposal backed by its answer (round 9, ``scorer.features.next_steps._backed``): a
sentence the learned proposal reader is not sure of (below 0.9) becomes a step when the other
party answers it outright. What it gains and costs at several thresholds, side by side with
it switched off, rerunnable:

1. **the reply verdict in the thread** on the development set it was chosen on (``dev6``)
   and on the held-out sets (test5 to test9; test9 was scored only with the threshold
   already chosen);
2. **false proposals** on conversations nobody labelled for proposals (Switchboard and
   CraigslistBargain, ``../shared/data``, used only to measure), by half: the even half was
   read while the threshold was chosen. ::

    .venv/bin/python eval/reply_backed.py      # writes eval/results/reply_backed.json
"""
from __future__ import annotations

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

RESULTS = ROOT / "eval" / "results" / "reply_backed.json"
SETS = ("dev6", "test5", "test6", "test7", "test8", "test9")
OFF = 1.01  # no reader probability reaches it: the backing is off
THRESHOLDS = (OFF, 0.5, 0.7, 0.8)


def main() -> int:
    import scorer.features.next_steps as ns
    from scorer.features import FeatureOptions, extract_many

    chosen, judge, out = ns.BACKED_AT, J.Judge(), {}
    try:
        for at in THRESHOLDS:
            ns.BACKED_AT = at
            row: dict = {}
            for split in SETS:
                path = J.DATA / split / "replies.jsonl"
                with contextlib.redirect_stdout(io.StringIO()):
                    r = J.eval_replies(judge, J.with_scope(J.read_jsonl(path), path), False)
                row[split] = {"thread_macro_f1": round(r["macro_f1"], 3),
                              "proposals_found": r["proposals_found"], "n": r["n"]}
            if PR.SHARED.exists():
                opts = FeatureOptions(groups=("questions", "next_steps"))
                for name in ("switchboard", "craigslist"):
                    ts = PR.conversations(name, 300)
                    halves = [0, 0]
                    for k, f in enumerate(extract_many(ts, judge.nlp, opts)):
                        halves[k % 2] += len(f.next_steps)
                    row[name] = {"read": halves[0], "not_read": halves[1]}
            label = "off" if at == OFF else f"{at:.1f}"
            out[label] = row
            print(f"backing {label}: " + ", ".join(
                f"{s} thread {v['thread_macro_f1']:.3f} ({v['proposals_found']} of {v['n']} found)"
                if "n" in v else f"{s} proposals {v['read']} + {v['not_read']}" for s, v in row.items()))
    finally:
        ns.BACKED_AT = chosen
    if not PR.SHARED.exists():
        print(f"false proposals skipped: {PR.SHARED} not found")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"chosen": chosen, **out}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
