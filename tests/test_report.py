"""HTML reports without a browser: inputs, medians, bands, highlighting, escaping, files written."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.report import (BEHAVIOURS, ReportOptions, build_reports, find_recording, load_score,
                           read_scores_table, render_call_page, team_medians)
from scorer.report.bands import compare_to_median, format_value, zone_for
from scorer.report import render
from scorer.report.bands import BEHAVIOUR_COLUMNS
from scorer.report.view import index_row, moment_views, parse_date, transcript_rows

DATA = Path(__file__).parent / "data" / "report"
DEMO = DATA / "demo-booked.score.json"
XSS = DATA / "xss.score.json"
SCORES = DATA / "scores.csv"
BY_FEATURE = {b.feature: b for b in BEHAVIOURS}


class Page(HTMLParser):
    """Every element (tag, attrs, text inside it) and the text of every script and style."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: list[tuple[str, dict, list[str]]] = []
        self.text_by_id: dict[str, str] = {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        self.tags.append((tag, d))
        if tag not in ("meta", "br", "input", "rect", "line", "circle", "link", "img"):
            self._open.append((tag, d, []))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self._open:
            t, d, chunks = self._open.pop()
            text = "".join(chunks)
            if self._open:
                self._open[-1][2].append(text)
            if t == "script":
                self.scripts.append(text)
            if t == "style":
                self.styles.append(text)
            if d.get("id"):
                self.text_by_id[d["id"]] = text
            if t == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[object, Path]:
    out = tmp_path_factory.mktemp("report")
    return build_reports([DATA], out, ReportOptions(team_scores=SCORES)), out


def _page(result, call_id_start: str) -> str:
    page = next(p for p in result.pages if p.call_id.startswith(call_id_start))
    return page.path.read_text(encoding="utf-8")


def test_one_page_per_call_and_an_index_linking_them(built):
    result, out = built
    assert {p.call_id for p in result.pages} == {"demo-booked", "xss-<script>window.__xss='call_id'</script>"}
    assert result.index_path == out / "index.html" and result.skipped == ()
    assert all(p.path.parent == out / "calls" and p.path.is_file() for p in result.pages)
    assert set(result.paths) == {p.path for p in result.pages} | {result.index_path}
    index = Page(result.index_path.read_text(encoding="utf-8"))
    hrefs = {d["href"] for t, d in index.tags if t == "a"}
    assert hrefs == {f"calls/{p.path.name}" for p in result.pages}
    # The unsafe call id became a safe file name.
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", p.path.name) for p in result.pages)


def test_pages_are_self_contained(built):
    result, _ = built
    for path in result.paths:
        page = Page(path.read_text(encoding="utf-8"))
        for tag, attrs in page.tags:
            for name in ("src", "href"):
                value = attrs.get(name) or ""
                assert not re.match(r"(?i)(https?:|//|javascript:)", value), (path.name, tag, value)
            assert tag not in ("link", "iframe", "object", "embed", "img", "form")


def test_xss_payloads_are_text_and_only_our_script_exists(built):
    result, _ = built
    html = _page(result, "xss")
    page = Page(html)
    assert page.scripts == [(render.HERE / "assets" / "call.js").read_text()]   # no injected script
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
    tags = [tag for tag, _ in page.tags]
    assert not {"img", "textarea", "iframe"} & set(tags)
    svgs = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert all("onload" not in a for a in svgs)
    # The payloads are on the page as escaped text.
    assert "&lt;script&gt;window.__xss=&#39;text&#39;;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__xss=&#39;img&#39;" in html
    assert "Template {{ 7*7 }} {% raw %}" in html          # data is never rendered as a template
    assert "<script>window.__xss" not in html and "onerror=\"" not in html
    text = page.text_by_id["u0"]
    assert "<script>window.__xss='text';alert('xss')</script>" in text


def test_csp_allows_exactly_the_inline_assets(built):
    result, _ = built
    for path in result.paths:
        page = Page(path.read_text(encoding="utf-8"))
        csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp
        for text in page.scripts + page.styles:
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp
        assert len(page.scripts) == 1 and len(page.styles) == 1


def test_team_medians_from_the_scores_table():
    rows = read_scores_table(SCORES)
    assert len(rows) == 7 and rows[6]["error"] and rows[3]["patience_rep_s"] is None
    emea = team_medians(rows, "EMEA", BEHAVIOUR_COLUMNS)
    assert emea.group == "team EMEA"
    assert emea.values["talk_ratio_rep"] == pytest.approx(0.58)     # .48 .55 .61 .72; failed row left out
    assert emea.counts["talk_ratio_rep"] == 4
    assert emea.values["questions_rep"] == pytest.approx(8.5)
    assert (emea.values["patience_rep_s"], emea.counts["patience_rep_s"]) == (pytest.approx(0.65), 3)
    na = team_medians(rows, "NA", BEHAVIOUR_COLUMNS)
    assert na.values["talk_ratio_rep"] == pytest.approx(0.60) and na.counts["talk_ratio_rep"] == 2
    anyone = team_medians(rows, "APAC", BEHAVIOUR_COLUMNS)
    assert anyone.group == "all calls" and anyone.counts["questions_rep"] == 6
    assert team_medians([], "EMEA", BEHAVIOUR_COLUMNS) is None


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_scores_table_formats(tmp_path, suffix):
    rows = read_scores_table(SCORES)
    path = tmp_path / f"scores{suffix}"
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    else:
        import sqlite3
        cols = list(rows[0])
        with sqlite3.connect(path) as con:
            con.execute(f"CREATE TABLE scores ({', '.join(cols)})")
            con.executemany(f"INSERT INTO scores VALUES ({', '.join('?' * len(cols))})",
                            [[r[c] for c in cols] for r in rows])
        con.close()
    assert read_scores_table(path) == rows


def test_demo_page_compares_with_team_medians_and_bands(built):
    result, _ = built
    page = Page(_page(result, "demo-booked"))
    talk = " ".join(page.text_by_id["b-talk_ratio_rep"].split())
    assert "61%" in talk and "58% (n=4)" in talk and "above the median" in talk
    assert "between top reps (43%) and average reps (65-75%)" in talk
    questions = " ".join(page.text_by_id["b-questions_rep"].split())
    assert "8.5 (n=4)" in questions and "fewer than the 11-14" in questions
    assert "in the 0.6-1 s band" in page.text_by_id["b-patience_rep_s"]
    assert "under 76 s" in page.text_by_id["b-longest_monologue_rep_s"]
    assert "71" in page.text_by_id["quality"] and "82%" in page.text_by_id["advanced"]
    # Without a scores table: bands only, no median column.
    bare = render_call_page(load_score(DEMO))
    assert "Team median" not in bare and "between top reps" in bare


def test_nulls_read_not_measured_never_zero(built):
    result, _ = built
    page = Page(_page(result, "xss"))
    assert "not measured" in page.text_by_id["quality"] and "not measured" in page.text_by_id["advanced"]
    mono = page.text_by_id["b-longest_monologue_rep_s"]
    assert "not measured" in mono and "timing is estimated" in mono and "0 s" not in mono.split("n=")[0]
    assert "not computed for this call" in page.text_by_id["b-next_step_accepted"]
    assert page.text_by_id["u1"].strip().startswith("~0:06")
    assert format_value("ratio", None) == "not measured" and format_value("ratio", 0.0) == "0%"


def test_moments_highlight_the_right_words():
    record = load_score(DEMO)
    moments = moment_views(record)
    assert [m.t for m in moments] == sorted(m.t for m in moments)
    rows = transcript_rows(record, moments)
    objection = [p for p in rows[5]["pieces"] if p["cats"]]
    assert [(p["text"], p["cats"]) for p in objection] == [("Honestly, the price of a new tool worries me.", "objection")]
    assert rows[5]["pieces"][0] == {"text": "Yes, mostly spreadsheets. ", "cats": "", "cls": "", "ids": "", "title": ""}
    # Two moments on the same words keep both categories.
    assert [p["cats"] for p in rows[7]["pieces"]] == ["question-closed next_step-proposed"]
    # A monologue marks every rep turn it spans, not the customer's.
    assert [r["row_cats"] for r in rows] == ["", "", "", "customer_story", "", "", "monologue", "monologue", "", ""]
    tracker = [p for p in rows[6]["pieces"] if p["cats"] == "tracker"]
    assert tracker[0]["text"] == "We also replaced Chargebee for two of your peers."
    assert "".join(p["text"] for p in rows[6]["pieces"]) == record.transcript.utterances[6].text


def test_reason_links_point_at_their_moments(built):
    result, _ = built
    page = Page(_page(result, "demo-booked"))
    links = [a for t, a in page.tags if t == "a" and "mlink" in (a.get("class") or "")]
    objection = next(a for a in links if a["data-t"] == "25.9")
    assert objection["href"] == "#u5" and objection["data-mid"]
    assert page.text_by_id[objection["data-mid"]].count("Objection") == 1
    assert len(links) == 5


def test_reasons_read_either_model_key(tmp_path):
    data = json.loads(DEMO.read_text())
    for r in data["reasons"]:
        r["score"] = r.pop("model")          # as scorer.models.pipeline.Reason.to_dict writes it
    path = tmp_path / "s.score.json"
    path.write_text(json.dumps(data))
    assert [r.model for r in load_score(path).reasons] == [r.model for r in load_score(DEMO).reasons] \
        == ["advanced", "quality", "quality", "advanced"]


def test_audio_player_links_the_recording_relative_to_the_page(built, tmp_path, monkeypatch):
    result, out = built
    demo = next(p for p in result.pages if p.call_id == "demo-booked")
    assert demo.audio == (DATA / "demo-booked.ogg").resolve()
    audio = next(a for t, a in Page(demo.path.read_text()).tags if t == "audio")
    assert (demo.path.parent / audio["src"]).resolve() == demo.audio
    xss = next(p for p in result.pages if p.call_id.startswith("xss"))
    assert xss.audio is None and "<audio" not in xss.path.read_text()     # a .vtt source: no player
    # Recording moved away: no player, and a note that says where it was looked for.
    shutil.copy(DEMO, tmp_path / DEMO.name)
    monkeypatch.chdir(tmp_path)
    lone = build_reports([tmp_path / DEMO.name], tmp_path / "r")
    html = lone.pages[0].path.read_text()
    assert lone.pages[0].audio is None and "<audio" not in html and "demo-booked.ogg was not found" in html
    # Found relative to the current folder, as `callscore score` records it.
    shutil.copy(DATA / "demo-booked.ogg", tmp_path / "demo-booked.ogg")
    assert find_recording(load_score(tmp_path / DEMO.name)) == (tmp_path / "demo-booked.ogg").resolve()
    off = build_reports([tmp_path / DEMO.name], tmp_path / "r2", ReportOptions(audio=False))
    assert off.pages[0].audio is None and "<audio" not in off.pages[0].path.read_text()


def test_unreadable_files_are_skipped_with_their_reason(tmp_path):
    shutil.copy(DEMO, tmp_path / DEMO.name)
    (tmp_path / "broken.score.json").write_text("{not json")
    (tmp_path / "old.score.json").write_text(json.dumps({"schema_version": 0, "kind": "score"}))
    result = build_reports([tmp_path], tmp_path / "out")
    assert [p.call_id for p in result.pages] == ["demo-booked"]
    reasons = dict(result.skipped)
    assert "cannot read this score file" in reasons[str((tmp_path / "broken.score.json").resolve())]
    assert "unsupported schema_version 0" in reasons[str((tmp_path / "old.score.json").resolve())]
    assert "broken.score.json" in result.index_path.read_text()


@pytest.mark.parametrize("content, message", [
    ("{not json", "cannot read this score file"),
    (json.dumps({"schema_version": 1, "kind": "transcript"}), "not a callscore score file"),
    (json.dumps({"schema_version": 3, "kind": "score"}), "unsupported schema_version 3"),
    (json.dumps({"schema_version": 1, "kind": "score", "transcript": {}}), "transcript inside is malformed"),
    (json.dumps({"schema_version": 1, "kind": "score", "quality": "high",
                 "transcript": json.loads(DEMO.read_text())["transcript"]}), "quality should be a number"),
])
def test_bad_score_files_name_the_file_and_the_fix(tmp_path, content, message):
    path = tmp_path / "x.score.json"
    path.write_text(content)
    with pytest.raises(InputError, match=re.escape(message)) as info:
        load_score(path)
    assert str(path) in str(info.value)


def test_nothing_to_report_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="no \\*.score.json files found"):
        build_reports([tmp_path], tmp_path / "out")
    with pytest.raises(InputError, match="no such file or folder"):
        build_reports([tmp_path / "missing"], tmp_path / "out")
    (tmp_path / "a.score.json").write_text("[]")
    with pytest.raises(InputError, match="none of the 1 score file"):
        build_reports([tmp_path], tmp_path / "out")
    with pytest.raises(InputError, match=r"nope\.csv: no such file or folder"):
        build_reports([DEMO], tmp_path / "out", ReportOptions(team_scores=tmp_path / "nope.csv"))


def test_options_validate():
    with pytest.raises(ValueError, match=r"expected one of: \.csv, \.jsonl"):
        ReportOptions(team_scores="scores.xlsx").validate()
    with pytest.raises(ValueError, match="audio must be True or False"):
        ReportOptions(audio="yes").validate()
    assert ReportOptions(team_scores=SCORES).validate().audio is True


def test_same_call_id_twice_gets_two_pages_and_output_is_deterministic(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(DEMO, tmp_path / sub / DEMO.name)
    first = build_reports([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    assert sorted(p.path.name for p in first.pages) == ["demo-booked-2.html", "demo-booked.html"]
    again = build_reports([tmp_path / "a", tmp_path / "b"], tmp_path / "out2")
    assert [p.path.read_bytes() for p in first.pages] == [p.path.read_bytes() for p in again.pages]
    assert first.index_path.read_bytes() == again.index_path.read_bytes()


def test_bands_follow_the_published_figures():
    talk, questions, mono, patience = (BY_FEATURE[k] for k in (
        "talk_ratio_rep", "questions_rep", "longest_monologue_rep_s", "patience_rep_s"))
    assert zone_for(talk, 0.43).tone == "good" and zone_for(talk, 0.5).tone == "neutral"
    assert zone_for(talk, 0.70).tone == "caution" and zone_for(talk, 0.80).tone == "bad"
    assert [zone_for(questions, v).tone for v in (10, 11, 14, 15)] == ["caution", "good", "good", "caution"]
    assert zone_for(mono, 76).tone == "good" and zone_for(mono, 77).tone == "bad"
    assert [zone_for(patience, v).tone for v in (0.5, 0.6, 1.0, 1.5)] == ["caution", "good", "good", "neutral"]
    assert zone_for(talk, None) is None and zone_for(BY_FEATURE["open_questions_rep"], 5) is None
    story = BY_FEATURE["longest_customer_story_s"]
    assert compare_to_median(story, 40, 20) == ("above the median", "good")
    assert compare_to_median(talk, 0.7, 0.5) == ("above the median", "caution")
    assert compare_to_median(talk, 0.5, 0.5)[0] == "about the median"
    assert compare_to_median(talk, None, 0.5) is None


def test_index_rows_sort_keys():
    record = load_score(XSS)
    row = index_row(record, "calls/x.html")
    assert row["cells"]["quality"] == {"text": "not measured", "sort": ""}
    assert row["cells"]["date"]["sort"] == parse_date("2026-11-05T08:30:00Z")
    assert row["cells"]["date"]["text"] == "2026-11-05 09:30"
    assert parse_date("2026-11-03") < parse_date("2026-11-03T00:00:01+00:00")
    assert parse_date("last tuesday") is None
    demo = index_row(load_score(DEMO), "calls/demo.html")["cells"]
    assert demo["advanced"] == {"text": "yes (82%)", "sort": 0.82} and demo["quality"]["sort"] == 71.3
