"""Reading scores tables in every format `callscore score` writes, and writing metrics.csv / .json."""
from __future__ import annotations

import csv
import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.metrics.compute import MetricsOptions, compute_metrics
from scorer.batch import stores
from scorer.batch.tables import default_out_dir, read_scores
from scorer.metrics.io import METRIC_COLUMNS, write_metrics

DATA = Path(__file__).parent / "data" / "metrics"
CSV = DATA / "scores.csv"


def _make_scores():
    spec = importlib.util.spec_from_file_location("make_scores", DATA / "make_scores.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MS = _make_scores()


def _write_jsonl(path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in MS.rows()) + "\n", encoding="utf-8")
    return path


def _write_parquet(path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = MS.rows()
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def _write_sqlite(path: Path) -> Path:
    """The store layout of the contract: table scores keyed by call_id, plus a runs table."""
    con = sqlite3.connect(path)
    cols = ", ".join(f'"{c}"' + (" TEXT PRIMARY KEY" if c == "call_id" else "") for c in MS.COLUMNS)
    con.execute(f"CREATE TABLE scores ({cols})")
    con.execute("CREATE TABLE runs (run_id TEXT, started_at TEXT, finished_at TEXT, model_version TEXT, "
                "scored INTEGER, skipped INTEGER, failed INTEGER)")
    con.executemany(f"INSERT INTO scores VALUES ({', '.join('?' * len(MS.COLUMNS))})",
                    [tuple(r[c] for c in MS.COLUMNS) for r in MS.rows()])
    con.commit()
    con.close()
    return path


@pytest.fixture(scope="module")
def expected():
    return compute_metrics(read_scores(CSV), MetricsOptions()).rows


@pytest.mark.parametrize("writer, name", [(_write_jsonl, "scores.jsonl"), (_write_parquet, "scores.parquet"),
                                          (_write_sqlite, "scores.sqlite"), (_write_sqlite, "store.db")])
def test_every_format_gives_the_same_metrics(tmp_path, expected, writer, name):
    path = writer(tmp_path / name)
    table = read_scores(path)
    assert len(table.rows) == 14 and table.columns[:3] == ("call_id", "source", "quality")
    assert compute_metrics(table, MetricsOptions()).rows == expected


def test_sqlite_is_recognised_by_its_header_and_opened_read_only(tmp_path, expected):
    path = _write_sqlite(tmp_path / "callscore.store")
    before = path.read_bytes()
    assert compute_metrics(read_scores(path), MetricsOptions()).rows == expected
    assert path.read_bytes() == before


def test_folder_input_reads_its_scores_file(tmp_path, expected):
    (tmp_path / "scores.csv").write_bytes(CSV.read_bytes())
    table = read_scores(tmp_path)
    assert table.sources == (str(tmp_path / "scores.csv"),)
    assert compute_metrics(table, MetricsOptions()).rows == expected


def test_repeated_call_ids_keep_the_last_row(tmp_path, caplog):
    newer = tmp_path / "rescored.csv"
    with newer.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["call_id", "quality", "rep", "date"])
        w.writeheader()
        w.writerow({"call_id": "c1", "quality": "20", "rep": "Cho Park", "date": "2026-11-18"})
    table = read_scores([CSV, newer])
    assert (len(table.rows), table.duplicates) == (14, 1)
    assert "appear more than once" in caplog.text
    assert compute_metrics(table, MetricsOptions()).row("Cho Park", "all").quality_mean == 20


def test_empty_inputs_say_so(tmp_path):
    header_only = tmp_path / "scores.csv"
    header_only.write_text(",".join(MS.COLUMNS) + "\n")
    with pytest.raises(InputError, match=r"scores.csv: no calls to measure"):
        compute_metrics(read_scores(header_only))
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n")
    with pytest.raises(InputError, match="no calls to measure"):
        compute_metrics(read_scores(blank))
    with pytest.raises(InputError, match="no scores file given"):
        read_scores([])


@pytest.mark.parametrize("name, content, message", [
    ("scores.xlsx", b"x", r"unknown scores format '.xlsx'; expected one of: .csv, .jsonl, .parquet"),
    ("scores.jsonl", b'{"call_id": "a"}\nnot json\n', "line 2 is not JSON"),
    ("scores.jsonl", b'[1, 2]\n', "line 1 is not a JSON object"),
    ("scores.parquet", b"PAR1 not really", "not a readable Parquet file"),
    ("scores.csv", b"call_id,rep\n\xff\xfe,x\n", "not UTF-8"),
])
def test_bad_files_name_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        read_scores(path)
    assert str(path) in str(exc.value)


def test_missing_paths_and_stores_without_scores(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        read_scores(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="folder holds none of scores.sqlite"):
        read_scores(tmp_path)
    con = sqlite3.connect(tmp_path / "other.sqlite")
    con.execute("CREATE TABLE t (x)")
    con.close()
    with pytest.raises(InputError, match="no readable table 'scores'"):
        read_scores(tmp_path / "other.sqlite")


def test_write_csv_and_json(tmp_path):
    result = compute_metrics(read_scores(CSV), MetricsOptions(by="rep", period="week"))
    paths = write_metrics(result, tmp_path / "out", formats=("csv", "json"))
    assert [p.name for p in paths] == ["metrics.csv", "metrics.json"]
    with paths[0].open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == METRIC_COLUMNS and len(rows) == len(result.rows)
    ana48 = next(r for r in rows if r["group"] == "Ana Ruiz" and r["period"] == "2026-W48")
    assert ana48["level"] == "group-period" and ana48["by"] == "rep"
    assert (ana48["period_start"], ana48["period_end"], ana48["calls"], ana48["failed"]) == \
        ("2026-11-23", "2026-11-29", "2", "1")
    assert (ana48["talk_ratio_rep_median"], ana48["talk_ratio_rep_band"]) == ("0.45", "within")
    assert (ana48["previous_period"], ana48["talk_ratio_rep_median_change"]) == ("2026-W47", "-0.05")
    cho = next(r for r in rows if r["group"] == "Cho Park" and r["level"] == "group-period")
    assert cho["previous_period"] == "" and cho["calls_change"] == ""          # one call: no trend
    doc = json.loads(paths[1].read_text())
    assert (doc["kind"], doc["schema_version"], doc["by"], doc["period"]) == ("metrics", 1, ["rep"], "week")
    assert (doc["calls"], doc["failed"], doc["undated"], doc["bad_dates"]) == (13, 1, 2, 1)
    assert [b["feature"] for b in doc["bands"]][0] == "talk_ratio_rep"
    assert doc["rows"][-1]["level"] == "all" and doc["rows"][-1]["quality_conversations"] == 7
    assert [list(r) for r in doc["rows"]] == [list(METRIC_COLUMNS)] * len(result.rows)


def test_write_rejects_unknown_format(tmp_path):
    result = compute_metrics(read_scores(CSV))
    with pytest.raises(ValueError, match="expected one of: csv, json, html"):
        write_metrics(result, tmp_path, formats=("xml",))


def test_default_out_dir_is_next_to_the_scores(tmp_path):
    assert default_out_dir([CSV]) == DATA
    assert default_out_dir(tmp_path) == tmp_path


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "sqlite"])
def test_tables_written_by_callscore_score_read_back(tmp_path, expected, fmt):
    """The real writers of `callscore score` (scorer.batch.stores), not hand-made files."""
    columns = stores.table_columns(("segment",))
    assert columns == MS.COLUMNS                  # the fixture follows the contract's column order
    if fmt == "sqlite":
        path = tmp_path / "scores.sqlite"
        with stores.ScoreStore.open(path) as store:
            store.upsert(MS.rows(), columns)
    else:
        path = stores.write_table(tmp_path / f"scores.{fmt}", MS.rows(), columns, fmt)
    assert compute_metrics(read_scores(tmp_path), MetricsOptions()).rows == expected
