"""Labels files, locating calls, metrics, and train/evaluate on a small generated labelled set."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from scorer.errors import LabelError
from scorer.batch.labelled import locate_calls
from scorer.models.labels import read_labels
from scorer.models.pipeline import ModelOptions
from scorer.models.training import (THRESHOLDS, best_threshold, check_classes, compute_metrics,
                                    cross_validated_probabilities, format_metrics, make_folds)


def _labels(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "labels.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("cells,expected", [
    (("1", "0", "yes", "no", "TRUE", "false"), (1, 0, 1, 0, 1, 0)),
    (("Y", "n", "1", "0", "", "1"), (1, 0, 1, 0, None, 1)),
])
def test_advanced_values(tmp_path: Path, cells, expected):
    rows = "".join(f"c{i},{v}\n" for i, v in enumerate(cells))
    labels = read_labels(_labels(tmp_path, "call_id,advanced\n" + rows))
    assert tuple(labels.advanced.get(f"c{i}") for i in range(len(cells))) == expected
    assert labels.targets() == ("advanced",) and labels.quality == {}


@pytest.mark.parametrize("cells,scale,normalised,high", [
    (("high", "Low", "HIGH"), "high/low", (1.0, 0.0, 1.0), (1, 0, 1)),
    (("0", "1", "1"), "0/1", (0.0, 1.0, 1.0), (0, 1, 1)),
    (("1", "3", "5", "4"), "1-5", (0.0, 0.5, 1.0, 0.75), (0, 0, 1, 1)),
    (("12", "50", "88.5", "3"), "0-100", (0.12, 0.5, 0.885, 0.03), (0, 0, 1, 0)),
])
def test_quality_scales(tmp_path: Path, cells, scale, normalised, high):
    rows = "".join(f"c{i},{v}\n" for i, v in enumerate(cells))
    labels = read_labels(_labels(tmp_path, "call_id,quality\n" + rows))
    assert labels.quality_scale == scale
    assert tuple(labels.quality[f"c{i}"] for i in range(len(cells))) == pytest.approx(normalised)
    assert tuple(labels.binary("quality")[f"c{i}"] for i in range(len(cells))) == high


def test_both_labels_bom_and_extra_columns(tmp_path: Path):
    labels = read_labels(_labels(tmp_path, "\ufeffCall_ID,Quality,rep,advanced\na,4,Ann,yes\nb,2,Bo,\n"))
    assert labels.call_ids == ("a", "b") and labels.targets() == ("quality", "advanced")
    assert labels.advanced == {"a": 1} and labels.quality == {"a": 0.75, "b": 0.25}


@pytest.mark.parametrize("text,message", [
    ("call_id,advanced\na,maybe\n", r"line 2: unknown advanced value 'maybe'; expected one of: 1, 0, yes, no"),
    ("call_id,quality\na,great\n", r"line 2: unknown quality value 'great'; expected a number"),
    ("call_id,quality\na,high\nb,3\n", r"line 3: quality '3' mixes with high/low words"),
    ("call_id,quality\na,140\n", r"line 2: quality '140' is outside 0-100"),
    ("call_id,advanced\na,1\na,0\n", r"line 3: call_id 'a' repeats line 2; keep one row per call"),
    ("id,advanced\na,1\n", r"no call_id column"),
    ("call_id,outcome\na,1\n", r"no label column; add advanced .* and/or quality"),
    ("call_id,advanced\n", r"no rows"),
    ("call_id,advanced\na,\n", r"every label cell is empty"),
    ("", r"empty; expected a header"),
])
def test_bad_labels_are_one_clear_line(tmp_path: Path, text, message):
    with pytest.raises(LabelError, match=message) as err:
        read_labels(_labels(tmp_path, text))
    assert "\n" not in str(err.value) and "labels.csv" in str(err.value)


def test_missing_labels_file(tmp_path: Path):
    with pytest.raises(LabelError, match=r"nope\.csv: labels file not found"):
        read_labels(tmp_path / "nope.csv")


def test_locate_calls_prefers_transcripts_and_names_unknown_ids(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "c1.txt").write_text("Rep: hi\nCustomer: hello\n")
    (tmp_path / "c2.txt").write_text("Rep: hi\nCustomer: hello\n")
    (tmp_path / "c2.wav").write_bytes(b"RIFF")
    found = locate_calls(["c1", "c2"], tmp_path)
    assert found == {"c1": tmp_path / "a" / "c1.txt", "c2": tmp_path / "c2.txt"}
    with pytest.raises(LabelError, match=r"2 call_id\(s\) have no recording or transcript under .*: "
                                         r"x9, y7; fix the ids or add the files"):
        locate_calls(["c1", "x9", "y7"], tmp_path, Path("labels.csv"))
    with pytest.raises(LabelError, match=r"transcripts folder not found"):
        locate_calls(["c1"], tmp_path / "missing")


def test_single_class_is_an_error_that_says_what_to_add():
    with pytest.raises(LabelError, match=r"0 call\(s\) labelled did not advance \(advanced\) among 3; .* "
                                         r"add calls that did not advance"):
        check_classes("advanced", np.array([1, 1, 1]), "labels.csv")
    with pytest.raises(LabelError, match=r"1 call\(s\) labelled high quality"):
        check_classes("quality", np.array([0, 0, 1]), "labels.csv")


def test_metrics_and_report():
    y = np.array([0, 0, 1, 1, 1])
    p = np.array([0.1, 0.6, 0.4, 0.8, 0.9])
    m = compute_metrics("advanced", y, p, 0.5)
    assert m.roc_auc == pytest.approx(5 / 6, abs=1e-4) and m.accuracy == 0.6
    assert m.confusion == ((1, 1), (1, 2)) and m.f1 == pytest.approx(2 / 3, abs=1e-4)
    assert m.brier == pytest.approx(np.mean((p - y) ** 2), abs=1e-4)
    text = format_metrics({"advanced": m}, "Evaluation")
    assert "ROC AUC 0.833" in text and "actual did not advance" in text and "predicted advanced" in text
    one = compute_metrics("quality", np.array([1, 1]), np.array([0.7, 0.2]), 0.5)
    assert one.roc_auc is None and "ROC AUC needs both classes" in one.note
    assert "ROC AUC n/a" in format_metrics({"quality": one})
    assert json.loads(json.dumps(m.to_dict()))["confusion_matrix"] == [[1, 1], [1, 2]]


def test_best_threshold_balances_the_classes_out_of_fold():
    """A feature that separates the classes, but with three times as many negatives: the
    tuned cut maximises balanced accuracy, and the tuned model scores better than 0.5 would."""
    rng = np.random.default_rng(0)
    y = np.array([0] * 90 + [1] * 30)
    X = np.empty((len(y), 1), dtype=object)
    X[:, 0] = y * 1.5 + rng.normal(0, 1, len(y))
    options = ModelOptions(text=False)
    folds = make_folds(y, options)
    t = best_threshold(X, y, ("f",), options, folds)
    assert 0.05 <= t <= 0.95 and t in set(THRESHOLDS)
    p = cross_validated_probabilities(X, y, ("f",), options, folds)
    balanced = lambda cut: ((p[y == 1] >= cut).mean() + (p[y == 0] < cut).mean()) / 2  # noqa: E731
    assert balanced(t) >= balanced(0.5) - 0.05 and balanced(t) > 0.7
