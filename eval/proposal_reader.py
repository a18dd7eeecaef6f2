"""A learned proposal reader, tried in round 4 of the judgments and not shipped: what it finds
and what it costs, rerunnable.

The reader is the naive Bayes of ``scorer.features.bayes`` over "proposal" / "none" lines
(``dev/build_examples.proposal_groups``: the proposal sets, every reply set's proposal line,
objection lines, accepting and declining replies, the synthetic generator's ordinary lines).
This script puts it behind the rules for the run only: an utterance in which the rules find
no step, no step word and no scheduling move is a proposal when the reader is at least
``--at`` sure (default 0.999), and such a proposal opens no thread while another is open.

1. **What it finds**, on sets it did not learn from: each of ``test3`` and ``test4`` left out
   of its examples, the proposal lines of their replies found, and the verdict in the thread.
2. **What it costs**, on conversations nobody labelled for proposals (``../shared/data``, used
   only to measure): Switchboard (phone talk between strangers: next steps are all but
   absent) and CraigslistBargain chats; proposals per 100 utterances with and without it::

    .venv/bin/python eval/proposal_reader.py            # writes eval/results/proposal_reader.json
    .venv/bin/python eval/proposal_reader.py --framed   # only sentences with a modal, "let's" ...
    .venv/bin/python eval/proposal_reader.py --show     # and prints the sentences it added

Not shipped because of part 2: on Switchboard it adds false proposals at 0.08-0.13 per 100
utterances, in-the-moment requests and talk ("Could you hold on?", "You want to start?",
"How about you.") that a following "sure" would turn into an accepted meeting, the judgment
the ``advanced`` score leans on most (docs/FEATURES.md, round 4).
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
sys.path.insert(0, str(ROOT / "dev"))

import build_examples as build  # noqa: E402
import judgments as J  # noqa: E402
# ``--framed``: the words that put a sentence forward as an offer or a request (a modal,
# "let's", "how about", "want to", "free", "open to" ...), the gate of round 8's shipped reader.
from scorer.features.proposal_model import FRAME  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "eval" / "results" / "proposal_reader.json"


class Reader:
    """The reader put behind the rules of ``scorer.features.proposals`` while ``on``."""

    def __init__(self, at: float, framed: bool) -> None:
        from scorer.features import next_steps, proposals

        self.at, self.framed, self.on, self.model = at, framed, False, None
        self.learned: set[int] = set()
        self._analyse, self._propose = proposals.analyse_turn, next_steps._propose
        next_steps.analyse_turn, next_steps._propose = self.analyse, self.propose

    def fit(self, sets: list[str]) -> None:
        from scorer.features.bayes import fit
        from scorer.features.common import clean

        self.model = fit({k: [clean(t) for t in v] for k, v in build.proposal_groups(sets).items()})

    def analyse(self, judged, reader_at=None):
        from scorer.features.common import clean
        from scorer.features.step_words import NOT_A_STEP, mentions, norm_keep

        turn = self._analyse(judged, None)  # the rules alone, without round 8's shipped reader
        if not self.on or turn.kind is not None or turn.move is not None:
            return turn
        for sent, kind in judged:
            low = norm_keep(sent.text)
            label, p = self.model.best(clean(sent.text))
            if not mentions(low) and not NOT_A_STEP.search(low) and label == "proposal" and p >= self.at \
                    and (not self.framed or FRAME.search(low)):
                turn.kind, turn.span = "meeting", (sent.start_char, sent.end_char)
                turn.asks = kind is not None or sent.text.rstrip().endswith("?")
                self.learned.add(id(turn))
                break
        return turn

    def propose(self, th, found, i, u, turn, negotiable):
        if id(turn) in self.learned and (negotiable or (th.cur is not None and th.waiting)):
            return None
        return self._propose(th, found, i, u, turn, negotiable)


def found_and_verdicts(judge: J.Judge, split: str) -> dict:
    items = J.read_jsonl(J.DATA / split / "replies.jsonl")
    feats = judge.features([judge.transcript(d["id"], [("rep", d["proposal"]), ("customer", d["reply"])])
                            for d in items])
    with contextlib.redirect_stdout(io.StringIO()):
        thread = J.eval_replies(judge, items, False)["macro_f1"]
    return {"proposals_found": sum(any(s.utterance_index == 0 for s in f.next_steps) for f in feats),
            "replies": len(items), "verdict_in_thread_macro_f1": round(thread, 3)}


def conversations(name: str, limit: int) -> list:
    from scorer.readers import read_transcript
    from scorer.types import Transcript, Utterance

    if name == "craigslist":
        return [read_transcript(p) for p in sorted((SHARED / "craigslist" / "transcripts").iterdir())[:limit]]
    out = []
    with (SHARED / "swda" / "questions.jsonl").open(encoding="utf-8") as f:
        for line in f:
            conv = json.loads(line)
            utts = tuple(Utterance("rep" if u["speaker"] == "A" else "customer", i * 5.0, i * 5.0 + 4.0, u["text"])
                         for i, u in enumerate(conv["utterances"]) if u["text"].strip())
            out.append(Transcript(conv["conversation"], utts, duration_s=len(utts) * 5.0))
            if len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--at", type=float, default=0.999, help="least probability believed")
    ap.add_argument("--conversations", type=int, default=300, help="per corpus (default 300)")
    ap.add_argument("--show", action="store_true", help="print the sentences the reader added")
    ap.add_argument("--framed", action="store_true", help="ask the reader only about framed sentences")
    ap.add_argument("--out", type=Path, default=None,
                    help=f"default {RESULTS.name}, or proposal_reader_framed.json with --framed")
    args = ap.parse_args(argv)
    args.out = args.out or (RESULTS.with_name("proposal_reader_framed.json") if args.framed else RESULTS)
    from scorer.features import FeatureOptions, extract_many

    judge, reader, out = J.Judge(), Reader(args.at, args.framed), {"at": args.at, "framed": args.framed}
    for left_out in ("test3", "test4"):
        reader.fit([s for s in build.PROPOSAL_SETS if s != left_out])
        reader.on = False
        rules = found_and_verdicts(judge, left_out)
        reader.on = True
        both = found_and_verdicts(judge, left_out)
        out[left_out] = {"rules": rules, "with_reader": both}
        print(f"{left_out} (left out of the reader): proposal lines found {rules['proposals_found']} -> "
              f"{both['proposals_found']} of {rules['replies']}; verdict in the thread, macro-F1 "
              f"{rules['verdict_in_thread_macro_f1']:.3f} -> {both['verdict_in_thread_macro_f1']:.3f}")
    if not SHARED.exists():
        print(f"false proposals skipped: {SHARED} not found")
    else:
        reader.fit(list(build.PROPOSAL_SETS))
        opts = FeatureOptions(groups=("questions", "next_steps"))
        for name in ("switchboard", "craigslist"):
            ts = conversations(name, args.conversations)
            steps = {}
            for on in (False, True):
                reader.on = on
                steps[on] = {(t.call_id, s.text) for t, f in zip(ts, extract_many(ts, judge.nlp, opts))
                             for s in f.next_steps}
            n = sum(len(t.utterances) for t in ts)
            out[name] = {"conversations": len(ts), "utterances": n, "proposals_rules": len(steps[False]),
                         "proposals_with_reader": len(steps[True])}
            print(f"{name}: {len(ts)} conversations, {n} utterances: proposals {len(steps[False])} by the "
                  f"rules ({100 * len(steps[False]) / n:.2f} per 100 utterances), {len(steps[True])} with the "
                  f"reader ({100 * len(steps[True]) / n:.2f})")
            if args.show:
                print("\n".join(f"  + {c}: {x}" for c, x in sorted(steps[True] - steps[False])))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
