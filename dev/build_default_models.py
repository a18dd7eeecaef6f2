"""Build the shipped default models in ``models/``.

The default models may learn only from data we generate and from permissively licensed
data: the synthetic sales calls of ``dev/synth_calls.py`` (seeded, so this build is
reproducible) and PersuasionForGood (``../shared/data/p4g``, Apache-2.0). Both models are
trained on the synthetic calls; ``--with-p4g`` adds p4g to the ``advanced`` training data.
That is off by default because, measured by ``eval/models_eval.py``, adding p4g lowered the
zero-shot ROC AUC on craigslist and did not raise it on held-out p4g. Run::

    .venv/bin/python -m dev.build_default_models            # writes models/
    .venv/bin/python -m eval.models_eval --write-card             # measures, fills the card
    .venv/bin/python -m eval.feature_auc --write-card             # per-behaviour table in the card
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import tempfile
from dataclasses import replace
from pathlib import Path

from scorer.models.pipeline import ModelOptions
from scorer.models.labels import LabelledCalls
from scorer.models.training import TrainResult, format_metrics, train_models
from dev.corpora import DEFAULT_CACHE, REPO, SHARED_DATA, load_corpus, merge
from dev.synth_calls import SynthOptions, generate_corpus, write_corpus

log = logging.getLogger("scorer")

MODEL_DIR = REPO / "models"
#: The recipe of the shipped models. The words themselves are left out (``text=False``):
#: TF-IDF over synthetic sales calls learns the generator's phrasings, which do not carry
#: to other conversations, while the behaviours do. The strong penalty (C=0.01) keeps
#: the weights small and spread over correlated behaviours: the synthetic data is a prior,
#: not the truth (see MODEL_CARD.md).
#: Features left out of the default models: mirror images of kept ones (the customer's talk
#: share is 1 - the rep's; all next steps vs the rep's), and what is not a conversational
#: behaviour a coach can act on (speaking rates; the customer's fillers; hits of the
#: configurable trackers, whose meaning changes with a team's tracker list).
EXCLUDED_FEATURES = ("talk_ratio_customer", "wpm_rep", "wpm_customer", "next_steps_proposed",
                     "filler_rate_customer", "tracker_hits")


def default_options() -> ModelOptions:
    from scorer.features import FEATURE_NAMES

    return ModelOptions(text=False, c=0.01, numeric_weight=1.0,
                        features=tuple(n for n in FEATURE_NAMES if n not in EXCLUDED_FEATURES))
#: Left out of ``advanced`` only: whether a proposed step named a date is the rep's behaviour
#: (it counts for ``quality``); for the outcome the evidence is whether a dated step was
#: accepted (``next_step_accepted_with_date``), and a linear model given both credits a dated
#: proposal even when the customer then put it off ("just send me an email").
ADVANCED_EXCLUDED = ("next_step_has_date",)
#: Directions the published findings give (scorer/findings.py) to behaviours a linear model
#: can follow: longer monologues hurt; longer customer stories and more back-and-forth help.
#: A default model whose weight on one of them points the other way (a confound of the
#: synthetic mix, such as long stories lowering switches per minute) is retrained without it,
#: so that no reason contradicts the finding it quotes.
PUBLISHED_SIGNS = {"longest_monologue_rep_s": -1, "longest_monologue_rep_words": -1,
                   "longest_customer_story_s": 1, "longest_customer_story_words": 1,
                   "interactivity_switches_per_min": 1, "speaker_switches": 1}
SYNTH_OPTIONS = SynthOptions()
#: The recipe's name; the version adds a digest of the training data and of each model's
#: features, so that any change to either gives a new version.
MODEL_VERSION = "default-3"


def synth_corpus(nlp, options: SynthOptions = SYNTH_OPTIONS, cache_dir: Path | None = DEFAULT_CACHE) -> LabelledCalls:
    """Generate the synthetic corpus into a temporary folder and featurise it."""
    with tempfile.TemporaryDirectory(prefix="callscore-synth-") as tmp:
        folder = write_corpus(generate_corpus(options), Path(tmp) / f"synth-{options.seed}")
        return load_corpus(folder, nlp, cache_dir=cache_dir,
                           description=(f"{options.n_calls} synthetic sales calls (dev/synth_calls.py, "
                                        f"seed {options.seed}, label noise {options.label_noise})"))


def p4g_corpus(nlp, cache_dir: Path | None = DEFAULT_CACHE) -> LabelledCalls | None:
    folder = SHARED_DATA / "p4g"
    if not (folder / "labels.csv").exists():
        log.warning("%s not found: the advanced model is trained on synthetic calls only", folder)
        return None
    return load_corpus(folder, nlp, cache_dir=cache_dir,
                       description="711 PersuasionForGood chats (Wang et al. 2019, Apache-2.0)")


def train_default(synth: LabelledCalls, p4g: LabelledCalls | None,
                  options: ModelOptions | None = None) -> TrainResult:
    """The default recipe: quality on ``synth``; advanced on ``synth`` (+ ``p4g`` if given)."""
    options = options or default_options()
    quality, q_dropped = train_agreeing(synth, options, "quality")
    both = merge(synth, p4g) if p4g is not None else synth
    advanced_options = replace(options, features=tuple(f for f in options.features if f not in ADVANCED_EXCLUDED))
    advanced, a_dropped = train_agreeing(both, advanced_options, "advanced")
    meta = dict(advanced.models.meta)
    meta["models"] = {**quality.models.meta["models"], **advanced.models.meta["models"]}
    for target, dropped in (("quality", q_dropped), ("advanced", a_dropped)):
        kept = advanced_options.features if target == "advanced" else options.features
        meta["models"][target] = {**meta["models"][target], "features": [f for f in kept if f not in dropped]}
    meta["training_data"] = {
        "description": f"quality: {synth.description}; advanced: {both.description}",
        "sha256": both.data_sha256, "n_calls": len(both.transcripts),
        "sources": ["synthetic"] + (["p4g"] if p4g is not None else []),
        "quality": quality.models.meta["training_data"], "advanced": advanced.models.meta["training_data"],
        "dropped_against_findings": {"quality": q_dropped, "advanced": a_dropped}}
    models = replace(advanced.models, models={**quality.models.models, **advanced.models.models},
                     meta=meta, model_version=f"{MODEL_VERSION}-{_digest(both.data_sha256, meta)}")
    return TrainResult(models=models, metrics={**quality.metrics, **advanced.metrics})


def _digest(data_sha256: str, meta: dict) -> str:
    features = {t: m.get("features") for t, m in sorted(meta["models"].items())}
    return hashlib.sha256((data_sha256 + json.dumps(features, sort_keys=True)).encode()).hexdigest()[:8]


def train_agreeing(data: LabelledCalls, options: ModelOptions, target: str) -> tuple[TrainResult, list[str]]:
    """Train ``target``; while a weight points against ``PUBLISHED_SIGNS``, retrain without
    those features. Returns the result and the features dropped."""
    from scorer.features import FEATURE_NAMES
    from scorer.models.reasons import feature_weights

    dropped: list[str] = []
    while True:
        result = train_models(data, FEATURE_NAMES, options=options, targets=(target,))
        weights = feature_weights(result.models.models[target], FEATURE_NAMES)
        against = [f for f, sign in PUBLISHED_SIGNS.items() if weights.get(f, 0.0) * sign < 0]
        if not against:
            return result, dropped
        log.info("%s: retraining without %s (weight against the published finding)", target, ", ".join(against))
        dropped += against
        options = replace(options, features=tuple(f for f in options.features if f not in against))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Build the default models into models/.")
    ap.add_argument("-o", "--out", type=Path, default=MODEL_DIR, help="model folder (default: models/)")
    ap.add_argument("--no-cache", action="store_true", help="extract features afresh")
    ap.add_argument("--with-p4g", action="store_true", help="add ../shared/data/p4g to the advanced training data")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from scorer.models.artifacts import save_models
    from scorer.features import load_nlp
    from dev.model_card import render_card

    cache = None if args.no_cache else DEFAULT_CACHE
    nlp = load_nlp()
    synth = synth_corpus(nlp, cache_dir=cache)
    p4g = p4g_corpus(nlp, cache_dir=cache) if args.with_p4g else None
    result = train_default(synth, p4g)
    save_models(result.models, args.out, card=render_card(result))
    print(format_metrics(result.metrics, "Cross-validated on the training data:"))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
