"""HTML from template data: Jinja2 with autoescaping on, strict undefined, inline assets.

Every value from a score file reaches the page through an autoescaped ``{{ }}``; the only
markup marked safe is this package's own CSS and JS. The pages also carry a Content
Security Policy that allows exactly those inline assets (by sha256 hash) and nothing from
the network, so that even an escaping mistake could not run injected script.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import jinja2
from markupsafe import Markup

from scorer import findings as F
from scorer.report import view
from scorer.report.bands import format_value
from scorer.report.inputs import CallRecord, TeamMedians

HERE = Path(__file__).resolve().parent

#: Index columns: key, heading, sort type; quality, advanced and date among them.
INDEX_COLUMNS: tuple[dict[str, Any], ...] = (
    {"key": "call", "label": "Call", "type": "text", "num": False},
    {"key": "rep", "label": "Rep", "type": "text", "num": False},
    {"key": "team", "label": "Team", "type": "text", "num": False},
    {"key": "date", "label": "Date", "type": "num", "num": False},
    {"key": "duration", "label": "Duration", "type": "num", "num": True},
    {"key": "quality", "label": "Quality", "type": "num", "num": True},
    {"key": "advanced", "label": "Meeting/demo", "type": "num", "num": False},
    {"key": "talk", "label": "Rep talk", "type": "num", "num": True},
    {"key": "questions", "label": "Questions", "type": "num", "num": True},
    {"key": "monologue", "label": "Longest monologue", "type": "num", "num": True},
    {"key": "moments", "label": "Moments", "type": "num", "num": True},
)


@dataclass(frozen=True, slots=True)
class AudioLink:
    """A playable recording for a page: ``url`` is relative to the page where possible."""

    url: str
    path: str
    name: str


@functools.lru_cache(maxsize=None)
def _asset(name: str) -> tuple[Markup, str]:
    """A packaged CSS/JS file as trusted markup, with its CSP hash source."""
    text = (HERE / "assets" / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


def content_security_policy(script: str) -> str:
    """The page's CSP: only our inline style and ``script`` asset; media from local files."""
    _, css_hash = _asset("report.css")
    _, js_hash = _asset(script)
    return ("default-src 'none'; "
            f"script-src {js_hash}; style-src {css_hash}; "
            "media-src 'self' file: blob:; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'")


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one template environment of every page (call pages, index, metrics): autoescape
    for every template, undefined names are errors."""
    from scorer.report.filters import FILTERS

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env


def _score_view(record: CallRecord) -> dict[str, Any]:
    q, p, thr = record.quality, record.advanced_probability, record.threshold
    return {"quality": q, "quality_text": None if q is None else f"{q:.0f}",
            "quality_bar": None if q is None else round(min(max(q, 0.0), 100.0), 1),
            "advanced": record.advanced,
            "probability_text": None if p is None else f"{p * 100:.0f}%",
            "probability_bar": None if p is None else round(min(max(p, 0.0), 1.0) * 100, 1),
            "threshold_text": None if thr is None else f"{thr * 100:.0f}%",
            "threshold_bar": None if thr is None else round(min(max(thr, 0.0), 1.0) * 100, 1)}


def render_call_page(record: CallRecord, *, medians: TeamMedians | None = None,
                     audio: AudioLink | None = None, audio_note: str | None = None,
                     index_href: str = "../index.html") -> str:
    """The self-contained HTML page of one call."""
    moments = view.moment_views(record)
    talk = record.features.get("talk_ratio_rep")
    talk_note = (F.TALK_RATIO_TEXT[0].upper() + F.TALK_RATIO_TEXT[1:] + "." if talk is not None else
                 record.null_reasons.get("talk_ratio_rep") or "Not computed for this call.")
    css, _ = _asset("report.css")
    js, _ = _asset("call.js")
    call = {"call_id": record.call_id, "meta": view.metadata_items(record.metadata),
            "duration": view.fmt_duration(record.transcript.duration_s),
            "estimated": record.transcript.timing == "estimated", "timing": record.transcript.timing,
            "unscored": record.unscored, "roles": record.transcript.roles,
            "roles_detail": record.transcript.roles_detail,
            "model_version": record.model_version, "source": record.source}
    return environment().get_template("call.html.j2").render(
        csp=content_security_policy("call.js"), css=css, js=js, call=call, score=_score_view(record),
        talk={"value": format_value("ratio", talk), "measured": talk is not None, "note": talk_note},
        reasons=view.reasons(record, moments), tl=view.timeline(record, moments),
        behaviours=view.behaviours(record, medians), medians=medians,
        filters=view.filter_categories(moments), rows=view.transcript_rows(record, moments),
        moments=moments, audio=audio, audio_note=audio_note, index_href=index_href)


def render_index(records: Sequence[CallRecord], hrefs: Sequence[str], *, title: str = "Call reports",
                 team_scores: str | None = None,
                 skipped: Sequence[tuple[str, str]] = ()) -> str:
    """index.html: every call in a table sortable by any column (newest first to begin with)."""
    rows = [view.index_row(r, h) for r, h in zip(records, hrefs)]
    rows.sort(key=lambda row: (row["cells"]["date"]["sort"] == "", -(row["cells"]["date"]["sort"] or 0),
                               row["call_id"]))
    qualities = [r.quality for r in records if r.quality is not None]
    talks = [r.features.get("talk_ratio_rep") for r in records if r.features.get("talk_ratio_rep") is not None]
    judged = [r.advanced for r in records if r.advanced is not None]
    summary = {"calls": len(records),
               "median_quality": f"{statistics.median(qualities):.0f}" if qualities else "not measured",
               "advanced": f"{sum(judged)} of {len(judged)}" if judged else "not measured",
               "median_talk": format_value("ratio", statistics.median(talks)) if talks else "not measured"}
    css, _ = _asset("report.css")
    js, _ = _asset("index.js")
    return environment().get_template("index.html.j2").render(
        csp=content_security_policy("index.js"), css=css, js=js, title=title, rows=rows,
        columns=INDEX_COLUMNS, default_sort="date", default_dir="descending", summary=summary,
        team_scores=team_scores, skipped=list(skipped))
