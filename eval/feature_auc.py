"""Which conversational behaviours go with the outcome in each real corpus, one at a time.

For every feature, its ROC AUC as the only predictor of the corpus label (``quality`` on
annomi, ``advanced`` on craigslist and p4g; 0.5 = no signal, below 0.5 = the lower value goes
with the good outcome), beside the weight the default models give it (standardised log-odds,
value and missing-value indicator together). It explains the zero-shot numbers of the model
card: a behaviour the default model leans on but that does not go with the outcome in a
corpus, or goes the other way, costs ROC AUC there. Run (features cached as for
``eval.models_eval``)::

    .venv/bin/python -m eval.feature_auc                 # print the table
    .venv/bin/python -m eval.feature_auc --write-card    # and put it in models/MODEL_CARD.md
"""
from __future__ import annotations

import argparse
import json
import logging

from sklearn.metrics import roc_auc_score

from eval.models_eval import CORPORA, fill_card_section
from dev.corpora import DEFAULT_CACHE, REPO, SHARED_DATA, load_corpus

from dev.model_card import FEATURE_AUC_BEGIN as CARD_BEGIN, FEATURE_AUC_END as CARD_END  # noqa: E402
COMMAND = ".venv/bin/python -m eval.feature_auc --write-card"
#: A feature needs a value in this many calls of a corpus to be measured there.
MIN_CALLS = 20
#: Rows whose AUC stays within this of 0.5 in every corpus are left out of the table.
SHOWN_FROM = 0.05


def feature_auc(values: list[float | None], labels: list[int]) -> float | None:
    """ROC AUC of one feature as the only predictor, over the calls that have a value."""
    pairs = [(v, y) for v, y in zip(values, labels) if v is not None]
    ys = [y for _, y in pairs]
    if len(pairs) < MIN_CALLS or len(set(ys)) < 2 or len({v for v, _ in pairs}) < 2:
        return None
    return float(roc_auc_score(ys, [v for v, _ in pairs]))


def run(write_card: bool) -> dict:
    from scorer.models.artifacts import load_models
    from scorer.features import FEATURE_NAMES, load_nlp
    from scorer.models.reasons import feature_weights

    corpora = {c: t for c, t in CORPORA.items() if (SHARED_DATA / c / "labels.csv").exists()}
    if len(corpora) < len(CORPORA):
        print(f"skipping {', '.join(sorted(set(CORPORA) - set(corpora)))}: not found under {SHARED_DATA}")
    if not corpora:
        return {}
    nlp = load_nlp()
    models = load_models()
    weights = {name: feature_weights(m, models.feature_names) for name, m in models.models.items()}
    auc: dict[str, dict[str, float | None]] = {}
    for corpus, target in corpora.items():
        data = load_corpus(SHARED_DATA / corpus, nlp, cache_dir=DEFAULT_CACHE)
        labels = data.labels.binary(target)
        calls = [f for f in data.features if f.call_id in labels]
        y = [labels[f.call_id] for f in calls]
        auc[corpus] = {n: feature_auc([f.values[n] for f in calls], y) for n in FEATURE_NAMES}
    results = {"model_version": models.model_version, "targets": corpora, "auc": auc, "weights": weights}
    text = render(results)
    print(text)
    (REPO / "eval" / "results").mkdir(exist_ok=True)
    (REPO / "eval" / "results" / "feature_auc.json").write_text(json.dumps(results, indent=2) + "\n")
    if write_card:
        fill_card_section(CARD_BEGIN, CARD_END, text)
    return results


def _f(x: float | None, signed: bool = False) -> str:
    if x is None:
        return "–"
    if signed:
        return "0.00" if abs(x) < 0.005 else f"{x:+.2f}"
    return f"{x:.2f}"


def render(results: dict) -> str:
    from scorer.features import FEATURE_NAMES

    auc, weights, targets = results["auc"], results["weights"], results["targets"]
    corpora = list(auc)
    shown = [n for n in FEATURE_NAMES
             if any(auc[c][n] is not None and abs(auc[c][n] - 0.5) >= SHOWN_FROM for c in corpora)]
    head = [f"{c} {targets[c]}" for c in corpora] + [f"default {m} weight" for m in weights]
    lines = [f"Measured with `{COMMAND}` on models `{results['model_version']}`: each feature's ROC AUC "
             f"as the only predictor of the corpus label, beside the default models' standardised "
             f"weights. Features whose AUC stays within {SHOWN_FROM} of 0.5 in every corpus are left out; "
             f"– = no value in that corpus (typed chats have no timing) or not in the model.", "",
             "| feature | " + " | ".join(head) + " |", "|---|" + "---:|" * len(head)]
    for n in shown:
        cells = [_f(auc[c][n]) for c in corpora] + [_f(weights[m].get(n), signed=True) for m in weights]
        lines.append(f"| `{n}` | " + " | ".join(cells) + " |")
    lines.append("")
    for c in corpora:
        measured = {n: a for n, a in auc[c].items() if a is not None}
        best = max(measured, key=lambda n: abs(measured[n] - 0.5))
        lines.append(f"* {c}: the strongest single behaviour is `{best}` (ROC AUC {measured[best]:.2f}); "
                     f"{sum(abs(a - 0.5) >= SHOWN_FROM for a in measured.values())} of {len(measured)} "
                     f"measured features are {SHOWN_FROM} or more away from 0.5.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Per-feature ROC AUC on the shared corpora.")
    ap.add_argument("--write-card", action="store_true", help="put the table in models/MODEL_CARD.md")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    run(args.write_card)


if __name__ == "__main__":
    main()
