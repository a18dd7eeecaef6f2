"""Numbers that are PII because of what is said around them.

A run of digits is a card, an expiry date, a CVV, an SSN, a routing or account number, a
phone number or a zip code depending on the words before it ("the security code is ...",
or the rep's question on the line before). :class:`ContextNumberRecognizer` types each
digit run by its nearest context word whose shape fits (a CVV has 3-4 digits, a routing
number 9, ...); :class:`IdCodeRecognizer` does the same for letter-and-digit codes
(passport, driver's licence, IBAN). :class:`SsnPatternRecognizer` and
:class:`ExpiryPatternRecognizer` catch the forms that need no context ("123-45-6789",
"exp 09/28"). All run on the normalised text too, where "four one one one" is "4111".
"""
from __future__ import annotations

import re
from typing import Callable

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scorer.redact.context import is_lookalike, keywords_before, last_four_before, result
from scorer.redact.places import STATE_CODES, US_STATES

# Digit groups joined by one space, dash, dot or slash: "4111 1111", "555-212-4477", "09/28".
DIGIT_RUN = re.compile(r"(?<![\w.,/$£€#-])\d+(?:(?:[ \-./]| - )\d+)*(?![\w]|[.,/-]\d)")
# Letter-and-digit codes: "X1234567", "D123-4567-8901", "GB82 WEST 1234 5698 7654 32", "c 1234567".
# Groups after the first hold a digit, or are at most four letters and no common word
# ("GB82 WEST 1234", not "2024 Model 3 is").
ID_CODE = re.compile(r"(?<![\w'’-])(?:[A-Za-z](?:,[ ]|[ -])?){0,7}\d[\dA-Za-z]*"
                     r"(?:[ -](?:[A-Za-z]*\d[\dA-Za-z]*|(?!(?i:is|it|and|the|or|to|of|on|in|at|so|my|was|for)\b)"
                     r"[A-Za-z]{1,4})){0,8}"
                     r"(?![\w])")
# A North American number written or spoken in its groups: "555-212-4477", "(555) 212 4477".
PHONE_SHAPE = re.compile(r"(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])")
SSN_DASHED = re.compile(r"(?<![\w-])\d{3}[- ]\d{2}[- ]\d{4}(?![\w-])")
EXPIRY = re.compile(r"(?<![\w/])(0?[1-9]|1[0-2])\s?[/-]\s?(\d{2}|20\d{2})(?![\w/])")


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _is_expiry(s: str) -> bool:
    """MM/YY, MM/YYYY, MMYY, MM YY, MMYYYY."""
    d = _digits(s)
    if EXPIRY.fullmatch(s.strip()):
        return True
    if len(d) in (4, 6) and 1 <= int(d[:2]) <= 12:
        return len(d) == 4 or d[2:4] == "20"
    if len(d) == 3 and d[0] != "0" and 1 <= int(d[0]) <= 9 and " " in s.strip():  # "9 28"
        return True
    return False


#: The digit shapes each type may have; ``last_four`` is true after "last four" / "ending in".
SHAPES: dict[str, Callable[[str, bool], bool]] = {
    "CARD": lambda s, last4: 12 <= len(_digits(s)) <= 19 or (last4 and len(_digits(s)) == 4),
    "CARD_EXPIRY": lambda s, last4: _is_expiry(s),
    "CVV": lambda s, last4: len(_digits(s)) in (3, 4) and not last4 and len(s.split()) <= 2,
    "SSN": lambda s, last4: len(_digits(s)) == 9 or (last4 and len(_digits(s)) == 4),
    # 9 digits (ABA), 6 (a sort code), 5 (a Canadian transit number), 8 (transit and institution)
    "ROUTING_NUMBER": lambda s, last4: len(_digits(s)) in (5, 6, 8, 9),
    "BANK_ACCOUNT": lambda s, last4: 5 <= len(_digits(s)) <= 18 or (last4 and len(_digits(s)) == 4),
    "PHONE": lambda s, last4: 7 <= len(_digits(s)) <= 15,
    "POSTCODE": lambda s, last4: len(_digits(s)) in (5, 9) or (len(_digits(s)) == 4 and " " not in s),
}
NUMBER_TYPES = tuple(SHAPES)


class ContextNumberRecognizer(EntityRecognizer):
    """Digit runs typed by the nearest context word whose shape fits (score 0.85)."""

    SCORE = 0.85

    def __init__(self) -> None:
        super().__init__(supported_entities=list(NUMBER_TYPES), name="ContextNumberRecognizer")

    def load(self) -> None:  # nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        for m in DIGIT_RUN.finditer(text):
            for start, end in _splits(m.group(), m.start()):
                etype = self.type_of(text, start, end, entities)
                if etype == "PHONE" and start > 0 and text[start - 1] == "+":
                    start -= 1  # "+44 ...", "plus four four ..."
                if etype:
                    out.append(result(self, etype, start, end, self.SCORE, "context word"))
        return out

    @staticmethod
    def type_of(text: str, start: int, end: int, entities: list[str]) -> str | None:
        """The type of ``text[start:end]`` from the context before it, or None."""
        s = text[start:end]
        if is_lookalike(text, start, end):
            return None
        last4 = last_four_before(text, start)
        for _distance, etype in keywords_before(text, start, NUMBER_TYPES):
            if etype in entities and SHAPES[etype](s, last4):
                return etype
        return None


def _splits(run: str, offset: int) -> list[tuple[int, int]]:
    """A digit run, and where it is long, its parts separated by " - " or spaces that
    could be separate answers ("4111 1111 1111 1111 0928 123"): the whole run first."""
    spans = [(offset, offset + len(run))]
    parts = [(m.start(), m.end()) for m in re.finditer(r"\d+(?:[\-./]\d+)*", run)]
    digits = len(_digits(run))
    if len(parts) > 1 and digits > 19:
        # A card followed by an expiry and a CVV in one breath: type the parts one by one.
        spans = [(offset + a, offset + b) for a, b in parts]
    return spans


class IdCodeRecognizer(EntityRecognizer):
    """Passport, driver's licence and IBAN codes after their context word (score 0.8)."""

    SCORE = 0.8
    TYPES = ("PASSPORT", "DRIVER_LICENSE", "IBAN")

    def __init__(self) -> None:
        super().__init__(supported_entities=list(self.TYPES), name="IdCodeRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        for m in ID_CODE.finditer(text):
            start, end = _trim_code(text, m.start(), m.end())
            code = text[start:end]
            for _distance, etype in keywords_before(text, start, self.TYPES, max_chars=160):
                if etype in entities and _code_fits(etype, code):
                    out.append(result(self, etype, start, end, self.SCORE, "context word"))
                    break
            else:
                if "DRIVER_LICENSE" in entities and _state_licence(text, start, code):
                    out.append(result(self, "DRIVER_LICENSE", start, end, self.SCORE, "state and licence"))
        return out


# "Illinois, H240-...", "he's texas 2481...", "Wisconsin: P613-...": the issuing state just before.
_STATE_LEAD = re.compile(rf"(?:\b(?i:{US_STATES})|\b(?:{STATE_CODES}))(?:[\s,:;-]+(?i:that's|that is|it's|"
                         rf"it is|is|number|no\.?))*[\s,:;-]*$")


def _state_licence(text: str, start: int, code: str) -> bool:
    """A licence code in a list read out after the licences were asked for: a state name
    right before it and a licence word within the last eight lines (the list of a fleet's
    drivers runs longer than the two lines other context words reach)."""
    if not _code_fits("DRIVER_LICENSE", code) or len(_digits(code)) < 6:
        return False
    if not _STATE_LEAD.search(text[max(0, start - 40):start]):
        return False
    return bool(keywords_before(text, start, ("DRIVER_LICENSE",), lines=8, max_chars=1200))


_COMMON_SHORT = {"a", "i", "is", "it", "its", "my", "the", "and", "or", "to", "of", "on", "in",
                 "at", "so", "ok", "uh", "um", "oh", "yes", "no", "me", "be", "we"}


def _trim_code(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop ordinary words caught at the edges of a code ("is 123" -> "123")."""
    words = text[start:end].split(" ")
    # Letters before the first digit: cut after the last ordinary word among them ("is 123",
    # "till 2027", "Model 3", "DL is 123-456-789"), keep spelled letters ("X J 4471920").
    lead = next((k for k, w in enumerate(words) if any(c.isdigit() for c in w)), len(words))
    bare = [w.strip(",.;:") for w in words]
    cut = max((k + 1 for k, w in enumerate(bare[:lead]) if (w.lower() in _COMMON_SHORT
               and not (k == lead - 1 and w == "A"))  # "A 1234567": a spelled A
               or (len(w) > 1 and w.isalpha() and not w.isupper())), default=0)
    if cut >= len(words):
        cut = 0
    for w in words[:cut]:
        start += len(w) + 1
    words = words[cut:]
    while words and (words[-1].lower() in _COMMON_SHORT or not any(c.isdigit() for c in words[-1])
                     and len(words[-1]) > 4) and len(words) > 1:
        end -= len(words.pop()) + 1
    return start, end


def _code_fits(etype: str, code: str) -> bool:
    alnum = re.sub(r"[^0-9A-Za-z]", "", code)
    digits = len(_digits(code))
    if etype == "PASSPORT":
        return 6 <= len(alnum) <= 10 and digits >= 5
    if etype == "DRIVER_LICENSE":
        # Washington's "WDLABCD456DG" has three digits in twelve characters
        return 5 <= len(alnum) <= 16 and (digits >= 4 or (len(alnum) >= 10 and digits >= 3))
    return (15 <= len(alnum) <= 34 and alnum[:2].isalpha() and alnum[2:4].isdigit())  # IBAN


class SsnPatternRecognizer(EntityRecognizer):
    """``123-45-6789`` (3-2-4 with dashes or spaces) unless a phone or price context says
    otherwise; Presidio's own SSN recognizer rejects many real-looking test values."""

    SCORE = 0.7

    def __init__(self) -> None:
        super().__init__(supported_entities=["SSN"], name="SsnPatternRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        out = []
        for m in SSN_DASHED.finditer(text):
            if is_lookalike(text, m.start(), m.end()):
                continue
            near = keywords_before(text, m.start(), ("PHONE", "BANK_ACCOUNT", "ROUTING_NUMBER"), lines=0)
            if near and near[0][0] < 30:
                continue
            out.append(result(self, "SSN", m.start(), m.end(), self.SCORE, "3-2-4 digits"))
        return out


MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
EXPIRY_WORDS = re.compile(rf"\b(?:{MONTHS})\.?(?:\s+of)?,?\s+(?:'|’|20)?\d{{2}}\b", re.IGNORECASE)


class ExpiryPatternRecognizer(EntityRecognizer):
    """Card expiry dates written as MM/YY or "September 2028", after an expiry or card word
    in this line or the line before (score 0.8)."""

    SCORE = 0.8

    def __init__(self) -> None:
        super().__init__(supported_entities=["CARD_EXPIRY"], name="ExpiryPatternRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        out = []
        for pattern, context in ((EXPIRY, ("CARD_EXPIRY", "CARD")), (EXPIRY_WORDS, ("CARD_EXPIRY",))):
            # "12/27" right after a card number is its expiry; "May 27" needs an expiry word.
            for m in pattern.finditer(text):
                near = keywords_before(text, m.start(), context, max_chars=120)
                if near:
                    out.append(result(self, "CARD_EXPIRY", m.start(), m.end(), self.SCORE, "expiry"))
        return out


class PhoneShapeRecognizer(EntityRecognizer):
    """10-digit numbers in 3-3-4 groups, valid area code or not (score 0.6): Presidio's
    phonenumbers matcher rejects the 555 numbers people read out in examples and tests."""

    SCORE = 0.6

    def __init__(self) -> None:
        super().__init__(supported_entities=["PHONE"], name="PhoneShapeRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        return [result(self, "PHONE", m.start(), m.end(), self.SCORE, "3-3-4 digits")
                for m in PHONE_SHAPE.finditer(text) if not is_lookalike(text, m.start(), m.end())]
