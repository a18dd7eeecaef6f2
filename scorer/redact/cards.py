"""Card numbers beyond Presidio's Luhn-checked matcher.

Presidio's card recognizer drops a number whose Luhn check fails, and people misread
digits, Whisper mishears one, and example cards are made up. A 16-digit number in four
groups of four or run together (15 digits in the Amex 4-6-5 groups, or run together, after
34 or 37) that starts like a card (3, 4, 5 or 6) is redacted as a card anyway
(:class:`CardShapeRecognizer`), unless it is marked as something else ("order number ...").

People also read a card in pieces, one group an utterance, while the rep says "mhm"
between them ("four seven one six" / "mhm" / "nine one two two, eight eight zero four" /
...), or with words in between ("... seven one five and then zero zero nine two ...").
:class:`SplitCardRecognizer` joins digit groups of consecutive lines (only short
back-channel lines between them) or of one line (only a few filler words between them)
into one number; when a card is being talked about and the pieces add up to 13-19 digits,
each piece is a card number.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scorer.redact.context import is_lookalike, keywords_before, result

# 4-4-4-4, 4-6-5 (Amex), or 15-16 digits in one run, starting like a card number.
CARD_SHAPE = re.compile(r"(?<![\w.,/$£€#-])(?:[3-6]\d{3}([ -]?)\d{4}\1\d{4}\1\d{4}|3[47]\d{2}([ -]?)\d{6}\2\d{5})"
                        r"(?![\w]|[.,/-]\d)")
# One group of digits as the normaliser writes it: "4716", "9122 8804".
_GROUP = re.compile(r"(?<![\w.,/$£€#-])\d{2,8}(?:[ -]\d{2,8})*(?![\w]|[.,/-]\d)")
# What may stand between two pieces of one number: back-channel and filler words.
_FILLER = re.compile(r"^[\s,.;:!?-]*(?:(?:and|then|and then|uh|um|er|erm|mhm|mm|hmm|yeah|yes|yep|ok|okay|"
                     r"right|sure|got it|go on|go ahead|sorry|next|after that|that's|it's|is)"
                     r"[\s,.;:!?-]*)*$", re.IGNORECASE)
_MAX_FILLER_WORDS = 4


class CardShapeRecognizer(EntityRecognizer):
    """Numbers shaped like a card, Luhn check or not (score 0.6)."""

    SCORE = 0.6

    def __init__(self) -> None:
        super().__init__(supported_entities=["CARD"], name="CardShapeRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        return [result(self, "CARD", m.start(), m.end(), self.SCORE, "card shape")
                for m in CARD_SHAPE.finditer(text) if not is_lookalike(text, m.start(), m.end())]


class SplitCardRecognizer(EntityRecognizer):
    """A card number read in pieces across lines or with words between (score 0.8)."""

    SCORE = 0.8

    def __init__(self) -> None:
        super().__init__(supported_entities=["CARD"], name="SplitCardRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        groups = [(m.start(), m.end()) for m in _GROUP.finditer(text)
                  if not is_lookalike(text, m.start(), m.end())]
        out: list[RecognizerResult] = []
        i = 0
        while i < len(groups):
            j, digits = i, _count(text, groups[i])
            while j + 1 < len(groups) and digits < 13 and _continues(text, groups[j][1], groups[j + 1][0]):
                j += 1
                digits += _count(text, groups[j])
            if j > i and 13 <= digits <= 19 and _card_talk(text, groups[i][0]):
                out += [result(self, "CARD", a, b, self.SCORE, "card in pieces") for a, b in groups[i:j + 1]]
                i = j + 1
                continue
            i += 1
        return out


def _count(text: str, span: tuple[int, int]) -> int:
    return sum(c.isdigit() for c in text[span[0]:span[1]])


def _continues(text: str, end: int, start: int) -> bool:
    """May the digits at ``start`` go on the number that ended at ``end``: only filler
    words between, at most three lines on (the other party's "mhm" between)?"""
    between = text[end:start]
    lines = between.split("\n")
    if len(lines) > 4:
        return False
    return all(_FILLER.match(part) and len(part.split()) <= _MAX_FILLER_WORDS for part in lines)


def _card_talk(text: str, start: int) -> bool:
    """A card word in this line or the two before the first piece."""
    return bool(keywords_before(text, start, ("CARD",)))
