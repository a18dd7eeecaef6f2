"""Requests that are not next steps (``scorer.features.requests``): what their verdicts add
to the reply sets' thread, and how many it finds in talk where nobody sells.

For each labelled reply set with scopes, the verdict in the thread (macro-F1, as
``eval/judgments.py`` scores it) with the next steps alone and with the requests' verdicts
too; then the requests found on ``--conversations`` Switchboard conversations (telephone
talk between strangers: every request there is noise or an everyday ask) and as many
CraigslistBargain chats (buyers and sellers bargaining: offers of a price are requests of
terms), by verdict, in the even half (read while the forms were chosen, ``--show`` prints
them) and the odd half (never read)::

    .venv/bin/python eval/request_verdicts.py        # writes eval/results/request_verdicts.json
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import judgments as J  # noqa: E402
import proposal_reader as PR  # noqa: E402

RESULTS = ROOT / "eval" / "results" / "request_verdicts.json"
SETS = ("dev4", "dev5", "dev6", "test5", "test6", "test7", "test8", "test9", "test10")


def thread_figures(judge: J.Judge, split: str) -> dict:
    """Macro-F1 of the thread on ``split``'s replies: steps alone, then with requests."""
    path = J.DATA / split / "replies.jsonl"
    items = J.with_scope(J.read_jsonl(path), path)
    feats = judge.features([judge.transcript(d["id"], [("rep", d["proposal"]), ("customer", d["reply"])])
                            for d in items])
    gold = [d["verdict"] for d in items]
    steps, both = [], []
    for f in feats:
        step = next((s.response for s in f.next_steps if s.utterance_index == 0), None)
        asked = next((r.response for r in f.requests if r.utterance_index == 0), None)
        steps.append(step or "none")
        both.append(step or asked or "none")
    score = lambda pred: round(J.macro_f1(J.prf(gold, pred, J.VERDICTS)), 3)  # noqa: E731
    return {"replies": len(items), "not_steps": sum(d.get("scope", "step") != "step" for d in items),
            "steps_alone": score(steps), "with_requests": score(both),
            "by_requests": sum(s == "none" and b != "none" for s, b in zip(steps, both))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conversations", type=int, default=300, help="per corpus (default 300)")
    ap.add_argument("--show", action="store_true", help="print the requests of the half that may be read")
    ap.add_argument("--sets", nargs="*", default=list(SETS), help="labelled reply sets (default: all with scopes)")
    args = ap.parse_args(argv)
    judge, out = J.Judge(), {}
    for split in args.sets:
        if not (J.DATA / split / "replies.jsonl").exists():
            continue
        row = out[split] = thread_figures(judge, split)
        print(f"{split}: {row['replies']} replies ({row['not_steps']} to terms or other asks): thread "
              f"macro-F1 {row['steps_alone']:.3f} with steps alone, {row['with_requests']:.3f} with "
              f"requests ({row['by_requests']} verdicts from requests)")
    if not PR.SHARED.exists():
        print(f"talk where nobody sells skipped: {PR.SHARED} not found")
    for name in ("switchboard", "craigslist") if PR.SHARED.exists() else ():
        ts = PR.conversations(name, args.conversations)
        found = [(k % 2, r) for k, f in enumerate(judge.features(ts)) for r in f.requests]
        halves = {label: dict(Counter(r.response for h, r in found if h == half))
                  for half, label in ((0, "read"), (1, "not_read"))}
        n = sum(len(t.utterances) for t in ts)
        out[name] = {"conversations": len(ts), "utterances": n, "requests": len(found), **halves}
        print(f"{name}: {len(ts)} conversations, {n} utterances: {len(found)} requests answered "
              f"(half read {halves['read']}, half not read {halves['not_read']})")
        if args.show:
            print("\n".join(f"  {r.response}: {r.text} || {r.response_text}" for h, r in found if h == 0))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
