"""The reports in a real browser: Debian's headless Chromium driven by Playwright.

Skips when /usr/bin/chromium or the playwright package is missing (CI installs both:
``apt-get install chromium`` and ``pip install playwright``; never ``playwright install``,
which downloads browsers). Pages are opened from file://, as a manager would open them.
"""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from scorer.report import ReportOptions, build_reports

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) "
                "to run the browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                               "(pip install playwright; the system chromium is used, no browser download)")

DATA = Path(__file__).parent / "data" / "report"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The two fixtures plus two variants of the demo call (other scores and dates), so that
    sorting the index has something to do."""
    src = tmp_path_factory.mktemp("scores")
    for name in ("demo-booked.score.json", "xss.score.json", "demo-booked.ogg"):
        shutil.copy(DATA / name, src / name)
    demo = json.loads((DATA / "demo-booked.score.json").read_text())
    for call_id, quality, advanced, prob, day in (("no-demo", 38.5, False, 0.22, "2026-10-21"),
                                                 ("strong-close", 88.0, True, 0.95, "2026-11-09")):
        variant = dict(demo, call_id=call_id, quality=quality, advanced=advanced, advanced_probability=prob,
                       metadata=dict(demo["metadata"], date=day))
        (src / f"{call_id}.score.json").write_text(json.dumps(variant))
    out = tmp_path_factory.mktemp("report")
    return build_reports([src], out, ReportOptions(team_scores=DATA / "scores.csv"))


class Watch:
    """Console errors, page errors and dialogs of one page."""

    def __init__(self, page) -> None:
        page.set_default_timeout(5000)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()
        page.on("dialog", on_dialog)


def _wait_until(page, expression: str, timeout_s: float = 5.0):
    """Poll ``expression`` until truthy. (Playwright's wait_for_function compiles its predicate
    with eval inside the page, which the report's Content Security Policy rightly refuses.)"""
    deadline = time.monotonic() + timeout_s
    while True:
        value = page.evaluate(expression)
        if value or time.monotonic() > deadline:
            assert value, f"timed out after {timeout_s} s waiting for {expression}"
            return value
        time.sleep(0.05)


def _current_time(page) -> float:
    return page.evaluate("document.getElementById('player').currentTime")


def _seeked_to(page, start: float) -> None:
    _wait_until(page, f"(() => {{ const t = document.getElementById('player').currentTime;"
                      f" return t >= {start} - 0.05 && t < {start} + 1.5; }})()")


def test_call_page_seeks_filters_and_has_no_errors(browser, report, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    call = next(p for p in report.pages if p.call_id == "demo-booked")
    page.goto(call.path.as_uri())
    _wait_until(page, "document.getElementById('player').readyState >= 1", timeout_s=10)
    assert page.evaluate("document.getElementById('player').duration") == pytest.approx(52.4, abs=0.2)
    assert _current_time(page) == 0

    # A moment in the list: the price objection at 25.9 s.
    page.click("#moments-list a:has-text('price of a new tool')")
    _seeked_to(page, 25.9)
    assert page.evaluate("location.hash") == "#u5"
    # A transcript timestamp, a reason's moment link, a bar of the timeline.
    page.click("#u8 a.ts")
    _seeked_to(page, 46.1)
    page.click("#reasons a.mlink:has-text('Are you using spreadsheets')")
    _seeked_to(page, 20.6)
    page.click("#timeline a[href='#u3'] rect")
    _seeked_to(page, 11.4)
    page.evaluate("document.getElementById('player').pause()")
    _wait_until(page, "document.querySelector('#timeline #playhead').getAttribute('visibility') === 'visible'")

    # Filter: switching objections off un-highlights them and drops them from the list.
    objection = page.locator("#u5 mark[data-cats~='objection']")
    assert "off" not in (objection.get_attribute("class") or "")
    page.uncheck("input[data-cat='objection']")
    assert "off" in objection.get_attribute("class")
    assert not page.is_visible("#moments-list li[data-cats='objection']")
    assert page.is_visible("#moments-list li[data-cats='question-open']")
    # Only turns with moments: the greeting (no moment) goes, the open question stays.
    page.check("#only-moments")
    assert not page.is_visible("#u0") and page.is_visible("#u2") and not page.is_visible("#u5")
    page.check("input[data-cat='objection']")
    assert page.is_visible("#u5") and "off" not in objection.get_attribute("class")
    page.uncheck("#only-moments")

    shot = tmp_path / "call.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert watch.errors == [] and watch.dialogs == []
    page.close()


def _column(page, col: str) -> list[str]:
    return page.eval_on_selector_all(f"#calls tbody td[data-col='{col}']", "tds => tds.map(t => t.dataset.sort)")


def test_index_sorts_by_quality_advanced_and_date(browser, report, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 800})
    watch = Watch(page)
    page.goto(report.index_path.as_uri())
    assert page.locator("#calls tbody tr").count() == 4
    # Newest first to begin with.
    dates = [float(d) for d in _column(page, "date")]
    assert dates == sorted(dates, reverse=True)
    for col in ("quality", "advanced", "date"):
        page.click(f"#calls th[data-col='{col}'] button")
        keys = _column(page, col)
        numbers = [float(k) for k in keys if k]
        assert numbers == sorted(numbers) and keys[len(numbers):] == [""] * (len(keys) - len(numbers)), (col, keys)
        assert page.get_attribute(f"#calls th[data-col='{col}']", "aria-sort") == "ascending"
        page.click(f"#calls th[data-col='{col}'] button")
        keys = _column(page, col)
        numbers = [float(k) for k in keys if k]
        assert numbers == sorted(numbers, reverse=True) and all(keys[:len(numbers)]), (col, keys)
    page.click("#calls th[data-col='quality'] button")      # ascending: the unscored call last
    assert page.inner_text("#calls tbody tr:last-child td[data-col='quality']").strip() == "not measured"
    assert page.inner_text("#calls tbody tr:first-child td[data-col='call']").strip() == "no-demo"
    page.screenshot(path=str(tmp_path / "index.png"), full_page=True)
    page.click("#calls a:text-is('strong-close')")
    page.wait_for_load_state()
    assert page.url.endswith("/calls/strong-close.html") and page.inner_text("h1") == "strong-close"
    assert watch.errors == [] and watch.dialogs == []
    page.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_injected_markup_shows_as_text_and_runs_nothing(browser, report, tmp_path, bypass_csp):
    # With the page's CSP switched off, escaping alone must keep the payloads inert.
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    call = next(p for p in report.pages if p.call_id.startswith("xss"))
    page.goto(call.path.as_uri())
    assert page.evaluate("typeof window.__xss") == "undefined" and watch.dialogs == []
    page.hover("#u0 .who")                                  # would fire an onmouseover payload
    page.click("#moments-list a >> nth=0")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__xss") == "undefined" and watch.dialogs == []
    assert page.evaluate("document.scripts.length") == 1
    assert page.locator("img, iframe, textarea, #u0 script, #u1 svg").count() == 0
    assert "<script>window.__xss='text';alert('xss')</script>" in page.inner_text("#u0")
    assert "<img src=x onerror=\"window.__xss='img';alert(document.domain)\">" in page.inner_text("#u1")
    assert "Template {{ 7*7 }}" in page.inner_text("#u2")
    assert page.inner_text("h1") == "xss-<script>window.__xss='call_id'</script>"
    assert "not measured" in page.inner_text("#quality")
    page.screenshot(path=str(tmp_path / "xss.png"), full_page=True)
    # The index shows the same metadata as text, and nothing runs there either.
    page.goto(call.path.parent.parent.joinpath("index.html").as_uri())
    assert "onerror=\"window.__xss='rep'" in page.inner_text("#calls")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watch.errors == [] and watch.dialogs == []
    context.close()


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_a_sample_stereo_recording_plays_and_seeks(browser, tmp_path):
    """A real sample call (stereo Ogg Opus, two minutes) with its transcript: the page's player
    loads it from file:// and a timestamp seeks it. Scores are absent: the page says so."""
    audio = SAMPLES / "audio" / "call01_demo_booked.ogg"
    vtt = SAMPLES / "transcripts" / "call01_demo_booked.vtt"
    if not (audio.exists() and vtt.exists()):
        pytest.skip(f"{audio} or {vtt} missing: run samples/generate.py")
    from scorer.readers import read_transcript

    transcript = read_transcript(vtt)
    score = {"schema_version": 1, "kind": "score", "call_id": "call01_demo_booked", "source": str(audio),
             "metadata": {"rep": "Jordan Ellis", "team": "SDR", "date": "2026-11-03"},
             "transcript": transcript.to_dict(), "features": {"values": {}, "null_reasons": {}},
             "moments": [], "quality": None, "advanced": None, "advanced_probability": None,
             "threshold": None, "reasons": [], "model_version": None}
    (tmp_path / "call01_demo_booked.score.json").write_text(json.dumps(score))
    result = build_reports([tmp_path], tmp_path / "report")
    page = browser.new_page()
    watch = Watch(page)
    page.goto(result.pages[0].path.as_uri())
    _wait_until(page, "document.getElementById('player').readyState >= 1", timeout_s=10)
    assert page.evaluate("document.getElementById('player').duration") == pytest.approx(132.5, abs=1)
    row = len(transcript.utterances) // 2
    page.click(f"#u{row} a.ts")
    _seeked_to(page, transcript.utterances[row].start_s)
    assert "not measured" in page.inner_text("#quality")
    assert watch.errors == [] and watch.dialogs == []
    page.close()
