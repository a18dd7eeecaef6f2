"""callscore's conversational judgments measured on labelled data: proposals, reply verdicts,
objection types, call threads, Switchboard answers and Switchboard questions.

Every judgment runs through the code the features use:

- **proposals** (``eval/data/judgments/<split>/proposals.jsonl``): each line is a one-utterance
  transcript run through ``find_proposals``; yes/no and the kind of step.
- **replies** (``replies.jsonl``): the proposal (rep) and the reply (customer) as a two-line
  transcript through ``find_proposals``; the verdict of the thread (``none`` when there is
  none). A second table scores ``classify_reply`` on the reply alone, with the proposal as
  context, which does not depend on the proposal being found.
- **objections** (``objections.jsonl``): each line as a customer utterance through
  ``compute_objections``; the first objection's type, or none.
- **threads** (``threads.jsonl``): each excerpt as a transcript through ``extract_many``;
  ``next_step_accepted`` and ``next_step_accepted_with_date`` against the labels.
- **Switchboard replies** (``../shared/data/swda/replies.jsonl``, evaluation only): each real
  answer to a yes-no question placed after a meeting proposal ("Would you be open to a
  quick demo on Thursday?"); ``ny`` should be accepted, ``nn`` declined.
- **Switchboard questions** (``../shared/data/swda/questions.jsonl``): the question classifier,
  as ``eval/swda_questions.py`` scores it (punctuation as transcribed, ``skip`` left out).

Splits: ``dev`` is what the judgments were tuned on, ``dev2`` a second development set written
in a later round (short and elliptical proposals, replies two turns later, objections of fit,
competitor and price look-alikes; scored once before any tuning on it), ``dev3`` a third
(replies and objections only, by a writer who never saw the code: negation and contrast,
conditions that do and do not postpone, counter-proposals, content-only verdicts), ``test``
was held out (the labelled sets were written by a second writer and never read while
tuning), and so was ``test2`` (proposals, replies and objections by a fourth writer, written
after ``test`` had been run several times; never read). Since round 4 the learned readers
learn from labelled sets (``dev/build_examples.py``: the replies of ``dev`` to ``dev4`` and ``test`` to ``test4``, the
objection lines of ``dev4`` to ``dev6`` and ``test`` to ``test3`` (``dev4`` since round 7, ``dev5`` and ``dev6`` since round 10): their
numbers are training numbers; ``eval/loso.py`` scores each held-out one with
readers fitted without it). ``test3`` (replies and objections by two more writers who saw
neither code nor sets) was the held-out split and was scored once before it joined the
examples, and so was ``test4`` (proposals and replies by two more such writers). ``test5`` (proposals and replies by a seventh writer, mostly plain proposals as
ordinary calls have them) was scored three times and its misses never read. An eighth
writer's set (proposals, replies with scopes and objections, half plain and half indirect
proposals) was scored once whole with round 5's final code, then cut in two by the CRC-32 of
each id: the even half is ``dev4`` (development: its errors may be read) and the odd half
``test6``, held out. A ninth writer's set of the same shape was cut the same way in round 7,
after dev4's errors had been fixed: ``dev5`` (development) and ``test7`` (held out, never
read). In round 8 a tenth writer's set (same shape; international English, phone-line ASR
text) became ``test8``, held out whole and never read; round 8's learned proposal reader
(``scorer.features.proposal_model``) was chosen on ``test5`` to ``test7`` before ``test8``
was first scored, and learns from ``dev`` to ``dev5`` and ``test`` to ``test4``
(``--rules-only`` scores next steps without it). In round 9 an eleventh writer's set became
``dev6`` (development: its errors may be read) and a twelfth writer's ``test9`` (held out
whole, never read; first scored with round 8's code, then once with the proposal backed by
its answer, ``eval/reply_backed.py``). In round 10 a thirteenth writer's set (recruitment,
logistics, dental and veterinary practices, construction, agencies, brokers; speakers of
English as a second language, auto-captions) became ``test10``, held out whole and never
read, first scored after round 10's changes were made (the objection reader learning from
``dev5`` and ``dev6``, requests that are not steps). A reply's thread verdict is its step's,
or, where its line proposes no step, the answer to its request (``scorer.features.requests``).
A split without a file for a judgment
skips it. Each headline figure (proposals F1, the thread's macro-F1, objections macro-F1)
comes with its 95% bootstrap interval over the split's items, and a run of two or more of
``test5`` to ``test10`` (none of them the readers' examples) also scores their items pooled. For Switchboard, the held-out
part is every conversation whose CRC-32 of its id is divisible by 3 (questions: also not one
of the conversations 0, 4, 8, ... an earlier round tuned on); the rest is ``dev``.

    .venv/bin/python eval/judgments.py                 # dev and test, writes eval/results/judgments.json
    .venv/bin/python eval/judgments.py --split dev     # dev to dev6: only what may be looked at
    .venv/bin/python eval/judgments.py --split held-out  # test6 to test10, numbers only (writes nothing)
    .venv/bin/python eval/judgments.py --split unseen    # test5 to test10, and pooled
    .venv/bin/python eval/judgments.py --split test8 --rules-only   # without the proposal reader
    .venv/bin/python eval/judgments.py --split learned   # test to test4 (the readers' examples)
    .venv/bin/python eval/judgments.py --split dev2    # the second development set alone
    .venv/bin/python eval/judgments.py --show-errors   # dev errors (never test ones)
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

DATA = ROOT / "eval" / "data" / "judgments"
SWDA = ROOT.parent / "shared" / "data" / "swda"
RESULTS = ROOT / "eval" / "results" / "judgments.json"
#: Meeting proposals a Switchboard answer is put after (chosen per answer by its id).
MEETING_PROPOSALS = ("Would you be open to a quick demo on Thursday?",
                     "Could we set up a call next week to go over the numbers?",
                     "Can I get you and your team in for a meeting on Tuesday?",
                     "Would it make sense to start a two-week trial next month?")
TARGETS = {"proposals": 0.90, "replies": 0.90, "objections": 0.85, "threads": None,
           "swda_replies": 0.95, "swda_questions": 0.85}
VERDICTS = ("accepted", "declined", "deferred", "none")
#: What each --split value runs (folders under eval/data/judgments).
SPLITS = {"dev": ("dev", "dev2", "dev3", "dev4", "dev5", "dev6"), "dev2": ("dev2",), "dev3": ("dev3",),
          "dev4": ("dev4",), "dev5": ("dev5",), "dev6": ("dev6",), "test": ("test",),
          "test2": ("test2",), "test3": ("test3",), "test4": ("test4",), "test5": ("test5",),
          "test6": ("test6",), "test7": ("test7",), "test8": ("test8",), "test9": ("test9",),
          "test10": ("test10",), "learned": ("test", "test2", "test3", "test4"),
          "held-out": ("test6", "test7", "test8", "test9", "test10"),
          "unseen": ("test5", "test6", "test7", "test8", "test9", "test10"),
          "both": ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "test", "test2", "test3", "test4", "test5",
                   "test6", "test7", "test8", "test9", "test10")}
HELD_OUT = ("test", "test2", "test3", "test4", "test5", "test6", "test7", "test8", "test9",
            "test10")  # never shown with --show-errors
#: The held-out splits nothing has learned from (test to test4 are the readers' examples),
#: pooled for a figure with a narrower interval than one split gives.
POOLED = ("test5", "test6", "test7", "test8", "test9", "test10")
#: Each judgment's headline figure from its (gold, predicted) items: the figure a split
#: reports, its bootstrap interval and the pooled figure all use it.
HEADLINE: dict[str, Callable[[list[str], list[str]], float]] = {
    "proposals": lambda g, p: prf(g, p, ("yes",))["yes"]["f1"],
    "replies": lambda g, p: macro_f1(prf(g, p, VERDICTS)),
    "objections": lambda g, p: macro_f1(prf(g, p, OBJECTION_CLASSES)),
}
OBJECTION_CLASSES = ("price", "timing", "authority", "need", "competitor", "none")
KINDS = ("demo", "trial", "proposal", "meeting", "call", "follow-up")


def heldout(conversation: str) -> bool:
    """Is this Switchboard conversation in the held-out part (never looked at)?"""
    return zlib.crc32(conversation.encode("utf-8")) % 3 == 0


def prf(gold: list[str], pred: list[str], classes: Iterable[str]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per class."""
    out = {}
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[c] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                  "support": tp + fn}
    return out


def macro_f1(table: dict[str, dict[str, float]]) -> float:
    return sum(v["f1"] for v in table.values()) / len(table)


def accuracy(gold: list, pred: list) -> float:
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def interval(gold: list[str], pred: list[str], metric: Callable[[list[str], list[str]], float],
             rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """The 95% bootstrap interval of ``metric`` over the items (resampled with replacement,
    ``rounds`` times, a fixed seed): how far a set of this size can move the figure."""
    rng = random.Random(seed)
    n = len(gold)
    values = []
    for _ in range(rounds):
        idx = [rng.randrange(n) for _ in range(n)]
        values.append(metric([gold[i] for i in idx], [pred[i] for i in idx]))
    values.sort()
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def interval_text(ci: tuple[float, float]) -> str:
    return f" (95% interval {ci[0]:.3f}-{ci[1]:.3f})"


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}\n| class | precision | recall | F1 | support |\n|---|---|---|---|---|")
    for c, v in table.items():
        print(f"| {c} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | "
              f"{v['support']} |")


def verdict_line(name: str, value: float, target: float | None, what: str) -> str:
    if target is None:
        return f"{name}: {what} {value:.3f} (no target: for information)"
    met = "target met" if value >= target else "target MISSED"
    return f"{name}: {what} {value:.3f}, target >= {target:.2f}: {met}"


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def with_scope(items: list[dict], path: Path) -> list[dict]:
    """Reply items with the ``scope`` of their proposal line (``step``, ``terms``, ``other``)
    from the ``proposal_scope.jsonl`` beside ``path``, where the set has one (test..test5:
    labelled by a writer who saw neither the code nor the verdicts)."""
    scope_file = path.with_name("proposal_scope.jsonl")
    if path.name != "replies.jsonl" or not scope_file.exists():
        return items
    scopes = {r["id"]: r["scope"] for r in read_jsonl(scope_file)}
    return [{**d, "scope": scopes[d["id"]]} for d in items]


class Judge:
    """The feature code's judgments on small transcripts."""

    def __init__(self, reader: bool = True) -> None:
        from scorer.features import FeatureOptions, load_nlp

        self.nlp = load_nlp()
        self.opts = FeatureOptions(groups=("questions", "next_steps", "objections"),
                                   **({} if reader else {"proposal_reader_at": None}))

    def transcript(self, call_id: str, lines: list[tuple[str, str]]):
        from scorer.types import Transcript, Utterance

        utts = tuple(Utterance(s, float(i * 10), float(i * 10 + 9), text)  # type: ignore[arg-type]
                     for i, (s, text) in enumerate(lines))
        return Transcript(call_id, utts, duration_s=float(len(lines) * 10))

    def features(self, transcripts: list) -> list:
        from scorer.features import extract_many

        return extract_many(transcripts, self.nlp, self.opts)


def show(errors: list[str], enabled: bool, limit: int = 80) -> None:
    if enabled and errors:
        print(f"  errors ({len(errors)}):")
        for e in errors[:limit]:
            print("   ", e)


def eval_proposals(judge: Judge, items: list[dict], errors: bool) -> dict:
    feats = judge.features([judge.transcript(d["id"], [(d["speaker"], d["text"])]) for d in items])
    gold = ["yes" if d["proposal"] else "no" for d in items]
    pred_kind = [f.next_steps[0].what if f.next_steps else "none" for f in feats]
    pred = ["yes" if k != "none" else "no" for k in pred_kind]
    gold_kind = [d["kind"] or "none" for d in items]
    yes_no = prf(gold, pred, ("yes", "no"))
    kinds = prf(gold_kind, pred_kind, KINDS)
    both = [(g, p) for g, p, y, q in zip(gold_kind, pred_kind, gold, pred) if y == q == "yes"]
    kind_acc = accuracy([g for g, _ in both], [p for _, p in both])
    print_table("proposals: is the line proposing a next step", yes_no)
    print_table("proposals: kind (non-proposals count as 'none')", kinds)
    print(f"kind right on {len(both)} proposals found: {kind_acc:.3f}")
    show([f"{d['id']} gold={g} pred={p}: {d['text']}" for d, g, p in zip(items, gold_kind, pred_kind)
          if g != p], errors)
    f1 = yes_no["yes"]["f1"]
    ci = interval(gold, pred, HEADLINE["proposals"])
    print(verdict_line("proposals", f1, TARGETS["proposals"], "F1 (proposal yes)") + interval_text(ci))
    return {"yes_no": yes_no, "kind": kinds, "kind_accuracy_on_found": kind_acc, "f1": f1,
            "ci95": ci, "target": TARGETS["proposals"], "met": f1 >= TARGETS["proposals"], "n": len(items),
            "_items": (gold, pred)}


def eval_replies(judge: Judge, items: list[dict], errors: bool) -> dict:
    from scorer.features import classify_reply

    feats = judge.features([judge.transcript(d["id"], [("rep", d["proposal"]),
                                                        ("customer", d["reply"])])
                            for d in items])
    gold = [d["verdict"] for d in items]
    in_thread, in_found, by_request = [], [], 0
    for f in feats:
        steps = [s for s in f.next_steps if s.utterance_index == 0]
        asked = [r.response for r in f.requests if r.utterance_index == 0]
        in_found.append(bool(steps))
        # A line that proposes no step may still be a request that got an answer (terms,
        # other asks: scorer.features.requests); its answer is the thread's verdict.
        by_request += not steps and bool(asked)
        in_thread.append((steps[0].response if steps else asked[0] if asked else None) or "none")
    found = sum(in_found)
    direct = [classify_reply(d["reply"], proposal=d["proposal"]) or "none" for d in items]
    t_thread, t_direct = prf(gold, in_thread, VERDICTS), prf(gold, direct, VERDICTS)
    print_table("replies: verdict of the thread (proposal and reply through find_proposals)",
                t_thread)
    print(f"macro-F1 {macro_f1(t_thread):.3f}, accuracy {accuracy(gold, in_thread):.3f}; "
          f"proposal lines found {found} of {len(items)}, verdicts on requests that are not steps "
          f"{by_request}")
    print_table("replies: classify_reply on the reply, the proposal as context", t_direct)
    print(f"macro-F1 {macro_f1(t_direct):.3f}, accuracy {accuracy(gold, direct):.3f}")
    show([f"{d['id']} gold={g} thread={p} direct={q}: {d['proposal']} || {d['reply']}"
          for d, g, p, q in zip(items, gold, in_thread, direct) if g != p or g != q], errors)
    m = macro_f1(t_thread)
    steps_only = {}
    if all("scope" in d for d in items):
        # For information: the threads whose proposal line is a next step (a meeting, a
        # demo, material, signing ...), not a request for a discount or other terms, which
        # the catalogue of next steps does not count (scopes labelled apart, see with_scope).
        keep = [k for k, d in enumerate(items) if d["scope"] == "step"]
        g, p = [gold[k] for k in keep], [in_thread[k] for k in keep]
        steps_only = {"macro_f1": macro_f1(prf(g, p, VERDICTS)), "accuracy": accuracy(g, p),
                      "n": len(keep), "proposals_found": sum(in_found[k] for k in keep)}
        print(f"threads whose proposal is a next step ({len(keep)} of {len(items)}; the rest ask "
              f"for terms or other things): macro-F1 {steps_only['macro_f1']:.3f}, accuracy "
              f"{steps_only['accuracy']:.3f}, proposal lines found {steps_only['proposals_found']}")
    ci = interval(gold, in_thread, HEADLINE["replies"])
    print(verdict_line("replies", m, TARGETS["replies"], "macro-F1 (in the thread)") + interval_text(ci))
    return {"in_thread": t_thread, "direct": t_direct, "macro_f1": m, "ci95": ci,
            "macro_f1_direct": macro_f1(t_direct), "accuracy": accuracy(gold, in_thread),
            "proposals_found": found, "request_verdicts": by_request, "next_step_proposals": steps_only,
            "target": TARGETS["replies"], "met": m >= TARGETS["replies"], "n": len(items),
            "_items": (gold, in_thread)}


def eval_objections(judge: Judge, items: list[dict], errors: bool) -> dict:
    feats = judge.features([judge.transcript(d["id"], [("customer", d["text"])]) for d in items])
    gold = [d["type"] or "none" for d in items]
    pred = [f.objections[0].subtype if f.objections else "none" for f in feats]
    table = prf(gold, pred, OBJECTION_CLASSES)
    print_table("objections: type of the customer line", table)
    print(f"accuracy {accuracy(gold, pred):.3f}")
    show([f"{d['id']} gold={g} pred={p}: {d['text']}" for d, g, p in zip(items, gold, pred)
          if g != p], errors)
    m = macro_f1(table)
    ci = interval(gold, pred, HEADLINE["objections"])
    print(verdict_line("objections", m, TARGETS["objections"], "macro-F1") + interval_text(ci))
    return {"table": table, "macro_f1": m, "accuracy": accuracy(gold, pred), "ci95": ci,
            "target": TARGETS["objections"], "met": m >= TARGETS["objections"], "n": len(items),
            "_items": (gold, pred)}


def eval_threads(judge: Judge, items: list[dict], errors: bool) -> dict:
    feats = judge.features([judge.transcript(d["id"], [(x["speaker"], x["text"])
                                                        for x in d["lines"]]) for d in items])
    acc_gold = [bool(d["next_step_accepted"]) for d in items]
    acc_pred = [f.values["next_step_accepted"] == 1.0 for f in feats]
    date_gold = [bool(d["accepted_with_date"]) for d in items]
    date_pred = [f.values["next_step_accepted_with_date"] == 1.0 for f in feats]
    a, b = accuracy(acc_gold, acc_pred), accuracy(date_gold, date_pred)
    print(f"\nthreads: next_step_accepted accuracy {a:.3f}, "
          f"next_step_accepted_with_date accuracy {b:.3f} ({len(items)} excerpts)")
    t_acc = prf(["yes" if g else "no" for g in acc_gold], ["yes" if p else "no" for p in acc_pred],
                ("yes", "no"))
    print_table("threads: next_step_accepted", t_acc)
    bad = []
    for d, f, g1, p1, g2, p2 in zip(items, feats, acc_gold, acc_pred, date_gold, date_pred):
        if g1 != p1 or g2 != p2:
            steps = "; ".join(f"{s.utterance_index}:{s.what}->{s.response}@{s.response_utterance_index}"
                              f"{list(s.dates)}" for s in f.next_steps)
            bad.append(f"{d['id']} accepted {g1}/{p1} dated {g2}/{p2}: {steps}")
    show(bad, errors)
    print(verdict_line("threads", a, TARGETS["threads"], "next_step_accepted accuracy"))
    return {"accepted_accuracy": a, "accepted_with_date_accuracy": b, "accepted": t_acc,
            "n": len(items)}


def eval_swda_replies(judge: Judge, split: str, errors: bool, field: str = "reply",
                      target: float | None = TARGETS["swda_replies"]) -> dict:
    from scorer.features import classify_reply

    items = [d for d in read_jsonl(SWDA / "replies.jsonl")
             if heldout(d["conversation"]) == (split == "test")]
    proposals = [MEETING_PROPOSALS[zlib.crc32(d["id"].encode()) % len(MEETING_PROPOSALS)]
                 for d in items]
    feats = judge.features([judge.transcript(d["id"], [("rep", p), ("customer", d[field])])
                            for d, p in zip(items, proposals)])
    pred = []
    for f in feats:
        steps = [s for s in f.next_steps if s.utterance_index == 0]
        pred.append((steps[0].response if steps else None) or "none")
    direct = [classify_reply(d[field], proposal=p) or "none" for d, p in zip(items, proposals)]
    want = {"ny": "accepted", "nn": "declined"}
    by_act: dict[str, Counter] = defaultdict(Counter)
    for d, p in zip(items, pred):
        by_act[d["reply_act"]][p] += 1
    yn = [(want[d["reply_act"]], p, q, d) for d, p, q in zip(items, pred, direct)
          if d["reply_act"] in want]
    acc = accuracy([g for g, *_ in yn], [p for _, p, *_ in yn])
    acc_direct = accuracy([g for g, *_ in yn], [q for _, _, q, _ in yn])
    print(f"\nSwitchboard answers ({split}, {len(items)} answers, the '{field}' text) after a "
          f"meeting proposal\n| act | n | accepted | declined | deferred | none |\n|---|---|---|---|---|---|")
    for act in ("ny", "nn", "na", "ng", "no", "aap_am"):
        c = by_act.get(act, Counter())
        n = sum(c.values())
        if n:
            print(f"| {act} | {n} | " + " | ".join(f"{c[v] / n:.3f}" for v in VERDICTS) + " |")
    print(f"ny -> accepted, nn -> declined: accuracy {acc:.3f} in the thread, "
          f"{acc_direct:.3f} classify_reply alone ({len(yn)} answers)")
    if split == "dev":
        show([f"{d['reply_act']} want={g} got={p}: {d[field]}" for g, p, _, d in yn if g != p],
             errors)
    print(verdict_line(f"swda_replies ({field})", acc, target, "ny/nn accuracy"))
    out = {"accuracy_ny_nn": acc, "accuracy_ny_nn_direct": acc_direct, "n_ny_nn": len(yn),
           "by_act": {a: dict(c) for a, c in by_act.items()}, "target": target}
    if target is not None:
        out["met"] = acc >= target
    return out


def eval_swda_questions(judge: Judge, split: str, every: int, errors: bool) -> dict:
    import swda_questions as sq
    from scorer.features import classify_doc
    from scorer.features.nlp import parse_texts

    lines = [ln for ln in sq.read_lines(SWDA / "questions.jsonl", 1)
             if sq.in_heldout(ln) == (split == "test")]
    convs = sorted({ln.conversation for ln in lines})
    keep = set(convs[::every])
    lines = [ln for ln in lines if ln.conversation in keep and ln.label != "skip"]
    t0 = time.perf_counter()
    docs = parse_texts(judge.nlp, [ln.text for ln in lines], ["questions"], 512)
    score = sq.Score()
    bad = []
    for ln, doc in zip(lines, docs):
        found = classify_doc(doc)
        pred = found[0][1] if found else None
        score.add(pred, ln.label)
        if bool(pred) != (ln.label in ("open", "closed")):
            bad.append(f"{ln.label} pred={pred}: {ln.text}")
    p = score.tp / (score.tp + score.fp) if score.tp + score.fp else 0.0
    r = score.tp / (score.tp + score.fn) if score.tp + score.fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"\nSwitchboard questions ({split}: {len(keep)} conversations, {len(lines)} lines, "
          f"punctuation as transcribed, skip left out; {time.perf_counter() - t0:.0f} s)")
    print("| precision | recall | F1 | open/closed accuracy | questions |\n|---|---|---|---|---|")
    kind = score.kind_right / score.kind_total if score.kind_total else 0.0
    print(f"| {p:.3f} | {r:.3f} | {f1:.3f} | {kind:.3f} | {score.tp + score.fn} |")
    if split == "dev":
        show(bad, errors, 150)
    print(verdict_line("swda_questions", f1, TARGETS["swda_questions"], "F1"))
    return {"precision": p, "recall": r, "f1": f1, "open_closed_accuracy": kind,
            "conversations": len(keep), "lines": len(lines), "target": TARGETS["swda_questions"],
            "met": f1 >= TARGETS["swda_questions"]}


def pool(results: dict[str, dict]) -> dict[str, dict]:
    """Each judgment scored on the items of every ``POOLED`` split that ran it, with its 95%
    interval (only where two or more such splits ran)."""
    out = {}
    for name, metric in HEADLINE.items():
        splits = [s for s in POOLED if name in results.get(s, {})]
        if len(splits) < 2:
            continue
        gold = [g for s in splits for g in results[s][name]["_items"][0]]
        pred = [p for s in splits for p in results[s][name]["_items"][1]]
        value = metric(gold, pred)
        out[name] = {"splits": splits, "n": len(gold), "value": value, "ci95": interval(gold, pred, metric),
                     "target": TARGETS[name], "met": value >= TARGETS[name]}
    return out


def run_split(judge: Judge, split: str, args: argparse.Namespace) -> dict:
    errors = args.show_errors and split not in HELD_OUT  # held-out errors are never printed
    print(f"\n================ split: {split} ================")
    out: dict = {}
    sets: dict[str, Callable] = {"proposals": eval_proposals, "replies": eval_replies,
                                 "objections": eval_objections, "threads": eval_threads}
    for name, fn in sets.items():
        if args.only and name not in args.only:
            continue
        path = DATA / split / f"{name}.jsonl"
        if path.exists():
            out[name] = fn(judge, with_scope(read_jsonl(path), path), errors)
    if split not in ("dev", "test"):
        return out  # Switchboard has a development and a held-out part only
    if not SWDA.exists():
        print(f"\nSwitchboard parts skipped: {SWDA} not found (the Switchboard data lives in "
              "../shared/data/swda next to the repository; see its README)")
        return out
    if not args.only or "swda_replies" in args.only:
        out["swda_replies"] = eval_swda_replies(judge, split, errors)
        # The whole turn ("Yeah. I've seen that, that was a really good movie."): for
        # information, as the answering line is what the act label is about.
        out["swda_replies_turn"] = eval_swda_replies(judge, split, errors, "reply_turn", None)
    if not args.only or "swda_questions" in args.only:
        every = args.questions_every or (3 if split == "dev" else 1)
        out["swda_questions"] = eval_swda_questions(judge, split, every, errors)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=tuple(SPLITS), default="both",
                    help="dev: dev to dev6; learned: test to test4; held-out: test6 to test10; "
                    "unseen: test5 to test10; both: all")
    ap.add_argument("--only", nargs="*", help="judgments to run (proposals replies objections "
                    "threads swda_replies swda_questions)")
    ap.add_argument("--show-errors", action="store_true", help="print dev errors")
    ap.add_argument("--questions-every", type=int, default=0,
                    help="Switchboard questions: one conversation in N (default 3 on dev, 1 on test)")
    ap.add_argument("--rules-only", action="store_true",
                    help="next steps by the rules alone, without the learned proposal reader")
    ap.add_argument("--out", type=Path, default=None,
                    help=f"where to write the results (default {RESULTS.name}, only for --split both)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    judge = Judge(reader=not args.rules_only)
    splits = SPLITS[args.split]
    results = {s: run_split(judge, s, args) for s in splits}
    pooled = pool(results)
    print("\n================ summary ================")
    for s, res in results.items():
        for name, r in res.items():
            if "met" in r:
                print(f"{s:4} {name:18} {'target met' if r['met'] else 'target MISSED'}")
    for name, r in pooled.items():
        print(f"pooled {'+'.join(r['splits'])} {name}: {r['value']:.3f}{interval_text(r['ci95'])}, "
              f"{r['n']} items, target >= {TARGETS[name]:.2f}: {'target met' if r['met'] else 'target MISSED'}")
    results = {s: {name: {k: v for k, v in r.items() if not k.startswith("_")} for name, r in res.items()}
               for s, res in results.items()}
    # The results file holds every split: a run of some of them writes only where told to.
    if args.out is None and args.split == "both" and not args.only and not args.rules_only:
        args.out = RESULTS
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"schema_version": 1, "pipeline": judge.nlp.meta.get("name"),
                                        "results": results, "pooled_held_out": pooled}, indent=1) + "\n",
                            encoding="utf-8")
        print(f"wrote {args.out}")
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
