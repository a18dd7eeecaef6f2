"""E-mail addresses as people say them and as Whisper writes them.

People spell the local part ("j as in juliet o h n", "s m i t h"), say the punctuation
("dot", "underscore", "dash", "at") and pause inside the domain; Whisper writes any mix of
that with written forms ("john.smith at acme dot com", "John Smith at acme.com",
"dana @ fernhill.com", "fernhill. com"). :func:`find_emails` finds such addresses in a
text by their anchor ("at" or "@") with a domain after it that ends in a real top-level
domain (checked against the public-suffix list bundled with tldextract, offline), or a
mail provider alone ("anna at gmail") when e-mail is being talked about; then it walks
back over the local part: words joined by spoken or written punctuation, spelled letters
and digits, "X as in Xray", and at most two more words said with a pause between them
("tom baptiste at ...") when they look like a name, never an ordinary word ("the team at
acme.com" keeps "the team").

Each address comes with its written form, piece by piece with the source span of each
piece, so the normaliser (``scorer.redact.spoken``) can write "john.smith@acme.com" for
detection and map a match back to exactly the words spoken.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Words and numbers (letters and digits together: "bob77", "o'brien"), and single marks.
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\S")
_JOIN_WORDS = {"dot": ".", "period": ".", "underscore": "_", "dash": "-", "hyphen": "-", "plus": "+"}
_JOIN_MARKS = {".": ".", "_": "_", "-": "-", "+": "+"}
_DOMAIN_JOIN_WORDS = {"dash": "-", "hyphen": "-"}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_DIGITS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
           "six": "6", "seven": "7", "eight": "8", "nine": "9"}
# Mail providers people name without "dot com".
PROVIDERS = frozenset("gmail googlemail yahoo hotmail outlook aol icloud protonmail gmx "
                      "btinternet comcast".split())
# Function words: never a word of a domain ("at the office", "at 14 dollars a seat").
_FUNCTION = frozenset(
    "a an and or the is it it's its was be are that's thats this that these those my me to at "
    "you your i i'm im we our us he she him her his they them their on of in for with by from "
    "as so but if then than too also".split())
# Words said before an address, never in it: they end a local part walking back.
_INTRO = _FUNCTION | frozenset(
    "email e-mail emails mail address addresses yours send sent reach contact please just yeah "
    "yes yep sure ok okay um uh use using try like well copy cc bcc forward ask call tell ping "
    "text write message loop add include monday tuesday wednesday thursday friday saturday "
    "sunday today tomorrow tonight morning afternoon evening noon night week weekend month "
    "year january february march april may june july august september october november "
    "december st nd rd th".split())
# ... and words that name no one before a written domain: "the team at acme.com", "I'm at
# home", "folks at acme.com" (with "dot" said, "team at acme dot com" is an address).
_STOP = _INTRO | frozenset(
    "either both should would could can will work personal business new old best team folks "
    "guys people everyone somebody someone here there home office site website".split())
_DETERMINERS = frozenset("the our my your their his her a an some those these any".split())
_FILLERS = frozenset("uh um er erm uhm".split())
_SPELL_CUES = (("as", "in"), ("for",), ("like",))
_EMAIL_TALK = re.compile(r"\b(?:e-?mails?|mail|address|inbox)\b", re.IGNORECASE)
_SPACE = re.compile(r"\s")
# A line with an anchor ("at", "@"): the only lines scanned.
_ANCHOR_LINE = re.compile(r"^.*(?:\bat\b|@).*$", re.IGNORECASE | re.MULTILINE)

Piece = tuple[str, int, int]  # (written text, source start, source end)


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    start: int
    end: int
    gap: bool  # whitespace before it
    newline: bool  # a line break before it

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def alnum(self) -> bool:
        return self.text[0].isalnum()

    @property
    def single(self) -> bool:
        """A spelled character: one letter, one digit, or a digit word."""
        return (len(self.text) == 1 and self.text.isalnum()) or self.low in _DIGITS


@dataclass(frozen=True, slots=True)
class SpokenEmail:
    """An address at ``text[start:end]``, written as the concatenation of ``pieces``
    (written text, source start, source end), in order."""

    start: int
    end: int
    pieces: tuple[Piece, ...]

    @property
    def written(self) -> str:
        return "".join(p for p, _s, _e in self.pieces)


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    """Tokens of ``text``, their offsets shifted by ``offset``."""
    out: list[Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        between = text[prev_end:m.start()]
        out.append(Tok(m.group(), offset + m.start(), offset + m.end(), bool(between), "\n" in between))
        prev_end = m.end()
    return out


@lru_cache(maxsize=1)
def _tld_extractor() -> Any:
    import tldextract  # the bundled suffix list: no HTTP, no cache files

    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def valid_domain(domain: str) -> bool:
    """Does ``domain`` ("acme.co.uk") end in a public suffix, with a name before it?"""
    ext = _tld_extractor()(domain)
    return bool(ext.suffix) and bool(ext.domain)


def find_emails(text: str) -> list[SpokenEmail]:
    """Spoken or half-spoken addresses in ``text``, in order, not overlapping; addresses
    written as one word ("john@acme.com") are left to the written-form recognizer."""
    out: list[SpokenEmail] = []
    for line in _ANCHOR_LINE.finditer(text):  # an address never crosses a line
        toks = tokenize(line.group(), line.start())
        for a, tok in enumerate(toks):
            if not (tok.low == "at" or tok.text == "@") or a == 0:
                continue
            found = _email_at(text, toks, a)
            if found is None or (out and found.start < out[-1].end):
                continue
            span = text[found.start:found.end]
            if _SPACE.search(span) or "(" in span:
                out.append(found)
    return out


def _email_at(text: str, toks: list[Tok], a: int) -> SpokenEmail | None:
    anchor_start, anchor_end, d, last = toks[a].start, toks[a].end, a + 1, a - 1
    if toks[a - 1].text in "([" and d < len(toks) and toks[d].text in ")]":
        anchor_start, anchor_end, d, last = toks[a - 1].start, toks[d].end, d + 1, a - 2  # "(at)"
    if toks[a].newline or (d < len(toks) and toks[d].newline):
        return None
    while d < len(toks) and not toks[d].newline and (toks[d].text == "," or toks[d].low in _FILLERS):
        d += 1  # "at, uh, kontor dash nord dot de"
    domain = _domain(text, toks, d)
    if domain is None:
        return None
    spoken = any(p == "." and text[s:e].lower() == "dot" for p, s, e in domain)
    local = _local(toks, last, _INTRO if spoken else _STOP)
    if not local:
        return None
    pieces = local + [("@", anchor_start, anchor_end)] + domain
    return SpokenEmail(pieces[0][1], pieces[-1][2], tuple(pieces))


def _domain(text: str, toks: list[Tok], d: int) -> list[Piece] | None:
    """The domain from token ``d``: labels joined by "dot" or "." (the first label may be
    said in up to three words: "fern hill", "g mail"), cut after the longest run of labels
    that ends in a real suffix; or a mail provider alone when e-mail is being talked about."""
    labels: list[list[Piece]] = []
    dots: list[Piece] = []
    j = d
    while j < len(toks) and not toks[j].newline:
        label, j = _label(toks, j, words=3 if not labels else 1)
        if not label:
            break
        if label[-1][0] == "dotcom" and len(label) > 1:  # "acme dotcom"
            dots.append((".", label[-1][1], label[-1][2]))
            labels += [label[:-1], [("com", label[-1][1], label[-1][2])]]
            break
        labels.append(label)
        if (j + 1 < len(toks) and (toks[j].low == "dot" or toks[j].text == ".")
                and not toks[j].newline and not toks[j + 1].newline and toks[j + 1].alnum):
            dots.append((".", toks[j].start, toks[j].end))
            j += 1
            continue
        break
    names = ["".join(p for p, _s, _e in label) for label in labels]
    # A one-character label is no domain ("2 p.m. works" is no "2p.m.works").
    short = next((k for k, name in enumerate(names) if len(name) < 2), len(names))
    labels, names = labels[:short], names[:short]
    for k in range(len(labels), 1, -1):
        if valid_domain(".".join(names[:k])):
            out = list(labels[0])
            for dot, label in zip(dots[:k - 1], labels[1:k]):
                out += [dot, *label]
            return out
    if labels and names[0] in PROVIDERS and _EMAIL_TALK.search(text[max(0, labels[0][0][1] - 240):labels[0][0][1]]):
        return [(names[0] + ".com", labels[0][0][1], labels[0][-1][2])]
    return None


def _label(toks: list[Tok], j: int, words: int) -> tuple[list[Piece], int]:
    """One domain label from token ``j``: letters and digits, joined by "-" or "dash",
    spelled letters ("i o") or up to ``words`` words; (pieces, next token)."""
    pieces: list[Piece] = []
    used = 0
    while j < len(toks) and not (pieces and toks[j].newline):
        t = toks[j]
        if t.alnum and t.low not in ("dot", "at") and t.low not in _DOMAIN_JOIN_WORDS:
            glued = pieces and not t.gap
            spelled = pieces and len(t.text) == 1 and t.text.isalpha() and len(pieces[-1][0]) == 1 \
                and pieces[-1][0].isalpha()
            # a function word is no label ("at the office"), unless it is the whole label
            # before "dot" ("me dot com", "us dot gov")
            sole = not pieces and j + 1 < len(toks) and (toks[j + 1].low == "dot" or toks[j + 1].text == ".")
            if not glued and not spelled:
                if used >= words or (len(t.text) > 1 and t.low in _FUNCTION and not sole):
                    break
                used += 1
            pieces.append((t.low, t.start, t.end))
            j += 1
            continue
        join = _DOMAIN_JOIN_WORDS.get(t.low) or ("-" if t.text == "-" else None)
        if join and pieces and j + 1 < len(toks) and toks[j + 1].alnum and toks[j + 1].low not in ("dot", "at"):
            pieces.append((join, t.start, t.end))
            used -= 1  # "kontor dash nord" is one word of the label
            j += 1
            continue
        break
    return pieces, j


@dataclass
class _Unit:
    pieces: list[Piece]
    kind: str  # "spelled", "word", "number", "join" or "pause" (between spelled letters)
    first: int  # index of its first token


def _local(toks: list[Tok], i: int, stop: frozenset[str]) -> list[Piece]:
    """The local part whose last token is ``i``, walking back; written pieces in order.
    ``stop``: the words that end it (after "dot" or "underscore" only function words do:
    "will dot smith")."""
    if i >= 0 and toks[i].text == ",":
        i -= 1  # "dana dot wu, at fernhill dot com"
    units: list[_Unit] = []  # right to left
    spaced = 0
    while i >= 0 and not (units and toks[units[-1].first].newline):
        t = toks[i]
        if units and units[-1].kind != "join" and i > 0 and (toks[i - 1].alnum or toks[i - 1].text == ","):
            glued = not t.gap and not toks[i + 1].gap
            mark = _JOIN_MARKS.get(t.text)
            if mark == "-" and glued and units[-1].kind == "spelled" and toks[i - 1].single:
                units.append(_Unit([("", t.start, t.end)], "pause", i))  # "J-O-H-N": a pause
                i -= 1
                continue
            # "john.smith", "john dot smith", and Whisper's "john . smith" (not a sentence's
            # full stop: "I'm done. Smith at ...")
            spaced_dot = mark == "." and toks[i + 1].text[:1].islower()
            word = _JOIN_WORDS.get(t.low) if t.alnum else None
            if (mark and (glued or spaced_dot)) or word:
                units.append(_Unit([(mark or word or "", t.start, t.end)], "join", i))
                i -= 1
                continue
        if t.text == "," and units and units[-1].kind in ("spelled", "join"):
            i -= 1  # "j, o, h, n", "smith, s m i t h", "a, dot, n"
            continue
        if not t.alnum:
            break
        unit = _unit_ending(toks, i)
        if not units:
            if unit.kind == "word" and t.low in stop:
                return []
        elif unit.kind == "word" and t.low in (_FUNCTION if units[-1].kind == "join" else stop):
            break
        elif not _attached(toks, unit, units):
            if spaced >= 2 or not _extra_word_ok(toks[i], unit.kind):
                break
            spaced += 1
        units.append(unit)
        i = unit.first - 1
    while units and units[-1].kind in ("join", "pause"):
        units.pop()
    if not units or (len(units) == 1 and units[0].kind == "spelled" and units[0].pieces[0][0] in ("a", "i")):
        return []
    if len(units) == 1 and units[0].first > 0 and toks[units[0].first - 1].low in _DETERMINERS:
        from scorer.redact.names import NOT_NAMES

        if units[0].pieces[0][0] in NOT_NAMES:
            return []  # "the team at acme.com"
    return [p for unit in reversed(units) for p in unit.pieces]


def _unit_ending(toks: list[Tok], i: int) -> _Unit:
    """The unit whose last token is ``i``: a letter spelled with "as in X" / "for X", a
    spelled character (a digit word is written as its digit), or a word."""
    t = toks[i]
    if t.low in _DIGITS and i > 0 and toks[i - 1].low in _TENS and not t.newline:  # "eighty seven"
        return _Unit([(str(_TENS[toks[i - 1].low] + int(_DIGITS[t.low])), toks[i - 1].start, t.end)],
                     "number", i - 1)
    if t.low in _TENS or t.low in _TEENS:
        return _Unit([(str(_TENS.get(t.low) or _TEENS[t.low]), t.start, t.end)], "number", i)
    for cue in _SPELL_CUES:  # "j as in juliet": token i is "juliet"
        k = i - len(cue) - 1
        if k >= 0 and tuple(x.low for x in toks[k + 1:i]) == cue and len(toks[k].text) == 1 \
                and toks[k].text.isalpha() and not any(x.newline for x in toks[k + 1:i + 1]):
            return _Unit([(toks[k].low, toks[k].start, toks[k].end), ("", toks[k + 1].start, t.end)],
                         "spelled", k)
    if t.single:
        return _Unit([(_DIGITS.get(t.low, t.low), t.start, t.end)], "spelled", i)
    return _Unit([(t.low, t.start, t.end)], "word", i)


def _attached(toks: list[Tok], unit: _Unit, units: list[_Unit]) -> bool:
    """Does ``unit`` belong with the units after it without a pause word between?"""
    after = units[-1]
    if after.kind == "join" or after.kind == "number":
        return True  # "jsmith eighty four", "mensah nineteen eighty seven"
    if unit.kind == "number" and after.kind == "spelled":
        return True
    if unit.kind == "spelled" and after.kind in ("spelled", "pause"):
        return True  # "j o h n", "J-O-H-N"
    if unit.kind == "word" and after.kind == "spelled":
        run = ""
        for u in reversed(units):  # the letters spelled right after the word
            if u.kind not in ("spelled", "pause"):
                break
            run += u.pieces[0][0]
        if run == unit.pieces[0][0]:
            unit.pieces[0] = ("", unit.pieces[0][1], unit.pieces[0][2])  # written once
            return True
    return False


def _extra_word_ok(t: Tok, kind: str) -> bool:
    """A word said with a pause before the rest of the local part: an initial, a number or
    a name-like word, not an ordinary word."""
    from scorer.redact.names import is_name_word

    return kind == "spelled" or any(c.isdigit() for c in t.text) or is_name_word(t.text)
