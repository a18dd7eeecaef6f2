"""Replies to a proposed next step: accepted, declined, deferred, or no verdict."""
from __future__ import annotations

import re

from scorer.features.common import norm
from scorer.features.timex import PAST_TIME, TIME

# Reply classes, per sentence (or "but" clause) of the lowercased reply, in this order.
_DEFER = re.compile(
    r"\b(maybe|perhaps|possibly|not sure|i don't know|get back to (you|u)|let you know|"
    r"think (about it|it over)|we'll see|circle back|reach out (later|again|next)|"
    r"(reach out|get in touch|be in touch|call you|contact you)( back)? (if|when|once)|"
    r"let me (check|think|talk|get back|look|see|run|ask|confirm|discuss)|"
    r"i('ll| will) (check|think|talk|ask|see|discuss|run|have to|need to|circle)|"
    r"(i|we)('d| would)? (need|have) to (check|talk|ask|run|think|discuss|consult|see)|"
    r"check with|run it by|talk to my|ask my|"
    r"(send|email|shoot) me (an email|a note|something|some( more)? (info|information|details|"
    r"material)|more (info|information|details)|the (info|information|details|pricing|"
    r"brochure)|info|information|details)|"
    r"(just )?(send|email) (it|that|something|info|information|details) (over|to me)|"
    r"not right now|not at the moment|not yet|"
    r"not this (week|month|quarter)|maybe later|"
    r"some other time|another time|next (quarter|year)|in a few (weeks|months))\b")
_DECLINE = re.compile(
    r"^\W*(no\b(?!\W*(problem|worries|doubt))|nope\b|nah\b)|"
    r"\b(not interested|no thanks|no thank you|"
    r"(don't|do not|doesn't|does not) (really )?(need|want|think (we|i) need|see the need)|"
    r"not at this (time|point|stage)|"
    r"(we|i) (can't|cannot|won't|will not) (do|make|commit|afford|take)|"
    r"(doesn't|does not|won't|will not|wouldn't|not going to|not gonna) work|pass on|"
    r"not for us|not a (good )?fit|rather (you )?(didn't|not|wouldn't)|no need|"
    r"not going to happen|don't bother|take (me|us) off)\b")
# "We're good (for now)": a polite no, unless the reply accepts elsewhere ("Sure, Tuesday
# works, we're all set for now." accepts).
_SOFT_DECLINE = re.compile(
    r"\b(we're|we are|i'm|i am|we'll be|i'll be) (good|fine|all set|set|okay|ok)"
    r"(\s+for now|(?!\s+(with|to|for|on|at)))\b")
_ACCEPT = re.compile(
    r"\b(yes|yeah|yep|yup|sure|ok|okay|sounds (good|great|perfect|fine|like a plan)|"
    r"that works|works (for me|for us|great|fine|perfect)|"
    r"(that|it|this|\d|\w+day|[ap]\.m\.|noon) works|(that's|that is) (fine|great|perfect|good)|"
    r"(is|are) (good|fine|great|perfect|open|free)|perfect|great|absolutely|definitely|"
    r"of course|let's do (it|that)|go for (it|that)|(i'm|i am|we're|we are) (free|available|in)|"
    r"see you (then|there|soon|on|next|\w+day)|looking forward|"
    r"(i'm|we're|i am|we are) (good|fine|all set|set) (with|for|on)|"
    r"no problem|no worries|count me in|(i|we) can do|happy to|(would|'d) love|deal|"
    r"go ahead|please do|send it over|that would be (great|good|helpful|perfect)|"
    r"mm-?hmm|uh-?huh|alright|all right|will do)\b")
ACK_ONLY = re.compile(r"^(?:\W*(?:okay|ok|alright|all right|thanks|thank you|mm-?hmm|mhm|"
                       r"uh-?huh|uh huh|got it|right|cool|bye)\b)+\W*$")  # "Okay. Thanks."
_SLOT_NO = re.compile(r"\b(tough|bad|difficult|hard|busy|booked|packed|swamped|away|out|off|"
                      r"can't|cannot|won't|not|no good)\b")  # "Thursday is tough for me"
_CLAUSE_BUT = re.compile(r",?\s+but\s+")
_SENT_END = re.compile(r"(?<=[.!?])(?<![ap]\.m\.)\s+")


def _sentence_verdict(sent: str) -> str | None:
    """``deferred``, ``declined``, ``accepted``, ``soft`` (a soft decline) or None."""
    if _DEFER.search(sent):
        return "deferred"
    if _DECLINE.search(sent):
        return "declined"
    if sent.rstrip().endswith("?"):
        return None  # a question back ("should I bring our owner?") answers nothing
    soft = _SOFT_DECLINE.search(sent)
    rest = sent if soft is None else sent[:soft.start()] + sent[soft.end():]
    if _ACCEPT.search(rest) or (TIME.search(rest) and not PAST_TIME.search(rest) and
                                not _SLOT_NO.search(rest)):
        return "accepted"
    return "soft" if soft else None


def classify_reply(text: str, has_date: bool = False) -> str | None:
    """``deferred``, ``declined``, ``accepted`` or None for the text of a reply.

    Each sentence, and each clause after a "but", is judged on its own (deferral first, then
    decline, then acceptance, which includes naming a day or time: "Tuesday at 3 p.m. is
    open"), and the last one with a verdict decides: "Let me check. Yes, Tuesday works."
    accepts, "Yes, but let me check with my boss first." defers. A soft decline ("we're good
    for now") declines only when nothing else in the reply has a verdict. ``has_date``: the
    reply names a date found elsewhere (NER), read as acceptance when nothing says otherwise.
    """
    verdict, soft = None, False
    for sent in _SENT_END.split(norm(text)):
        for clause in _CLAUSE_BUT.split(sent):  # "Can't do Tuesday, but Wednesday works."
            found = _sentence_verdict(clause)
            if found == "soft":
                soft = True
            elif found is not None:
                verdict = found
    return verdict or ("declined" if soft else "accepted" if has_date else None)
