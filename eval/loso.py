"""The learned readers measured on labelled sets they did not learn from: each of ``test``,
``test2``, ``test3`` and ``test4`` (and our own test phrasings, ``tests/data/judgments/*_mine*``) scored
by readers fitted without it, at several thresholds, against the cues alone (since round 8
the learned proposal reader too is refitted without the set left out).

The shipped readers learn from every development and earlier held-out set
(``dev/build_examples.py``), so their numbers on those sets are numbers on training data;
this script gives the honest ones. For each set left out it writes the
readers' example files without that set to a temporary folder, points
``scorer.features.reply_model`` and ``scorer.features.objection_model`` at them, and scores
replies (``classify_reply`` with the proposal, and the verdict in the thread) and objection
types as ``eval/judgments.py`` does::

    .venv/bin/python eval/loso.py                       # writes eval/results/loso.json
    .venv/bin/python eval/loso.py --replies-at 0.9 0.99 --objections-at 0.9 0.95
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))
sys.path.insert(0, str(ROOT / "dev"))

import build_examples as build  # noqa: E402
import build_proposal_model as proposals  # noqa: E402
import judgments as J  # noqa: E402

MINE = ROOT / "tests" / "data" / "judgments"
RESULTS = ROOT / "eval" / "results" / "loso.json"
OFF = 1.01  # a threshold no probability reaches: the cues alone


def _mine(kind: str) -> list[dict]:
    rows = []
    for path in sorted(MINE.glob(f"{kind}_mine*.jsonl")):
        rows.extend(J.read_jsonl(path))
    if kind == "objections":  # mine4 holds sentences for the thread tests, not types
        rows = [r for r in rows if "type" in r]
    return [dict(r, id=r.get("id", f"m-{i:03d}")) for i, r in enumerate(rows)]


def _point_at(folder: Path, left_out: str) -> None:
    from scorer.features import bayes, objection_model, proposal_model, reply_model

    replies = build.reply_groups([s for s in build.REPLY_SETS if s != left_out])
    objections = build.objection_groups([s for s in build.OBJECTION_SETS if s != left_out])
    (folder / "replies.toml").write_text(build.toml_file("loso", replies), encoding="utf-8")
    (folder / "objections.toml").write_text(build.toml_file("loso", objections), encoding="utf-8")
    reply_model.EXAMPLES = folder / "replies.toml"
    objection_model.EXAMPLES_SETS = folder / "objections.toml"
    bayes.model_of.cache_clear()
    # The proposal reader (round 8) learns from the same sets: refitted without this one.
    X, y = proposals.examples(tuple(s for s in proposals.TRAIN_SETS if s != left_out))
    table = proposals.weights(proposals.fit(X, y), len(X), sum(y))
    (folder / "proposal_weights.json").write_text(json.dumps(table), encoding="utf-8")
    proposal_model.WEIGHTS = folder / "proposal_weights.json"
    proposal_model._weights.cache_clear()


def _quiet(fn, *args):
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replies-at", type=float, nargs="*", default=[0.9, 0.99, 0.999])
    ap.add_argument("--objections-at", type=float, nargs="*", default=[0.8, 0.9, 0.95, 0.99])
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    from scorer.features import objection_model, reply_model

    judge = J.Judge()
    default_reply, default_objection = reply_model.FIRST_PROBABILITY, objection_model.FIRST_PROBABILITY
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for left_out in ("test", "test2", "test3", "test4", "mine"):
            _point_at(Path(tmp), left_out)
            if left_out == "mine":
                replies, objections = _mine("replies"), _mine("objections")
            else:
                replies = J.read_jsonl(J.DATA / left_out / "replies.jsonl")
                path = J.DATA / left_out / "objections.jsonl"
                objections = J.read_jsonl(path) if path.exists() else []
            row: dict = {"replies": {}, "objections": {}}
            for t in [OFF, *args.replies_at]:
                reply_model.FIRST_PROBABILITY = t
                r = _quiet(J.eval_replies, judge, replies, False)
                row["replies"]["cues alone" if t == OFF else str(t)] = {
                    "alone": round(r["macro_f1_direct"], 3), "thread": round(r["macro_f1"], 3)}
            reply_model.FIRST_PROBABILITY = default_reply
            for t in [OFF, *args.objections_at] if objections else []:
                objection_model.FIRST_PROBABILITY = t
                o = _quiet(J.eval_objections, judge, objections, False)
                row["objections"]["cues alone" if t == OFF else str(t)] = round(o["macro_f1"], 3)
            objection_model.FIRST_PROBABILITY = default_objection
            out[left_out] = row
            print(f"\n== left out: {left_out} ({len(replies)} replies, {len(objections)} objection lines)")
            print("replies, macro-F1 (classify_reply alone / in the thread):",
                  ", ".join(f"{k} {v['alone']:.3f} / {v['thread']:.3f}" for k, v in row["replies"].items()))
            print("objections, macro-F1:", ", ".join(f"{k} {v:.3f}" for k, v in row["objections"].items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
