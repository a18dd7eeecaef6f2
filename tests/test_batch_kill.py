"""A batch killed with SIGKILL (or stopped with Ctrl-C) midway, then rerun: every call scored once."""
from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "batch"
sys.path.insert(0, str(DATA))

from wordcount_job import make_calls  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and process groups")

CALLS = 24
DELAY_S = 0.25


def _start(out: Path, files: list[Path]) -> subprocess.Popen:
    # A session of its own, as a terminal job: Ctrl-C goes to the whole group.
    return subprocess.Popen([sys.executable, str(DATA / "slow_batch.py"), str(out), str(DELAY_S),
                             *map(str, files)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _wait_for_outputs(out: Path, proc: subprocess.Popen, at_least: int) -> None:
    deadline = time.monotonic() + 30
    while len(list(out.glob("*.score.json"))) < at_least:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the batch wrote no outputs in 30 s"
        time.sleep(0.02)


def _group_alive(pgid: int) -> list[int]:
    """Processes of a process group that still run (zombies excluded); Linux /proc only."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def _check_outputs(out: Path, files: list[Path]) -> list[dict[str, str]]:
    """Every output file parses; the table has each call exactly once, scored."""
    for path in out.iterdir():
        if path.name.endswith(".json"):
            json.loads(path.read_text(encoding="utf-8"))
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    with open(out / "scores.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["call_id"] for r in rows) == sorted(p.stem for p in files)
    assert all(r["error"] == "" and r["quality"] for r in rows)
    for row in rows:
        score = json.loads((out / f"{row['call_id']}.score.json").read_text(encoding="utf-8"))
        assert score["content_key"] == row["content_key"]
    with sqlite3.connect(out / "scores.sqlite") as con:
        assert con.execute("SELECT COUNT(*), COUNT(DISTINCT call_id) FROM scores").fetchone() == (len(files),) * 2
    return rows


def _rerun(out: Path, files: list[Path], already: int) -> None:
    proc = _start(out, files)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    # Only the calls without a finished output were scored again; the others were skipped.
    assert f"scored {len(files) - already}, skipped {already}, failed 0" in stdout, stdout
    _check_outputs(out, files)


def test_sigkill_midway_then_rerun_scores_every_call_exactly_once(tmp_path):
    files = make_calls(tmp_path / "calls", CALLS)
    out = tmp_path / "out"
    proc = _start(out, files)
    try:
        _wait_for_outputs(out, proc, at_least=4)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        # The workers notice their batch process is gone and leave within seconds.
        deadline = time.monotonic() + 10
        while _group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _group_alive(proc.pid)
    finally:
        if _group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
    done = list(out.glob("*.score.json"))
    assert 4 <= len(done) < CALLS
    for path in done:                              # nothing half-written
        assert json.loads(path.read_text(encoding="utf-8"))["kind"] == "score"
    assert not (out / "scores.csv").exists()        # the table is only written at the end
    with sqlite3.connect(out / "scores.sqlite") as con:    # the run is recorded as unfinished
        assert con.execute("SELECT finished_at FROM runs").fetchall() == [(None,)]

    _rerun(out, files, already=len(done))
    with sqlite3.connect(out / "scores.sqlite") as con:
        runs = con.execute("SELECT scored, skipped, failed, finished_at IS NOT NULL FROM runs").fetchall()
    assert runs == [(None, None, None, 0), (CALLS - len(done), len(done), 0, 1)]


def test_ctrl_c_midway_stops_at_once_then_rerun_finishes(tmp_path):
    files = make_calls(tmp_path / "calls", CALLS)
    out = tmp_path / "out"
    proc = _start(out, files)
    try:
        _wait_for_outputs(out, proc, at_least=4)
        os.killpg(proc.pid, signal.SIGINT)           # what a terminal sends on Ctrl-C
        stdout, stderr = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stdout and "Traceback" not in stderr
    done = list(out.glob("*.score.json"))
    assert len(done) < CALLS
    _rerun(out, files, already=len(done))
