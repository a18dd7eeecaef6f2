"""Small helpers the feature modules share: word counts, backchannels, sentence times,
and the collector that keeps every ``None`` paired with its reason."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scorer.features.catalogue import FEATURE_GROUP, FEATURE_NAMES
from scorer.types import Moment, Utterance

#: Words that, alone, only keep the other party talking ("mm-hmm", "yeah", "right").
BACKCHANNEL_WORDS = frozenset({
    "mm-hmm", "mhm", "mm", "hmm", "uh-huh", "huh", "yeah", "yes", "yep", "yup", "ok", "okay",
    "right", "sure", "oh", "ah", "uh", "um", "wow", "really", "got", "it", "i", "see", "gotcha",
    "cool", "great", "nice", "exactly", "absolutely", "totally", "true", "alright", "mmhmm",
    "uhhuh", "mm-mm", "hm", "good", "fine", "definitely", "indeed", "correct", "interesting"})


def phrases(*parts: str) -> re.Pattern[str]:
    """One pattern for the alternatives ``parts``, each a whole phrase: a word boundary before,
    no word character or apostrophe after (the cue lists of replies and objections)."""
    return re.compile(r"\b(?:" + "|".join(parts) + r")(?![\w'])")


def norm(text: str) -> str:
    """Lower case, curly apostrophes straightened, whitespace collapsed: the form the
    phrase patterns (objections, next steps, replies) are written for."""
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").split())


def words_of(text: str) -> list[str]:
    """Whitespace-separated words that hold at least one letter or digit."""
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def count_words(text: str) -> int:
    return len(words_of(text))


def _bare(word: str) -> str:
    return word.strip(".,!?;:\"'()[]…-–—").lower()


def is_backchannel(text: str, max_words: int) -> bool:
    """At most ``max_words`` words, all of them backchannel words ("Mm-hmm.", "Yeah, right.")."""
    words = words_of(text)
    return 0 < len(words) <= max_words and all(_bare(w) in BACKCHANNEL_WORDS for w in words)


def span_times(utt: Utterance, char_start: int, char_end: int) -> tuple[float, float]:
    """Start and end (seconds) of characters ``[char_start, char_end)`` of ``utt.text``.

    Uses word timestamps when the utterance has them and they can be found in its text in
    order; otherwise interpolates linearly over the characters of the utterance.
    """
    text = utt.text
    if utt.words:
        cursor = 0
        spans: list[tuple[int, int, float, float]] = []
        for w in utt.words:
            token = w.text.strip()
            if not token:
                continue
            at = text.find(token, cursor)
            if at < 0:
                spans = []
                break
            spans.append((at, at + len(token), w.start_s, w.end_s))
            cursor = at + len(token)
        inside = [s for s in spans if s[1] > char_start and s[0] < char_end]
        if inside:
            return inside[0][2], inside[-1][3]
    n = max(1, len(text))
    dur = utt.end_s - utt.start_s
    return (utt.start_s + dur * min(char_start, n) / n, utt.start_s + dur * min(char_end, n) / n)


def clip(text: str, max_chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


@dataclass
class Collector:
    """Values, reasons and moments as a feature group computes them (internal, mutable)."""

    values: dict[str, float | None] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    moments: list[Moment] = field(default_factory=list)

    def set(self, name: str, value: float | int | None, reason: str | None = None) -> None:
        if name not in FEATURE_GROUP:
            raise KeyError(f"unknown feature {name!r}")
        if value is None:
            self.values[name] = None
            self.reasons[name] = reason or "not computable"
        else:
            self.values[name] = float(value)
            self.reasons.pop(name, None)

    def null(self, names: list[str] | tuple[str, ...], reason: str) -> None:
        for n in names:
            self.set(n, None, reason)

    def null_group(self, group: str, reason: str) -> None:
        self.null([n for n in FEATURE_NAMES if FEATURE_GROUP[n] == group], reason)

    def add(self, moment: Moment) -> None:
        self.moments.append(moment)


# Cleaning a line for the judgments (replies, objections, the learned readers).
_FILLERS = re.compile(r"(?<![\w'-])(?:uh|um|umm|uhm|er|erm|ah|ahh|hmm+|hm|mm|eh)(?![\w'-])"
                      r"(?!\s+(?:huh|hmm)\b)[,.]?\s*")  # not the "uh" of "uh huh"
_STUTTER = re.compile(r"\b([\w']+)(?:[\s,]+\1\b)+")


# Contractions Whisper and chat users write without the apostrophe ("i dont see the point",
# "cost isnt a concern"); only those that are no other word ("its", "were", "ill" are).
_BARE_CONTRACTION = re.compile(r"\b(do|does|did|ca|wo|is|are|was|were|would|could|should|have|has|had)nt\b|"
                               r"\b(?:(i)m|(i|we|you|they)ve|(you|they)re|(that|what|there)s)\b")


def _apostrophe(m: re.Match[str]) -> str:
    if m.group(1):
        return f"{m.group(1)}n't"
    if m.group(2):
        return "i'm"
    if m.group(3):
        return f"{m.group(3)}'ve"
    return f"{m.group(4)}'re" if m.group(4) else f"{m.group(5)}'s"


def clean(text: str) -> str:
    """The form the cues are written for: lower case, straight apostrophes, no fillers,
    no stutters ("uh, no, no, we're we're good" -> "no, we're good"), apostrophes put back
    in contractions written without ("dont" -> "don't")."""
    t = _BARE_CONTRACTION.sub(_apostrophe, _FILLERS.sub("", norm(text)))
    return " ".join(_STUTTER.sub(r"\1", t).split())
