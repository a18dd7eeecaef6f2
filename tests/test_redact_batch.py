"""A scored and reported batch with --redact holds none of the planted personal data in any
file under its output folders (SQLite and Parquet read back too), while meeting times and
next steps survive."""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli

CALL = """WEBVTT

00:00:01.000 --> 00:00:05.000
<v Priya Raman>Hi, this is Priya from Beacon Dispatch. Am I speaking with Dana Whitfield?

00:00:05.500 --> 00:00:08.000
<v Dana Whitfield>Yes, this is Dana. What can I do for you?

00:00:08.500 --> 00:00:14.000
<v Priya Raman>To hold the pilot we take a deposit. Could you read me the card number?

00:00:14.500 --> 00:00:24.000
<v Dana Whitfield>Sure, it's 4111 1111 1111 1111, expiry 09/28, and the security code is 737.

00:00:24.500 --> 00:00:30.000
<v Priya Raman>Thanks. And the best number and email for the invoice?

00:00:30.500 --> 00:00:40.000
<v Dana Whitfield>Call me on 415-555-0173, or email dana.whitfield@example.com. We're at 1420 Harbor Road.

00:00:40.500 --> 00:00:46.000
<v Priya Raman>Perfect. Would Thursday at 2 p.m. work for a demo with your ops lead?

00:00:46.500 --> 00:00:50.000
<v Dana Whitfield>Yes, Thursday at 2 works for us.
"""
PLANTED = ["4111 1111 1111 1111", "4111111111111111", "09/28", "737", "415-555-0173", "4155550173",
           "dana.whitfield@example.com", "Whitfield", "1420 Harbor Road", "Dana", "Priya"]


def _texts(folder: Path) -> list[tuple[Path, str]]:
    """Every file under ``folder`` as text: SQLite and Parquet cells read back, others as bytes."""
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".sqlite":
            con = sqlite3.connect(path)
            cells = [str(v) for table in ("scores", "runs") for row in con.execute(f"SELECT * FROM {table}")
                     for v in row]
            con.close()
            out.append((path, "\n".join(cells)))
        elif path.suffix == ".parquet":
            import pyarrow.parquet as pq

            out.append((path, json.dumps(pq.read_table(path).to_pylist(), default=str)))
        else:
            out.append((path, path.read_bytes().decode("utf-8", errors="replace")))
    return out


@pytest.fixture(scope="module")
def redacted_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("redacted")
    calls = root / "calls"
    calls.mkdir()
    (calls / "deposit-call.vtt").write_text(CALL, encoding="utf-8")
    runner = CliRunner()
    scored = runner.invoke(cli.main, ["score", str(calls), "--redact", "--rep", "Priya Raman",
                                      "--format", "parquet", "--db", str(root / "out" / "scores.sqlite"),
                                      "-o", str(root / "out" / "scores")])
    assert scored.exit_code == 0, scored.output
    reported = runner.invoke(cli.main, ["report", str(root / "out" / "scores"), "--redact",
                                        "--scores", str(root / "out" / "scores" / "scores.parquet"),
                                        "-o", str(root / "out" / "report")])
    assert reported.exit_code == 0, reported.output
    return root / "out", scored.output + reported.output


def test_no_planted_value_is_anywhere_under_the_outputs(redacted_run):
    out, printed = redacted_run
    texts = _texts(out)
    assert len(texts) >= 6   # score file, table, errors, store, two pages
    for value in PLANTED:
        pattern = re.compile(re.escape(value), re.IGNORECASE)
        leaks = [str(p.relative_to(out)) for p, text in texts if pattern.search(text)]
        assert not leaks, f"{value!r} is still in {leaks}"
        assert not pattern.search(printed), f"{value!r} was printed"


def test_meeting_times_and_the_next_step_survive(redacted_run):
    out, _ = redacted_run
    doc = json.loads((out / "scores" / "deposit-call.score.json").read_text())
    text = " ".join(u["text"] for u in doc["transcript"]["utterances"])
    assert "Thursday at 2 p.m." in text and "Beacon Dispatch" in text and "[CARD]" in text
    assert doc["features"]["values"]["next_step_accepted"] == 1
    assert doc["redaction"]["mode"] == "tag" and doc["redaction"]["counts"]["CARD"] >= 1
    assert doc["roles"] == "named" and doc["quality"] is not None
