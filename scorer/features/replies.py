"""Replies to a proposed next step: accepted, declined, deferred, or no verdict.

A reply is cleaned (lower case, fillers such as "uh" and "um" and stutters such as "we're
we're" removed), cut into sentences and into clauses at "but" / "though" / "however" (the
clause after a contrast carries the answer: "I'd love to, but we can't." declines), and
each clause is judged with the cues of ``reply_cues`` in this order:

1. a negated refusal accepts ("I wouldn't say no", "I don't see why not", "not a bad idea");
   after "mind if I ...?" a "no" / "not at all" grants the request; "I'm not saying no"
   defers; a hedged "not" ("probably not", "absolutely not", "definitely not") declines;
2. a day or time put off, or another one asked for ("Wednesday's bad, how's Friday?"), is
   no verdict: the thread stays open;
3. a question back ("what would we cover?") is no verdict, unless it asks for material or
   a later time instead ("could you put that in an email?" defers);
4. deferral cues ("maybe", "let me check", "I need to talk to my partner first", "send me
   an email", "not right now", "after the holidays", "once we've hired ...");
5. refusal cues ("no", "not interested", "we don't need", "let's not", "we went with
   another vendor", "we signed with HubSpot", "we decided to build it in-house");
6. acceptance cues ("yes", "sure", "sounds good", "Thursday works", "let's do it", "go
   ahead", "my calendar is wide open", "only if we can keep it to thirty minutes");
7. weak cues, used only when no clause has a verdict from 1-6: being busy or away
   ("I'm slammed right now") defers, "we're good for now" declines, naming a day or time
   ("Wednesday at 11.") accepts.

The last clause with a verdict decides ("Let me check. Yes, Tuesday works." accepts, "Yes,
but let me check with my boss first." defers); a counter-proposal at the end keeps the
thread open, unless it only refines an acceptance and rules no day or time out ("Monday's
fine. 9:30?" accepts).

Before the cues, a reply to a known proposal goes to a learned reader (``reply_model``),
whose sure verdict stands (:func:`explain_reply` says when it is not asked).
"""
from __future__ import annotations

import re

import scorer.features.reply_cues as cue
from scorer.features.common import clean, norm
from scorer.features.reply_model import read_verdict

__all__ = ["ACK_ONLY", "classify_reply", "clean", "explain_reply", "is_counter"]

ACK_ONLY = cue.ACK_ONLY
_SENT_END = re.compile(r"(?<=[.!?;])\s+|\s+-{1,2}\s+|…\s*")
_ABBREV = re.compile(r"\b(?:[ap]\.m\.|dr\.|mr\.|mrs\.|ms\.|st\.|no\.|vs\.)$")
_CONTRAST = re.compile(r",?\s+(?:but|except|although|however)\s+|,\s*though,?\s+|;\s*|"
                       r"^(?:sure|yes|absolutely|of course|definitely)\s*,\s*(?=[^,]*\?$)|"
                       r",\s*(?:just|only) not\s+|,\s*(?=(?:what|how|when|where|who|why|which|"
                       r"is|are|do|does|can|could|would|will|should)\b[^,]*\?)")
_LEAD = re.compile(r"^\W*(?:(?:and|so|but|well|oh|okay so|honestly|actually|i mean|look|listen|"
                   r"like|frankly|to be honest|you know|sorry|wait|real quick|man|oh man|gosh|"
                   r"hey|i'm afraid|unfortunately|then)\b\W*)+")
_STRONG = ("accepted", "declined", "deferred")
_MOVES = ("counter", "slot", "offer")  # clause verdicts that keep the thread open


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in _SENT_END.split(text):
        if out and _ABBREV.search(out[-1]):
            out[-1] += " " + piece
        elif piece.strip():
            out.append(piece.strip())
    return out


# "let me look yeah week of the 4th works": the check, then the answer, unpunctuated.
_CHECK_THEN = re.compile(r"^(\W*(?:let me|lemme) (?:just )?(?:look|check|see)(?: (?:at )?(?:my|the) "
                         r"(?:calendar|schedule))?)[\s,]+(?=(?:yeah|yes|yep|ok|okay|sure|no|nope)\b)")


def _clauses(text: str) -> list[str]:
    return [c for s in _sentences(_CHECK_THEN.sub(r"\1. ", clean(text)))
            for c in _CONTRAST.split(s) if c.strip()]


def _is_question(clause: str) -> bool:
    """Ends with "?", or opens or ends as one; a clause written with a closing "." or "!"
    is a statement ("when he's back, maybe.")."""
    end = clause.rstrip()
    if end.endswith("?"):
        return True
    if end.endswith((".", "!")):
        return False
    return bool(cue.QUESTION_START.search(clause)) or \
        bool(re.search(r"\b(?:when|what time|which day|what day)\W*$", clause))


def _counter(clause: str) -> bool:
    """Another day or time asked for or offered ("could we do Monday instead?", "can we
    push to the 16th", "what time are you thinking", "she has eleven or two", "any morning
    before ten wednesday maybe")."""
    if not cue.COUNTER.search(clause):
        # "Four?", "Thursday morning?": a bare day or hour asked back.
        return clause.rstrip().endswith("?") and len(clause.split()) <= 4 and \
            cue.names_time(clause) and not cue.POSTPONE_Q.search(clause)
    return cue.names_time(clause) or _is_question(clause)


def _offers_slot(clause: str) -> bool:
    """Times offered to choose from ("she has eleven or two", "any morning before ten
    wednesday maybe"): no verdict yet, the thread stays open."""
    if cue.TIME_CHOICE.search(clause):
        return True
    if re.match(r"^\W*(?:(?:maybe|perhaps|possibly|probably)\W+)?(?:any|some)(?: \w+)? "
                r"(?:morning|afternoon|evening|day)\b", clause) and cue.names_time(clause):
        return True
    return cue.names_time(clause) and re.search(r"\b(?:maybe|perhaps|possibly)\W*$", clause) \
        is not None


def _slot_no(clause: str) -> bool:
    """A day or time ruled out ("Thursday's no good", "the 3rd I'm at the job site all day")."""
    return cue.names_time(clause) and bool(cue.SLOT_NO.search(clause)) and \
        not cue.SLOT_YES.search(clause)


def is_counter(text: str) -> bool:
    """Does the reply end by asking for another day or time ("Wednesday's bad, how's
    Friday?", "the 14th I'm at the conference, can we push to the 16th")? The thread
    stays open."""
    clauses = _clauses(text)
    last = _LEAD.sub("", clauses[-1]) if clauses else ""
    return bool(last) and (_counter(last) or _offers_slot(last))


def _clause_verdict(c: str, mind: bool, offer: bool = False) -> tuple[str | None, str]:
    """(verdict, cue name) of one clause: ``accepted``, ``declined``, ``deferred``,
    ``counter`` (another time asked for), ``slot`` (a time ruled out), or weak ``busy`` /
    ``soft`` / ``time`` (used only when nothing else decides), or None."""
    c = _LEAD.sub("", c)
    if not c:
        return None, "empty"
    if cue.NEGATED_NO.search(c):
        return "accepted", "negated refusal"
    if mind and cue.MIND_YES.search(c):
        return "accepted", "granted ('mind if ...?')"
    if cue.NOT_A_NO.search(c):
        return "deferred", "not a no"
    if cue.HEDGED_NOT.search(c):
        return "declined", "hedged not"
    if _is_question(c) and cue.MATERIAL.search(c) and not offer and not cue.names_time(c):
        return "deferred", "asks for material instead"  # "can I get the recording instead?"
    if not c.rstrip().endswith("?") and (cue.CONDITION_LATER.search(c) or cue.VAGUE_LATER.search(c)):
        return "deferred", "a condition or a vague time puts it off"
    if _counter(c):
        return "counter", "another day or time asked for"
    if _is_question(c):
        if cue.MATERIAL.search(c) and not offer:
            return "deferred", "asks for material instead"
        if cue.DEFER.search(c) and cue.POSTPONE_Q.search(c):
            return "deferred", "asks for a later time"
        return None, "question back"
    if _offers_slot(c):
        choice = cue.TIME_CHOICE.search(c)
        if choice and cue.ACCEPT.search(c[:choice.start()]):
            return "accepted", "acceptance, then times to choose"  # "should be fine, Monday or Tuesday"
        return "offer", "times offered"
    if cue.CHECK_NOW.search(c):
        return "check", "checking right now ('let me check my calendar')"
    if cue.DEFER.search(c):
        return "deferred", "deferral"
    if cue.MATERIAL.search(c):
        # "Just send me an email" puts the step off; after "Can I send you the dates?" it
        # takes the offer.
        return ("accepted", "takes the offer") if offer else ("deferred", "asks for material")
    if cue.NO_DAY_AT_ALL.search(c):
        return "declined", "no day at all ('not Tuesday, not any day')"
    if _slot_no(c):
        return "slot", "a day or time ruled out"
    yeah_no = re.match(r"^(?:yeah|yes|yep|yup) no\b\W*", c)
    if yeah_no and c[yeah_no.end():]:
        c = c[yeah_no.end():]  # "yeah no that sounds good": "no" is a discourse marker here
    if cue.NO_WORD.search(c) or cue.DECLINE.search(c):
        return "declined", "refusal"
    soft = cue.SOFT_DECLINE.search(c)
    rest = c if soft is None else (c[:soft.start()] + c[soft.end():]).strip(" ,.")
    accept = cue.ACCEPT_LEAD.search(rest) or cue.ELLIPTIC_YES.search(rest) or \
        cue.ACCEPT.search(rest) if rest else None
    if accept:
        if cue.NEGATED_ACCEPT.search(rest[:accept.start()]):
            return "declined", "negated acceptance"  # "I can't set that up"
        return "accepted", "acceptance"
    if cue.BUSY.search(c):
        return "busy", "busy or away"
    if soft:
        return "soft", "polite no ('we're good')"
    if cue.names_time(c) and not cue.PAST.search(c):
        return "time", "names a day or time"
    return None, "no cue"


def explain_reply(text: str, proposal: str | None = None,
                  has_date: bool = False) -> tuple[str | None, list[tuple[str, str | None, str]]]:
    """The verdict of :func:`classify_reply` and, for each clause, (clause, verdict, cue).

    A reply to a known ``proposal`` goes to the learned reader (``reply_model``) first,
    unless the proposal offers to send something or asks "mind if ...?" (the reply's words
    then mean another thing: "sure, just send me the link" takes the offer), a clause
    moves the time (a counter-proposal, a time ruled out, times offered: the thread stays
    open, which a bag of words cannot see) or the reply only asks questions back: a reading
    it is sure of is the verdict, with the whole reply as its one clause."""
    mind = bool(proposal and cue.MIND_Q.search(norm(proposal)))
    offer = bool(proposal and cue.SEND_OFFER.search(norm(proposal))
                 and not cue.REVIEW_MEETING.search(norm(proposal)))
    judged: list[tuple[str, str | None, str]] = []
    for c in _clauses(text):
        v, why = _clause_verdict(c, mind, offer)
        if v == "accepted" and cue.names_time(c) and cue.OFFERED_DAY.search(c) and \
                any(pv == "slot" for _, pv, _ in judged):
            # "Friday I'm off, but Monday I'm around all day": another day offered
            v, why = "counter", "a day ruled out, another one offered"
        judged.append((c, v, why))
    moves = any(v in _MOVES for _, v, _ in judged)
    # Only questions back ("What would he want to talk about?"): no verdict yet, whatever
    # words a bag of words has seen in deferrals.
    asks_back = bool(judged) and all(  # not "Great, and can you ...?"
        why == "question back" and not cue.ACCEPT_LEAD.search(_LEAD.sub("", c)) for c, _, why in judged)
    asked = proposal is not None and not (mind or offer or moves or asks_back)
    learned = read_verdict(clean(text)) if asked else None
    if learned is not None:
        verdict, p = learned
        if verdict is None and has_date:
            verdict = "accepted"
        return verdict, [(text, verdict, f"learned reader ({p:.2f})")]
    last_yes = max((k for k, (_, v, _) in enumerate(judged) if v == "accepted"), default=None)
    refines = last_yes is not None and not any(cue.SLOT_NO.search(c) for c, _, _ in judged[last_yes + 1:])
    return _combine([v for _, v, _ in judged], has_date, refines), judged


def _combine(verdicts: list[str | None], has_date: bool, refines: bool = False) -> str | None:
    """The verdict of a reply from those of its clauses (module docstring). ``refines``: no
    clause after the last acceptance rules a day or time out."""
    decided = [v for v in verdicts if v in _STRONG or v == "counter"]
    weak = [v for v in verdicts if v in ("busy", "soft", "time", "offer", "check")]
    if decided:
        # The last answer decides; a counter-proposal at the end keeps the thread open,
        # unless it only refines what was accepted, with no day or time ruled out ("Monday's
        # fine. 9:30?", "Yeah, the 8th works, but can we make it after lunch?").
        if decided[-1] == "counter":
            return "accepted" if refines and "slot" not in verdicts else None
        return decided[-1]
    if "slot" in verdicts or (weak and weak[-1] == "offer"):
        return None  # a time ruled out, or times offered: the thread stays open
    if weak:
        # Busy beats a time ("Thursday I'm swamped"); a polite no beats a bare time.
        order = {"busy": 0, "check": 1, "soft": 2, "time": 3, "offer": 4}
        return {"busy": "deferred", "check": "deferred", "soft": "declined", "time": "accepted",
                "offer": None}[min(weak, key=order.__getitem__)]
    return "accepted" if has_date else None


def reply_strength(text: str, proposal: str | None = None) -> tuple[str | None, bool]:
    """The verdict and whether a clause said it outright (not only by naming a time,
    being busy or "we're good")."""
    verdict, judged = explain_reply(text, proposal)
    return verdict, any(v in _STRONG for _, v, _ in judged)


def classify_reply(text: str, has_date: bool = False, proposal: str | None = None) -> str | None:
    """``accepted``, ``declined``, ``deferred`` or None (no verdict) for the text of a reply
    to a proposed step (module docstring: how). ``proposal``: the proposing sentence, when
    known ("Mind if I call you?" "Not at all." accepts). ``has_date``: the reply names a
    date found elsewhere (NER), read as acceptance when nothing else decides."""
    return explain_reply(text, proposal, has_date)[0]
