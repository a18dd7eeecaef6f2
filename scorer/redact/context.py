"""Context words: what the speaker (or the question just before) says a number is.

Calls give PII as answers: "what's the card number?" / "sure, four one one one ...". The
recognizers therefore look for context words in the text before a match, back to the
start of the previous line (the analysed text is a whole call, one utterance a line).
"""
from __future__ import annotations

import re
from typing import Pattern

from presidio_analyzer import EntityRecognizer, RecognizerResult


def _kw(*words: str) -> Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


#: Context words per entity type, as regular expressions (word-bounded, any case).
KEYWORDS: dict[str, Pattern[str]] = {
    "CARD": _kw(r"card(?:\s+number)?", "visa", r"master\s?card", "amex", "american express",
                "discover", "credit", "debit", r"long number", r"number on the front"),
    "CARD_EXPIRY": _kw(r"expir\w*", r"exp(?:\.|\s+date)?", r"valid (?:thru|through|until|till)",
                       r"good (?:thru|through)", r"end date"),
    "CVV": _kw("cvv", "cvc", "cv2", "csc", r"security code", r"verification (?:code|number)",
               r"(?:three|3|four|4)[- ]digits?(?: (?:code|number))?(?: on the (?:back|front))?",
               r"(?:digits|code|number) on the (?:back|front)", r"back of the card"),
    "SSN": _kw(r"social(?:\s+security)?(?:\s+number)?", "ssn", r"s\.?\s?s\.?\s?n", "tax id", "itin",
               r"tax(?:payer)? identification number"),
    "ROUTING_NUMBER": _kw("routing", "aba", r"transit(?: number)?", r"sort code", "bsb"),
    "BANK_ACCOUNT": _kw(r"(?:bank\s+)?account(?:\s+(?:number|no|#))?(?!\s+(?:manager|executive|rep|"
                        r"team|owner|lead|director|management))", "acct", "checking", "savings",
                        "direct debit", r"bank details"),
    "PHONE": _kw("phone", "cell", "mobile", "telephone", "landline", r"direct line", r"call me",
                 r"call (?:you|him|her) (?:back )?(?:at|on)", r"reach (?:me|you|him|her)", r"text me",
                 r"(?:best|contact|callback|call back|phone) number", r"number to (?:reach|call)",
                 r"(?:my|your|his|her|the|a) (?:cell |mobile |direct |office |work |home )?number",
                 "fax", r"whats ?app"),
    "POSTCODE": _kw(r"zip(?:\s*code)?", r"post\s?code", r"postal code"),
    "PASSPORT": _kw(r"passport(?:\s+(?:number|no))?"),
    "DRIVER_LICENSE": _kw(r"driver'?s'?\s+licen[cs]e", r"driving licen[cs]e", r"licen[cs]e number",
                          r"dl(?: number)?", r"licen[cs]e", r"state id(?:entification)?(?: card| number)?",
                          r"c\.?d\.?l\.?(?: number)?"),
    "IBAN": _kw("iban", r"i\.? ?b\.? ?a\.? ?n\.?"),
}
#: Context words that count only where a card is being talked about too ("the code is").
CARD_ONLY_KEYWORDS: dict[str, Pattern[str]] = {
    "CVV": re.compile(r"(?<!zip )(?<!post )(?<!postal )(?<!promo )(?<!area )(?<!discount )"
                      r"(?<!coupon )(?<!access )(?<!confirmation )\bcode\b|\bthe back\b", re.IGNORECASE),
}
_CARD_TALK = re.compile(r"\b(?:card|visa|master\s?card|amex|expir\w*|exp)\b", re.IGNORECASE)
_LAST_FOUR = re.compile(r"\b(?:last|final)\s+(?:four|4)(?:\s+digits)?(?:\s+(?:of|are|is))?\b|"
                        r"\b(?:ending|ends|finishing)(?:\s+(?:in|with|on))?\b",
                        re.IGNORECASE)

#: A number followed by one of these is a price, quantity or time, not an identifier.
UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|per\b|dollars?|bucks|cents?|pounds?|euros?|k\b|grand|thousand|million|"
    r"billion|seats?|users?|licen[cs]es?|trucks?|vans?|techs?|technicians?|drivers?|employees?|"
    r"people|staff|agents?|reps?|units?|locations?|sites?|stores?|clinics?|offices?|minutes?|"
    r"mins?|hours?|hrs?|days?|weeks?|months?|years?|quarters?|a\.m\.|p\.m\.|am\b|pm\b|o'clock|"
    r"times|calls?|tickets?|jobs?|orders?|customers?|clients?|accounts|patients?|students?|"
    r"beds?|rooms?|miles?|feet|foot|sq|square|gb|mb|tb|x\b|plus\b|ish\b|guests?|attendees?|"
    r"members?|pallets?|boxes|items?|pieces?|devices?|vehicles?|loads?|shipments?|packages?|"
    r"(?:a|an|per|each|every)\s+(?:month|year|week|day|seat|user|head|person|unit)\b)",
    re.IGNORECASE)
#: A number right after one of these is a price, a version, a menu option or a product.
MARK_BEFORE = re.compile(
    r"(?:[$£€#]|\b(?:usd|version|v|release|build|model|plan|tier|extension|ext|option|press|"
    r"menu|order(?: number)?|invoice(?: number)?|ticket(?: number)?|case(?: number)?|po|"
    r"step|page|chapter|room|gate|floor|level|item|line|batch|lot|sku|part(?: number)?|"
    r"reference|ref|confirmation(?: number)?|quote(?: number)?|tracking(?: number)?|"
    r"serial(?: number)?|contract|ein|employer id(?:entification number)?|bol|bill of lading|"
    r"pro number|load(?: number)?|booth|"
    # an amount: "setup is 199", "about 300", "total financed is 18600"
    r"costs?|price|priced at|fee|setup|total(?: \w+)?|comes to|about|around|roughly|"
    r"approximately|up to|at least|at most))\s*(?:#|no\.?|number)?(?:\s+(?:is|was|of))?\s*$",
    re.IGNORECASE)


def context_start(text: str, start: int, lines: int = 1, max_chars: int = 240) -> int:
    """Where the context of ``text[start:]`` begins: the start of the line ``lines`` lines
    back (0: this line), at most ``max_chars`` before ``start``."""
    at = start
    for _ in range(lines + 1):
        nl = text.rfind("\n", 0, at)
        if nl < 0:
            at = 0
            break
        at = nl if _ < lines else nl + 1
    return max(at, start - max_chars, 0)


def keywords_before(text: str, start: int, types: tuple[str, ...] | None = None,
                    lines: int = 2, max_chars: int = 240) -> list[tuple[int, str]]:
    """Context words before ``start``: (distance in characters, entity type), nearest first."""
    lo = context_start(text, start, lines, max_chars)
    window = text[lo:start]
    hits: list[tuple[int, str]] = []
    for etype, pattern in KEYWORDS.items():
        if types is not None and etype not in types:
            continue
        for m in pattern.finditer(window):
            hits.append((len(window) - m.end(), etype))
    if _CARD_TALK.search(window):
        for etype, pattern in CARD_ONLY_KEYWORDS.items():
            if types is None or etype in types:
                hits.extend((len(window) - m.end(), etype) for m in pattern.finditer(window))
    hits.sort()
    return hits


def last_four_before(text: str, start: int, max_chars: int = 60) -> bool:
    """Does "last four (of)" / "ending in" stand just before ``start``?"""
    return bool(_LAST_FOUR.search(text[max(0, start - max_chars):start]))


def is_lookalike(text: str, start: int, end: int) -> bool:
    """A price, quantity, time, version or menu option rather than an identifier."""
    return bool(UNIT_AFTER.match(text, end)) or bool(MARK_BEFORE.search(text[max(0, start - 30):start]))


def result(recognizer: EntityRecognizer, etype: str, start: int, end: int, score: float,
           why: str) -> RecognizerResult:
    """A Presidio result carrying the recognizer's name and id (as Presidio's own do)."""
    return RecognizerResult(entity_type=etype, start=start, end=end, score=score,
                            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
                                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
                                                  "why": why})
