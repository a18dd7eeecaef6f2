"""Tried in round 8 and not shipped: the reply and objection readers as a logistic regression
(the proposal reader's kind: TF-IDF word 1-2 grams and character 2-5 grams) in place of the
naive Bayes, each labelled set left out of the examples in turn, as ``eval/loso.py`` does.

For each set left out (``test`` to ``test4``, our own test phrasings ``mine`` and ``dev5``,
which is in no reader's examples) it prints the macro-F1 of the shipped recipe (naive Bayes,
believed first at its shipped threshold) and of the logistic regression believed first at
several thresholds (``1.01``: never first, the cues decide): for replies ``classify_reply``
alone and the verdict in the thread, for objections the type::

    .venv/bin/python eval/lr_readers.py        # writes eval/results/lr_readers.json
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import judgments as J  # noqa: E402
import loso as L  # noqa: E402

RESULTS = ROOT / "eval" / "results" / "lr_readers.json"
LEFT_OUT = ("test", "test2", "test3", "test4", "mine", "dev5")
AT = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


class Logistic:
    """``bayes.NaiveBayes.best`` for a logistic regression fitted on the same examples."""

    def __init__(self, groups: dict[str, list[str]]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        X = [t for ts in groups.values() for t in ts]
        y = [label for label, ts in groups.items() for _ in ts]
        union = make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                           TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2))
        self.pipeline = make_pipeline(union, LogisticRegression(C=10, max_iter=5000)).fit(X, y)
        self.seen: dict[str, tuple[str, float]] = {}

    def best(self, text: str) -> tuple[str, float]:
        if text not in self.seen:
            p = self.pipeline.predict_proba([text])[0]
            self.seen[text] = (str(self.pipeline.classes_[p.argmax()]), float(p.max()))
        return self.seen[text]


def main() -> int:
    from scorer.features import bayes, objection_model, replies

    judge, out = J.Judge(), {}
    read_verdict, objection_reader = replies.read_verdict, objection_model._model
    first, least = objection_model.FIRST_PROBABILITY, objection_model.MIN_PROBABILITY
    with tempfile.TemporaryDirectory() as tmp:
        for left in LEFT_OUT:
            L._point_at(Path(tmp), left)
            mine = left == "mine"
            reply_items = L._mine("replies") if mine else J.read_jsonl(J.DATA / left / "replies.jsonl")
            path = J.DATA / left / "objections.jsonl"
            objection_items = L._mine("objections") if mine else J.read_jsonl(path) if path.exists() else []
            replies.read_verdict, objection_model._model = read_verdict, objection_reader
            r = L._quiet(J.eval_replies, judge, reply_items, False)
            row: dict = {"replies": {"naive Bayes": [round(r["macro_f1_direct"], 3), round(r["macro_f1"], 3)]},
                         "objections": {}}
            if objection_items:
                row["objections"]["naive Bayes"] = round(L._quiet(J.eval_objections, judge, objection_items,
                                                                  False)["macro_f1"], 3)
            reply_lr = Logistic(L.build.reply_groups([s for s in L.build.REPLY_SETS if s != left]))
            objection_lr = Logistic(bayes.read_examples(objection_model.EXAMPLES, objection_model.EXAMPLES_SETS))
            objection_model._model = lambda: objection_lr
            for at in AT:
                def read(text: str, min_probability: float | None = None, at: float = at):
                    label, p = reply_lr.best(text)
                    return None if p < at else ((None if label == "none" else label), p)

                replies.read_verdict = read
                r = L._quiet(J.eval_replies, judge, reply_items, False)
                row["replies"][str(at)] = [round(r["macro_f1_direct"], 3), round(r["macro_f1"], 3)]
                if objection_items:
                    objection_model.FIRST_PROBABILITY, objection_model.MIN_PROBABILITY = at, min(at, least)
                    row["objections"][str(at)] = round(L._quiet(J.eval_objections, judge, objection_items,
                                                                False)["macro_f1"], 3)
            objection_model.FIRST_PROBABILITY, objection_model.MIN_PROBABILITY = first, least
            out[left] = row
            print(f"\n== left out: {left}\nreplies (alone / thread): "
                  + ", ".join(f"{k} {a:.3f} / {b:.3f}" for k, (a, b) in row["replies"].items())
                  + "\nobjections: " + ", ".join(f"{k} {v:.3f}" for k, v in row["objections"].items()), flush=True)
    replies.read_verdict, objection_model._model = read_verdict, objection_reader
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
