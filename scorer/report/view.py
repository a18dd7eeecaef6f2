"""What a page shows, as plain values: pure functions from a :class:`CallRecord` to template data.

No HTML is built here: every string stays raw text and the templates escape it. Geometry for
the inline SVGs (timeline, gauges) is computed here so the templates only place numbers.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Mapping

from scorer.dates import parse_when
from scorer.report.bands import BEHAVIOURS, compare_to_median, format_value, zone_for
from scorer.report.inputs import CallRecord, TeamMedians
from scorer.types import Moment

#: Filter categories in display order: questions and next steps split by subtype.
CATEGORY_LABELS: dict[str, str] = {
    "question-open": "Open question", "question-closed": "Closed question", "question": "Question",
    "next_step-proposed": "Next step proposed", "next_step-accepted": "Next step accepted",
    "next_step-declined": "Next step declined", "next_step-deferred": "Next step deferred",
    "next_step": "Next step", "request-asked": "Request", "request-accepted": "Request granted",
    "request-declined": "Request refused", "request-deferred": "Request put off",
    "request": "Request", "monologue": "Monologue", "customer_story": "Customer story",
    "objection": "Objection", "tracker": "Tracker hit",
}
#: Kinds whose subtype is part of their category ("next_step-accepted"), not a detail.
SUBTYPED_KINDS = ("question", "next_step", "request")
#: Kinds that cover a stretch of turns; they mark whole transcript rows, not a phrase.
SPAN_KINDS = frozenset({"monologue", "customer_story"})
SPEAKER_LABELS = {"rep": "Rep", "customer": "Customer", "unknown": "Unknown"}
MODEL_LABELS = {"quality": "Quality", "advanced": "Meeting/demo"}

# Timeline geometry, in SVG user units (the SVG scales uniformly with the page width).
TL_X0, TL_W, TL_LANE_H, TL_GAP = 110.0, 860.0, 18.0, 8.0
GAUGE_W = 200.0


def fmt_time(seconds: float, estimated: bool = False) -> str:
    """``m:ss`` (``h:mm:ss`` past an hour), prefixed ``~`` when the timing is estimated."""
    total = max(0, int(round(seconds)))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    text = f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
    return ("~" if estimated else "") + text


def fmt_duration(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "not measured"
    total = int(round(seconds))
    return f"{total // 60} min {total % 60:02d} s" if total >= 60 else f"{total} s"


def category(m: Moment) -> str:
    """Filter category of a moment: ``question-open``, ``next_step-accepted``, ``objection``..."""
    if m.kind in SUBTYPED_KINDS and m.subtype:
        return _slug(f"{m.kind}-{m.subtype}")
    return _slug(m.kind)


def _slug(text: str) -> str:
    # Category names end up in class names and data attributes: keep them to a safe alphabet.
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-") or "other"


def category_label(cat: str) -> str:
    return CATEGORY_LABELS.get(cat, cat.replace("_", " ").replace("-", " ").capitalize())


def css_class(cat: str) -> str:
    return f"c-{cat}" if cat in CATEGORY_LABELS else "c-other"


def moment_detail(m: Moment) -> str:
    """The part of a moment's label that the category does not already say (objection type...)."""
    return m.subtype or "" if m.kind not in SUBTYPED_KINDS else ""


def _key(m: Moment) -> tuple:
    return (m.kind, m.subtype, m.utterance_index, round(m.start_s, 2), round(m.end_s, 2))


@dataclass(frozen=True, slots=True)
class MomentView:
    id: str
    cat: str
    cls: str
    label: str
    detail: str
    speaker: str
    t: float
    t_text: str
    utt: int | None
    text: str
    moment: Moment


def moment_views(record: CallRecord) -> list[MomentView]:
    """The call's moments in time order, each with a page-wide id ``m0``, ``m1``..."""
    est = record.transcript.timing == "estimated"
    n = len(record.transcript.utterances)
    order = sorted(range(len(record.moments)), key=lambda i: (record.moments[i].start_s, i))
    views = []
    for j, i in enumerate(order):
        m = record.moments[i]
        cat = category(m)
        views.append(MomentView(id=f"m{j}", cat=cat, cls=css_class(cat), label=category_label(cat),
                                detail=moment_detail(m), speaker=SPEAKER_LABELS.get(m.speaker, m.speaker),
                                t=m.start_s, t_text=fmt_time(m.start_s, est),
                                utt=_utterance_for(record, m) if n else None, text=m.text,
                                moment=m))
    return views


def _utterance_for(record: CallRecord, m: Moment) -> int:
    utts = record.transcript.utterances
    if 0 <= m.utterance_index < len(utts):
        return m.utterance_index
    # A bad index (hand-edited file): fall back to the turn under the moment's start time.
    return min(range(len(utts)), key=lambda i: abs(utts[i].start_s - m.start_s))


def _inline_span(text: str, needle: str) -> tuple[int, int]:
    """Where a moment's text sits in its utterance (case-insensitively; moment texts may be cut
    short); the whole utterance when it is not found."""
    needle = needle.strip()
    for candidate in (needle, needle.rstrip(".…").strip(), needle[:40]):
        if len(candidate) < 3:
            continue
        at = text.find(candidate)
        if at < 0:
            at = text.lower().find(candidate.lower())
        if at >= 0:
            return at, min(len(text), at + max(len(candidate), len(needle)))
    return 0, len(text)


def transcript_rows(record: CallRecord, moments: list[MomentView]) -> list[dict[str, Any]]:
    """One dict per utterance: who, when, and the text cut into pieces, each piece listing the
    moment categories that cover it (``cats``) so that the page can highlight and filter."""
    utts = record.transcript.utterances
    est = record.transcript.timing == "estimated"
    inline: dict[int, list[tuple[int, int, MomentView]]] = {}
    rowcats: dict[int, list[MomentView]] = {}
    for mv in moments:
        m = mv.moment
        if mv.utt is None:
            continue
        if m.kind in SPAN_KINDS:
            covered = {mv.utt} | {i for i, u in enumerate(utts) if u.speaker == m.speaker
                                  and u.start_s < m.end_s - 0.01 and u.end_s > m.start_s + 0.01}
            for i in covered:
                rowcats.setdefault(i, []).append(mv)
        else:
            a, b = _inline_span(utts[mv.utt].text, m.text)
            inline.setdefault(mv.utt, []).append((a, b, mv))
    rows = []
    for i, u in enumerate(utts):
        spans = inline.get(i, [])
        cuts = sorted({0, len(u.text)} | {a for a, _, _ in spans} | {b for _, b, _ in spans})
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            cover = [mv for s, e, mv in spans if s <= a and b <= e]
            pieces.append({"text": u.text[a:b], "cats": " ".join(dict.fromkeys(mv.cat for mv in cover)),
                           "cls": cover[0].cls if cover else "", "ids": " ".join(mv.id for mv in cover),
                           "title": ", ".join(dict.fromkeys(mv.label for mv in cover))})
        row_mvs = rowcats.get(i, [])
        rows.append({"i": i, "speaker": u.speaker, "who": speaker_name(record, u.speaker, u.speaker_name),
                     "t": u.start_s, "t_text": fmt_time(u.start_s, est), "pieces": pieces,
                     "row_cats": " ".join(dict.fromkeys(mv.cat for mv in row_mvs)),
                     "row_cls": row_mvs[0].cls if row_mvs else "",
                     "row_title": ", ".join(dict.fromkeys(mv.label for mv in row_mvs)),
                     "has_moments": bool(spans or row_mvs)})
    return rows


def speaker_name(record: CallRecord, speaker: str, name: str | None) -> str:
    if name:
        return name
    if speaker == "rep" and record.metadata.get("rep"):
        return str(record.metadata["rep"])
    return SPEAKER_LABELS.get(speaker, speaker)


def filter_categories(moments: list[MomentView]) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for mv in moments:
        counts[mv.cat] = counts.get(mv.cat, 0) + 1
    order = list(CATEGORY_LABELS)
    cats = sorted(counts, key=lambda c: (order.index(c) if c in order else len(order), c))
    return [{"cat": c, "label": category_label(c), "cls": css_class(c), "count": counts[c]} for c in cats]


def timeline(record: CallRecord, moments: list[MomentView]) -> dict[str, Any]:
    """Lanes of talk spans (rep, customer, and unknown when present) and a lane of moment ticks."""
    t = record.transcript
    est = t.timing == "estimated"
    end = max([t.duration_s] + [u.end_s for u in t.utterances] + [m.end_s for m in record.moments] + [1.0])
    scale = TL_W / end
    speakers = [s for s in ("rep", "customer", "unknown") if s != "unknown" or
                any(u.speaker == "unknown" for u in t.utterances)]
    lanes = []
    for k, s in enumerate(speakers):
        y = k * (TL_LANE_H + TL_GAP)
        rects = [{"x": round(TL_X0 + u.start_s * scale, 2), "w": round(max(1.0, u.duration_s * scale), 2),
                  "t": u.start_s, "utt": i, "title": f"{fmt_time(u.start_s, est)}-{fmt_time(u.end_s, est)}"}
                 for i, u in enumerate(t.utterances) if u.speaker == s]
        talk = sum(u.duration_s for u in t.utterances if u.speaker == s)
        lanes.append({"speaker": s, "label": SPEAKER_LABELS[s], "y": y, "rects": rects,
                      "talk": fmt_duration(talk) if t.utterances else ""})
    my = len(speakers) * (TL_LANE_H + TL_GAP)
    ticks_every = next(step for step in (5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, math.inf)
                       if end / step <= 10)
    ticks = [{"x": round(TL_X0 + s * scale, 2), "label": fmt_time(s, est)}
             for s in range(0, int(end) + 1, int(ticks_every))] if math.isfinite(ticks_every) else []
    marks = [{"x": round(TL_X0 + mv.t * scale, 2), "id": mv.id, "cls": mv.cls, "cat": mv.cat, "t": mv.t,
              "utt": mv.utt, "title": f"{mv.t_text} {mv.label}: {mv.text}"} for mv in moments]
    return {"x0": TL_X0, "w": TL_W, "lane_h": TL_LANE_H, "lanes": lanes, "moments_y": my,
            "axis_y": my + TL_LANE_H + 14, "height": my + TL_LANE_H + 22, "ticks": ticks, "marks": marks,
            "duration": end}


def reasons(record: CallRecord, moments: list[MomentView]) -> dict[str, list[dict[str, Any]]]:
    """Reasons split into ``up`` and ``down``, biggest impact first, each with its moment links."""
    ids = {_key(mv.moment): mv for mv in moments}
    est = record.transcript.timing == "estimated"
    biggest = max([abs(r.impact) for r in record.reasons if r.impact is not None] + [1e-9])
    out: dict[str, list[dict[str, Any]]] = {"up": [], "down": []}
    for r in sorted(record.reasons, key=lambda r: -abs(r.impact or 0.0)):
        links = []
        for m in r.moments:
            mv = ids.get(_key(m))
            links.append({"id": mv.id if mv else None, "t": m.start_s, "t_text": fmt_time(m.start_s, est),
                          "utt": mv.utt if mv else (m.utterance_index if 0 <= m.utterance_index <
                                                    len(record.transcript.utterances) else None),
                          "text": m.text, "label": category_label(category(m))})
        out[r.direction].append({"model": MODEL_LABELS.get(r.model, r.model), "feature": r.feature,
                                 "text": r.text, "impact": r.impact,
                                 "bar": round(60 * abs(r.impact) / biggest, 1) if r.impact is not None else 0,
                                 "moments": links})
    return out


def _frac(value: float, top: float) -> float:
    return round(GAUGE_W * min(max(value / top, 0.0), 1.0), 2)


def behaviours(record: CallRecord, medians: TeamMedians | None) -> list[dict[str, Any]]:
    """One row per key behaviour: this call, the team median, the published band, a gauge."""
    rows = []
    for b in BEHAVIOURS:
        value = record.features.get(b.feature)
        median = medians.values.get(b.feature) if medians else None
        zone = zone_for(b, value)
        cmp = compare_to_median(b, value, median)
        top = max([b.scale_max] + [v * 1.15 for v in (value, median) if v is not None])
        finite = [z for z in b.zones if math.isfinite(z.hi)]
        gauge = None if b.unit == "bool" else {
            "w": GAUGE_W,
            "zones": [{"x": _frac(z.lo, top), "w": round(_frac(min(z.hi, top), top) - _frac(z.lo, top), 2),
                       "tone": z.tone} for z in b.zones],
            "ticks": sorted({_frac(z.hi, top) for z in finite} | {_frac(z.lo, top) for z in b.zones if z.lo > 0}),
            "value_x": None if value is None else _frac(value, top),
            "median_x": None if median is None else _frac(median, top),
            "top": format_value(b.unit, top)}
        if b.feature in record.features:
            reason = record.null_reasons.get(b.feature, "")
        else:
            reason = "not computed for this call"
        rows.append({"feature": b.feature, "label": b.label, "value": format_value(b.unit, value),
                     "measured": value is not None, "null_reason": reason if value is None else "",
                     "median": None if median is None else format_value(b.unit, median),
                     "n": medians.counts.get(b.feature, 0) if medians else 0,
                     "cmp": cmp, "reference": b.reference or "no published band",
                     "zone": zone, "gauge": gauge})
    return rows


def parse_date(value: Any) -> float | None:
    """Seconds since the epoch for an ISO date or datetime (naive = UTC), for sorting; else None."""
    if value is None:
        return None
    try:
        when = parse_when(value)
    except ValueError:
        return None
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day)
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()


def format_date(value: Any) -> str:
    """``2026-11-03`` stays as is; a datetime shows as ``2026-11-05 09:30`` (its own clock)."""
    text = "" if value is None else str(value).strip()
    try:
        when = parse_when(text)
    except ValueError:
        return text
    return when.strftime("%Y-%m-%d %H:%M") if isinstance(when, datetime) else text


def metadata_items(meta: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, text) pairs: rep, team, date, direction first, then any extra manifest columns."""
    first = ["rep", "team", "date", "direction"]
    keys = [k for k in first if meta.get(k) not in (None, "")] + \
           [k for k in meta if k not in first and meta.get(k) not in (None, "")]
    return [(k.replace("_", " ").capitalize(), str(meta[k])) for k in keys]


def index_row(record: CallRecord, href: str) -> dict[str, Any]:
    """One row of index.html: display text plus a ``sort`` key per column (None sorts last)."""
    f = record.features
    meta = record.metadata
    prob = record.advanced_probability

    def cell(text: str, sort: Any) -> dict[str, Any]:
        return {"text": text, "sort": "" if sort is None else sort}

    adv_text = "not measured" if record.advanced is None else ("yes" if record.advanced else "no")
    if prob is not None:
        adv_text += f" ({prob * 100:.0f}%)"
    return {"href": href, "call_id": record.call_id,
            "cells": {"call": cell(record.call_id, record.call_id.lower()),
                      "rep": cell(str(meta.get("rep") or ""), str(meta.get("rep") or "").lower() or None),
                      "team": cell(str(meta.get("team") or ""), str(meta.get("team") or "").lower() or None),
                      "date": dict(cell(format_date(meta.get("date")), parse_date(meta.get("date"))),
                                   title=str(meta.get("date") or "")),
                      "duration": cell(fmt_duration(record.transcript.duration_s), record.transcript.duration_s),
                      "quality": cell("not measured" if record.quality is None else f"{record.quality:.0f}",
                                      record.quality),
                      "advanced": cell(adv_text, prob if prob is not None else
                                       (None if record.advanced is None else float(record.advanced))),
                      "talk": cell(format_value("ratio", f.get("talk_ratio_rep")), f.get("talk_ratio_rep")),
                      "questions": cell(format_value("count", f.get("questions_rep")), f.get("questions_rep")),
                      "monologue": cell(format_value("s", f.get("longest_monologue_rep_s")),
                                        f.get("longest_monologue_rep_s")),
                      "moments": cell(str(len(record.moments)), len(record.moments))}}
