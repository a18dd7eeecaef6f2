"""Coaching reports: one self-contained HTML page per scored call, and an index.

    from scorer.report import ReportOptions, build_reports
    result = build_reports(["out/"], "out/report", ReportOptions(team_scores="out/scores.csv"))
    print(result.index_path)

Pages work from ``file://`` with no network: CSS and JS are inline, the recording is linked
by a relative path. Everything taken from a score file is HTML-escaped (Jinja2 autoescape),
and a Content Security Policy lets only the package's own inline script run.
"""
from __future__ import annotations

from scorer.report.bands import BEHAVIOURS, Behaviour, Zone
from scorer.report.build import (AUDIO_EXTENSIONS, CallPage, ReportOptions, ReportResult,
                                 build_reports, find_recording)
from scorer.report.inputs import (CallRecord, Reason, TeamMedians, find_score_files, load_score,
                                  read_scores_table, team_medians)
from scorer.report.render import render_call_page, render_index

__all__ = ["AUDIO_EXTENSIONS", "BEHAVIOURS", "Behaviour", "CallPage", "CallRecord", "Reason",
           "ReportOptions", "ReportResult", "TeamMedians", "Zone", "build_reports",
           "find_recording", "find_score_files", "load_score", "read_scores_table",
           "render_call_page", "render_index", "team_medians"]
