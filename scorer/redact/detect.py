"""Detection over one text: Presidio on the original and on the normalised text, spans
mapped back to the original, widened to whole words, and merged.

The text is usually a whole call, one utterance a line, so that context words in the
question before an answer count ("what's the card number?" / "four one one one ...").
The original is analysed with the spaCy pipeline (names need its tags and entities); the
normalised text (spoken numbers and addresses written out) with the pattern recognizers
only, over a tokenizer-only ``Doc``. A name found once is redacted wherever it recurs in
the same text.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scorer.redact.context import is_lookalike
from scorer.redact.names import COMPANY_WORDS, WORD, _is_cased, _line_of, is_name_word
from scorer.redact.numbers import DIGIT_RUN, ID_CODE
from scorer.redact.spoken import Normalised, normalise

#: Minimum score per type; Presidio's phone matcher scores 0.4 without a context word.
MIN_SCORE = 0.4
# Which type wins where two detections overlap: the more specific one first.
_PRIORITY = ("CARD", "IBAN", "EMAIL", "IP_ADDRESS", "SSN", "CARD_EXPIRY", "CVV", "ROUTING_NUMBER",
             "BANK_ACCOUNT", "PASSPORT", "DRIVER_LICENSE", "DATE_OF_BIRTH", "PHONE", "POSTCODE",
             "ADDRESS", "NAME")


@dataclass(frozen=True, slots=True)
class Span:
    """A detected entity: ``text[start:end]`` of the analysed text (end exclusive)."""

    entity_type: str
    start: int
    end: int
    score: float
    source: str  # "original", "normalised" or "recurrence"
    why: str = ""  # the recognizer's reason ("introduced", "spaCy PERSON", "context word", ...)


def detect(analyzer: AnalyzerEngine, text: str, types: Iterable[str],
           known_names: Iterable[str] = ()) -> list[Span]:
    """Entities of ``types`` in ``text``, whole words, merged, in text order.

    ``known_names`` are names known to occur (speaker names from the transcript file);
    they and every name found are redacted wherever they recur.
    """
    types = tuple(types)
    if not text.strip():
        return []
    spans = [_span(r, "original") for r in analyzer.analyze(text, language="en", entities=list(types))]
    norm = normalise(text)
    pattern_types = [t for t in types if t != "NAME"]
    if norm.changed and pattern_types:
        artifacts = tokenizer_artifacts(analyzer, norm.text)
        for r in analyzer.analyze(norm.text, language="en", entities=pattern_types,
                                  nlp_artifacts=artifacts):
            start, end = norm.source_span(r.start, r.end)
            spans.append(dataclasses.replace(_span(r, "normalised"), start=start, end=end))
    spans = [s for s in spans if s.score >= MIN_SCORE and s.entity_type in types
             and not spoken_amount(text, s)]
    spans += pieces(text, norm, spans)
    spans += repeats(text, norm, spans)
    if "NAME" in types:
        names = [text[s.start:s.end] for s in spans if s.entity_type == "NAME"] + list(known_names)
        spelled = spellings(text, names)
        names += [text[s.start:s.end] for s in spelled if s.why == "spelled word"]
        spans += spelled + recurrences(text, names)
    return merge([widen(text, s) for s in split_lines(text, spans)], text)


def _span(r: RecognizerResult, source: str) -> Span:
    meta = r.recognition_metadata or {}
    return Span(r.entity_type, r.start, r.end, r.score, source,
                str(meta.get("why") or meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")))


def tokenizer_artifacts(analyzer: AnalyzerEngine, text: str) -> NlpArtifacts:
    """Presidio artifacts from spaCy's tokenizer alone (lower-case words as lemmas): enough
    for the context words of the pattern recognizers, at a fraction of the pipeline's cost."""
    engine = analyzer.nlp_engine
    doc = engine.nlp["en"].make_doc(text)
    return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                        lemmas=[t.lower_ for t in doc], nlp_engine=engine, language="en")


# Types whose values are read back ("that's N, zero four eight ..."): digits or a code.
_REPEATABLE = ("CARD", "PHONE", "BANK_ACCOUNT", "ROUTING_NUMBER", "SSN", "IBAN", "PASSPORT",
               "DRIVER_LICENSE", "POSTCODE", "IP_ADDRESS", "CARD_EXPIRY", "CVV")


def _key(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def repeats(text: str, norm: Normalised, spans: list[Span]) -> list[Span]:
    """Numbers and codes equal to one already detected, wherever they recur (a rep reading
    a number back, often two lines after the question that gave its context)."""
    known: dict[str, str] = {}
    for s in spans:
        if s.entity_type in _REPEATABLE:
            key = _key(normalise(text[s.start:s.end]).text)
            if len(key) >= 3 and sum(c.isdigit() for c in key) >= 3:
                known.setdefault(key, s.entity_type)
    if not known:
        return []
    out = []
    for pattern in (DIGIT_RUN, ID_CODE):
        for m in pattern.finditer(norm.text):
            etype = known.get(_key(m.group()))
            if etype and not is_lookalike(norm.text, m.start(), m.end()):
                start, end = norm.source_span(m.start(), m.end())
                out.append(Span(etype, start, end, 0.8, "normalised", "repeated"))
    return out


#: Identifiers are read digit by digit, never as amounts: "eighteen thousand six hundred" is
#: a price, whatever the context word before it (phone numbers say "eight hundred").
_AMOUNT_WORDS = re.compile(r"\b(?:thousand|hundred|million)\b", re.IGNORECASE)
_NEVER_AMOUNTS = ("CARD", "CVV", "SSN", "BANK_ACCOUNT", "ROUTING_NUMBER", "POSTCODE", "CARD_EXPIRY")


def spoken_amount(text: str, s: Span) -> bool:
    """Is ``s`` a number spoken as an amount where its type is never one?"""
    found = _AMOUNT_WORDS.search(text, s.start, s.end)
    return bool(found) and (s.entity_type in _NEVER_AMOUNTS
                            or (s.entity_type == "PHONE" and found.group().lower() != "hundred"))


# Types read in pieces or corrected a group at a time.
_PIECE_TYPES = ("CARD", "BANK_ACCOUNT", "ROUTING_NUMBER", "SSN", "PHONE", "DRIVER_LICENSE", "PASSPORT")
#: How far (in lines) a piece may be from the whole number it belongs to.
PIECE_LINES = 4
# What may stand between two digit groups of one piece: "77, um, 38".
_PIECE_GAP = re.compile(r"[ \t,;]*(?:(?:uh|um|er|erm|ah|mm|mhm|and|then)[ \t,;]+)*", re.IGNORECASE)
# A line that talks about one group of a number: "the third group is ...", "last four are".
_GROUP_TALK = re.compile(r"\b(?:group|block|set|chunk|part|bit|digits|(?:first|last|middle|next|final) "
                         r"(?:four|4|five|5|six|6))\b", re.IGNORECASE)


def pieces(text: str, norm: Normalised, spans: list[Span]) -> list[Span]:
    """Parts of a number found whole within ``PIECE_LINES`` lines: the halves of a card
    read across two turns ("forty one eleven, thirty six eighty seven" / "mm-hmm" / ...)
    before the rep reads it back whole, and a corrected group ("no, the third group is
    three eight four oh"). A part has at least six digits, or four where the line speaks
    of a group; a corrected group in a line that speaks of one is a card's when a card was
    read in the lines before."""
    known = [(re.sub(r"\D", "", normalise(text[s.start:s.end]).text), s.entity_type,
              text.count("\n", 0, s.start)) for s in spans if s.entity_type in _PIECE_TYPES]
    known = [k for k in known if len(k[0]) >= 6]
    if not known:
        return []
    out = []
    for chain in _digit_chains(norm.text):
        digits = "".join(re.sub(r"\D", "", norm.text[a:b]) for a, b in chain)
        line_no = norm.text.count("\n", 0, chain[0][0])
        line = _line_at(norm.text, chain[0][0])
        grouped = bool(_GROUP_TALK.search(line))
        if len(digits) < (4 if grouped else 6):
            continue
        near = [(value, etype) for value, etype, at in known if abs(at - line_no) <= PIECE_LINES]
        etype = next((t for value, t in near if digits in value), None)
        if etype is None and grouped and len(digits) == 4:
            etype = next((t for value, t, at in known if t == "CARD" and 0 < line_no - at <= PIECE_LINES), None)
        if etype is None:
            continue
        for a, b in chain:
            start, end = norm.source_span(a, b)
            out.append(Span(etype, start, end, 0.8, "normalised", "piece of a number"))
    return out


def _digit_chains(text: str) -> list[list[tuple[int, int]]]:
    """Digit groups of one line, joined where only fillers stand between them."""
    chains: list[list[tuple[int, int]]] = []
    for m in DIGIT_RUN.finditer(text):
        if is_lookalike(text, m.start(), m.end()):
            continue
        if chains and _PIECE_GAP.fullmatch(text, chains[-1][-1][1], m.start()):
            chains[-1].append((m.start(), m.end()))
        else:
            chains.append([(m.start(), m.end())])
    return chains


def _line_at(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:] if end < 0 else text[start:end]


def recurrences(text: str, names: Iterable[str]) -> list[Span]:
    """Every whole-word mention of each name word in ``text``: in capitals in cased lines,
    in any case in lower-case lines (Whisper without punctuation), accents ignored
    ("Tomás" / "tomas"); not where the word names a firm ("Kowalski Heating",
    "Chen & Albright", "from Reilly")."""
    words = {fold(w.lower()) for name in names for w in WORD.findall(name) if is_name_word(w)}
    words = {w[:-2] if w.endswith("'s") else w for w in words}
    if not words:
        return []
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True))
                         + r")\b", re.IGNORECASE)
    folded = fold(text)
    out = []
    for m in pattern.finditer(folded):
        if m.group()[0].islower() and _is_cased(_line_of(text, m.start())):
            continue
        if _FIRM_AFTER.match(text, m.end()) or _FIRM_BEFORE.search(text[max(0, m.start() - 25):m.start()]):
            continue
        out.append(Span("NAME", m.start(), m.end(), 0.6, "recurrence", "recurrence"))
    return out


_SPELLED = re.compile(r"(?<![\w'])(?:[^\W\d_][ ,.-]+){2,}[^\W\d_](?![\w'])")


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'-]*)[\s,.:;-]*(?:(?:that's|that is|it's|so|like)[\s,]+)?$",
                          re.IGNORECASE)


def spellings(text: str, names: Iterable[str]) -> list[Span]:
    """A name spelled out letter by letter: one already found, or the word just before the
    letters ("piet, p i e t": people spell names, not ordinary words)."""
    words = {fold(w.lower()) for name in names for w in WORD.findall(name) if is_name_word(w)}
    out = []
    for m in _SPELLED.finditer(text):
        letters = fold("".join(c for c in m.group() if c.isalpha()).lower())
        before = _WORD_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        if before and fold(before.group(1).lower()) == letters and is_name_word(before.group(1)):
            at = m.start() - (len(text[max(0, m.start() - 40):m.start()]) - before.start(1))
            out.append(Span("NAME", at, at + len(before.group(1)), 0.6, "recurrence", "spelled word"))
            words.add(letters)
        if letters in words:
            out.append(Span("NAME", m.start(), m.end(), 0.6, "recurrence", "spelled"))
    return out


_FIRM_AFTER = re.compile(rf"(?:\s*(?:&|and)\s+[A-Z])|\s+(?i:{COMPANY_WORDS})\b")
_FIRM_BEFORE = re.compile(r"\b(?:from|at|calling|with)\s+$", re.IGNORECASE)


def fold(text: str) -> str:
    """``text`` with accents removed, character for character (same length)."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(c: str) -> str:
    if c.isascii():
        return c
    base = unicodedata.normalize("NFKD", c)[:1]
    return base if base.isalpha() and len(base) == 1 else c


def split_lines(text: str, spans: list[Span]) -> list[Span]:
    """Spans cut at line breaks: one line is one utterance, and no redaction crosses two."""
    out = []
    for s in spans:
        start = s.start
        while True:
            nl = text.find("\n", start, s.end)
            end = s.end if nl < 0 else nl
            if text[start:end].strip():
                out.append(dataclasses.replace(s, start=start, end=end))
            if nl < 0:
                break
            start = nl + 1
    return out


def widen(text: str, s: Span) -> Span:
    """``s`` widened to whole words (letters and digits; not trailing punctuation) and
    trimmed of surrounding spaces and punctuation."""
    start, end = s.start, s.end
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return dataclasses.replace(s, start=start, end=end)


def _rank(s: Span) -> tuple[float, int]:
    return (s.score, -_PRIORITY.index(s.entity_type) if s.entity_type in _PRIORITY else -99)


def merge(spans: list[Span], text: str) -> list[Span]:
    """Overlapping spans joined into one (typed by the higher score, then the more specific
    type); spans of one type separated only by spaces or commas joined too."""
    spans = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, -s.end))
    out: list[Span] = []
    for s in spans:
        if out:
            last = out[-1]
            gap = text[last.end:s.start] if s.start >= last.end else ""
            overlaps = s.start < last.end
            # "Sandra, Kevin": two names; "27, uh, 75": one number.
            joiner = r" ?" if s.entity_type == "NAME" else r"[ ,\-]{0,3}(?:(?i:uh|um|er|erm|ah)[ ,\-]{1,3})?"
            adjacent = (s.entity_type == last.entity_type and s.start >= last.end
                        and re.fullmatch(joiner, gap) is not None)
            if overlaps or adjacent:
                best = max(last, s, key=_rank)
                out[-1] = dataclasses.replace(best, start=last.start, end=max(last.end, s.end),
                                              score=max(last.score, s.score))
                continue
        out.append(s)
    return out
