"""Scoring models: scikit-learn pipelines over call features and utterance text.

Pure: no file I/O (``scorer.models.artifacts`` saves and loads model folders). Both scores come
from the same kind of pipeline, a ``ColumnTransformer`` that imputes and scales the
numeric features (with a missing-value indicator, because timing features are ``None``
for typed chats) and, optionally, turns the rep's and the customer's words into TF-IDF
vectors, followed by a logistic regression. A linear model keeps reasons exact: each
feature's push on a score is its coefficient times its scaled value.

* ``quality`` (0-100) is 100 x the probability that the call is a high-quality one.
* ``advanced`` is the probability that the call moved toward a meeting or demo; the flag
  is that probability at or above the threshold stored with the model.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from scorer.errors import OptionsError
from scorer.models.inputs import TEXT_COLUMNS, model_inputs, quiet_imputer
from scorer.models.linear import LinearModel, from_pipeline
from scorer.models.reasons import column_contributions, explain_rows
from scorer.types import CallScore, Reason, Transcript

if TYPE_CHECKING:  # scikit-learn loads when a pipeline is built or read, not with this module
    from sklearn.pipeline import Pipeline

log = logging.getLogger("scorer")

#: The two scores, in the order they are reported.
SCORE_NAMES: tuple[str, ...] = ("quality", "advanced")
@dataclass(frozen=True, slots=True)
class ModelOptions:
    """How a scoring pipeline is built and trained.

    - ``text``: add TF-IDF over the rep's and the customer's words (default ``True``).
    - ``c``: inverse L2 regularisation strength of the logistic regression (default 1.0).
    - ``ngram_max``: longest word n-gram in the TF-IDF vocabulary (default 2).
    - ``min_df``: a term must occur in at least this many calls (default 2).
    - ``max_terms``: vocabulary size cap per text column (default 20000).
    - ``text_weight``: scale of each TF-IDF block (default 10). A TF-IDF row has unit
      length spread over thousands of terms, so unscaled it is drowned by the penalty.
    - ``numeric_weight``: scale of the standardised features (default 0.3). With the
      defaults, on the development corpora (5-fold CV), features + words beat a
      bag-of-words baseline on all three (see models/MODEL_CARD.md); equal weights did not.
    - ``cv_folds``: cross-validation folds for the reported metrics and the threshold
      (default 5; reduced to the size of the smaller class when that is smaller).
    - ``seed``: seed of the fold split (default 0).
    - ``reasons_per_direction``: reasons kept per score and direction (default 3).
    - ``features``: the numeric features the model uses (default ``None``: all of them);
      the others are still passed in, and ignored.
    """

    text: bool = True
    c: float = 1.0
    ngram_max: int = 2
    min_df: int = 2
    max_terms: int = 20000
    text_weight: float = 10.0
    numeric_weight: float = 0.3
    cv_folds: int = 5
    seed: int = 0
    reasons_per_direction: int = 3
    features: tuple[str, ...] | None = None

    def validate(self) -> ModelOptions:
        """Check every field; raise ``ValueError`` naming the field and its valid range."""
        if not self.c > 0:
            raise OptionsError(f"c must be > 0, got {self.c!r}")
        for name in ("text_weight", "numeric_weight"):
            if not getattr(self, name) > 0:
                raise OptionsError(f"{name} must be > 0, got {getattr(self, name)!r}")
        for name, low in (("ngram_max", 1), ("min_df", 1), ("max_terms", 10), ("cv_folds", 2),
                          ("reasons_per_direction", 1)):
            value = getattr(self, name)
            if not isinstance(value, int) or value < low:
                raise OptionsError(f"{name} must be an integer >= {low}, got {value!r}")
        if self.features is not None and not self.features:
            raise OptionsError("features is empty; name at least one feature, or None for all")
        return self


@dataclass(frozen=True)
class ScoreModel:
    """One fitted score model and what is needed to use and explain it.

    ``pipeline`` is the fitted scikit-learn pipeline; ``linear`` the same model as plain
    numbers (``scorer.models.linear``) where it has no text columns. A model read back from
    a folder carries only ``linear`` when there is one, so that scoring imports neither
    scikit-learn nor skops; everything below uses ``linear`` first.
    ``text_baseline`` maps each text column to the mean log-odds push of that column over
    the training calls, so a call's wording is explained relative to an average call.
    """

    name: str
    pipeline: Pipeline | None
    threshold: float = 0.5
    text_baseline: Mapping[str, float] = field(default_factory=dict)
    linear: LinearModel | None = None

    def __post_init__(self) -> None:
        if self.pipeline is None and self.linear is None:
            raise ValueError(f"score model {self.name!r} has neither a pipeline nor a linear model")

    def transform(self, X: np.ndarray) -> Any:
        """Input rows (``model_inputs``) as the model columns the coefficients apply to."""
        if self.linear is not None:
            return self.linear.transform(X)
        with quiet_imputer():
            return self.pipeline.named_steps["columns"].transform(X)

    def probabilities(self, Z: Any) -> np.ndarray:
        """Probability of the positive class for rows already put through :meth:`transform`."""
        if self.linear is not None:
            return self.linear.probabilities(Z)
        return self.pipeline.named_steps["clf"].predict_proba(Z)[:, 1]

    @property
    def coef(self) -> np.ndarray:
        """The logistic regression's coefficients, one per model column (log-odds)."""
        if self.linear is not None:
            return np.asarray(self.linear.coef)
        return self.pipeline.named_steps["clf"].coef_[0]

    @property
    def column_names(self) -> list[str]:
        """Each model column's name, as scikit-learn's ``get_feature_names_out`` gives it."""
        if self.linear is not None:
            return list(self.linear.names)
        return list(self.pipeline.named_steps["columns"].get_feature_names_out())


@dataclass(frozen=True)
class ScoringModels:
    """A model folder's content: the score models present, the features they expect."""

    feature_names: tuple[str, ...]
    text: bool
    model_version: str
    models: Mapping[str, ScoreModel]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> ScoreModel | None:
        return self.models.get(name)


def build_pipeline(feature_names: Sequence[str], options: ModelOptions = ModelOptions()) -> Pipeline:
    """An unfitted pipeline for inputs from :func:`model_inputs` with ``feature_names``."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    options.validate()
    n_features = len(feature_names)
    used = list(range(n_features))
    if options.features is not None:
        unknown = [n for n in options.features if n not in feature_names]
        if unknown:
            raise OptionsError(f"unknown feature(s) {', '.join(unknown)}; expected any of: "
                             f"{', '.join(feature_names)}")
        used = [i for i, n in enumerate(feature_names) if n in options.features]
    numeric = Pipeline([("impute", SimpleImputer(strategy="median", add_indicator=True)),
                        ("scale", StandardScaler())])
    blocks: list[tuple] = [("num", numeric, used)]
    weights = {"num": options.numeric_weight}
    if options.text:
        for offset, column in enumerate(TEXT_COLUMNS):
            vec = TfidfVectorizer(ngram_range=(1, options.ngram_max), min_df=options.min_df,
                                  max_df=0.95, max_features=options.max_terms, sublinear_tf=True,
                                  strip_accents="unicode")
            blocks.append((column, vec, n_features + offset))
            weights[column] = options.text_weight
    columns = ColumnTransformer(blocks, transformer_weights=weights, sparse_threshold=1.0)
    clf = LogisticRegression(C=options.c, class_weight="balanced", max_iter=5000)
    return Pipeline([("columns", columns), ("clf", clf)])


def fit_score_model(name: str, X: np.ndarray, y: np.ndarray, feature_names: Sequence[str],
                    options: ModelOptions = ModelOptions(), threshold: float = 0.5) -> ScoreModel:
    """Fit one score model on inputs from :func:`model_inputs` and 0/1 targets ``y``."""
    with quiet_imputer():
        pipeline = build_pipeline(feature_names, options).fit(X, y)
    for _, step, _ in pipeline.named_steps["columns"].transformers_:
        if hasattr(step, "stop_words_"):
            # The terms cut by min_df/max_df/max_terms: introspection only, and megabytes on disk.
            step.stop_words_ = None
        if hasattr(step, "vocabulary_"):
            # Plain ints are stored inline by skops; numpy ints become one file each.
            step.vocabulary_ = {term: int(i) for term, i in step.vocabulary_.items()}
    model = ScoreModel(name=name, pipeline=pipeline, threshold=threshold,
                       linear=None if options.text else from_pipeline(pipeline, X))
    if not options.text:
        return model
    contrib = column_contributions(model, X)
    baseline = {c: float(np.mean(contrib[c])) for c in TEXT_COLUMNS if c in contrib}
    return ScoreModel(name=name, pipeline=pipeline, threshold=threshold, text_baseline=baseline)


def predict_probabilities(model: ScoreModel, X: np.ndarray) -> np.ndarray:
    """Probability of the positive class (high quality / advanced) for each row."""
    return model.probabilities(model.transform(X))


def score_calls(models: ScoringModels, features: Sequence[Any],
                transcripts: Sequence[Transcript] | None = None,
                options: ModelOptions = ModelOptions()) -> list[CallScore]:
    """Score calls: one ``CallScore`` per ``CallFeatures``, reasons included.

    ``transcripts`` (same order) are needed when the models read the words; with them,
    wording reasons also point at the utterances that hold the words.
    """
    if not features:
        return []
    trained_with = (models.meta.get("versions") or {}).get("spacy_pipeline")
    used = {getattr(f, "nlp_model", None) for f in features} - {None}
    if trained_with and trained_with != "unknown" and used - {trained_with}:
        log.warning("features come from spaCy pipeline %s but model %s was trained on %s; scores may shift",
                    ", ".join(sorted(used)), models.model_version, trained_with)
    X = model_inputs(features, transcripts, models.feature_names, models.text)
    probs: dict[str, np.ndarray] = {}
    reasons: dict[str, list[list[Reason]]] = {}
    for name in SCORE_NAMES:
        m = models.get(name)
        if m is None:
            continue
        # Transform once, then both the probability and the reasons come from the same rows.
        Z = m.transform(X)
        probs[name] = m.probabilities(Z)
        reasons[name] = explain_rows(m, Z, features, models.feature_names, options.reasons_per_direction,
                                     transcripts)
    q, a = models.get("quality"), models.get("advanced")
    out = []
    for i, f in enumerate(features):
        # Rounded first, so the flag always agrees with the probability written out.
        p_adv = round(float(probs["advanced"][i]), 4) if a is not None else None
        out.append(CallScore(
            call_id=f.call_id,
            quality=round(100.0 * float(probs["quality"][i]), 2) if q is not None else None,
            advanced=(p_adv >= a.threshold) if a is not None else None,
            advanced_probability=p_adv,
            threshold=a.threshold if a is not None else None,
            reasons=tuple(r for name in SCORE_NAMES if name in reasons for r in reasons[name][i]),
            model_version=models.model_version))
    return out


# --- what `callscore score` writes and prints ---------------------------------------------------

def format_scores_table(scores: Sequence[CallScore], errors: Sequence[tuple[str, str]] = ()) -> str:
    """A short plain-text table: call, quality, advanced (probability), the strongest reason."""
    lines = [f"{'call':<28} {'quality':>7}  {'advanced':<14} strongest reason"]
    for s in scores:
        q = "-" if s.quality is None else f"{s.quality:.0f}"
        a = "-" if s.advanced is None else f"{'yes' if s.advanced else 'no'} ({s.advanced_probability:.2f})"
        top = max(s.reasons, key=lambda r: abs(r.impact), default=None)
        why = "not scored: roles unknown (see the warning above)" if s.unscored else top.text if top else ""
        lines.append(f"{s.call_id[:28]:<28} {q:>7}  {a:<14} {why}")
    for call_id, message in errors:
        lines.append(f"{call_id[:28]:<28} {'error':>7}  {message}")
    return "\n".join(lines)
