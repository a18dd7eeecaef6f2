"""Manifest CSV and file-name patterns: call ids and metadata for every input."""
from __future__ import annotations

from pathlib import Path

import pytest

from scorer.batch.manifest import (CallCatalog, ManifestError, load_catalog, normalise_date, parse_name_pattern,
                             read_manifest)

DATA = Path(__file__).parent / "data" / "batch"
CALLS = DATA / "calls"


def _write(tmp_path: Path, text: str, name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_fixture_reads_columns_and_normalises_values():
    manifest = read_manifest(DATA / "manifest.csv")
    assert manifest.columns == ("rep", "team", "date", "direction", "campaign", "region")
    assert manifest.extra_columns == ("campaign", "region")
    assert [r["date"] for r in manifest.rows] == ["2026-11-03", "2026-11-04", "2026-11-05T14:05:00+01:00",
                                                  "2026-11-07"]
    assert manifest.rows[1]["direction"] == "inbound" and manifest.rows[1]["campaign"] is None
    assert manifest.rows[2]["rep"] == "Ruiz, Ana"
    assert manifest.paths() == ((CALLS / "2026-11-03_ana_c001.txt").resolve(),
                                (CALLS / "2026-11-04_ben_c002.vtt").resolve())


def test_catalog_matches_rows_by_path_then_by_call_id():
    catalog = load_catalog(DATA / "manifest.csv")
    by_path = catalog.resolve(CALLS / "2026-11-03_ana_c001.txt")
    assert by_path.call_id == "c001" and by_path.note is None
    assert dict(by_path.metadata) == {"rep": "Ana Ruiz", "team": "EMEA", "date": "2026-11-03",
                                      "direction": "outbound", "campaign": "Q4 push", "region": "Iberia"}
    # A path row without call_id keeps the file's own call id.
    assert catalog.resolve(CALLS / "2026-11-04_ben_c002.vtt").call_id == "2026-11-04_ben_c002"
    by_id = catalog.resolve(CALLS / "2026-11-05_ana_c003.srt")
    assert by_id.call_id == "2026-11-05_ana_c003" and by_id.metadata["team"] == "EMEA"
    missing = catalog.resolve(CALLS / "2026-11-06_cleo_c004.txt")
    assert missing.metadata == dict.fromkeys(("rep", "team", "date", "direction", "campaign", "region"))
    assert "no row in manifest" in missing.note and "2026-11-06_cleo_c004.txt" in missing.note
    assert catalog.unused_rows() == ["2026-11-07_ben_c005"]


def test_a_row_with_a_path_belongs_to_that_file_only(tmp_path):
    manifest = _write(tmp_path, "call_id,path,rep\nsame,elsewhere/same.txt,Ana\n")
    catalog = load_catalog(manifest)
    info = catalog.resolve(tmp_path / "same.txt")
    assert info.metadata["rep"] is None and info.note
    assert catalog.resolve(tmp_path / "elsewhere" / "same.txt").metadata["rep"] == "Ana"


def test_relative_paths_resolve_against_the_manifest_folder_or_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    manifest = _write(tmp_path / "sub", "path,rep\na.txt,Ana\nsub/b.txt,Ben\n")
    monkeypatch.chdir(tmp_path)
    catalog = load_catalog(manifest)
    assert catalog.resolve(tmp_path / "sub" / "a.txt").metadata["rep"] == "Ana"
    assert catalog.resolve(Path("sub/b.txt")).metadata["rep"] == "Ben"


@pytest.mark.parametrize("text, message", [
    ("rep,team\nAna,EMEA\n", "needs a call_id or a path column"),
    ("", "manifest is empty"),
    ("call_id,rep,Rep\nc1,a,b\n", "repeated column names"),
    ("call_id,quality\nc1,3\n", "quality are names of score columns"),
    ("call_id,rep\nc1,Ana\nc1,Ben\n", "line 3: call_id 'c1' appears twice"),
    ("call_id,rep\n,Ana\n", "line 2: give a call_id or a path"),
    ("call_id,rep\na/b,Ana\n", "cannot name a file"),
    ("call_id,rep\n.hidden,Ana\n", "cannot name a file"),
    ("call_id,date\nc1,11/03/2026\n", "line 2: cannot read date '11/03/2026'"),
    ("call_id,date\nc1,2026-11-03 14:05\n", "has no UTC offset"),
    ("call_id,date\nc1,2026-02-30\n", "cannot read date"),
    ("call_id,direction\nc1,sideways\n", "expected one of: inbound, outbound"),
    ("call_id,rep\nc1,Ana,extra\n", "more cells than header columns"),
    ("path,rep\na.txt,Ana\n./a.txt,Ben\n", "appears twice"),
])
def test_bad_manifests_name_the_line_and_the_fix(tmp_path, text, message):
    with pytest.raises(ManifestError, match=message.replace("(", r"\(")):
        read_manifest(_write(tmp_path, text))


def test_missing_and_non_utf8_manifests(tmp_path):
    with pytest.raises(ManifestError, match="manifest not found"):
        read_manifest(tmp_path / "nope.csv")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("call_id,rep\nc1,Jos\xe9\n".encode("latin-1"))
    with pytest.raises(ManifestError, match="not UTF-8"):
        read_manifest(bad)


def test_excel_bom_blank_lines_and_header_case_are_accepted(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffCall_ID , Rep,Direction\r\nc1,Ana,OUTBOUND\r\n,,\r\n".encode("utf-8"))
    manifest = read_manifest(path)
    assert [(r["call_id"], r["rep"], r["direction"]) for r in manifest.rows] == [("c1", "Ana", "outbound")]


@pytest.mark.parametrize("value, expected", [
    ("2026-11-03", "2026-11-03"), ("20261103", "2026-11-03"), ("2026/11/03", "2026-11-03"),
    ("2026-11-03T14:05:00+01:00", "2026-11-03T14:05:00+01:00"),
    ("2026-11-03T14:05:00Z", "2026-11-03T14:05:00+00:00"),
])
def test_dates_become_iso(value, expected):
    assert normalise_date(value) == expected


def test_name_pattern_reads_fields_from_file_names():
    pattern = parse_name_pattern("{date}_{rep}_{call_id}")
    assert pattern.fields == ("date", "rep", "call_id")
    assert pattern.match("2026-11-03_ana_c001") == {"date": "2026-11-03", "rep": "ana", "call_id": "c001"}
    assert pattern.match("20261103_ana_c_001") == {"date": "20261103", "rep": "ana", "call_id": "c_001"}
    assert pattern.match("ana_c001") is None
    assert parse_name_pattern("{}-{team}").match("x-EMEA") == {"team": "EMEA"}

    catalog = CallCatalog(pattern=parse_name_pattern("{date}_{rep}_{call_id}"))
    info = catalog.resolve(CALLS / "2026-11-04_ben_c002.vtt")
    assert info.call_id == "c002" and info.metadata["date"] == "2026-11-04" and info.metadata["rep"] == "ben"
    odd = catalog.resolve(Path("recording.wav"))
    assert odd.call_id == "recording" and "does not match --name-pattern" in odd.note


def test_pattern_extra_fields_are_extra_columns_and_the_manifest_wins(tmp_path):
    manifest = _write(tmp_path, "call_id,rep,campaign\nc002,Ben Okafor,Spring\n")
    catalog = load_catalog(manifest, "{date}_{rep}_{call_id}")
    info = catalog.resolve(CALLS / "2026-11-04_ben_c002.vtt")
    assert (info.call_id, info.metadata["rep"], info.metadata["date"], info.metadata["campaign"]) == \
        ("c002", "Ben Okafor", "2026-11-04", "Spring")
    assert load_catalog(name_pattern="{rep}_{region}").extra_columns == ("region",)


@pytest.mark.parametrize("pattern, message", [
    ("plain", "has no {field}"),
    ("{rep}_{rep}", "names {rep} twice"),
    ("{quality}_{call_id}", "is a score column"),
    ("{rep}_{call id}", "unmatched brace"),
    ("{rep", "unmatched brace"),
])
def test_bad_name_patterns(pattern, message):
    with pytest.raises(ManifestError, match=message.replace("{", r"\{").replace("}", r"\}")):
        parse_name_pattern(pattern)
