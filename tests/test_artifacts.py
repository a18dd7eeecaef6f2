"""Model folders: skops round trips, integrity and compatibility checks (no spaCy needed)."""
from __future__ import annotations

import functools
import json
import operator
import os
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.linear_model import LogisticRegression

from scorer.models import artifacts
from scorer.errors import ModelError
from scorer.models.pipeline import ModelOptions, ScoringModels, fit_score_model, predict_probabilities

NAMES = ("talk_ratio_rep", "questions_rep", "longest_monologue_rep_s")
WORDS = ("price", "demo", "tuesday", "budget", "team", "later", "email", "calendar")


def _inputs(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = np.empty((n, len(NAMES) + 2), dtype=object)
    y = rng.integers(0, 2, n)
    for i in range(n):
        X[i, 0] = float(rng.uniform(0.2, 0.9) - 0.2 * y[i])
        X[i, 1] = float(rng.integers(0, 15) + 3 * y[i])
        X[i, 2] = np.nan if i % 4 == 0 else float(rng.uniform(10, 200))
        X[i, 3] = " ".join(rng.choice(WORDS, 6)) + (" tuesday calendar" if y[i] else " later")
        X[i, 4] = " ".join(rng.choice(WORDS, 4))
    return X, y


@functools.lru_cache(maxsize=None)
def _models(with_quality: bool = True) -> ScoringModels:
    X, y = _inputs(60, 0)
    opts = ModelOptions(min_df=1)
    models = {"advanced": fit_score_model("advanced", X, y, NAMES, opts, threshold=0.42)}
    if with_quality:
        models["quality"] = fit_score_model("quality", X, 1 - y, NAMES, opts)
    return ScoringModels(feature_names=NAMES, text=True, model_version="test-1", models=models)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return artifacts.save_models(_models(), tmp_path_factory.mktemp("saved") / "model", card="# Test model\n")


@pytest.fixture()
def folder(saved: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(saved, tmp_path / "model"))


def test_round_trip_gives_identical_predictions(folder: Path):
    original = _models()
    loaded = artifacts.load_models(folder, NAMES)
    X, _ = _inputs(25, 1)
    for name in ("quality", "advanced"):
        np.testing.assert_array_equal(predict_probabilities(original.get(name), X),
                                      predict_probabilities(loaded.get(name), X))
    assert loaded.get("advanced").threshold == 0.42
    assert loaded.model_version == "test-1" and loaded.text is True
    meta = json.loads((folder / "meta.json").read_text())
    assert set(meta["files"]) == {"quality.skops", "advanced.skops", "MODEL_CARD.md"}
    assert meta["threshold"] == 0.42 and meta["feature_names"] == list(NAMES)
    assert meta["versions"]["scikit-learn"] and meta["trusted_types"] == ["numpy.dtype"]


def test_saved_file_needs_only_the_minimal_trusted_types(folder: Path):
    assert sio.get_untrusted_types(file=folder / "quality.skops") == ["numpy.dtype"]


def test_tampered_byte_is_refused_naming_the_file(folder: Path):
    path = folder / "advanced.skops"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"advanced\.skops: checksum does not match meta\.json.*retrain"):
        artifacts.load_models(folder, NAMES)


def test_edited_model_card_is_refused(folder: Path):
    (folder / "MODEL_CARD.md").write_text("# edited\n")
    with pytest.raises(ModelError, match=r"MODEL_CARD\.md: checksum does not match"):
        artifacts.load_models(folder, NAMES)


def test_write_card_updates_the_checksum(folder: Path):
    artifacts.write_card(folder, "# New card\n")
    assert artifacts.load_models(folder, NAMES).get("quality") is not None


def test_missing_model_file(folder: Path):
    (folder / "quality.skops").unlink()
    with pytest.raises(ModelError, match=r"quality\.skops: missing from the model folder"):
        artifacts.load_models(folder, NAMES)


def test_missing_meta_and_missing_folder(folder: Path, tmp_path: Path):
    (folder / "meta.json").unlink()
    with pytest.raises(ModelError, match=r"meta\.json: missing; this is not a callscore model folder"):
        artifacts.load_models(folder, NAMES)
    with pytest.raises(ModelError, match=r"model folder not found"):
        artifacts.load_models(tmp_path / "nowhere", NAMES)


def test_feature_set_mismatch_names_the_features(folder: Path):
    with pytest.raises(ModelError, match=r"different feature set \(features this callscore lacks: "
                                         r"longest_monologue_rep_s; features the model lacks: patience_rep_s\)"):
        artifacts.load_models(folder, NAMES[:2] + ("patience_rep_s",))


def test_other_scikit_learn_version_says_what_to_install(folder: Path):
    meta = json.loads((folder / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.2"
    (folder / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"saved with scikit-learn 0\.24\.2 but .* install "
                                         r"scikit-learn==0\.24\.2 or retrain"):
        artifacts.load_models(folder, NAMES)


def test_untrusted_type_is_refused_even_with_a_matching_checksum(folder: Path):
    evil = Pipeline([("f", FunctionTransformer(operator.neg)), ("clf", LogisticRegression())])
    evil.fit(np.array([[1.0], [2.0], [3.0], [4.0]]), [0, 1, 0, 1])
    path = folder / "quality.skops"
    path.write_bytes(sio.dumps(evil))
    meta = json.loads((folder / "meta.json").read_text())
    meta["files"]["quality.skops"] = artifacts.sha256_file(path)
    (folder / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"quality\.skops: holds types callscore does not trust \(_operator\.neg"):
        artifacts.load_models(folder, NAMES)


def test_skops_files_are_zip_archives_not_pickles(folder: Path):
    assert zipfile.is_zipfile(folder / "advanced.skops")
    assert not (folder / "advanced.skops").read_bytes().startswith(b"\x80")


def test_folder_with_one_model(tmp_path: Path):
    folder = artifacts.save_models(_models(with_quality=False), tmp_path / "one")
    loaded = artifacts.load_models(folder, NAMES)
    assert loaded.get("quality") is None and loaded.get("advanced") is not None
    assert not (folder / "quality.skops").exists()


def test_retraining_with_one_label_removes_the_stale_model(folder: Path):
    artifacts.save_models(_models(with_quality=False), folder)
    assert not (folder / "quality.skops").exists()
    assert artifacts.load_models(folder, NAMES).get("quality") is None


def test_contributions_map_to_the_right_features_with_a_subset():
    from scorer.models.reasons import column_contributions

    X, y = _inputs(60, 2)
    X[:, 1] = y * 10.0  # only questions_rep (column 1) carries the label
    opts = ModelOptions(min_df=1, text=False, features=("questions_rep", "longest_monologue_rep_s"))
    model = fit_score_model("advanced", X, y, NAMES, opts)
    contrib = column_contributions(model, X)
    assert set(contrib) == {"f1", "f2"}
    assert np.corrcoef(contrib["f1"], y)[0, 1] > 0.99
    assert np.abs(contrib["f1"]).mean() > 5 * np.abs(contrib["f2"]).mean()


def test_the_wheel_carries_the_default_models(tmp_path: Path) -> None:
    """Installed from a wheel (no checkout beside it), callscore still finds models/."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                    str(repo)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("callscore-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    for name in ("meta.json", "quality.skops", "advanced.skops", "quality.linear.json",
                 "advanced.linear.json", "MODEL_CARD.md"):
        assert (site / "scorer" / "default_models" / name).is_file(), name
    # The unpacked wheel comes first on the path, ahead of this checkout's editable install.
    probe = ("import scorer.models.artifacts as a; m = a.load_models(); "
             "print(a.DEFAULT_MODEL_DIR, m.model_version)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(site)})
    assert out.returncode == 0, out.stderr
    folder, version = out.stdout.split()
    assert Path(folder) == site / "scorer" / "default_models"
    assert version == json.loads((repo / "models" / "meta.json").read_text())["model_version"]
