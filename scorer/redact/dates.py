"""Dates of birth: a date is personal data only when the context says birth.

"Thursday March 3rd" for a meeting and "the contract renews June 1st" must survive, so
:class:`DobRecognizer` redacts a date (month and day, with or without a year; a numeric
date; a bare year after "born in") only after "born", "birth", "birthday", "DOB" in the
same line or the line before.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scorer.redact.context import context_start, result
from scorer.redact.numbers import MONTHS

_ORD_UNITS = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORDINAL = (rf"(?:twenty|thirty)[\s-]+(?:{_ORD_UNITS})|tenth|eleventh|twelfth|thirteenth|"
            rf"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
            rf"thirtieth|{_ORD_UNITS}")
_DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL})"
_YEAR = r"(?:(?:19|20)\d{2}|'\d{2}|\d{2})"
_MONTH = rf"(?:{MONTHS})\.?"
DATE_FORMS = [
    rf"\b{_MONTH}\s+(?:the\s+)?{_DAY}(?:,?\s+(?:of\s+)?{_YEAR})?\b",      # March 3rd, 1985
    rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",       # the 3rd of March 1985
    rf"\b{_MONTH},?\s+(?:19|20)\d{{2}}\b",                                  # March 1985
    rf"\b(?:19|20)\d{{2}},?\s+{_MONTH}\s+(?:the\s+)?{_DAY}\b",                 # 1988, May 5th
    r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b",                        # 03/14/1985
    r"\b(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)?\d{2}\b",        # 031485, 03141985
    r"\b(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}\b",                         # 1985-03-14
    r"\b[1-9](?:0[1-9]|[12]\d|3[01])(?:19|20)?\d{2}\b",                     # 71482 (spoken 7 14 82)
    r"\b\d{1,2} \d{1,2} (?:19|20)?\d{2}\b",                                  # 03 14 1985
    r"\b\d{1,2}/\d{1,2}\b",                                                 # 7/14 (no year)
]
DATE = re.compile("|".join(f"(?:{f})" for f in DATE_FORMS), re.IGNORECASE)
YEAR_AFTER_BORN = re.compile(r"\bborn\s+(?:in\s+)?((?:19|20)\d{2}|'\d{2})\b", re.IGNORECASE)
BIRTH = re.compile(r"\b(?:born|birth\w*|b-?day|dob|d\.?\s?o\.?\s?b\.?|date of birth)\b", re.IGNORECASE)
# Words between "born" and a date that show it is not the person's own birth date.
_NOT_OWN = re.compile(r"\b(?:meeting|demo|call|renew\w*|contract|deliver\w*|ship\w*|invoice|"
                      r"due|start\w*|launch\w*|schedul\w*|book\w*)\b", re.IGNORECASE)


class DobRecognizer(EntityRecognizer):
    """Dates (and a year after "born in") with a birth word before them (score 0.85)."""

    SCORE = 0.85

    def __init__(self) -> None:
        super().__init__(supported_entities=["DATE_OF_BIRTH"], name="DobRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        for m in DATE.finditer(text):
            if _birth_context(text, m.start()):
                out.append(result(self, "DATE_OF_BIRTH", m.start(), m.end(), self.SCORE, "birth"))
        for m in YEAR_AFTER_BORN.finditer(text):
            out.append(result(self, "DATE_OF_BIRTH", m.start(1), m.end(1), self.SCORE, "born in"))
        return out


def _birth_context(text: str, start: int) -> bool:
    lo = context_start(text, start, lines=2, max_chars=240)
    window = text[lo:start]
    hits = list(BIRTH.finditer(window))
    if not hits:
        return False
    between = window[hits[-1].end():]
    return not _NOT_OWN.search(between)
