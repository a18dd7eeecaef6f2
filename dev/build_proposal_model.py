"""Fit the learned proposal reader (``scorer.features.proposal_model``) and write its weights.

Lines that propose a step: the proposal lines of the labelled sets in ``TRAIN_SETS`` and
every reply set's proposal whose scope is a step. Lines that do not: their other proposal
lines, proposals that ask for terms or something else, the replies, the objection lines, the
synthetic generator's ordinary lines (``build_examples.ordinary_lines``) and ``P4G_LINES``
lines drawn (seed 0) from the PersuasionForGood chats in ``../shared/data/p4g`` (Apache-2.0,
the only shared corpus that may train a shipped model). The held-out sets (test5 onwards)
are never read here. ::

    .venv/bin/python dev/build_proposal_model.py    # writes scorer/features/proposal_weights.json
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "dev"))

import build_examples as build  # noqa: E402

TRAIN_SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "test", "test2", "test3", "test4")
P4G = ROOT.parent / "shared" / "data" / "p4g" / "transcripts"
P4G_LINES = 3000
P4G_SOURCE = ("PersuasionForGood: Wang et al. 2019, Persuasion for Good (ACL 2019), "
              "github.com/ohyj1002/persuasionforgood, Apache-2.0")
C = 10.0


def scoped_replies(sets: tuple[str, ...]) -> list[dict]:
    """Reply rows with the scope of their proposal ("step" where a set has no scopes)."""
    rows = []
    for s in sets:
        path = build.DATA / s / "replies.jsonl"
        if not path.exists():
            continue
        scope_path = path.with_name("proposal_scope.jsonl")
        scopes = {}
        if scope_path.exists():
            scopes = {r["id"]: r["scope"] for r in map(json.loads, scope_path.read_text().splitlines()) if r}
        rows += [{**r, "scope": scopes.get(r["id"], "step")}
                 for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r]
    return rows


def p4g_lines(n: int) -> list[str]:
    if not P4G.exists():
        raise SystemExit(f"{P4G} not found: the reader's 'no step' lines include PersuasionForGood chats")
    lines = [line.split(":", 1)[1].strip() for f in sorted(P4G.iterdir())
             for line in f.read_text(encoding="utf-8").splitlines() if ":" in line]
    return random.Random(0).sample([x for x in lines if x], n)


def examples(sets: tuple[str, ...] = TRAIN_SETS, p4g: int = P4G_LINES) -> tuple[list[str], list[int]]:
    """(lines, 1 = proposes a step) for the fit (module docstring)."""
    X: list[str] = []
    y: list[int] = []
    for r in build.labelled_rows(list(sets), "proposals.jsonl"):
        X.append(r["text"])
        y.append(int(r["proposal"]))
    for r in scoped_replies(sets):
        X += [r["proposal"], r["reply"]]
        y += [int(r["scope"] == "step"), 0]
    for text in [r["text"] for r in build.labelled_rows(list(sets), "objections.jsonl")] + build.ordinary_lines():
        X.append(text)
        y.append(0)
    for text in p4g_lines(p4g) if p4g else ():
        X.append(text)
        y.append(0)
    return X, y


def fit(X: list[str], y: list[int]):
    """The scikit-learn pipeline the shipped weights come from."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    from scorer.features.proposal_model import prepare

    union = make_union(
        TfidfVectorizer(preprocessor=prepare, ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        TfidfVectorizer(preprocessor=prepare, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=3))
    return make_pipeline(union, LogisticRegression(C=C, max_iter=5000, class_weight="balanced")).fit(X, y)


def weights(pipeline, lines: int, positives: int) -> dict:
    """The fitted pipeline as the plain tables ``proposal_model`` reads."""
    union, lr = pipeline.steps[0][1], pipeline.steps[1][1]
    coef, out, offset = lr.coef_[0], {}, 0
    for (_, vec), part in zip(union.transformer_list, ("word", "char")):
        vocab = vec.vocabulary_
        out[part] = {term: [round(float(vec.idf_[j]), 5), round(float(coef[offset + j]), 5)]
                     for term, j in sorted(vocab.items())}
        offset += len(vocab)
    return {"about": "Written by dev/build_proposal_model.py: do not edit by hand.",
            "sets": list(TRAIN_SETS), "p4g_lines": P4G_LINES, "p4g_source": P4G_SOURCE,
            "lines": lines, "proposals": positives,
            "C": C, "intercept": round(float(lr.intercept_[0]), 5), **out}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.parse_args()
    from scorer.features.proposal_model import WEIGHTS

    X, y = examples()
    table = weights(fit(X, y), len(X), sum(y))
    WEIGHTS.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{WEIGHTS.relative_to(ROOT)}: {len(X)} lines ({sum(y)} proposing a step), "
          f"{len(table['word'])} word and {len(table['char'])} character n-grams")


if __name__ == "__main__":
    main()
