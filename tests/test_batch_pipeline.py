"""The batch engine with the real scoring job (``scorer.batch.job.ScoreJob``) on sample transcripts."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from scorer.batch import BatchOptions, run_batch

from scorer.batch import job as pipeline  # noqa: E402
from scorer.batch.executors import InlineExecutor

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


def test_a_call_whose_roles_are_unknown_gets_no_score_and_is_counted(tmp_path):
    """No imputed number for a call nobody can attribute; naming the rep scores it."""
    calls = tmp_path / "calls"
    calls.mkdir()
    (calls / "names.vtt").write_text(
        "WEBVTT\n\n00:01.000 --> 00:03.000\nAlex Kim: Hello?\n\n"
        "00:03.500 --> 00:06.000\nSam Roy: Hi, yes.\n\n00:06.500 --> 00:08.000\nAlex Kim: Okay, bye.\n")
    shutil.copy(ROOT / "samples" / "transcripts" / "call04_flat_rejection.txt", calls)
    files = sorted(calls.iterdir())
    inline = InlineExecutor()  # this process: the models load once for both runs
    summary = run_batch(files, pipeline.ScoreJob(), BatchOptions(out_dir=tmp_path / "out", progress=False),
                        executor=inline)
    assert (summary.done, summary.failed, summary.unscored) == (2, 0, 1)
    assert "1 call(s) not scored" in summary.describe() and "--rep NAME" in summary.describe()
    doc = json.loads((tmp_path / "out" / "names.score.json").read_text(encoding="utf-8"))
    assert doc["quality"] is None and doc["advanced"] is None and doc["advanced_probability"] is None
    assert doc["roles"] == "unknown" and "roles unknown" in doc["unscored"] and doc["reasons"] == []
    with open(tmp_path / "out" / "scores.csv", newline="", encoding="utf-8") as fh:
        rows = {r["call_id"]: r for r in csv.DictReader(fh)}
    assert (rows["names"]["roles"], rows["names"]["quality"]) == ("unknown", "")
    assert rows["call04_flat_rejection"]["roles"] == "labelled" and rows["call04_flat_rejection"]["quality"]

    from scorer.roles import RoleOptions

    named = run_batch(files, pipeline.ScoreJob(roles=RoleOptions(rep_names=("Alex Kim",))),
                      BatchOptions(out_dir=tmp_path / "named", progress=False), executor=inline)
    assert named.unscored == 0
    doc = json.loads((tmp_path / "named" / "names.score.json").read_text(encoding="utf-8"))
    assert doc["roles"] == "named" and doc["quality"] is not None and doc["unscored"] is None
