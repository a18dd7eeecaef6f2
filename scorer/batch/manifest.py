"""Call metadata for batch runs: a manifest CSV and/or a file-name pattern.

A manifest is a CSV file (UTF-8, a BOM from Excel is fine) with a header row. It needs a
``call_id`` or a ``path`` column (or both) to say which call a row describes; the columns
``rep``, ``team``, ``date`` and ``direction`` are the standard ones, and every other
column travels as extra metadata into every output row, in the manifest's order.

A name pattern such as ``{date}_{rep}_{call_id}`` reads the same fields from each file's
name (without its extension). Where both are given, the manifest wins field by field.

Dates become ISO ``YYYY-MM-DD`` (``2026-11-03``, ``20261103`` and ``2026/11/03`` are
read) or an ISO datetime with a UTC offset (``2026-11-03T14:05:00+01:00``, ``...Z``).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from scorer.dates import parse_when
from scorer.errors import InputError
from scorer.files import read_csv
from scorer.readers import call_id_for

log = logging.getLogger("scorer")

STANDARD_FIELDS: tuple[str, ...] = ("rep", "team", "date", "direction")
KEY_FIELDS: tuple[str, ...] = ("call_id", "path")
DIRECTIONS: tuple[str, ...] = ("inbound", "outbound")

# Names an extra column may not take: they are columns of the scores table already.
RESERVED_COLUMNS: frozenset[str] = frozenset({
    "call_id", "source", "quality", "advanced", "advanced_probability", "model_version", "error",
    "duration_s", "timing", "talk_ratio_rep", "questions_rep", "open_questions_rep",
    "longest_monologue_rep_s", "longest_customer_story_s", "patience_rep_s",
    "interactivity_switches_per_min", "next_step_accepted", "content_key", "path", "roles"})

_CALL_ID = re.compile(r"^[^/\\\x00-\x1f]+$")
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)?\}")
_DATE_IN_NAME = r"\d{4}-?\d{2}-?\d{2}(?:T\d{2}[:.-]?\d{2}(?:[:.-]?\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"


class ManifestError(InputError):
    """The manifest or the name pattern cannot be used (a usage error: exit status 2)."""


@dataclass(frozen=True, slots=True)
class CallInfo:
    """Who a call is: its id (names its output files) and its metadata.

    ``metadata`` always holds the standard fields (``None`` when unknown) and the extra
    columns of the manifest and pattern. ``note`` says why metadata is missing, if it is.
    """

    call_id: str
    metadata: Mapping[str, str | None]
    note: str | None = None


def normalise_date(value: str) -> str:
    """``value`` as ISO ``YYYY-MM-DD`` or an ISO datetime with offset; ``ValueError`` if neither."""
    try:
        moment = parse_when(value)
    except ValueError:
        raise ValueError(f"cannot read date {value!r}; write it as YYYY-MM-DD (2026-11-03) or as an "
                         "ISO datetime with UTC offset (2026-11-03T14:05:00+01:00)") from None
    if not isinstance(moment, dt.datetime):
        return moment.isoformat()
    if moment.tzinfo is None:
        raise ValueError(f"datetime {value!r} has no UTC offset; add one (2026-11-03T14:05:00+01:00 "
                         "or ...Z) or give the date only (2026-11-03)")
    return moment.isoformat()


def normalise_direction(value: str) -> str:
    text = value.strip().lower()
    if text not in DIRECTIONS:
        raise ValueError(f"unknown direction {value!r}; expected one of: {', '.join(DIRECTIONS)}")
    return text


def _clean(name: str, value: str | None) -> str | None:
    """A metadata value as stored: stripped, empty -> None, dates and directions normalised."""
    if value is None or not value.strip():
        return None
    if name == "date":
        return normalise_date(value)
    if name == "direction":
        return normalise_direction(value)
    return value.strip()


@dataclass(frozen=True, slots=True)
class Manifest:
    """Rows of a manifest file, keyed by call id and by resolved path."""

    path: Path
    columns: tuple[str, ...]                       # standard and extra metadata columns, in file order
    rows: tuple[Mapping[str, str | None], ...]     # each with call_id/path as given and cleaned metadata
    by_call_id: Mapping[str, int] = field(default_factory=dict)
    by_path: Mapping[Path, int] = field(default_factory=dict)

    @property
    def extra_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in STANDARD_FIELDS)

    def paths(self) -> tuple[Path, ...]:
        """Input files named in the ``path`` column, resolved against the manifest's folder."""
        return tuple(_resolve(self.path, row["path"])[0] for row in self.rows if row.get("path"))


def _resolve(manifest_path: Path, value: str) -> tuple[Path, Path]:
    """A relative path read against the manifest's folder, and against the working folder."""
    raw = Path(value).expanduser()
    if raw.is_absolute():
        return raw.resolve(), raw.resolve()
    return (manifest_path.parent / raw).resolve(), raw.resolve()


def read_manifest(path: Path | str) -> Manifest:
    """Read and check a manifest CSV; ``ManifestError`` names the row and the fix."""
    path = Path(path)
    table = read_csv(path, "manifest", ManifestError)
    if not table:
        raise ManifestError(f"{path}: manifest is empty; it needs a header row with call_id or path")
    header = [(name or "").strip().lower() for name in table[0]]
    if len(set(header)) != len(header) or "" in header:
        raise ManifestError(f"{path}: manifest header has empty or repeated column names: {header}")
    if not set(KEY_FIELDS) & set(header):
        raise ManifestError(f"{path}: manifest needs a call_id or a path column; found: {', '.join(header)}")
    reserved = sorted(c for c in header if c in RESERVED_COLUMNS and c not in KEY_FIELDS)
    if reserved:
        raise ManifestError(f"{path}: manifest columns {', '.join(reserved)} are names of score columns; "
                            "rename them")
    columns = tuple(c for c in header if c not in KEY_FIELDS)
    rows: list[dict[str, str | None]] = []
    by_call_id: dict[str, int] = {}
    by_path: dict[Path, int] = {}
    for line_no, raw in enumerate(table[1:], start=2):
        if len(raw) > len(header):
            raise ManifestError(f"{path}: line {line_no}: more cells than header columns")
        cells = dict(zip(header, raw + [""] * (len(header) - len(raw))))
        if not any(v.strip() for v in cells.values()):
            continue
        row: dict[str, str | None] = {}
        for name in KEY_FIELDS:
            row[name] = (cells.get(name) or "").strip() or None
        if not row["call_id"] and not row["path"]:
            raise ManifestError(f"{path}: line {line_no}: give a call_id or a path")
        if row["call_id"] and (not _CALL_ID.match(row["call_id"]) or row["call_id"].startswith(".")):
            raise ManifestError(f"{path}: line {line_no}: call_id {row['call_id']!r} cannot name a file; "
                                "use letters, digits, '-' or '_' (no '/' and no leading '.')")
        for name in columns:
            try:
                row[name] = _clean(name, cells.get(name))
            except ValueError as exc:
                raise ManifestError(f"{path}: line {line_no}: {exc}") from None
        index = len(rows)
        if row["call_id"]:
            if row["call_id"] in by_call_id:
                raise ManifestError(f"{path}: line {line_no}: call_id {row['call_id']!r} appears twice")
            by_call_id[row["call_id"]] = index
        if row["path"]:
            for resolved in dict.fromkeys(_resolve(path, row["path"])):
                if resolved in by_path and by_path[resolved] != index:
                    raise ManifestError(f"{path}: line {line_no}: path {row['path']!r} appears twice")
                by_path[resolved] = index
        rows.append(row)
    return Manifest(path, columns, tuple(rows), by_call_id, by_path)


@dataclass(frozen=True, slots=True)
class NamePattern:
    """A file-name pattern like ``{date}_{rep}_{call_id}``; ``{}`` matches and ignores a part."""

    pattern: str
    fields: tuple[str, ...]
    regex: re.Pattern[str]

    def match(self, stem: str) -> dict[str, str] | None:
        m = self.regex.fullmatch(stem)
        return None if m is None else {k: v for k, v in m.groupdict().items() if not k.startswith("_")}


def parse_name_pattern(pattern: str) -> NamePattern:
    """Compile a pattern; ``ManifestError`` when it names no field or repeats one."""
    parts: list[str] = []
    fields: list[str] = []
    pos = 0
    for n, m in enumerate(_FIELD.finditer(pattern)):
        parts.append(re.escape(pattern[pos:m.start()]))
        name = (m[1] or "").lower()
        if name in fields:
            raise ManifestError(f"name pattern {pattern!r} names {{{name}}} twice")
        if name and name in RESERVED_COLUMNS and name != "call_id":
            raise ManifestError(f"name pattern {pattern!r}: {{{name}}} is a score column; "
                                f"use call_id, {', '.join(STANDARD_FIELDS)} or another name")
        group = name or f"_{n}"
        body = _DATE_IN_NAME if name == "date" else ".+?"
        parts.append(f"(?P<{group}>{body})")
        if name:
            fields.append(name)
        pos = m.end()
    parts.append(re.escape(pattern[pos:]))
    if re.search(r"[{}]", _FIELD.sub("", pattern)):
        raise ManifestError(f"name pattern {pattern!r} has an unmatched brace or a field name that is "
                            "not a plain word; fields look like {rep}")
    if not fields:
        raise ManifestError(f"name pattern {pattern!r} has no {{field}}; "
                            "for example '{date}_{rep}_{call_id}'")
    return NamePattern(pattern, tuple(fields), re.compile("".join(parts)))


@dataclass
class CallCatalog:
    """Turns each input file into a ``CallInfo`` from a manifest and/or a name pattern.

    Keeps which manifest rows were used, so that rows naming no input can be reported.
    """

    manifest: Manifest | None = None
    pattern: NamePattern | None = None
    _used: set[int] = field(default_factory=set, init=False, repr=False)

    @property
    def extra_columns(self) -> tuple[str, ...]:
        """Extra metadata columns, manifest order first, then the pattern's."""
        names = list(self.manifest.extra_columns if self.manifest else ())
        names += [f for f in (self.pattern.fields if self.pattern else ())
                  if f not in STANDARD_FIELDS and f != "call_id" and f not in names]
        return tuple(names)

    def resolve(self, path: Path) -> CallInfo:
        metadata: dict[str, str | None] = {name: None for name in STANDARD_FIELDS + self.extra_columns}
        call_id = call_id_for(path)
        notes: list[str] = []
        if self.pattern is not None:
            found = self.pattern.match(path.stem)
            if found is None:
                notes.append(f"name does not match --name-pattern {self.pattern.pattern!r}")
            else:
                try:
                    cleaned = {k: _clean(k, v) for k, v in found.items()}
                except ValueError as exc:
                    notes.append(f"name pattern: {exc}")
                else:
                    call_id = cleaned.pop("call_id", None) or call_id
                    metadata.update(cleaned)
        if self.manifest is not None:
            index = self._row_index(path, call_id)
            if index is None:
                notes.append(f"no row in manifest {self.manifest.path}")
            else:
                self._used.add(index)
                row = self.manifest.rows[index]
                call_id = row["call_id"] or call_id
                metadata.update({k: v for k, v in row.items() if k not in KEY_FIELDS and v is not None})
        note = f"{path}: " + "; ".join(notes) + " (metadata left empty)" if notes else None
        return CallInfo(call_id, metadata, note)

    def _row_index(self, path: Path, call_id: str) -> int | None:
        assert self.manifest is not None
        index = self.manifest.by_path.get(path.resolve())
        if index is None:
            index = self.manifest.by_call_id.get(call_id)
            # A row that names a path belongs to that file only, even if its call_id matches.
            if index is not None and self.manifest.rows[index]["path"]:
                index = None
        return index

    def unused_rows(self) -> list[str]:
        """Manifest rows (call_id or path) that no resolved input matched, in file order."""
        if self.manifest is None:
            return []
        return [row["call_id"] or row["path"] or "?" for i, row in enumerate(self.manifest.rows)
                if i not in self._used]


def load_catalog(manifest: Path | str | None = None, name_pattern: str | None = None) -> CallCatalog:
    """Build the catalog for ``--manifest`` and ``--name-pattern`` (either, both or neither)."""
    return CallCatalog(read_manifest(manifest) if manifest else None,
                       parse_name_pattern(name_pattern) if name_pattern else None)
