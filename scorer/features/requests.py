"""Requests that are not next steps, and the answer each got: terms asked for ("would you
consider a three-year term?", "can you do ten percent off?", "could we go net-60?") and other
asks ("can I record this call?", "could I get your mobile number?").

A request is the end of an utterance (its last sentence or two) in the form of one
(:data:`REQUEST`: "would / could / can you ...", "would you be open / willing / comfortable
...", "would that work?", "how about $80?", "is it OK if ...", "shall we ...") that is not a
request to be told something (:data:`NOT_ASKED`: "can you tell me about ...", "can you think
of ...") and names no day or time (scheduling belongs to a step's thread). It counts only
when the other party's next utterance answers it with a verdict (``replies.explain_reply``:
outright, or in three words or more) and not with a counter, and only where no next step is
at stake: the utterance proposes no step and the answer is not a step's reply. The verdict is
the one the reply reader gives with the request as context ("Would you mind if I record
this?" "Not at all." accepts).

Next steps (``next_steps``) move a deal forward; a request is a smaller commitment asked
and given or refused, so requests feed no feature value and no model: they are moments
(kind ``request``) and ``CallFeatures.requests`` for the coach to read.
"""
from __future__ import annotations

import re

from scorer.features.common import Collector, clip, norm, span_times
from scorer.features.next_steps import Proposal
from scorer.features.options import FeatureOptions
from scorer.features.questions import Judged
from scorer.features.replies import explain_reply, is_counter
from scorer.features.result import Request
from scorer.features.timex import DAY_OR_CLOCK
from scorer.types import Moment, Transcript

#: The forms of a request, at the start of a sentence (lower case, straight apostrophes),
#: after a few openers ("so", "okay", "um") and an "if ..." clause ("if we moved you to
#: quarterly billing, would that help?").
REQUEST = re.compile(
    r"^(?:(?:so|and|but|ok|okay|right|um|uh|well|now|also|then|just|look|alright),?\s+)*"
    r"(?:if\b[^,]*,\s*)?"
    r"(?:(?:would|could|can|will|may|might)(?:n't)? (?:you|i|we)\b"
    r"|(?:would|will|does|could) (?:that|this|it|an?)\b.*\b(?:work|help|suit|do|make|be (?:ok|okay|fine|"
    r"acceptable|alright|all right))\b"
    r"|(?:are|were) you (?:ok|okay|happy|comfortable|open|willing|fine|good|alright|all right|able)\b"
    r"|(?:how|what) about (?:if\b|\$|£|€|\d|an? |we\b|i\b)|what if (?:we|i|you)\b"
    r"|(?:do|would) you mind\b"
    r"|(?:is|would) it be (?:ok|okay|alright|all right|possible|fine)\b"
    r"|is it (?:ok|okay|alright|all right|possible|fine)\b"
    r"|(?:shall|should) (?:i|we)\b)")
#: A request to be told or to think of something: its answer is information, not a verdict.
NOT_ASKED = re.compile(
    r"\b(?:tell|telling|explain|explaining|describe|describing|walk me through|talk me through|"
    r"run me through|fill me in|remind me|think of|remember|imagine|believe|guess|say)\b")
#: Parts of a day and weeks, with ``timex.DAY_OR_CLOCK``: the words of scheduling.
SLOT = re.compile(r"\b(?:morning|afternoon|evening|lunchtime|(?:next|this|the) week|same time)\b")
#: The verdicts a clause says outright (not only by naming a time or being busy).
OUTRIGHT = ("accepted", "declined", "deferred")
#: A contrast, after which the reply's last verdict is its answer ("yes, but not this month").
CONTRAST = re.compile(r"\b(?:but|though|although|however|unless|except)\b")
#: How many of an utterance's last sentences may hold its request: the answer is to what
#: was said last.
LAST_SENTENCES = 2
#: The fewest words of a request ("can you do $25?" has four).
MIN_WORDS = 3
#: The fewest words of an answer that decides a request without saying its verdict
#: outright ("quarterly's fine" is outright; "Sure," alone is not enough).
ANSWER_WORDS = 3


def is_request(sentence: str) -> bool:
    """The sentence asks the other party for something (module docstring) and is not a move
    of scheduling, which belongs to a step's thread: it names no day, clock time or part of
    a day ("could we do Thursday at 2?", "could we do the afternoon instead?")."""
    s = norm(sentence)
    return len(s.split()) >= MIN_WORDS and REQUEST.search(s) is not None \
        and NOT_ASKED.search(s) is None and DAY_OR_CLOCK.search(s) is None and SLOT.search(s) is None


def answer(reply: str, request: str) -> str | None:
    """``accepted``, ``declined`` or ``deferred`` when ``reply`` answers ``request``; None
    when it asks for another time instead ("Sure. How about Thursday at 2 p.m.?"). The first
    clause that says a verdict outright answers the request, and what follows tells why or
    what next ("No, my back's bad, you'll have to lift it yourself. Please have cash when you
    get here." declines), unless it only says the speaker will check first ("Let me check with
    finance. Yes, we can do net 60." accepts); after a contrast ("yes, but let me check with
    finance") the reply reader's verdict stands, its last clause deciding."""
    verdict, judged = explain_reply(reply, proposal=request)
    outright = [v for _, v, _ in judged if v in OUTRIGHT]
    said = norm(reply)
    if verdict is None or is_counter(reply) or not (outright or len(said.split()) >= ANSWER_WORDS):
        return None
    if not outright or CONTRAST.search(said):
        return verdict
    if outright[0] == "deferred" and len(outright) > 1:
        return outright[1]  # a check, then the answer: "Let me check with finance. Yes, we can."
    return outright[0]


def _asked(text: str, judged: Judged) -> tuple[int | None, int]:
    """Where the request of an utterance lies: from the start of one of its last
    ``LAST_SENTENCES`` sentences to the end (the parser may cut a request in two: "Could you
    spell your last name for me | so I get the invoice right?"), or (None, 0)."""
    end = judged[-1][0].end_char
    for sent, _ in reversed(judged[-LAST_SENTENCES:]):
        if is_request(text[sent.start_char:end]):
            return sent.start_char, end
    return None, 0


def find_requests(t: Transcript, judged: list[Judged], proposals: list[Proposal],
                  opts: FeatureOptions, out: Collector) -> tuple[Request, ...]:
    """The requests of ``t`` that got an answer, in order, with their moments added to ``out``."""
    utts = t.utterances
    steps = {p.index for p in proposals} | {p.response_index for p in proposals}
    found: list[Request] = []
    for i in range(len(utts) - 1):
        u, r = utts[i], utts[i + 1]
        if i in steps or i + 1 in steps or "unknown" in (u.speaker, r.speaker) or \
                u.speaker == r.speaker or not judged[i]:
            continue
        a, b = _asked(u.text, judged[i])
        if a is None or (verdict := answer(r.text, u.text[a:b])) is None:
            continue
        start_s, end_s = span_times(u, a, b)
        text, reply = clip(u.text[a:b], opts.moment_text_max_chars), clip(r.text, opts.moment_text_max_chars)
        found.append(Request(utterance_index=i, asked_by=u.speaker, text=text, start_s=start_s,
                             end_s=end_s, response=verdict, response_utterance_index=i + 1,
                             response_text=reply))
        out.add(Moment(kind="request", subtype="asked", speaker=u.speaker, utterance_index=i,
                       start_s=start_s, end_s=end_s, text=text))
        out.add(Moment(kind="request", subtype=verdict, speaker=r.speaker, utterance_index=i + 1,
                       start_s=r.start_s, end_s=r.end_s, text=reply))
    return tuple(found)
