"""A fitted numeric score pipeline as plain numbers, applied with NumPy alone.

The default score pipelines (``scorer.models.pipeline.build_pipeline`` without text) are a
median imputer with missing-value indicators, a standard scaler and a logistic regression:
a handful of vectors. Kept as those vectors in a JSON file beside the skops file, a model
scores a call without importing scikit-learn, SciPy or skops, which is most of the start-up
of ``callscore score one.txt`` (BENCHMARKS.md, "One call while the rep waits"), and anyone
can read the weights. scikit-learn still fits every model; :func:`from_pipeline` reads the
fitted state and keeps the result only when it reproduces the pipeline's probabilities on
the training rows. Pipelines that read the words (TF-IDF) stay skops-only.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np

from scorer.errors import ModelError

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

LINEAR_KIND = "callscore-linear-model"
LINEAR_SCHEMA_VERSION = 1
#: Largest difference in probability allowed between the export and the pipeline it came from.
MATCH_TOLERANCE = 1e-9


@dataclass(frozen=True)
class LinearModel:
    """Imputer, scaler and logistic regression of one score, as numbers.

    - ``columns``: input columns (of ``scorer.models.inputs.model_inputs`` rows) that are
      imputed, in output order; ``medians`` the value given to each when it is missing.
    - ``indicators``: input columns whose missing-value indicator (1.0 missing) follows.
    - ``mean``, ``scale``: the scaler's statistics, one per output column; ``weight`` the
      block's weight in the column transformer.
    - ``coef``, ``intercept``: the logistic regression, in log-odds per scaled unit.
    - ``names``: each output column's name as scikit-learn gives it (``num__x3``,
      ``num__missingindicator_x7``); reasons group by them.
    """

    columns: tuple[int, ...]
    medians: tuple[float, ...]
    indicators: tuple[int, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weight: float
    coef: tuple[float, ...]
    intercept: float
    names: tuple[str, ...]

    def transform(self, X: np.ndarray) -> np.ndarray:
        """The scaled, weighted model columns of input rows ``X`` (features as floats, NaN
        where missing); what the pipeline's ``columns`` step returns."""
        values = np.asarray(X[:, list(self.columns)], dtype=float)
        values = np.where(np.isnan(values), np.asarray(self.medians), values)
        missing = np.isnan(np.asarray(X[:, list(self.indicators)], dtype=float)).astype(float)
        Z = np.hstack([values, missing]) if self.indicators else values
        return (Z - np.asarray(self.mean)) / np.asarray(self.scale) * self.weight

    def probabilities(self, Z: np.ndarray) -> np.ndarray:
        """Probability of the positive class for transformed rows ``Z``."""
        logit = Z @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-logit))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": LINEAR_KIND, "schema_version": LINEAR_SCHEMA_VERSION,
                "columns": list(self.columns), "medians": list(self.medians),
                "indicators": list(self.indicators), "mean": list(self.mean), "scale": list(self.scale),
                "weight": self.weight, "coef": list(self.coef), "intercept": self.intercept,
                "names": list(self.names)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "linear model") -> LinearModel:
        """Read :meth:`to_dict`'s output; ``ModelError`` naming ``where`` when it is not one."""
        if not isinstance(data, Mapping) or data.get("kind") != LINEAR_KIND:
            raise ModelError(f"{where}: not a callscore linear model; retrain with `callscore train`")
        if data.get("schema_version") != LINEAR_SCHEMA_VERSION:
            raise ModelError(f"{where}: linear model format {data.get('schema_version')!r}, this "
                             f"callscore reads {LINEAR_SCHEMA_VERSION}; retrain with `callscore train`")
        try:
            model = cls(columns=tuple(int(v) for v in data["columns"]),
                        medians=tuple(float(v) for v in data["medians"]),
                        indicators=tuple(int(v) for v in data["indicators"]),
                        mean=tuple(float(v) for v in data["mean"]), scale=tuple(float(v) for v in data["scale"]),
                        weight=float(data["weight"]), coef=tuple(float(v) for v in data["coef"]),
                        intercept=float(data["intercept"]), names=tuple(str(v) for v in data["names"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{where}: malformed linear model ({type(exc).__name__}: {exc}); "
                             "retrain with `callscore train`") from None
        width = len(model.columns) + len(model.indicators)
        sizes = {"medians": len(model.medians), "mean": len(model.mean), "scale": len(model.scale),
                 "coef": len(model.coef), "names": len(model.names)}
        expected = {"medians": len(model.columns), "mean": width, "scale": width, "coef": width, "names": width}
        bad = [k for k in sizes if sizes[k] != expected[k]]
        numbers = model.medians + model.mean + model.scale + model.coef + (model.weight, model.intercept)
        if bad or not all(math.isfinite(v) for v in numbers) or not all(s != 0 for s in model.scale):
            raise ModelError(f"{where}: inconsistent linear model ({', '.join(bad) or 'non-finite or zero values'}); "
                             "retrain with `callscore train`")
        return model

    def dumps(self) -> str:
        return json.dumps(self.to_dict(), indent=1) + "\n"


def from_pipeline(pipeline: Pipeline, X: np.ndarray) -> LinearModel | None:
    """The numbers of a fitted numeric pipeline, checked against it on the rows ``X``;
    ``None`` for a pipeline of another shape (text columns) or one the numbers do not
    reproduce to ``MATCH_TOLERANCE``."""
    from scorer.models.inputs import quiet_imputer

    columns_step, clf = pipeline.named_steps["columns"], pipeline.named_steps["clf"]
    blocks = [(name, step, cols) for name, step, cols in columns_step.transformers_ if step != "drop"]
    if len(blocks) != 1 or blocks[0][0] != "num":
        return None
    _, numeric, used = blocks[0]
    imputer, scaler = numeric.named_steps["impute"], numeric.named_steps["scale"]
    used = [int(c) for c in used]
    stats = np.asarray(imputer.statistics_, dtype=float)
    kept = [k for k in range(len(used)) if not np.isnan(stats[k])]  # all-missing columns are dropped
    indicator = imputer.indicator_
    flagged = [used[int(k)] for k in indicator.features_] if indicator is not None else []
    weights = columns_step.transformer_weights or {}
    model = LinearModel(
        columns=tuple(used[k] for k in kept), medians=tuple(float(stats[k]) for k in kept),
        indicators=tuple(flagged), mean=tuple(float(v) for v in scaler.mean_),
        scale=tuple(float(v) for v in scaler.scale_), weight=float(weights.get("num", 1.0)),
        coef=tuple(float(v) for v in clf.coef_[0]), intercept=float(clf.intercept_[0]),
        names=tuple(str(n) for n in columns_step.get_feature_names_out()))
    if len(model.mean) != len(model.columns) + len(model.indicators) or len(model.coef) != len(model.mean):
        return None
    with quiet_imputer():
        expected = pipeline.predict_proba(X)[:, 1]
    if not np.allclose(model.probabilities(model.transform(X)), expected, rtol=0, atol=MATCH_TOLERANCE):
        return None
    return model
