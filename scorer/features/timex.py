"""Time expressions in next-step talk: days, clock times and dates one can book, durations
and the past (which are not dates), and the dates of a span of a parsed utterance."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scorer.features.common import norm

if TYPE_CHECKING:
    from spacy.tokens import Doc


# Time expressions, on lowercased text. "On Wednesdays" is a habit, not a date.
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
_MONTHS = r"(?:january|february|march|april|june|july|august|september|october|november|december)"
# "May" the month, not "may" the modal: after "in / until / by / early / next ..." and not
# before a pronoun or verb ("in May", "until may", "may 3rd"; not "we may", "may I", "it may be").
_MAY_BEFORE = ("in", "until", "till", "by", "since", "of", "early", "mid", "late", "through",
               "before", "after", "from", "next", "last", "during", "around", "end of",
               "start of", "beginning of", "mid-", "middle of")
_MAY = (r"(?:" + "|".join(rf"(?<=\b{w} )" if not w.endswith("-") else rf"(?<=\b{w})"
                          for w in _MAY_BEFORE) +
        r")may\b(?!-)|\bmay(?= (?:\d{1,2}(?:st|nd|rd|th)?\b|the \d|first|second|third|fourth|"
        r"fifth|tenth|fifteenth|twentieth|thirtieth))")
_MONTH = rf"(?:{_MONTHS}|{_MAY})"
_CLOCK = r"\d{1,2}(?::\d\d)? ?[ap]\.?m\b\.?"
SPECIFIC_TIME = re.compile(  # a point in time one can book (not "30 minutes")
    rf"\b(?:(?:next|this|coming) (?:(?:week|month|quarter)\b|{_DAY})|{_DAY}|tomorrow|"
    rf"tonight|{_MONTH}|{_CLOCK}|at \d{{1,2}}(?::\d\d)?\b|\d{{1,2}} o'clock|noon|"
    r"the \d{1,2}(?:st|nd|rd|th)\b|end of (?:the|this|next) (?:week|month))")
TIME = re.compile(rf"{SPECIFIC_TIME.pattern}|\b(?:the|this|tomorrow) (?:morning|afternoon|"
                   r"evening)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\b")
DATE_WORDS = re.compile(rf"\b(?:(?:next|this|coming) )?{_DAY}|\btomorrow\b|\b{_CLOCK}|"
                         rf"\b{_MONTHS}\b|{_MAY}")  # the days and hours NER can miss
DAY_OR_CLOCK = re.compile(rf"\b{_DAY}|\btomorrow\b|\b{_CLOCK}|\bat \d{{1,2}}(?::\d\d)?\b")  # a bookable slot
PAST_TIME = re.compile(r"\b(?:last|yesterday|ago|earlier today)\b")
DURATION = re.compile(
    r"^(?:about |around |roughly |almost |nearly |over |under |within |in |for |another )?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a few|a couple of|several|"
    r"half an?)(?:[- ]\w+)?[- ](?:second|minute|min|hour|hr|day|night|week|month|year|"
    r"quarter)s?$")
DATE_LABELS = ("DATE", "TIME")
# Relative to the step, not a day on the calendar ("the first day" of a trial).
RELATIVE = re.compile(r"^the (?:first|second|third|same|final)(?: \w+)? (?:day|days|week|weeks|"
                      r"month|months|few days|couple of days|hour|hours|minutes)$")


_HOUR = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?: thirty| fifteen|"
         r" forty-five| o'clock)?")
_SPOKEN = re.compile(rf"(?<=\bat ){_HOUR}\b|\b{_HOUR}(?=(?:'s| is| works| it is| sharp| your time| my "
                     r"time)\b)|^\W*" + _HOUR + r"(?=\W*$)")


def _spoken_clock(lowered: str, start: int, end: int) -> list[re.Match[str]]:
    """Clock times said in words ("at ten", "eight's good", a bare "Two.")."""
    return list(_SPOKEN.finditer(lowered[:end], start))


def dates_in(doc: Doc, start: int, end: int) -> list[str]:
    """DATE/TIME entities inside chars [start, end), without durations ("30 minute", "a
    month") and past references ("last month's"), in text order, with the days and clock
    times the entity recognizer missed ("How about next Wednesday at 11 a.m.?")."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for e in doc.ents:
        if e.label_ not in DATE_LABELS:
            continue
        taken.append((e.start_char, e.end_char))
        text = norm(e.text)
        if start <= e.start_char and e.end_char <= end and not DURATION.match(text) and \
                not PAST_TIME.search(text) and not RELATIVE.match(text):
            found.append((e.start_char, re.sub(r"^(?i:about|around) (?=\D)", "", e.text)))
    lowered = doc.text.lower().replace("\u2019", "'")
    found += [(m.start(), doc.text[m.start():m.end()]) for m in _spoken_clock(lowered, start, end)
              if not any(a < m.end() and m.start() < b for a, b in taken)]
    for m in DATE_WORDS.finditer(lowered, start, end):
        if not any(a < m.end() and m.start() < b for a, b in taken) and \
                not PAST_TIME.search(lowered[max(0, m.start() - 10): m.start()]):
            found.append((m.start(), doc.text[m.start(): m.end()]))
    return [text for _, text in sorted(found)]
