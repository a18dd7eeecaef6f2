"""Add the plain-number copies (``<score>.linear.json``) to a model folder made before them.

``callscore train`` and ``dev/build_default_models.py`` write them already; this is for a
folder saved by an earlier callscore. The pipelines are read with skops, each is exported
with ``scorer.models.linear.from_pipeline`` and checked against the pipeline on 2,000 rows
drawn around the training statistics (a fifth of the values missing), then the folder is
saved again: same pipelines, same threshold and card, new checksums. ::

    .venv/bin/python dev/export_linear.py models
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scorer.models.artifacts import load_models, save_models  # noqa: E402
from scorer.models.linear import from_pipeline  # noqa: E402


def check_rows(pipeline, n: int = 2000, seed: int = 0) -> np.ndarray:
    """Rows of the pipeline's input width: each imputed column drawn from a normal with its
    training mean and spread, a fifth of all values missing."""
    rng = np.random.default_rng(seed)
    numeric = pipeline.named_steps["columns"].named_transformers_["num"]
    width = pipeline.named_steps["columns"].n_features_in_
    used = [int(c) for c in pipeline.named_steps["columns"].transformers_[0][2]]
    X = np.full((n, width), np.nan)
    stats = numeric.named_steps["impute"].statistics_
    scaler = numeric.named_steps["scale"]
    kept = [k for k in range(len(used)) if not np.isnan(stats[k])]
    for out, k in enumerate(kept):
        X[:, used[k]] = rng.normal(scaler.mean_[out], scaler.scale_[out], n)
    X[rng.random(X.shape) < 0.2] = np.nan
    return X


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    args = ap.parse_args(argv)
    models = load_models(args.folder, pipelines=True)
    out = {}
    for name, m in models.models.items():
        linear = from_pipeline(m.pipeline, check_rows(m.pipeline))
        print(f"{name}: {'exported' if linear else 'not a numeric pipeline, or not reproduced: left skops-only'}")
        out[name] = dataclasses.replace(m, linear=linear)
    save_models(dataclasses.replace(models, models=out), args.folder)
    print(f"saved {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
