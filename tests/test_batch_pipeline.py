"""The batch engine with the real scoring job (``scorer.batch.job.ScoreJob``) on sample transcripts."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from scorer.batch import BatchOptions, run_batch

pipeline = pytest.importorskip("scorer.batch.job", reason="scorer/pipeline.py is not there yet")

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_KEYS = {"schema_version", "kind", "call_id", "source", "content_key", "metadata", "transcript",
                 "features", "moments", "quality", "advanced", "advanced_probability", "threshold", "reasons",
                 "model_version"}


def test_real_job_scores_good_files_and_records_bad_ones(tmp_path):
    calls = tmp_path / "calls"
    calls.mkdir()
    good = sorted((ROOT / "samples" / "transcripts").glob("*.txt"))[:3]
    for path in good:
        shutil.copy(path, calls / path.name)
    (calls / "empty.txt").write_text("")
    files = sorted(calls.iterdir())
    job = pipeline.ScoreJob()
    summary = run_batch(files, job, BatchOptions(out_dir=tmp_path / "out", jobs=2, progress=False))

    assert (summary.done, summary.failed, summary.exit_status) == (3, 1, 1)
    for path in good:
        score = json.loads((tmp_path / "out" / f"{path.stem}.score.json").read_text(encoding="utf-8"))
        assert CONTRACT_KEYS <= set(score) and score["kind"] == "score"
        assert score["transcript"]["duration_s"] > 0 and score["features"]["values"]
    with open(tmp_path / "out" / "scores.csv", newline="", encoding="utf-8") as fh:
        rows = {r["call_id"]: r for r in csv.DictReader(fh)}
    assert rows["empty"]["error"] and rows["empty"]["quality"] == ""
    assert all(rows[p.stem]["error"] == "" and rows[p.stem]["talk_ratio_rep"] for p in good)
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert error["file"].endswith("empty.txt") and error["stage"] in ("read", "decode", "transcribe")

    again = run_batch(files, job, BatchOptions(out_dir=tmp_path / "out", jobs=2, progress=False))
    assert (again.done, again.skipped) == (0, 3)
