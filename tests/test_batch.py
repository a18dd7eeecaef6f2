"""Batch engine: failures as data, resume, metadata into every store, usage errors, worker crashes."""
from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from scorer.batch import (BatchOptions, BatchSummary, BatchUsageError, USAGE_ERRORS, run_batch, run_each)
from scorer.errors import TranscriptFormatError
from scorer.batch.manifest import load_catalog
from scorer.batch.stores import table_columns

DATA = Path(__file__).parent / "data" / "batch"
sys.path.insert(0, str(DATA))

from wordcount_job import WordCountJob, make_calls  # noqa: E402

CALLS = sorted((DATA / "calls").iterdir())
BAD = {"2026-11-07_ben_c005": "read", "2026-11-08_ana_c006": "read", "2026-11-09_cleo_c007": "read"}


def _options(out: Path, **kw) -> BatchOptions:
    return BatchOptions(out_dir=out, jobs=kw.pop("jobs", 2), progress=False, **kw)


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_corrupt_and_empty_files_are_recorded_and_the_batch_goes_on(tmp_path):
    out = tmp_path / "out"
    summary = run_batch(CALLS, WordCountJob(), _options(out))

    assert (summary.done, summary.failed, summary.skipped) == (4, 3, 0)
    assert summary.exit_status == 1
    rows = _csv(out / "scores.csv")
    assert [r["call_id"] for r in rows] == [p.stem for p in CALLS]          # input order, once each
    for row in rows:
        if row["call_id"] in BAD:
            assert row["error"] and row["quality"] == "" and row["talk_ratio_rep"] == ""
            assert row["content_key"]
        else:
            assert row["error"] == "" and float(row["quality"]) > 0 and row["timing"] in ("measured", "starts", "estimated")
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [(e["call_id"], e["stage"]) for e in errors] == list(BAD.items())
    assert "file is empty" in errors[0]["message"] and errors[0]["file"].endswith("c005.txt")
    assert "malformed JSON" in errors[1]["message"]
    scores = sorted(out.glob("*.score.json"))
    assert len(scores) == 4
    for path in scores:
        score = json.loads(path.read_text())
        assert score["kind"] == "score" and len(score["content_key"]) == 64
        assert score["call_id"] == path.name.removesuffix(".score.json")
    transcripts = [json.loads(p.read_text())["transcript"] for p in scores]
    # estimated lengths (texts without times) are not counted as hours of calls
    assert summary.audio_s == pytest.approx(sum(t["duration_s"] for t in transcripts
                                                if t["timing"] != "estimated"))
    assert summary.speed and summary.speed > 0
    assert "scored 4, skipped 0, failed 3" in summary.describe()


def test_all_good_files_exit_zero_and_rerun_skips_everything(tmp_path):
    out = tmp_path / "out"
    good = [p for p in CALLS if p.stem not in BAD]
    first = run_batch(good, WordCountJob(), _options(out, jobs=1))
    assert (first.done, first.failed, first.exit_status) == (4, 0, 0)
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.score.json")}
    table = _csv(out / "scores.csv")

    again = run_batch(good, WordCountJob(), _options(out, jobs=1))
    assert (again.done, again.skipped, again.failed, again.exit_status) == (0, 4, 0, 0)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.score.json")} == before
    assert _csv(out / "scores.csv") == table and len(table) == 4

    forced = run_batch(good, WordCountJob(), _options(out, jobs=1, force=True))
    assert (forced.done, forced.skipped) == (4, 0)

    # A new job version (other options) changes every key: everything is rescored.
    changed = run_batch(good, WordCountJob(threshold=1.5), _options(out, jobs=1))
    assert (changed.done, changed.skipped) == (4, 0)
    assert {r["advanced"] for r in _csv(out / "scores.csv")} == {"0"}


def test_changed_file_content_is_rescored_alone(tmp_path):
    calls = make_calls(tmp_path / "calls", 3)
    out = tmp_path / "out"
    run_batch(calls, WordCountJob(), _options(out, jobs=1))
    calls[1].write_text("Rep: Completely new words here?\nCustomer: Indeed.\n", encoding="utf-8")
    summary = run_batch(calls, WordCountJob(), _options(out, jobs=1))
    assert (summary.done, summary.skipped) == (1, 2)
    assert json.loads((out / "call001.score.json").read_text())["transcript"]["utterances"][1]["text"] == "Indeed."


def test_manifest_metadata_reaches_csv_parquet_and_sqlite(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out, db = tmp_path / "out", tmp_path / "calls.sqlite"
    catalog = load_catalog(DATA / "manifest.csv")
    summary = run_batch(CALLS, WordCountJob(), _options(out, db=db), catalog=catalog)
    assert summary.table == out / "scores.csv"
    expected = {  # call_id -> (rep, team, date, direction, campaign, region)
        "c001": ("Ana Ruiz", "EMEA", "2026-11-03", "outbound", "Q4 push", "Iberia"),
        "2026-11-04_ben_c002": ("Ben Okafor", "NA", "2026-11-04", "inbound", None, "East"),
        "2026-11-05_ana_c003": ("Ruiz, Ana", "EMEA", "2026-11-05T14:05:00+01:00", "outbound", "Q4 push", None),
        "2026-11-06_cleo_c004": (None, None, None, None, None, None),       # no manifest row
        "2026-11-07_ben_c005": ("Ben Okafor", "NA", "2026-11-07", "inbound", "Renewals", "East"),  # failed
    }
    fields = ("rep", "team", "date", "direction", "campaign", "region")
    columns = list(table_columns(("campaign", "region")))

    rows = {r["call_id"]: r for r in _csv(out / "scores.csv")}
    assert list(next(iter(rows.values()))) == columns
    for call_id, values in expected.items():
        assert tuple(rows[call_id][f] or None for f in fields) == values
    assert rows["2026-11-07_ben_c005"]["error"]
    assert json.loads((out / "c001.score.json").read_text())["metadata"]["campaign"] == "Q4 push"

    run_batch(CALLS, WordCountJob(), _options(out, table_format="parquet"),
              catalog=load_catalog(DATA / "manifest.csv"))
    table = pq.read_table(out / "scores.parquet")
    assert table.column_names == columns
    assert str(table.schema.field("quality").type) == "double"
    assert str(table.schema.field("questions_rep").type) == "int64"
    prows = {r["call_id"]: r for r in table.to_pylist()}
    for call_id, values in expected.items():
        assert tuple(prows[call_id][f] for f in fields) == values
    assert prows["c001"]["advanced"] == 1 and prows["c001"]["next_step_accepted"] == 1

    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        srows = {r["call_id"]: dict(r) for r in con.execute("SELECT * FROM scores")}
        runs = [dict(r) for r in con.execute("SELECT * FROM runs ORDER BY run_id")]
    assert len(srows) == len(CALLS)
    for call_id, values in expected.items():
        assert tuple(srows[call_id][f] for f in fields) == values
    assert srows["c001"]["quality"] == pytest.approx(float(rows["c001"]["quality"]))
    assert srows["2026-11-09_cleo_c007"]["quality"] is None and srows["2026-11-09_cleo_c007"]["error"]
    assert [(r["scored"], r["skipped"], r["failed"]) for r in runs] == [(4, 0, 3)]
    assert runs[0]["finished_at"] and runs[0]["model_version"] == WordCountJob().version()


def test_changed_manifest_refreshes_metadata_without_rescoring(tmp_path):
    out = tmp_path / "out"
    good = [DATA / "calls" / "2026-11-03_ana_c001.txt"]
    run_batch(good, WordCountJob(), _options(out, jobs=1), catalog=load_catalog(DATA / "manifest.csv"))
    manifest = tmp_path / "m.csv"
    manifest.write_text("call_id,path,rep,team\nc001," + str(good[0].resolve()) + ",Zoe,APAC\n")
    summary = run_batch(good, WordCountJob(), _options(out, jobs=1), catalog=load_catalog(manifest))
    assert (summary.done, summary.skipped) == (0, 1)
    assert json.loads((out / "c001.score.json").read_text())["metadata"]["rep"] == "Zoe"
    assert _csv(out / "scores.csv")[0]["team"] == "APAC"


def test_name_pattern_gives_call_ids_and_metadata(tmp_path):
    out = tmp_path / "out"
    summary = run_batch(CALLS, WordCountJob(), _options(out),
                        catalog=load_catalog(name_pattern="{date}_{rep}_{call_id}"))
    assert summary.failed == 3
    rows = _csv(out / "scores.csv")
    assert [(r["call_id"], r["rep"], r["date"]) for r in rows][:2] == [("c001", "ana", "2026-11-03"),
                                                                       ("c002", "ben", "2026-11-04")]
    assert (out / "c003.score.json").exists()


def test_duplicate_call_ids_fail_the_later_file_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = shutil.copy(CALLS[0], tmp_path / "a" / "same.txt")
    second = shutil.copy(CALLS[3], tmp_path / "b" / "same.txt")
    summary = run_batch([Path(first), Path(second)], WordCountJob(), _options(tmp_path / "out", jobs=1))
    assert (summary.done, summary.failed) == (1, 1)
    assert "already comes from" in summary.errors[0][1]
    rows = _csv(tmp_path / "out" / "scores.csv")
    assert len(rows) == 1 and rows[0]["source"] == str(first) and rows[0]["error"] == ""


def test_workers_are_reused_across_calls(tmp_path):
    calls = make_calls(tmp_path / "calls", 8)
    seen: list[str] = []
    summary = run_batch(calls, WordCountJob(), _options(tmp_path / "out"),
                        on_outcome=lambda o: seen.append(o.status))
    assert summary.done == 8 and seen == ["scored"] * 8 and summary.exit_status == 0
    workers = [json.loads(p.read_text())["worker"] for p in (tmp_path / "out").glob("*.score.json")]
    pids = {w["pid"] for w in workers}
    assert 1 <= len(pids) <= 2 and os.getpid() not in pids
    # Module-level state of a worker survives from call to call (models load once per worker).
    for pid in pids:
        assert sorted(w["runs_in_process"] for w in workers if w["pid"] == pid) == \
            list(range(1, 1 + sum(w["pid"] == pid for w in workers)))


def test_a_worker_that_dies_fails_only_its_own_call(tmp_path):
    calls = make_calls(tmp_path / "calls", 6)
    summary = run_batch(calls, WordCountJob(crash_on="call002"), _options(tmp_path / "out"))
    assert (summary.done, summary.failed) == (5, 1)
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert [(e["call_id"], e["stage"]) for e in errors] == [("call002", "crash")]
    assert "worker process died" in errors[0]["message"]


def test_usage_errors_raise_before_any_work(tmp_path):
    with pytest.raises(BatchUsageError, match="jobs must be 1 or more"):
        run_batch(CALLS, WordCountJob(), _options(tmp_path, jobs=0))
    with pytest.raises(BatchUsageError, match="expected one of: csv, jsonl, parquet"):
        run_batch(CALLS, WordCountJob(), _options(tmp_path, table_format="xlsx"))
    with pytest.raises(BatchUsageError, match="no input files"):
        run_batch([], WordCountJob(), _options(tmp_path))
    with pytest.raises(BatchUsageError, match="tcp://HOST:PORT"):
        run_batch(CALLS, WordCountJob(), _options(tmp_path, scheduler="localhost"))
    not_a_db = tmp_path / "x.sqlite"
    not_a_db.write_text("hello, this is not SQLite" * 100)
    with pytest.raises(BatchUsageError, match="cannot use this file as the SQLite store"):
        run_batch(CALLS, WordCountJob(), _options(tmp_path / "o", db=not_a_db))
    assert not list((tmp_path / "o").glob("*.json"))

    class LocalJob(WordCountJob):                     # defined in a function: cannot be pickled
        pass

    with pytest.raises(BatchUsageError, match="cannot be sent to worker processes"):
        run_batch(CALLS, LocalJob(), _options(tmp_path / "p"))
    assert issubclass(BatchUsageError, USAGE_ERRORS)


def test_a_busy_output_folder_is_refused(tmp_path):
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".callscore.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(BatchUsageError, match="another callscore run"):
            run_batch(CALLS, WordCountJob(), _options(out))


def test_unreachable_scheduler_is_a_usage_error(tmp_path):
    pytest.importorskip("distributed")
    with pytest.raises(BatchUsageError, match="cannot reach the Dask scheduler"):
        run_batch(CALLS[:1], WordCountJob(), BatchOptions(out_dir=tmp_path, scheduler="tcp://127.0.0.1:9",
                                                          progress=False))


def test_stale_temporary_files_are_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".c001.score.json.ab12_x9z.tmp", out / ".scores.csv.k2j3h4g5.tmp"]
    keep = out / ".notes.txt.abc.tmp"
    for path in (*stale, keep):
        path.write_text("{half")
    run_batch(CALLS[:1], WordCountJob(), _options(out, jobs=1))
    assert not any(p.exists() for p in stale) and keep.exists()


def test_run_each_still_serves_the_transcribe_command():
    done, failed = [], []

    def job(path: Path) -> str:
        if path.stat().st_size == 0:
            raise TranscriptFormatError(f"{path}: empty")
        return path.name

    summary = run_each([CALLS[0], CALLS[4], CALLS[0]], job, on_done=done.append, on_error=failed.append)
    assert isinstance(summary, BatchSummary)
    assert (summary.done, summary.failed, done) == (1, 2, [CALLS[0].name])
    assert "already comes from" in failed[1] and summary.exit_status == 1
    assert os.path.basename(summary.errors[0][0]) == CALLS[4].name


def test_engine_threads_are_shared_out_among_the_workers_that_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert BatchOptions(jobs=2).threads_per_worker(100) == 4
    assert BatchOptions(jobs=4).threads_per_worker(2) == 4      # only two calls: two workers run
    assert BatchOptions().threads_per_worker(100) == 1          # a worker per core
    assert BatchOptions(jobs=2).threads_per_worker(1) == 0      # one call runs alone: the engine's choice
    assert BatchOptions(jobs=2, scheduler="tcp://10.0.0.5:8786").threads_per_worker(100) == 0


def test_summary_claims_no_hours_it_could_not_measure() -> None:
    # typed chats and texts without times have estimated lengths: no hours, no speed
    chats = BatchSummary(done=7, failed=1, audio_s=0.0, wall_s=12.4)
    assert chats.describe() == "scored 7, skipped 0, failed 1; in 12 s"
    calls = BatchSummary(done=2, failed=0, audio_s=1800.0, wall_s=90.0)
    assert calls.describe() == "scored 2, skipped 0, failed 0; 0.50 h of calls in 1 min 30 s (20.0x real time)"
