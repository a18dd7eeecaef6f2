"""Writing the reports: one page per call under ``OUT/calls/`` and ``OUT/index.html``.

This is the I/O edge of the report package: it finds and reads score files, the optional
scores table, checks whether each recording is there, and writes every page atomically.
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from scorer.errors import InputError, OptionsError, ScorerError
from scorer.asr.decode import AUDIO_EXTENSIONS
from scorer.report.bands import BEHAVIOUR_COLUMNS
from scorer.redact import RedactOptions
from scorer.report.privacy import redact_record, redacted_recording
from scorer.report.inputs import (TABLE_SUFFIXES, CallRecord, find_score_files, load_score,
                                  read_scores_table, team_medians)
from scorer.report.render import AudioLink, render_call_page, render_index
from scorer.files import write_atomic

log = logging.getLogger("scorer")

#: Recording extensions a page offers a player for (what Chromium and Firefox can decode).
CALLS_DIR = "calls"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How reports are built.

    - ``team_scores``: a scores table (``scores.csv``, ``.jsonl`` or SQLite) whose medians
      each call is compared with: the call's team when the table has rows of that team,
      otherwise all calls. Default ``None``: published bands only.
    - ``audio``: add an audio player when the call's recording is found. Default ``True``.
    - ``title``: heading of ``index.html``. Default ``"Call reports"``.
    - ``redact``: remove personal data from every page (transcript, moments, reasons) and
      play only a redacted recording (``callscore redact``). Default ``None``; a call that
      ``callscore score --redact`` scored plays only its redacted recording either way.
    """

    team_scores: Path | str | None = None
    audio: bool = True
    title: str = "Call reports"
    redact: RedactOptions | None = None

    def validate(self) -> ReportOptions:
        """Check every field; raise ``ValueError`` naming the field and the valid values."""
        if self.team_scores is not None:
            if not isinstance(self.team_scores, (str, Path)):
                raise OptionsError(f"team_scores must be a path or None, got {type(self.team_scores).__name__}")
            if Path(self.team_scores).suffix.lower() not in TABLE_SUFFIXES:
                raise OptionsError(f"team_scores {str(self.team_scores)!r} has an unsupported extension; "
                                 f"expected one of: {', '.join(TABLE_SUFFIXES)}")
        if not isinstance(self.audio, bool):
            raise OptionsError(f"audio must be True or False, got {self.audio!r}")
        if not isinstance(self.title, str) or not self.title.strip():
            raise OptionsError("title must be a non-empty string")
        if self.redact is not None:
            self.redact.validate()
        return self


@dataclass(frozen=True, slots=True)
class CallPage:
    """One written page: ``audio`` is the recording it plays (``None``: no player)."""

    call_id: str
    path: Path
    score_path: Path
    audio: Path | None


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What ``build_reports`` wrote. ``skipped`` holds ``(file, message)`` for unreadable files."""

    index_path: Path
    pages: tuple[CallPage, ...]
    skipped: tuple[tuple[str, str], ...] = ()

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every file written: the call pages, then index.html."""
        return tuple(p.path for p in self.pages) + (self.index_path,)


def _page_name(call_id: str, taken: set[str]) -> str:
    # A call id can hold anything (slashes, dots, markup): keep file names to a safe alphabet.
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", call_id).strip("._") or "call"
    base = base[:100]
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name.lower())
    return f"{name}.html"


def find_recording(record: CallRecord) -> Path | None:
    """The call's recording as an existing audio file, or ``None``.

    The score's ``source`` (else the transcript's) is tried as given: absolute, relative to
    the current folder (where ``callscore score`` usually ran), then relative to the folder
    of the score file.
    """
    for source in dict.fromkeys(s for s in (record.source, record.transcript.source) if s):
        path = Path(source).expanduser()
        if path.suffix.lower() not in AUDIO_EXTENSIONS:
            continue
        candidates = [path] if path.is_absolute() else [Path.cwd() / path, record.path.parent / path]
        for candidate in candidates:
            if candidate.is_file():
                return candidate.resolve()
    return None


def _recording(record: CallRecord, options: ReportOptions) -> tuple[Path | None, str | None]:
    """The recording a page plays (the redacted copy for a redacted call) and a note when
    there is none to play."""
    if not options.audio:
        return None, None
    original = find_recording(record)
    if record.redaction is not None:
        redacted = redacted_recording(record, original)
        if redacted is None and (original is not None or _is_audio(record.source)):
            return None, ("The recording is not played: it still holds the personal data removed from "
                          "this page. Make a redacted copy with `callscore redact` next to it.")
        return redacted, None
    if original is None and _is_audio(record.source):
        return None, (f"The recording {record.source} was not found next to the score file or in the "
                      "folder the report was built from, so this page has no player.")
    return original, None


def _is_audio(source: str | None) -> bool:
    return bool(source) and Path(source).suffix.lower() in AUDIO_EXTENSIONS


def audio_link(recording: Path, page_dir: Path) -> AudioLink:
    """A link from a page in ``page_dir`` to ``recording``: relative (so the folder can move
    together with the recordings), or a ``file://`` URL across drives."""
    try:
        rel = os.path.relpath(recording, page_dir.resolve())
        url = quote(Path(rel).as_posix())
    except ValueError:      # another drive on Windows: no relative path exists
        url = recording.as_uri()
    return AudioLink(url=url, path=str(recording), name=recording.name)


def build_reports(paths: Iterable[Path | str], out_dir: Path | str,
                  options: ReportOptions = ReportOptions()) -> ReportResult:
    """Write ``out_dir/calls/<call>.html`` for every score file in ``paths`` (files or folders
    of ``*.score.json``) and ``out_dir/index.html`` listing them.

    A score file that cannot be read is logged, listed in ``ReportResult.skipped`` and on the
    index page, and the others go on; ``InputError`` when no file could be read at all.
    """
    options.validate()
    out_dir = Path(out_dir)
    files = find_score_files(list(paths))
    medians_rows = None
    if options.team_scores is not None:
        medians_rows = read_scores_table(options.team_scores)
        if not medians_rows:
            log.warning("%s: the scores table has no rows; team medians are left out", options.team_scores)
    records: list[CallRecord] = []
    skipped: list[tuple[str, str]] = []
    for path in files:
        try:
            records.append(load_score(path))
        except ScorerError as exc:
            log.warning("%s", exc)
            skipped.append((str(path), str(exc)))
    if not records:
        raise InputError(f"none of the {len(files)} score file(s) could be read; first error: "
                         f"{skipped[0][1]}")
    redactor = None
    if options.redact is not None:
        from scorer.redact import Redactor

        redactor = Redactor(options.redact)
        records = [redact_record(r, redactor) for r in records]
    page_dir = out_dir / CALLS_DIR
    taken: set[str] = set()
    pages: list[CallPage] = []
    hrefs: list[str] = []
    for record in records:
        name = _page_name(record.call_id, taken)
        recording, note = _recording(record, options)
        medians = (team_medians(medians_rows, record.metadata.get("team"), BEHAVIOUR_COLUMNS)
                   if medians_rows else None)
        html = render_call_page(record, medians=medians, audio_note=note,
                                audio=audio_link(recording, page_dir) if recording else None)
        page = write_atomic(page_dir / name, html)
        pages.append(CallPage(call_id=record.call_id, path=page, score_path=record.path, audio=recording))
        hrefs.append(f"{CALLS_DIR}/{quote(name)}")
    index = write_atomic(out_dir / "index.html", render_index(
        records, hrefs, title=options.title, skipped=skipped,
        team_scores=None if options.team_scores is None else Path(options.team_scores).name))
    log.info("wrote %d call page(s) and %s", len(pages), index)
    return ReportResult(index_path=index, pages=tuple(pages), skipped=tuple(skipped))
