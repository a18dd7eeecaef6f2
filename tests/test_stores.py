"""Score files, resume keys and the scores table in CSV, JSON Lines, Parquet and SQLite."""
from __future__ import annotations

import csv
import io
import json
import sqlite3

import numpy as np
import pytest

from scorer.files import sha256_file as file_digest
from scorer.batch.stores import (ScoreStore, content_key, read_score, remove_stale_temp_files,
                           render_csv, render_jsonl, row_from_failure, row_from_score, table_columns,
                           write_score, write_table)

CONTRACT_ORDER = (
    "call_id", "source", "quality", "advanced", "advanced_probability", "model_version", "error",
    "rep", "team", "date", "direction", "campaign", "duration_s", "timing", "roles", "talk_ratio_rep", "questions_rep",
    "open_questions_rep", "longest_monologue_rep_s", "longest_customer_story_s", "patience_rep_s",
    "interactivity_switches_per_min", "next_step_accepted", "content_key")


def _score(call_id: str = "demo-booked", **values) -> dict:
    features = {"talk_ratio_rep": 0.62, "questions_rep": 9, "open_questions_rep": 4,
                "longest_monologue_rep_s": 41.5, "longest_customer_story_s": 30.0, "patience_rep_s": None,
                "interactivity_switches_per_min": 3.25, "next_step_accepted": True, **values}
    return {"schema_version": 1, "kind": "score", "call_id": call_id, "source": f"calls/{call_id}.ogg",
            "content_key": "ab" * 32,
            "metadata": {"rep": "Ana Ruiz", "team": "EMEA", "date": "2026-11-03", "direction": "outbound",
                         "campaign": "Q4"},
            "transcript": {"duration_s": 312.0, "timing": "measured", "utterances": []},
            "features": {"values": features, "null_reasons": {"patience_rep_s": "timing is estimated"}},
            "moments": [], "quality": 71.3, "advanced": True, "advanced_probability": 0.82, "threshold": 0.5,
            "reasons": [], "model_version": "callscore-default-2026.11.1"}


def _failure(call_id: str = "broken") -> dict:
    return row_from_failure(call_id, f"calls/{call_id}.flac", f"calls/{call_id}.flac: cannot decode",
                            {"rep": "Ben", "team": None, "date": None, "direction": None, "campaign": "Q4"},
                            "cd" * 32)


def test_columns_follow_the_contract_order():
    assert table_columns(("campaign",)) == CONTRACT_ORDER
    assert table_columns(("rep", "campaign")) == CONTRACT_ORDER   # standard names are not repeated


def test_csv_rows_from_scores_and_failures():
    columns = table_columns(("campaign",))
    text = render_csv([row_from_score(_score()), _failure()], columns)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(CONTRACT_ORDER)
    good, bad = rows
    assert (good["quality"], good["advanced"], good["next_step_accepted"], good["patience_rep_s"]) == \
        ("71.3", "1", "1", "")
    assert (good["campaign"], good["duration_s"], good["timing"], good["error"]) == ("Q4", "312.0", "measured", "")
    assert bad["error"] == "calls/broken.flac: cannot decode" and bad["rep"] == "Ben"
    assert all(bad[c] == "" for c in ("quality", "advanced", "talk_ratio_rep", "duration_s", "model_version"))
    assert bad["content_key"] == "cd" * 32


def test_jsonl_has_the_same_columns_with_nulls():
    lines = render_jsonl([row_from_score(_score(next_step_accepted=False)), _failure()],
                         table_columns(("campaign",))).splitlines()
    first, second = map(json.loads, lines)
    assert list(first) == list(CONTRACT_ORDER)
    assert first["advanced"] == 1 and first["next_step_accepted"] == 0 and first["patience_rep_s"] is None
    assert second["quality"] is None and second["error"].endswith("cannot decode")


def test_parquet_types_and_values(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [row_from_score(_score()), row_from_score(_score("b", questions_rep=2.5)), _failure()]
    path = write_table(tmp_path / "scores.parquet", rows, table_columns(("campaign",)), "parquet")
    table = pq.read_table(path)
    assert table.column_names == list(CONTRACT_ORDER)
    types = {f.name: str(f.type) for f in table.schema}
    assert types["quality"] == "double" and types["advanced"] == "int64" and types["campaign"] == "string"
    assert types["questions_rep"] == "double"      # a fractional value widens the column, never rounds
    assert types["patience_rep_s"] == "double"      # all missing: the declared type
    data = table.to_pylist()
    assert data[0]["questions_rep"] == 9 and data[1]["questions_rep"] == 2.5
    assert data[2]["quality"] is None and data[2]["rep"] == "Ben"


def test_unknown_format_lists_the_valid_ones(tmp_path):
    with pytest.raises(ValueError, match="expected one of: csv, jsonl, parquet"):
        write_table(tmp_path / "x", [], table_columns(), "xlsx")


def test_sqlite_store_upserts_by_call_id_and_records_runs(tmp_path):
    db = tmp_path / "s.sqlite"
    with ScoreStore.open(db) as store:
        run = store.begin_run("v1")
        store.upsert([row_from_score(_score("a")), _failure("b")], table_columns())
        store.finish_run(run, scored=1, skipped=0, failed=1)
    with ScoreStore.open(db) as store:                # a later run: new column, changed rows
        run2 = store.begin_run("v1")
        store.upsert([row_from_score(_score("b")), row_from_score(_score("c"))], table_columns(("campaign",)))
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        rows = {r["call_id"]: dict(r) for r in con.execute("SELECT * FROM scores")}
        runs = [tuple(r) for r in con.execute("SELECT run_id, model_version, scored, skipped, failed FROM runs")]
        unfinished = con.execute("SELECT finished_at FROM runs WHERE run_id = ?", (run2,)).fetchone()[0]
        types = {r[1]: r[2] for r in con.execute('PRAGMA table_info("scores")')}
    assert sorted(rows) == ["a", "b", "c"]
    assert rows["b"]["error"] is None and rows["b"]["quality"] == 71.3 and rows["b"]["campaign"] == "Q4"
    assert rows["a"]["campaign"] is None and rows["a"]["advanced"] == 1
    assert runs == [(run, "v1", 1, 0, 1), (run2, "v1", None, None, None)] and unfinished is None
    assert (types["quality"], types["questions_rep"], types["rep"]) == ("REAL", "INTEGER", "TEXT")


def test_content_key_depends_on_bytes_and_version(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"Rep: hello")
    b.write_bytes(b"Rep: hello")
    # sha256 of the bytes, as `sha256sum` prints it
    assert file_digest(a) == file_digest(b) == "4f0921224b164a85743443acbec3f6be19d54e85c8a6e195b28884c07e33926a"
    key = content_key(file_digest(a), "m1")
    assert len(key) == 64 and key == content_key(file_digest(b), "m1")
    assert key != content_key(file_digest(a), "m2")
    b.write_bytes(b"Rep: hello!")
    assert key != content_key(file_digest(b), "m1")


def test_write_score_is_plain_json(tmp_path):
    path = tmp_path / "x.score.json"
    back = write_score(path, {"quality": np.float64(71.5), "n": np.int64(3), "nan": float("nan"),
                              "spans": (1, 2), "ok": np.bool_(True)})
    assert back == {"quality": 71.5, "n": 3, "nan": None, "spans": [1, 2], "ok": True}
    assert read_score(path) == back
    path.write_text("{half")
    assert read_score(path) is None and read_score(tmp_path / "none.json") is None
    with pytest.raises(TypeError, match="cannot write a object value"):
        write_score(path, {"x": object()})
    assert read_score(path) is None                  # the old file is untouched by a failed write


def test_only_our_stale_temporary_files_are_removed(tmp_path):
    ours = [".c1.score.json.abc123.tmp", ".scores.parquet.x_y.tmp", ".errors.jsonl.k.tmp"]
    theirs = [".c1.transcript.json.abc.tmp", "c1.score.json", ".scores.csv"]
    for name in ours + theirs:
        (tmp_path / name).write_text("x")
    assert remove_stale_temp_files(tmp_path) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(theirs)
