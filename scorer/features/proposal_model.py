"""The learned proposal reader: a logistic regression over TF-IDF word and character n-grams
that reads a sentence the rules of ``scorer.features.proposals`` found no step in, and says
how likely it is to offer or ask for a next step all the same ("shall we pencil something
in for the fourteenth?", "happy to swing by with the samples whenever suits").

It is fitted by ``dev/build_proposal_model.py`` with scikit-learn (``TfidfVectorizer``
word 1-2 grams and ``char_wb`` 2-5 grams, sublinear tf, each part l2-normalised, then
``LogisticRegression``) on lines written for this project only (the labelled proposal and
reply sets other than the held-out ones, the synthetic generator's ordinary lines) and,
as lines that propose no step, PersuasionForGood chats (Wang et al. 2019, "Persuasion for
Good", ohyj1002/persuasionforgood, Apache-2.0; never Switchboard, AnnoMI or
CraigslistBargain). The fitted vocabulary, idf and coefficients are written to
``proposal_weights.json``, and this module computes the same probability in plain Python,
so the text path imports no scikit-learn (``tests/test_proposal_model.py`` checks the two
agree).

The reader is asked only about a **framed** sentence of four words or more (a modal, "let's",
"how about", "want to", "free", ... or a question) that names no step the rules know
(those the rules judged, negated or past, are theirs), names no amount of money (terms, not
a step) and no material to send, and is not about the present call or moment ("now", "in
ten minutes");
it is believed at ``AT`` (0.9) or more. What the threshold and the gate cost and gain on
held-out sets and on Switchboard and CraigslistBargain talk: ``eval/proposal_model.py``.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache
from pathlib import Path

from scorer.features.step_words import norm_keep

WEIGHTS = Path(__file__).with_name("proposal_weights.json")
#: The least probability at which the reader's "proposes a step" is believed.
AT = 0.9
#: Words that put a sentence forward as an offer or a request; without one (or a question
#: mark) the reader is not asked.
FRAME = re.compile(
    r"\b(?:can|could|would|will|shall|should|may|might|let's|let us|how about|what about|what if|"
    r"want(?: me)? to|wanna|happy to|glad to|able to|free|available|open to|up for|down for)\b|'ll\b|'d\b")
#: An amount of money: a sentence that offers one and names no step sets terms (a price, a
#: deposit), not a next step ("I can step down to $80", "would you do 45 for the pair?").
MONEY = re.compile(r"[$£€₹]\s?\d|\b\d[\d,.]*\s?(?:k|grand|bucks|dollars|euros|pounds|quid|rupees|"
                   r"hundred|thousand|in cash)\b|\b(?:for|to|do|take|pay|offer) \d[\d,.]*\b"
                   r"(?! ?(?:am|pm|a\.m|p\.m|o'clock|:|minutes?|mins?|hours?|days?|weeks?|months?|people|"
                   r"of|on|at|in|or|and|to|-|tomorrow|tonight|next|this))")
#: The moment itself: what is done now, on this call, or in a minute proposes no later step
#: ("let's do a quick look at the numbers now", "on with the agenda", "I can pick it up in ten
#: minutes").
NOW = re.compile(r"\b(?:right now|now|real quick|while (?:we're|we are|i have you|you're|i've got you)|"
                 r"on (?:this|the) (?:call|line|screen)|agenda|in (?:a|one|two|five|ten|fifteen|twenty|"
                 r"\d+|a few|a couple(?: of)?) (?:secs?|seconds?|minutes?|mins?|moments?))\b")
#: Material asked for or offered ("could you send your tech specs over?"): no step by itself
#: (the rules decide where the material comes with a step).
MATERIAL = re.compile(r"\b(?:send|shoot|e-?mail|forward|share|drop|pass)\b.{0,30}\b(?:specs?|spec sheet|info|"
                      r"information|details|brochure|deck|one-pager|slides|pdf|case stud(?:y|ies)|overview|"
                      r"literature|docs?|documents?|links?|recording|numbers|figures|datasheets?)\b")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


#: The text as both the fit and the reader see it: lower case, straight apostrophes.
prepare = norm_keep


def word_grams(text: str) -> list[str]:
    """Word 1- and 2-grams, as scikit-learn's default word analyzer makes them."""
    tokens = _TOKEN.findall(text)
    return tokens + [" ".join(tokens[i:i + 2]) for i in range(len(tokens) - 1)]


def char_grams(text: str) -> list[str]:
    """Character 2- to 5-grams inside space-padded words (scikit-learn's ``char_wb``)."""
    out = []
    for w in text.split():
        w = f" {w} "
        for n in range(2, 6):
            out.extend(w[i:i + n] for i in range(max(1, len(w) - n + 1)))
            if len(w) <= n:
                break  # a short word is counted once
    return out


def _part(grams: list[str], table: dict[str, list[float]]) -> float:
    """The part's contribution: sublinear tf x idf, l2-normalised, dotted with the weights."""
    weighted = [((1.0 + math.log(c)) * table[g][0], table[g][1])
                for g, c in Counter(grams).items() if g in table]
    norm = math.sqrt(sum(v * v for v, _ in weighted))
    return sum(v * w for v, w in weighted) / norm if norm else 0.0


@cache
def _weights() -> dict:
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


def score(table: dict, text: str) -> float:
    """The probability a weights table (``dev/build_proposal_model.weights``) gives the text."""
    low = prepare(text)
    z = table["intercept"] + _part(word_grams(low), table["word"]) + _part(char_grams(low), table["char"])
    return 1.0 / (1.0 + math.exp(-z))


def probability(text: str) -> float:
    """How likely the sentence proposes a next step, by the shipped reader alone."""
    return score(_weights(), text)


def framed(text: str) -> bool:
    """Whether the reader is asked about the sentence at all (module docstring)."""
    low = prepare(text)
    return len(low.split()) >= 4 and (bool(FRAME.search(low)) or low.rstrip().endswith("?")) \
        and not MONEY.search(low) and not NOW.search(low) and not MATERIAL.search(low)


__all__ = ["AT", "FRAME", "MATERIAL", "MONEY", "NOW", "WEIGHTS", "char_grams", "framed", "prepare",
           "probability", "score", "word_grams"]
