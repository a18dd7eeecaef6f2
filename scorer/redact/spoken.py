"""Spoken forms of numbers and e-mail addresses, normalised for detection.

Whisper writes what was said: "four one one one, one one one one", "oh nine twenty eight",
"double five", "john dot smith at acme dot com". :func:`normalise` rewrites a text into
the written form the recognizers look for ("4111 1111", "0928", "55",
"john.smith@acme.com") and keeps, for every character it writes, the span of the original
text it came from, so a match in the normalised text maps back to exactly the words that
were spoken (:meth:`Normalised.source_span`).

Spoken e-mail addresses are found by :mod:`scorer.redact.emails` ("j as in juliet o h n at
gmail dot com" -> "john@gmail.com"). Only runs of number words and spoken e-mail
addresses are rewritten; every other character
is copied with its own position. Inside a run, words spoken without a pause are joined
("nine oh two one oh" -> "90210"); a comma, a full stop or "dash" between groups becomes
one separator ("555 212 4477", "555-212"), "dot" / "point" becomes ".".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.redact.emails import SpokenEmail, find_emails

DIGIT_WORDS = {"zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4,
               "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEEN_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
              "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
              "seventy": 70, "eighty": 80, "ninety": 90}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
                 "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
                 "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                 "thirtieth": 30}
MONTH_WORDS = frozenset("january february march april may june july august september october "
                        "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
REPEAT_WORDS = {"double": 2, "triple": 3}
SCALE_WORDS = {"hundred": 100, "thousand": 1000}
# Between two groups of a run: what the separator becomes in the normalised text.
SEPARATOR_WORDS = {"dash": "-", "hyphen": "-", "dot": ".", "point": ".", "slash": "/"}
SEPARATOR_MARKS = {",": " ", ".": " ", ";": " ", "-": "-", "–": "-", "/": "/"}

_TOKEN = re.compile(r"\d+(?:[.,/:\-]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?|\S", re.UNICODE)
_NUMERIC = re.compile(r"\d+(?:[.,/:\-]\d+)*$")

@dataclass(frozen=True, slots=True)
class Normalised:
    """A text rewritten for detection, with the source span of every character.

    ``starts[i]``/``ends[i]`` are the character offsets in ``original`` that produced
    ``text[i]`` (a digit written for "twenty eight" maps to the whole of "twenty eight").
    """

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that produced ``text[start:end]`` (end exclusive)."""
        if end <= start:
            raise ValueError(f"empty span {start}:{end}")
        return self.starts[start], max(self.ends[start:end])


class _Writer:
    """Accumulates normalised text and the source span of each character written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def put(self, text: str, start: int, end: int) -> None:
        self.parts.append(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def copy(self, original: str, start: int, end: int) -> None:
        for i in range(start, end):
            self.put(original[i], i, i + 1)


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[_Tok]:
    """Words, numbers (with inner punctuation: "1,200", "09/28") and single marks."""
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_number_word(low: str) -> bool:
    return low in DIGIT_WORDS or low in TEEN_WORDS or low in TENS_WORDS


def _is_digitish(toks: list[_Tok], j: int) -> bool:
    """Is token ``j`` a number other than "oh"?"""
    if not 0 <= j < len(toks):
        return False
    low = toks[j].low
    return (_is_number_word(low) and low not in ("oh", "o")) or bool(_NUMERIC.match(toks[j].text))


def _is_core(toks: list[_Tok], i: int, spelled: frozenset[int] = frozenset()) -> bool:
    """Is token ``i`` part of a number (not counting separators)? ``spelled``: the single
    letters spelled out with the digits of a code (:func:`_spelled_letters`)."""
    low = toks[i].low
    if _NUMERIC.match(toks[i].text) or i in spelled:
        return True
    if low in ("oh", "o"):
        # "oh" is a digit only beside another number ("oh nine", "dot oh dot one", "oh-three",
        # "five oh oh", "oh oh oh five"), not in "oh I see".
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(toks) and toks[j].low in ("oh", "o"):
                j += step
            if _is_digitish(toks, j) or (0 <= j < len(toks) and (toks[j].low in SEPARATOR_WORDS
                                                                 or toks[j].text in ("-", "–"))
                                         and _is_digitish(toks, j + step)):
                return True
        return False
    if low in ORDINAL_WORDS:
        # Only in dates ("March third", "the ninth of February", "twenty third"): "first"
        # and "second" are ordinary words too.
        near = [toks[j].low for j in range(max(0, i - 3), min(len(toks), i + 4)) if j != i]
        return any(w in MONTH_WORDS for w in near) or (i > 0 and toks[i - 1].low in TENS_WORDS)
    if low in REPEAT_WORDS:
        return i + 1 < len(toks) and toks[i + 1].low in DIGIT_WORDS
    if low in SCALE_WORDS:
        return i > 0 and _is_number_word(toks[i - 1].low)
    if low == "and":
        return (0 < i < len(toks) - 1 and toks[i - 1].low in SCALE_WORDS
                and _is_number_word(toks[i + 1].low))
    return _is_number_word(low)


def _separator(toks: list[_Tok], i: int, text: str) -> str | None:
    """What token ``i`` becomes when it stands between two number tokens, or None."""
    low = toks[i].low
    if low in SEPARATOR_WORDS:
        return SEPARATOR_WORDS[low]
    if toks[i].text in SEPARATOR_MARKS:
        return SEPARATOR_MARKS[toks[i].text]
    return None


def _is_letter(toks: list[_Tok], i: int) -> bool:
    return len(toks[i].text) == 1 and toks[i].text.isalpha() and not _is_core(toks, i)


def _capital_a(toks: list[_Tok], i: int, text: str) -> bool:
    """An "A" in capitals inside a sentence is a letter ("it's A one two three"), not the
    article ("a 10 minute drive"); the pronoun "I" never is."""
    if toks[i].text != "A" or i == 0 or not _same_line(text, toks[i - 1], toks[i]):
        return False
    return toks[i - 1].text not in (".", "!", "?")


def _spelled_letters(toks: list[_Tok], text: str) -> frozenset[int]:
    """Single letters spelled out with digits in one code ("n w six, one a b" for NW6 1AB,
    "I E two nine, A I B K, ..." for an IBAN, "two twenty one b harlow street"): chains of
    letters and numbers, one separator at most between two, holding a digit and either two
    letters or one that is not "a" or "I" ("a 10 minute drive"), never "a m" / "p m"."""
    out: set[int] = set()
    i, n = 0, len(toks)

    def codeish(j: int) -> bool:
        return _is_letter(toks, j) or _is_core(toks, j)

    while i < n:
        if not codeish(i):
            i += 1
            continue
        chain, j = [i], i + 1
        while j < n and _same_line(text, toks[j - 1], toks[j]):
            if codeish(j):
                chain.append(j)
            elif not (_separator(toks, j, text) is not None and j + 1 < n and codeish(j + 1)
                      and _same_line(text, toks[j], toks[j + 1])):
                break
            j += 1
        letters = [k for k in chain if _is_letter(toks, k)]
        lows = [toks[k].low for k in letters]
        if letters and len(letters) < len(chain) and lows not in (["a", "m"], ["p", "m"]) and (
                len(letters) >= 2 or lows[0] not in ("a", "i") or _capital_a(toks, letters[0], text)):
            out.update(letters)
        i = j
    return frozenset(out)


def _runs(toks: list[_Tok], text: str, spelled: frozenset[int] = frozenset()) -> list[list[int | str]]:
    """Maximal runs of number tokens: lists of token indices, with separator strings
    (" ", "-", ".", "/") between the groups."""
    runs: list[list[int | str]] = []
    i = 0
    while i < len(toks):
        if not _is_core(toks, i, spelled):
            i += 1
            continue
        run: list[int | str] = [i]
        if i > 0 and toks[i - 1].low == "plus" and _same_line(text, toks[i - 1], toks[i]):
            run.insert(0, i - 1)  # "plus two seven ...": an international prefix
        i += 1
        while i < len(toks):
            if not _same_line(text, toks[i - 1], toks[i]):
                break  # a run never crosses a line: one line is one utterance
            if _is_core(toks, i, spelled):
                run.append(i)
                i += 1
                continue
            sep = _separator(toks, i, text)
            if (sep is not None and i + 1 < len(toks) and _is_core(toks, i + 1, spelled)
                    and _same_line(text, toks[i], toks[i + 1])):
                # "twenty-eight", "five-five-five": a hyphen inside spoken words joins them.
                if not (toks[i].text in "-–" and toks[i - 1].text.isalpha()
                        and toks[i + 1].text.isalpha()):
                    run.append(sep)
                i += 1
                continue
            break
        runs.append(run)
    return runs


def _same_line(text: str, a: _Tok, b: _Tok) -> bool:
    return "\n" not in text[a.end:b.start]


def _value_below_100(toks: list[_Tok], idx: list[int], k: int) -> tuple[int, int] | None:
    """A number under 100 at ``idx[k]`` spoken as one ("twenty eight", "fifteen", "six"):
    (value, tokens used)."""
    if k >= len(idx):
        return None
    low = toks[idx[k]].low
    if low in TENS_WORDS:
        nxt = toks[idx[k + 1]].low if k + 1 < len(idx) else ""
        if nxt in ORDINAL_WORDS and ORDINAL_WORDS[nxt] < 10:
            return TENS_WORDS[low] + ORDINAL_WORDS[nxt], 2
        if nxt in DIGIT_WORDS and DIGIT_WORDS[nxt] > 0 and nxt not in ("oh", "o"):
            return TENS_WORDS[low] + DIGIT_WORDS[nxt], 2
        return TENS_WORDS[low], 1
    if low in TEEN_WORDS:
        return TEEN_WORDS[low], 1
    if low in DIGIT_WORDS and low not in ("oh", "o"):
        return DIGIT_WORDS[low], 1
    return None


def _scaled(toks: list[_Tok], idx: list[int], k: int) -> tuple[str, int] | None:
    """ "five hundred", "fifteen hundred and six", "two thousand five": (digits, tokens used)."""
    head = _value_below_100(toks, idx, k)
    if head is None:
        return None
    value, used = head
    j = k + used
    if j >= len(idx) or toks[idx[j]].low not in SCALE_WORDS:
        return None
    value *= SCALE_WORDS[toks[idx[j]].low]
    j += 1
    if j < len(idx) and toks[idx[j]].low == "hundred" and value < 1000:
        return None
    if j < len(idx) and toks[idx[j]].low == "and":
        j += 1
    rest = _scaled(toks, idx, j) if value >= 1000 else None
    if rest is not None:
        return str(value + int(rest[0])), j - k + rest[1]
    tail = _value_below_100(toks, idx, j)
    if tail is not None:
        value, j = value + tail[0], j + tail[1]
    return str(value), j - k


def _group_pieces(toks: list[_Tok], idx: list[int], spelled: frozenset[int]) -> list[tuple[str, int, int]]:
    """The digits of one group of a run, as (digits, first token, last token) pieces."""
    pieces: list[tuple[str, int, int]] = []
    k = 0
    while k < len(idx):
        tok = toks[idx[k]]
        low = tok.low
        if idx[k] in spelled:
            pieces.append((tok.text.upper(), k, k))
            k += 1
            continue
        if _NUMERIC.match(tok.text):
            pieces.append((tok.text, k, k))
            k += 1
            continue
        if low == "plus":
            pieces.append(("+", k, k))
            k += 1
            continue
        if low in REPEAT_WORDS and k + 1 < len(idx) and toks[idx[k + 1]].low in DIGIT_WORDS:
            digit = str(DIGIT_WORDS[toks[idx[k + 1]].low])
            pieces.append((digit * REPEAT_WORDS[low], k, k + 1))
            k += 2
            continue
        scaled = _scaled(toks, idx, k)
        if scaled is not None:
            pieces.append((scaled[0], k, k + scaled[1] - 1))
            k += scaled[1]
            continue
        if low in ("oh", "o", "zero"):
            pieces.append(("0", k, k))
            k += 1
            continue
        if low in ORDINAL_WORDS:
            pieces.append((_ordinal(ORDINAL_WORDS[low]), k, k))
            k += 1
            continue
        small = _value_below_100(toks, idx, k)
        if small is not None and small[1] == 2 and toks[idx[k + 1]].low in ORDINAL_WORDS:
            pieces.append((_ordinal(small[0]), k, k + 1))  # "twenty third" -> "23rd"
            k += 2
            continue
        if small is None:  # a stray "and"/"hundred"/"double": written as it was
            pieces.append((tok.text, k, k))
            k += 1
            continue
        pieces.append((str(small[0]), k, k + small[1] - 1))
        k += small[1]
    return pieces


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _write_run(w: _Writer, toks: list[_Tok], run: list[int | str], spelled: frozenset[int]) -> None:
    groups: list[list[int]] = [[]]
    seps: list[str] = []
    for item in run:
        if isinstance(item, str):
            groups.append([])
            seps.append(item)
        else:
            groups[-1].append(item)
    for g, idx in enumerate(groups):
        if g:
            prev_end = toks[groups[g - 1][-1]].end
            w.put(seps[g - 1], prev_end, toks[idx[0]].start)
        prev = ""
        for digits, a, b in _group_pieces(toks, idx, spelled):
            if prev[-2:] in ("st", "nd", "rd", "th"):  # a date goes on: "23rd 1974"
                w.put(" ", toks[idx[a - 1]].end, toks[idx[a]].start)
            w.put(digits, toks[idx[a]].start, toks[idx[b]].end)
            prev = digits


def normalise(text: str) -> Normalised:
    """Rewrite spoken numbers and e-mail addresses of ``text`` in written form.

    >>> normalise("it's oh nine twenty eight").text
    "it's 0928"
    """
    emails = find_emails(text)
    toks = tokenize(text)
    w = _Writer()
    pos = 0
    spelled = _spelled_letters(toks, text)
    runs = iter(_runs(toks, text, spelled))
    run = next(runs, None)
    spans: list[tuple[int, int, object]] = [(e.start, e.end, e) for e in emails]
    while run is not None:
        first = next(x for x in run if not isinstance(x, str))
        last = [x for x in run if not isinstance(x, str)][-1]
        spans.append((toks[first].start, toks[last].end, run))
        run = next(runs, None)
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    for start, end, what in spans:
        if start < pos:  # a number inside an e-mail address already written
            continue
        w.copy(text, pos, start)
        if isinstance(what, SpokenEmail):
            for piece, s, e in what.pieces:
                w.put(piece, s, e)
        else:
            _write_run(w, toks, what, spelled)  # type: ignore[arg-type]
        pos = end
    w.copy(text, pos, len(text))
    return Normalised(text, "".join(w.parts), tuple(w.starts), tuple(w.ends))
