"""metrics.html: one self-contained page (inline CSS and SVG charts, no script, no network).

Charts are drawn with matplotlib (``Figure`` objects, no pyplot global state) and embedded as
inline SVG; text in them stays text (``svg.fonttype = none``) and matplotlib escapes it. The page
is rendered by Jinja2 with autoescape on, so every name and label from the scores table is
HTML-escaped; the SVG strings are the only markup marked safe.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

from scorer import findings as F
from scorer.report.filters import STATUS_TEXT
from scorer.report.render import environment
from scorer.metrics.compute import (ALL, BANDS, BAND_BY_FEATURE, UNASSIGNED, MetricsResult, MetricsRow,
                            describe, period_end, period_label)

MAX_LINES = 10    # groups drawn in the per-period chart; the rest are named in its caption
MAX_BARS = 30     # groups drawn in a bar chart

_RC = {
    "svg.fonttype": "none",       # keep text as text: smaller, searchable, escaped by matplotlib
    "svg.hashsalt": "callscore",  # stable element ids, so the same input gives the same page
    "text.parse_math": False,     # a "$" in a rep's name must not start mathtext
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buf.getvalue()
    # Drop the XML declaration and DOCTYPE: inline SVG in HTML starts at the <svg> element.
    return text[text.index("<svg"):]


def _period_starts(result: MetricsResult) -> list[dt.date]:
    """Every period from the first to the last, gaps included, so a quiet week shows as zero."""
    dated = [r.period_start for r in result.at("period") if r.period_start is not None]
    if not dated:
        return []
    starts, s = [], min(dated)
    while s <= max(dated):
        starts.append(s)
        s = period_end(s, result.options.period) + dt.timedelta(days=1)
    return starts


def chart_quality_conversations(result: MetricsResult) -> tuple[str, str] | None:
    """Quality conversations per group per period: (svg, caption), or None without dated calls."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    starts = _period_starts(result)
    if not starts:
        return None
    cells = {(r.group, r.period_start): r.quality_conversations for r in result.at("group-period")}
    totals = {r.group: r.quality_conversations for r in result.at("group")}
    groups = sorted(result.groups, key=lambda g: (-totals.get(g, 0), g.casefold()))
    shown, hidden = groups[:MAX_LINES], groups[MAX_LINES:]
    fig = Figure(figsize=(8, 3.6))
    ax = fig.add_subplot()
    x = list(range(len(starts)))
    if len(starts) == 1:
        ax.bar(range(len(shown)), [cells.get((g, starts[0]), 0) for g in shown],
               color=[f"C{i % 10}" for i in range(len(shown))])
        ax.set_xticks(range(len(shown)), shown, rotation=30, ha="right")
        ax.set_xlabel(result.periods[0])
    else:
        for i, g in enumerate(shown):
            ax.plot(x, [cells.get((g, s), 0) for s in starts], marker="o", ms=3, lw=1.5,
                    color=f"C{i % 10}", label=g)
        step = max(1, len(starts) // 12)
        ax.set_xticks(x[::step], [period_label(s, result.options.period) for s in starts[::step]],
                      rotation=30, ha="right")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("quality conversations")
    ax.grid(axis="y", alpha=0.3)
    caption = (f"Calls with quality at or above {result.options.quality_threshold:g} per "
               f"{result.options.period}, by {' + '.join(result.options.by)}.")
    if hidden:
        caption += f" {len(shown)} of {len(groups)} groups drawn (most quality conversations first)."
    if UNASSIGNED in result.periods:
        caption += f" {result.undated} call(s) without a date are not drawn."
    return _svg(fig), caption


def _bar_rows(result: MetricsResult, value, keep) -> tuple[list[MetricsRow], int]:
    rows = [r for r in result.at("group") if keep(r)]
    rows = sorted(rows, key=lambda r: (-r.calls, r.group.casefold()))[:MAX_BARS]
    return sorted(rows, key=lambda r: (value(r), r.group.casefold())), len(result.at("group"))


def _hbar_figure(n: int) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 0.32 * n + 1.1))
    return fig, fig.add_subplot()


def chart_advancement(result: MetricsResult) -> tuple[str, str] | None:
    """Advancement rate per group over the whole range, with the rate of all calls."""
    from matplotlib.ticker import PercentFormatter

    rows, n_groups = _bar_rows(result, lambda r: r.advancement_rate, lambda r: r.advancement_rate is not None)
    if not rows:
        return None
    fig, ax = _hbar_figure(len(rows))
    y = range(len(rows))
    ax.barh(y, [r.advancement_rate for r in rows], color="C0")
    ax.set_yticks(y, [r.group for r in rows])
    for i, r in enumerate(rows):
        ax.annotate(f"{r.advancement_rate:.0%} of {r.advanced_known}", (r.advancement_rate, i),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    overall = result.overall.advancement_rate
    if overall is not None:
        ax.axvline(overall, color="0.3", ls="--", lw=1, label=f"all calls {overall:.0%}")
        ax.legend(loc="lower right", frameon=False)
    ax.set_xlim(0, 1.12)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("calls that advanced toward a meeting or demo")
    caption = "Share of calls with a known outcome that advanced, over the whole range."
    if len(rows) < n_groups:
        caption += f" {len(rows)} of {n_groups} groups drawn."
    return _svg(fig), caption


def chart_talk_ratio(result: MetricsResult) -> tuple[str, str] | None:
    """Each group's median rep talk ratio against the top-rep band and the average-rep range."""
    from matplotlib.ticker import PercentFormatter

    band = BAND_BY_FEATURE["talk_ratio_rep"]
    rows, n_groups = _bar_rows(result, lambda r: r.medians["talk_ratio_rep"],
                               lambda r: r.medians.get("talk_ratio_rep") is not None)
    if not rows:
        return None
    fig, ax = _hbar_figure(len(rows))
    ax.axvspan(band.low, band.high, color="#2e7d32", alpha=0.15,
               label=f"top reps: {band.low:.0%}-{band.high:.0%}")
    ax.axvline(F.TALK_RATIO_TOP, color="#2e7d32", lw=1.2, label=F.pct(F.TALK_RATIO_TOP))
    ax.axvspan(*F.TALK_RATIO_AVERAGE, color="0.5", alpha=0.15,
               label=f"average reps: {F.span(F.TALK_RATIO_AVERAGE, '%')}")
    y = range(len(rows))
    values = [r.medians["talk_ratio_rep"] for r in rows]
    colors = ["#2e7d32" if band.status(v) == "within" else "#c77700" for v in values]
    ax.barh(y, values, color=colors, height=0.6)
    ax.set_yticks(y, [r.group for r in rows])
    for i, v in enumerate(values):
        ax.annotate(f"{v:.0%}", (v, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("median share of the call the rep talks")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    caption = f"Median rep talk ratio per group. {band.text}"
    if len(rows) < n_groups:
        caption += f" {len(rows)} of {n_groups} groups drawn."
    return _svg(fig), caption


def render_metrics_html(result: MetricsResult, *, title: str = "Call metrics") -> str:
    """The metrics page as one HTML string (UTF-8, self-contained)."""
    import matplotlib

    charts = []
    with matplotlib.rc_context(_RC):
        for heading, make in (("Quality conversations", chart_quality_conversations),
                              ("Advancement rate", chart_advancement),
                              (f"Rep talk ratio against the {F.pct(F.TALK_RATIO_TOP)} band", chart_talk_ratio)):
            drawn = make(result)
            if drawn is not None:
                charts.append({"heading": heading, "svg": drawn[0], "caption": drawn[1]})
    return environment().get_template("metrics.html.j2").render(
        status_text=STATUS_TEXT, talk_top=F.pct(F.TALK_RATIO_TOP),
        title=title, result=result, options=result.options, summary=describe(result),
        overall=result.overall, bands=BANDS, charts=charts, ALL=ALL,
        group_rows=result.at("group"), cell_rows=result.at("group-period"),
        period_rows=result.at("period"), by_label=" + ".join(result.options.by))


__all__ = ["chart_advancement", "chart_quality_conversations", "chart_talk_ratio", "render_metrics_html"]
