"""metrics.html: self-contained, escaped, and rendered by headless Chromium without console errors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.metrics.compute import MetricsOptions, ScoresTable, compute_metrics
from scorer.report.metrics_page import render_metrics_html
from scorer.batch.tables import read_scores
from scorer.metrics.io import write_metrics

DATA = Path(__file__).parent / "data" / "metrics"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NASTY = '<script>alert("x")</script> & $5 $deal'


def _table_with_nasty_rep() -> ScoresTable:
    table = read_scores(DATA / "scores.csv")
    extra = {**table.rows[0], "call_id": "z1", "rep": NASTY, "team": "<b>EMEA</b>"}
    return ScoresTable(table.columns, table.rows + (extra,), table.sources)


@pytest.fixture(scope="module")
def page_path(tmp_path_factory) -> Path:
    result = compute_metrics(_table_with_nasty_rep(), MetricsOptions(by="rep", period="week"))
    out = tmp_path_factory.mktemp("metrics")
    paths = write_metrics(result, out)
    assert [p.name for p in paths] == ["metrics.csv", "metrics.json", "metrics.html"]
    return out / "metrics.html"


def test_page_is_self_contained_and_escaped(page_path):
    html = page_path.read_text(encoding="utf-8")
    assert html.count("<svg") == 3                              # per-period, advancement, talk ratio
    assert "<script" not in html.lower()                        # the rep's name did not become markup
    assert "&lt;script&gt;alert(" in html                       # ... it is shown, escaped (table and SVG)
    charts = re.sub(r"<!--.*?-->", "", "".join(re.findall(r"<svg.*?</svg>", html, flags=re.S)), flags=re.S)
    # Chart labels are escaped text too, and "$" stays a dollar sign (no mathtext).
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; $5 $deal' in charts.replace("&quot;", '"')
    # Nothing to fetch: every src/href is a data: URI or a fragment.
    assert not [u for u in re.findall(r'(?:src|href)="([^"]*)"', html) if not u.startswith(("data:", "#"))]
    assert "default-src 'none'" in html
    for text in ("Ana Ruiz", "2026-W48", "Published bands", "Top reps talk about 43%", "unassigned"):
        assert text in html


def test_single_period_and_deterministic_output():
    rows = read_scores(DATA / "scores.csv").rows
    one_week = ScoresTable(("call_id", "rep", "date", "quality", "advanced", "talk_ratio_rep"),
                           tuple(r for r in rows if r["date"] in ("2026-11-16", "2026-11-18")), ("s.csv",))
    result = compute_metrics(one_week, MetricsOptions())
    html = render_metrics_html(result)
    assert html.count("<svg") == 3 and "2026-W47" in html
    assert render_metrics_html(result) == html


def test_page_without_dates_says_so_and_skips_the_time_chart():
    undated = ScoresTable(("call_id", "rep", "date", "quality", "advanced", "talk_ratio_rep"),
                          ({"call_id": "a", "rep": "Ana", "date": None, "quality": 75, "advanced": 1,
                            "talk_ratio_rep": 0.4},), ("s.csv",))
    result = compute_metrics(undated, MetricsOptions())
    assert result.periods == ("unassigned",) and result.first_date is None
    html = render_metrics_html(result)
    assert html.count("<svg") == 2 and "no dates" in html
    assert "1 call(s) have no usable date" in html


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)")
def test_page_renders_in_headless_chromium_without_console_errors(page_path, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright Python package")
    messages: list[tuple[str, str]] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: messages.append((m.type, m.text)))
            page.on("pageerror", lambda e: messages.append(("pageerror", str(e))))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_path.as_uri(), wait_until="load")
            assert page.locator("svg").count() == 3
            assert page.locator("script").count() == 0
            assert page.locator("h1").inner_text() == "Call metrics"
            assert NASTY in page.locator("table").first.inner_text()
            box = page.locator("figure svg").first.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            page.screenshot(path=str(tmp_path / "metrics.png"), full_page=True)
        finally:
            browser.close()
    assert [m for m in messages if m[0] in ("error", "pageerror", "warning")] == []
    assert requests == [page_path.as_uri()]                      # nothing but the page itself
    assert (tmp_path / "metrics.png").stat().st_size > 10_000
