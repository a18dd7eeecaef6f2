"""Numeric score models as plain numbers (scorer.models.linear): the same probabilities and
reasons as the scikit-learn pipeline they come from, and scoring that imports neither
scikit-learn nor skops."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scorer.errors import ModelError
from scorer.features import FEATURE_NAMES
from scorer.models import artifacts
from scorer.models.linear import LinearModel, from_pipeline
from scorer.models.pipeline import ModelOptions, ScoringModels, fit_score_model, predict_probabilities
from scorer.models.reasons import column_contributions

NAMES = tuple(FEATURE_NAMES)
ROOT = Path(__file__).resolve().parents[1]


def _inputs(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows of every feature; a third of the values missing, one feature never observed."""
    rng = np.random.default_rng(seed)
    X = rng.normal(3.0, 2.0, (n, len(NAMES)))
    X[rng.random(X.shape) < 0.3] = np.nan
    X[:, 4] = np.nan
    y = (np.nan_to_num(X[:, 0]) + rng.normal(0, 1, n) > 3).astype(int)
    return X.astype(object), y


def _fit(features: tuple[str, ...] | None = None):
    X, y = _inputs(120, 0)
    return fit_score_model("advanced", X, y, NAMES, ModelOptions(text=False, features=features), 0.4)


@pytest.mark.parametrize("features", [None, ("questions_rep", "talk_ratio_rep", "call_duration_s")])
def test_linear_copy_gives_the_pipelines_probabilities_and_pushes(features):
    model = _fit(features)
    assert model.linear is not None and model.pipeline is not None
    X, _ = _inputs(50, 1)
    expected = model.pipeline.predict_proba(X)[:, 1]
    np.testing.assert_allclose(model.linear.probabilities(model.linear.transform(X)), expected, atol=1e-12)
    pipeline_only = type(model)(name=model.name, pipeline=model.pipeline, threshold=model.threshold)
    linear_only = type(model)(name=model.name, pipeline=None, threshold=model.threshold, linear=model.linear)
    a, b = column_contributions(pipeline_only, X), column_contributions(linear_only, X)
    assert set(a) == set(b)
    for key in a:
        np.testing.assert_allclose(a[key], b[key], atol=1e-12)


def test_text_pipelines_have_no_linear_copy():
    from tests.test_artifacts import _models

    assert all(m.linear is None for m in _models().models.values())


def test_a_copy_that_does_not_reproduce_the_pipeline_is_refused(monkeypatch):
    model = _fit()
    X, _ = _inputs(40, 3)
    assert from_pipeline(model.pipeline, X) == model.linear
    exact = LinearModel.transform
    monkeypatch.setattr(LinearModel, "transform", lambda self, rows: exact(self, rows) * (1 + 1e-6))
    assert from_pipeline(model.pipeline, X) is None
    # A pipeline with a text block is another shape: no copy, whatever the rows.
    from tests.test_artifacts import _models
    assert from_pipeline(_models().get("advanced").pipeline, X) is None


def test_saved_folder_scores_from_the_linear_files(tmp_path: Path):
    model = _fit()
    models = ScoringModels(feature_names=NAMES, text=False, model_version="lin-1", models={"advanced": model})
    folder = artifacts.save_models(models, tmp_path / "m", card="# m\n")
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["models"]["advanced"]["linear"] == "advanced.linear.json"
    assert "advanced.linear.json" in meta["files"]
    loaded = artifacts.load_models(folder, NAMES)
    assert loaded.get("advanced").pipeline is None and loaded.get("advanced").linear == model.linear
    X, _ = _inputs(30, 4)
    np.testing.assert_allclose(predict_probabilities(loaded.get("advanced"), X),
                               model.pipeline.predict_proba(X)[:, 1], atol=1e-12)
    both = artifacts.load_models(folder, NAMES, pipelines=True)
    assert both.get("advanced").pipeline is not None


def test_tampered_linear_file_is_refused_naming_it(tmp_path: Path):
    model = _fit()
    models = ScoringModels(feature_names=NAMES, text=False, model_version="lin-1", models={"advanced": model})
    folder = artifacts.save_models(models, tmp_path / "m")
    path = folder / "advanced.linear.json"
    path.write_text(path.read_text().replace('"intercept": ', '"intercept": 1'))
    with pytest.raises(ModelError, match="advanced.linear.json: checksum does not match"):
        artifacts.load_models(folder, NAMES)


def test_malformed_linear_data_is_refused():
    data = _fit().linear.to_dict()
    with pytest.raises(ModelError, match="here: inconsistent linear model \\(coef"):
        LinearModel.from_dict({**data, "coef": data["coef"][:-1]}, "here")
    with pytest.raises(ModelError, match="not a callscore linear model"):
        LinearModel.from_dict({**data, "kind": "other"}, "here")
    assert LinearModel.from_dict(json.loads(LinearModel.from_dict(data).dumps())) == _fit().linear


def test_shipped_models_have_linear_files_that_match_their_pipelines():
    sys.path.insert(0, str(ROOT / "dev"))
    from export_linear import check_rows

    fast = artifacts.load_models()
    full = artifacts.load_models(pipelines=True)
    for name, m in fast.models.items():
        assert m.linear is not None and m.pipeline is None, name
        X = check_rows(full.get(name).pipeline, n=500, seed=7)
        np.testing.assert_allclose(predict_probabilities(m, X),
                                   full.get(name).pipeline.predict_proba(X)[:, 1], atol=1e-12)


def test_scoring_a_transcript_imports_no_scikit_learn_scipy_or_skops(tmp_path: Path):
    probe = ("import sys; from click.testing import CliRunner; import cli; "
             f"r = CliRunner().invoke(cli.main, ['score', {str(ROOT / 'samples/transcripts/call01_demo_booked.txt')!r}, "
             f"'-o', {str(tmp_path / 'out')!r}]); assert r.exit_code == 0, r.output; "
             "print(sorted(m for m in ('sklearn', 'scipy', 'skops') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
    shutil.rmtree(tmp_path / "out")
