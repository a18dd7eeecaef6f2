"""Measure the scoring models on real conversations nobody here wrote (the model-card numbers).

1. Zero-shot: the default models in ``models/`` on the development sets of
   ``../shared/data`` -- ``quality`` on annomi, ``advanced`` on craigslist and p4g -- exactly
   what ``callscore evaluate LABELS --transcripts DIR`` prints. Beside it, the default
   recipe trained on the synthetic calls alone, and on the synthetic calls plus p4g
   (``build_default_models --with-p4g``); for p4g itself that variant is measured held-out:
   retrained 5 times, each time without one fifth of p4g, scoring the fifth it did not see.
2. Trained on each corpus: the 5-fold cross-validated ROC AUC that ``callscore train``
   prints (``scorer.models.training.train_models``), against a bag-of-words logistic regression on
   the same folds.

Run (from the repository root; about 10 minutes on 2 cores the first time, features are
cached in /tmp/callscore-features)::

    .venv/bin/python -m eval.models_eval                 # print the tables
    .venv/bin/python -m eval.models_eval --write-card    # and put them in models/MODEL_CARD.md
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import replace

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline

from scorer.models.inputs import model_inputs
from scorer.models.pipeline import ModelOptions, fit_score_model, predict_probabilities
from scorer.models.labels import LabelledCalls
from scorer.models.training import evaluate_models, make_folds, train_models
from dev.corpora import DEFAULT_CACHE, REPO, SHARED_DATA, load_corpus, merge, subset

log = logging.getLogger("scorer")

CORPORA = {"annomi": "quality", "craigslist": "advanced", "p4g": "advanced"}
GOALS_ZERO_SHOT = {"annomi": 0.75, "craigslist": 0.70, "p4g": 0.55}
from dev.model_card import MODELS_EVAL_BEGIN as CARD_BEGIN, MODELS_EVAL_END as CARD_END  # noqa: E402
COMMAND = ".venv/bin/python -m eval.models_eval --write-card"


def bow_text(data: LabelledCalls) -> list[str]:
    return ["\n".join(f"{u.speaker}: {u.text}" for u in t.utterances) for t in data.transcripts]


def baseline_auc(data: LabelledCalls, target: str, options: ModelOptions) -> float:
    """Bag-of-words (unigram+bigram counts) logistic regression on ``train_models``' folds."""
    labels = data.labels.binary(target)
    rows = [i for i, t in enumerate(data.transcripts) if t.call_id in labels]
    y = np.array([labels[data.transcripts[i].call_id] for i in rows])
    texts = np.array(bow_text(data), dtype=object)[rows]
    p = np.zeros(len(y))
    for train, test in make_folds(y, options):
        clf = make_pipeline(CountVectorizer(ngram_range=(1, 2), min_df=2),
                            LogisticRegression(max_iter=5000, class_weight="balanced"))
        clf.fit(texts[train], y[train])
        p[test] = clf.predict_proba(texts[test])[:, 1]
    return float(roc_auc_score(y, p))


def p4g_held_out(synth: LabelledCalls, p4g: LabelledCalls, options: ModelOptions) -> float:
    """Default advanced recipe (synthetic + p4g), scored on the fifth of p4g it did not see."""
    from scorer.features import FEATURE_NAMES

    y = np.array([p4g.labels.advanced[c] for c in p4g.labels.call_ids])
    X_p4g = model_inputs(p4g.features, p4g.transcripts, FEATURE_NAMES, options.text)
    p = np.zeros(len(y))
    for train, test in make_folds(y, options):
        both = merge(synth, subset(p4g, [p4g.labels.call_ids[i] for i in train]))
        target = both.labels.binary("advanced")
        yb = np.array([target[t.call_id] for t in both.transcripts])
        X = model_inputs(both.features, both.transcripts, FEATURE_NAMES, options.text)
        model = fit_score_model("advanced", X, yb, FEATURE_NAMES, options)
        p[test] = predict_probabilities(model, X_p4g[test])
    return float(roc_auc_score(y, p))


def synth_only_auc(synth: LabelledCalls, data: LabelledCalls, target: str, options: ModelOptions) -> float:
    """The default recipe trained on synthetic calls alone, zero-shot on ``data``."""
    from scorer.features import FEATURE_NAMES

    t = synth.labels.binary(target)
    X = model_inputs(synth.features, synth.transcripts, FEATURE_NAMES, options.text)
    model = fit_score_model(target, X, np.array([t[c.call_id] for c in synth.transcripts]),
                            FEATURE_NAMES, options)
    labels = data.labels.binary(target)
    y = np.array([labels[c.call_id] for c in data.transcripts])
    Xd = model_inputs(data.features, data.transcripts, FEATURE_NAMES, options.text)
    return float(roc_auc_score(y, predict_probabilities(model, Xd)))


def run(corpora: list[str], write_card: bool) -> dict:
    from scorer.models.artifacts import DEFAULT_MODEL_DIR, load_models
    from scorer.features import FEATURE_NAMES, load_nlp
    from dev.build_default_models import default_options, synth_corpus

    missing = [c for c in corpora if not (SHARED_DATA / c / "labels.csv").exists()]
    if missing:
        print(f"skipping {', '.join(missing)}: not found under {SHARED_DATA} "
              "(the development sets live in ../shared/data)")
    corpora = [c for c in corpora if c not in missing]
    nlp = load_nlp()
    data = {c: load_corpus(SHARED_DATA / c, nlp, cache_dir=DEFAULT_CACHE) for c in corpora}
    synth = synth_corpus(nlp)
    defaults = load_models(DEFAULT_MODEL_DIR)
    sources = defaults.meta.get("training_data", {}).get("sources", [])
    results: dict = {"model_version": defaults.model_version, "sources": sources,
                     "zero_shot": {}, "trained": {}}
    p4g = data.get("p4g") or (load_corpus(SHARED_DATA / "p4g", nlp, cache_dir=DEFAULT_CACHE)
                              if (SHARED_DATA / "p4g" / "labels.csv").exists() else None)
    for c in corpora:
        target = CORPORA[c]
        # The shipped recipe for this score, with the features its model kept (see
        # dev.build_default_models.train_agreeing).
        kept = defaults.meta.get("models", {}).get(target, {}).get("features")
        recipe = replace(default_options(), features=tuple(kept)) if kept else default_options()
        m = evaluate_models(defaults, data[c])[target]
        row = {"target": target, "n": m.n, "roc_auc": m.roc_auc, "accuracy": m.accuracy, "f1": m.f1,
               "brier": m.brier, "goal": GOALS_ZERO_SHOT[c],
               "in_sample": target == "advanced" and c == "p4g" and "p4g" in sources,
               "synthetic_only_roc_auc": round(synth_only_auc(synth, data[c], target, recipe), 4)}
        if target == "advanced" and p4g is not None:
            row["with_p4g_roc_auc"] = round(
                p4g_held_out(synth, p4g, recipe) if c == "p4g"
                else synth_only_auc(merge(synth, p4g), data[c], target, recipe), 4)
        results["zero_shot"][c] = row
        print(f"zero-shot {c} {target}: {row}", flush=True)
    options = ModelOptions()
    for c in corpora:
        target = CORPORA[c]
        t0 = time.time()
        trained = train_models(data[c], FEATURE_NAMES, options=options, targets=(target,)).metrics[target]
        features_only = train_models(data[c], FEATURE_NAMES, options=ModelOptions(text=False),
                                     targets=(target,)).metrics[target]
        row = {"target": target, "n": trained.n, "roc_auc": trained.roc_auc,
               "features_only_roc_auc": features_only.roc_auc,
               "baseline_roc_auc": round(baseline_auc(data[c], target, options), 4),
               "folds": trained.cv_folds, "seconds": round(time.time() - t0, 1)}
        results["trained"][c] = row
        print(f"trained {c} {target}: {row}", flush=True)
    text = render(results)
    print(text)
    out = REPO / "eval" / "results"
    out.mkdir(exist_ok=True)
    (out / "models_eval.json").write_text(json.dumps(results, indent=2) + "\n")
    if write_card:
        fill_card_section(CARD_BEGIN, CARD_END, text)
    return results


def fill_card_section(begin: str, end: str, text: str) -> None:
    """Put ``text`` between the ``begin`` and ``end`` markers of models/MODEL_CARD.md (and
    refresh the card's sha256 in meta.json)."""
    from scorer.models.artifacts import DEFAULT_MODEL_DIR, write_card as save_card

    card_path = DEFAULT_MODEL_DIR / "MODEL_CARD.md"
    card = card_path.read_text(encoding="utf-8")
    if begin not in card or end not in card:
        sys.exit(f"{card_path}: no {begin} ... {end} section to fill")
    head, rest = card.split(begin, 1)
    tail = rest.split(end, 1)[1]
    save_card(DEFAULT_MODEL_DIR, f"{head}{begin}\n{text}\n{end}{tail}")
    print(f"updated {card_path}")


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def render(results: dict) -> str:
    """The results as the markdown section of the model card."""
    z, t = results["zero_shot"], results["trained"]
    shipped = " + ".join(results.get("sources") or ["?"])
    lines = [f"Measured with `{COMMAND}` on models `{results['model_version']}` "
             f"(trained on: {shipped}).", "",
             "**Zero-shot** (the default models, as `callscore evaluate LABELS --transcripts DIR` prints; "
             "the last two columns retrain the default recipe on other training data):", "",
             "| corpus | score | calls | ROC AUC | goal | met? | accuracy | F1 | Brier "
             "| recipe on synthetic only | recipe on synthetic + p4g |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for c, r in z.items():
        honest = r.get("with_p4g_roc_auc") if r.get("in_sample") else r["roc_auc"]
        with_p4g = r.get("with_p4g_roc_auc")
        lines.append(
            f"| {c} | {r['target']} | {r['n']} | {_f(r['roc_auc'])}{' (in-sample)' if r.get('in_sample') else ''} "
            f"| {r['goal']:.2f} | {'yes' if honest is not None and honest >= r['goal'] else 'no'} "
            f"| {_f(r['accuracy'])} | {_f(r['f1'])} | {_f(r['brier'])} | {_f(r['synthetic_only_roc_auc'])} "
            f"| {'n/a (quality uses no p4g)' if with_p4g is None else _f(with_p4g)}"
            f"{' (held-out)' if c == 'p4g' and with_p4g is not None else ''} |")
    lines += ["", "*Held-out*: the recipe retrained five times, each time without one fifth of p4g, scoring "
              "that fifth. Accuracy, F1 and the confusion matrix use the threshold stored with the model, "
              "which was set on the training mix, not on these corpora.", "",
              "**Trained on each corpus** (`callscore train LABELS --transcripts DIR -o MODEL_DIR`: features + "
              "the rep's and customer's words, 5-fold cross-validated ROC AUC), against a bag-of-words "
              "logistic regression (unigram + bigram counts) on the same folds:", "",
              "| corpus | score | calls | callscore train | features only | BoW LR baseline | at least baseline? |",
              "|---|---|---|---|---|---|---|"]
    for c, r in t.items():
        met = r["roc_auc"] is not None and r["roc_auc"] >= r["baseline_roc_auc"]
        lines.append(f"| {c} | {r['target']} | {r['n']} | {_f(r['roc_auc'])} | {_f(r['features_only_roc_auc'])} | "
                     f"{_f(r['baseline_roc_auc'])} | {'yes' if met else 'no'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Measure the scoring models (model-card numbers).")
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA), choices=list(CORPORA))
    ap.add_argument("--write-card", action="store_true", help="fill the numbers into models/MODEL_CARD.md")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    run(args.corpora, args.write_card)


if __name__ == "__main__":
    main()
