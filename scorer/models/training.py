"""Training and evaluating the scoring models on a team's own labelled calls.

``LABELS.csv`` has a ``call_id`` column and any of ``advanced`` (1/0, yes/no, true/false)
and ``quality`` (0-100, 1-5, 0/1 or high/low). A quality above the middle of its scale
(over 50 of 100, 4 or 5 of 5, 1 of 0/1, high) counts as a high-quality call: the quality
model learns to tell those apart and reports 100 x its probability. Calls are found by
call id among the recordings and transcripts under a folder.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
from sklearn.metrics import brier_score_loss, confusion_matrix, f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, TunedThresholdClassifierCV, cross_val_predict

from scorer.errors import LabelError
from scorer.models.labels import LabelledCalls
from scorer.models.inputs import model_inputs, quiet_imputer
from scorer.models.pipeline import (ModelOptions, ScoreModel, ScoringModels, build_pipeline,
                                    fit_score_model, predict_probabilities)

log = logging.getLogger("scorer")

# --- metrics ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Metrics:
    """Classification metrics of one score. ``confusion`` is ``[[tn, fp], [fn, tp]]``."""

    score: str
    n: int
    positives: int
    roc_auc: float | None
    accuracy: float
    f1: float
    brier: float
    threshold: float
    confusion: tuple[tuple[int, int], tuple[int, int]]
    cv_folds: int | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "n": self.n, "positives": self.positives, "roc_auc": self.roc_auc,
                "accuracy": self.accuracy, "f1": self.f1, "brier": self.brier, "threshold": self.threshold,
                "confusion_matrix": [list(r) for r in self.confusion], "cv_folds": self.cv_folds,
                "note": self.note}


def compute_metrics(score: str, y: np.ndarray, p: np.ndarray, threshold: float,
                    cv_folds: int | None = None) -> Metrics:
    """Metrics of probabilities ``p`` against 0/1 truth ``y`` (ROC AUC ``None`` for one class)."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    pred = (p >= threshold).astype(int)
    two = len(set(y.tolist())) == 2
    cm = confusion_matrix(y, pred, labels=[0, 1])
    note = None if two else f"every {score} label is {int(y[0])}: ROC AUC needs both classes"
    return Metrics(score=score, n=len(y), positives=int(y.sum()),
                   roc_auc=round(float(roc_auc_score(y, p)), 4) if two else None,
                   accuracy=round(float((pred == y).mean()), 4),
                   f1=round(float(f1_score(y, pred, zero_division=0)), 4),
                   brier=round(float(brier_score_loss(y, p, labels=[0, 1])), 4),
                   threshold=round(float(threshold), 4),
                   confusion=((int(cm[0, 0]), int(cm[0, 1])), (int(cm[1, 0]), int(cm[1, 1]))),
                   cv_folds=cv_folds, note=note)


#: Probability cuts tried for the ``advanced`` threshold.
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.01), 2)


def best_threshold(X: np.ndarray, y: np.ndarray, feature_names: Sequence[str], options: ModelOptions,
                   folds: Sequence[tuple[np.ndarray, np.ndarray]]) -> float:
    """The probability cut that maximises balanced accuracy, found by cross-validation
    (scikit-learn's ``TunedThresholdClassifierCV`` over the same folds)."""
    tuned = TunedThresholdClassifierCV(build_pipeline(feature_names, options), scoring="balanced_accuracy",
                                       thresholds=THRESHOLDS, cv=list(folds))
    with quiet_imputer():
        tuned.fit(X, y)
    return round(float(tuned.best_threshold_), 2)


def check_classes(name: str, y: np.ndarray, where: str, need: int = 2) -> None:
    """Two classes with at least ``need`` calls each, or a ``LabelError`` saying what to add."""
    counts = {c: int((y == c).sum()) for c in (0, 1)}
    words = {"advanced": ("did not advance", "advanced"), "quality": ("low quality", "high quality")}[name]
    for c in (0, 1):
        if counts[c] < need:
            raise LabelError(f"{where}: {counts[c]} call(s) labelled {words[c]} ({name}) among {len(y)}; "
                             f"a {name} model needs at least {need} of each class: add calls that "
                             f"{'did not advance' if c == 0 and name == 'advanced' else words[c]}")


def cross_validated_probabilities(X: np.ndarray, y: np.ndarray, feature_names: Sequence[str],
                                  options: ModelOptions,
                                  folds: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Out-of-fold probabilities: each call scored by a model that never saw it."""
    with quiet_imputer():
        return cross_val_predict(build_pipeline(feature_names, options), X, y, cv=list(folds),
                                 method="predict_proba")[:, 1]


def make_folds(y: np.ndarray, options: ModelOptions) -> list[tuple[np.ndarray, np.ndarray]]:
    k = min(options.cv_folds, int(min((y == 0).sum(), (y == 1).sum())))
    return list(StratifiedKFold(n_splits=k, shuffle=True, random_state=options.seed).split(np.zeros(len(y)), y))


@dataclass(frozen=True)
class TrainResult:
    models: ScoringModels
    metrics: Mapping[str, Metrics]


def train_models(data: LabelledCalls, feature_names: Sequence[str], *, options: ModelOptions = ModelOptions(),
                 model_version: str | None = None, targets: Sequence[str] | None = None) -> TrainResult:
    """Cross-validate, then fit on all calls, every score the labels hold (or ``targets``).

    The ``advanced`` threshold is the one that maximises balanced accuracy on the
    out-of-fold predictions; the quality model counts 50 and up as high.
    """
    options.validate()
    feature_names = tuple(feature_names)
    targets = tuple(targets or data.labels.targets())
    X_all = model_inputs(data.features, data.transcripts, feature_names, options.text)
    index = {t.call_id: i for i, t in enumerate(data.transcripts)}
    models: dict[str, ScoreModel] = {}
    metrics: dict[str, Metrics] = {}
    meta_models: dict[str, Any] = {}
    for name in targets:
        target = data.labels.binary(name)
        rows = np.array([index[c] for c in data.labels.call_ids if c in target], dtype=int)
        y = np.array([target[c] for c in data.labels.call_ids if c in target], dtype=int)
        check_classes(name, y, str(data.labels.path))
        folds = make_folds(y, options)
        log.info("training %s on %d calls, %d-fold cross-validation", name, len(y), len(folds))
        p = cross_validated_probabilities(X_all[rows], y, feature_names, options, folds)
        threshold = best_threshold(X_all[rows], y, feature_names, options, folds) if name == "advanced" else 0.5
        metrics[name] = compute_metrics(name, y, p, threshold, cv_folds=len(folds))
        models[name] = fit_score_model(name, X_all[rows], y, feature_names, options, threshold)
        meta_models[name] = {"n_calls": int(len(y)), "positives": int(y.sum()),
                             "target": ("advanced (1 = moved toward a meeting or demo)" if name == "advanced"
                                        else f"quality above mid-scale ({data.labels.quality_scale})"),
                             "cv_metrics": metrics[name].to_dict()}
    version = model_version or f"team-{data.data_sha256[:10]}"
    meta = {"training_data": {"description": data.description, "sha256": data.data_sha256,
                              "n_calls": len(data.transcripts), "labels_file": data.labels.path.name,
                              "quality_scale": data.labels.quality_scale},
            "model_options": {k: (list(v) if isinstance(v, tuple) else v) for k, v in
                              ((k, getattr(options, k)) for k in options.__dataclass_fields__)},
            "models": meta_models,
            "versions": {"spacy_pipeline": next((f.nlp_model for f in data.features
                                                 if getattr(f, "nlp_model", None)), "unknown")}}
    scoring = ScoringModels(feature_names=feature_names, text=options.text, model_version=version,
                            models=models, meta=meta)
    return TrainResult(models=scoring, metrics=metrics)


def evaluate_models(models: ScoringModels, data: LabelledCalls) -> dict[str, Metrics]:
    """Metrics of a model folder's scores against every label the file holds.

    A label whose model is absent from the folder is skipped (logged).
    """
    X = model_inputs(data.features, data.transcripts, models.feature_names, models.text)
    index = {t.call_id: i for i, t in enumerate(data.transcripts)}
    out: dict[str, Metrics] = {}
    for name in data.labels.targets():
        m = models.get(name)
        if m is None:
            log.warning("the model folder has no %s model; %s labels are not evaluated", name, name)
            continue
        target = data.labels.binary(name)
        rows = np.array([index[c] for c in data.labels.call_ids if c in target], dtype=int)
        y = np.array([target[c] for c in data.labels.call_ids if c in target], dtype=int)
        out[name] = compute_metrics(name, y, predict_probabilities(m, X[rows]), m.threshold)
    if not out:
        have = ", ".join(models.models) or "none"
        raise LabelError(f"{data.labels.path}: labels {', '.join(data.labels.targets())} have no model in the "
                         f"model folder (it holds: {have}); add those labels or pick another --model")
    return out


def format_model_card(result: TrainResult, data: LabelledCalls) -> str:
    """``MODEL_CARD.md`` for a model folder made by ``callscore train``."""
    m = result.models
    opts = m.meta.get("model_options", {})
    lines = [f"# callscore scoring models `{m.model_version}`", "",
             "Trained with `callscore train` on a team's own labelled calls.", "",
             "## Training data", "", f"- {data.description}", f"- sha256 of labels and utterances: `{data.data_sha256}`",
             f"- labels: {', '.join(f'{k} ({len(data.labels.binary(k))} calls)' for k in m.models)}"]
    if data.labels.quality_scale:
        lines.append(f"- quality scale: {data.labels.quality_scale}; above mid-scale counts as high quality")
    lines += ["", "## Model", "",
              "Logistic regression over the conversational features (median-imputed with missing-value "
              "indicators, standardised)" + (" and TF-IDF over the rep's and the customer's words" if m.text else "")
              + f"; C={opts.get('c')}. `quality` is 100 x the probability of a high-quality call; `advanced` "
              "is flagged when its probability reaches the threshold, chosen to maximise balanced accuracy "
              "on out-of-fold predictions.", "", "## Cross-validated metrics", "", "```",
              format_metrics(result.metrics), "```", "",
              "Measured on the training calls by cross-validation; check them on new calls with "
              "`callscore evaluate LABELS.csv --transcripts DIR --model MODEL_DIR`.", ""]
    return "\n".join(lines)


def format_metrics(metrics: Mapping[str, Metrics], title: str = "") -> str:
    """A plain-text report: one block per score with the metrics and the confusion matrix."""
    lines = [title] if title else []
    what = {"advanced": ("did not advance", "advanced"), "quality": ("low quality", "high quality")}
    for name, m in metrics.items():
        how = f", {m.cv_folds}-fold cross-validated" if m.cv_folds else ""
        lines.append(f"{name}  ({m.n} calls, {m.positives} {what[name][1]}{how})")
        auc = f"{m.roc_auc:.3f}" if m.roc_auc is not None else "n/a"
        lines.append(f"  ROC AUC {auc}   accuracy {m.accuracy:.3f}   F1 {m.f1:.3f}   "
                     f"Brier {m.brier:.3f}   threshold {m.threshold:.2f}")
        if m.note:
            lines.append(f"  note: {m.note}")
        w = max(len(what[name][0]), len(what[name][1])) + 9
        lines.append(f"  {'':<{w}}{'predicted ' + what[name][0]:>26}{'predicted ' + what[name][1]:>26}")
        for label, row in zip(what[name], m.confusion):
            lines.append(f"  {'actual ' + label:<{w}}{row[0]:>26}{row[1]:>26}")
    return "\n".join(lines)
