"""Next steps: a meeting, demo, call, trial or proposal proposed, by whom, when, and
whether the other party accepted, declined or deferred it.

A sentence proposes a next step when it names one (matched on lemmas: "demos" -> "demo")
and is framed as a proposal: a question ("can we set up a demo?"), "let's ...", a
first-person plan ("I'll send over a proposal", "we can book a call"), "how about ...",
or a request ("send me a quote"). A negated statement ("we don't need a demo") is not
a proposal. The reply is read from the other party's next turns: deferral is checked
first ("maybe, I'll get back to you" is not an acceptance), then decline ("no, we don't
need a demo" declines although it names a demo), then acceptance ("sounds good",
"Tuesday works").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from scorer.features.common import Collector, clip, span_times
from scorer.features.options import FeatureOptions
from scorer.features.questions import Judged
from scorer.features.result import NextStep
from scorer.features.talk import EMPTY, NO_ROLES
from scorer.types import Moment, Transcript

# What a step is, matched on the sentence's lowercased lemmas, first match wins.
STEP_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p)) for k, p in (
    ("demo", r"\b(demo|demonstration|walkthrough|walk - through|presentation|show you around)\b"),
    ("trial", r"\b(trial|pilot|proof of concept|poc|sandbox)\b"),
    ("proposal", r"\b(proposal|quote|quotation|contract|order form|sow|pricing sheet)\b"),
    ("meeting", r"\b(meeting|meet|session|workshop|onsite|on - site|get together)\b"),
    ("call", r"\b(call|chat|conversation|catch up|sync|touch base|(a|another) zoom)\b"),
    ("follow-up", r"\b(follow - up|follow up|followup|next step)\b"),
    # Verbs of arranging without a named step ("let's book some time"): a meeting.
    ("meeting", r"\b((an|the|a calendar) invite|book (a|an|some|time)|"
                r"schedule (a|an|some|time|it|that|something|one|for))\b"),
))
# Proposal frames, on the lowercased sentence text (apostrophes normalised). A sentence
# must have one, question or not: "did you call them?" names a call but proposes nothing.
_PROPOSE = re.compile(
    r"\b(let's|let us|how about|what about|why don't we|why not|shall we|"
    r"(i|we)('ll| will| can| could| should| would like to|'d like to|'d love to| want to|"
    r" wanna|'m going to| am going to|'re going to| are going to| gonna| plan to| need to)|"
    r"(can|could|should|shall|would|will|may) (we|i)|"
    r"when (can|could|would|should|do|does|are|is|will) (we|you|it)|"
    r"(do|would) you (want|wanna|like)|"
    r"would you (be open|be interested|be up for|have time)|"
    r"are you (free|available|open|around)|do you have (time|availability|a minute|some time)|"
    r"(does|would|will|is) [\w ,']{0,40}\b(work|good for you|better for you|suit)\b|"
    r"what (time|day|date)s? |next steps? (is|are|would be|will be|could be)|"
    r"(can|could|would|will) you (send|set up|schedule|book|give|share|get)|"
    r"^(please )?(send|schedule|book|set up|shoot|email) )")
_NEGATION = re.compile(r"\b(not|no|never|don't|doesn't|didn't|won't|can't|cannot|isn't|aren't)\b")
# Reply classes, on the lowercased reply text; checked in this order.
_DEFER = re.compile(
    r"\b(maybe|perhaps|possibly|not sure|i don't know|get back to (you|u)|let you know|"
    r"think (about it|it over)|we'll see|circle back|reach out (later|again|next)|"
    r"let me (check|think|talk|get back|look|see|run|ask|confirm|discuss)|"
    r"i('ll| will) (check|think|talk|ask|see|discuss|run|have to|need to|circle|reach)|"
    r"(i|we) (need|have|would need|'d need) to (check|talk|ask|run|think|discuss|consult|see)|"
    r"check with|run it by|talk to my|ask my|"
    r"(send|email|shoot) me (an email|some|the|more|info|information|details|something|a note)|"
    r"(just )?(send|email) (it|that|something|info|information|details) (over|to me)|"
    r"not right now|not at the moment|not yet|not this (week|month|quarter)|maybe later|"
    r"some other time|another time|next (quarter|year)|in a few (weeks|months))\b")
_DECLINE = re.compile(
    r"^\W*(no\b(?!\W*(problem|worries|doubt))|nope\b|nah\b)|"
    r"\b(not interested|no thanks|no thank you|"
    r"(don't|do not|doesn't|does not) (really )?(need|want|think (we|i) need|see the need)|"
    r"(we're|we are|i'm|i am) (good|fine|all set|set|okay|ok)(?!\s+(with|to|for|on|at))|"
    r"(we|i) (can't|cannot|won't|will not) (do|make|commit|afford|take)|"
    r"(doesn't|does not|won't|will not|wouldn't) work|pass on|not for us|not a (good )?fit|"
    r"no need|not going to happen|don't bother|take me off)\b")
_ACCEPT = re.compile(
    r"\b(yes|yeah|yep|yup|sure|ok|okay|sounds (good|great|perfect|fine|like a plan)|"
    r"that works|works (for me|for us|great|fine)|(that's|that is) (fine|great|perfect|good)|"
    r"perfect|great|absolutely|definitely|of course|let's do (it|that)|"
    r"(i'm|i am|we're|we are) (free|available|in)|see you (then|there)|looking forward|"
    r"(i'm|we're|i am|we are) (good|fine|all set|set) (with|for|on)|"
    r"no problem|no worries|count me in|(i|we) can do|happy to|(would|'d) love|deal|"
    r"go ahead|please do|send it over|that would be (great|good|helpful|perfect)|"
    r"mm-?hmm|uh-?huh|alright|all right|will do)\b")
_DATE_LABELS = ("DATE", "TIME")


@dataclass
class Proposal:
    """A proposed step found in the parse (internal; dates are filled after NER)."""

    index: int
    what: str
    sentence: str
    char_start: int
    char_end: int
    responders: list[int] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").split())


def step_kind(lemmas: str) -> str | None:
    """The kind of step named in a lowercased lemma string, or None."""
    for kind, pattern in STEP_KINDS:
        if pattern.search(lemmas):
            return kind
    return None


def is_proposal(sent_text: str, lemmas: str, is_question: bool) -> str | None:
    """The kind of step ``sent_text`` proposes, or None when it does not propose one."""
    kind = step_kind(lemmas)
    if kind is None:
        return None
    text = _norm(sent_text)
    if not _PROPOSE.search(text):
        return None
    if not is_question and _NEGATION.search(text) and \
            not text.startswith(("why don't we", "why not")):
        return None  # "we don't need a demo", "I won't book anything yet"
    return kind


def find_proposals(t: Transcript, judged: list[Judged], opts: FeatureOptions) -> list[Proposal]:
    """One proposal per utterance at most (its first proposing sentence), with the indices
    of the other party's next ``response_window_turns`` utterances."""
    found: list[Proposal] = []
    utts = t.utterances
    for i, (u, judged_sents) in enumerate(zip(utts, judged)):
        if u.speaker == "unknown":
            continue
        sents = [s for s, _ in judged_sents]
        asks = [kind is not None for _, kind in judged_sents]
        for k, sent in enumerate(sents):
            lemmas = " ".join((tok.lemma_ or tok.lower_).lower() for tok in sent)
            kind = is_proposal(sent.text, lemmas, asks[k])
            if kind is None:
                continue
            other = [j for j in range(i + 1, len(utts))
                     if utts[j].speaker not in (u.speaker, "unknown")]
            # "I'll send the invite. Anything else you need?": the reply answers the
            # later question, not the proposal.
            if any(asks[k + 1:]):
                other = []
            found.append(Proposal(i, kind, sent.text, sent.start_char, sent.end_char,
                                  other[: opts.response_window_turns]))
            break
    return found


def ner_targets(proposals: list[Proposal]) -> list[int]:
    """Utterance indices whose DATE/TIME entities matter (proposals and their replies)."""
    return sorted({p.index for p in proposals} | {j for p in proposals for j in p.responders})


def classify_reply(text: str, has_date: bool = False) -> str | None:
    """``deferred``, ``declined``, ``accepted`` or None for the text of a reply."""
    norm = _norm(text)
    if _DEFER.search(norm):
        return "deferred"
    if _DECLINE.search(norm):
        return "declined"
    if _ACCEPT.search(norm) or has_date:
        return "accepted"
    return None


def _dates(doc: Doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ in _DATE_LABELS]


def compute_next_steps(t: Transcript, docs: list[Doc], proposals: list[Proposal],
                       has_ner: bool, opts: FeatureOptions,
                       out: Collector) -> tuple[NextStep, ...]:
    """Fill the ``next_steps`` group and add ``next_step`` moments; returns the details."""
    if not t.utterances:
        out.null_group("next_steps", EMPTY)
        return ()
    if not any(u.speaker != "unknown" for u in t.utterances):
        out.null_group("next_steps", NO_ROLES)
        return ()
    utts = t.utterances
    steps: list[NextStep] = []
    for p in proposals:
        u = utts[p.index]
        dates = _dates(docs[p.index])
        response = resp_index = resp_text = None
        for j in p.responders:
            reply_dates = _dates(docs[j])
            verdict = classify_reply(utts[j].text, has_date=bool(reply_dates))
            if verdict is not None:
                response, resp_index, resp_text = verdict, j, utts[j].text
                dates += [d for d in reply_dates if d not in dates]
                break
        start_s, end_s = span_times(u, p.char_start, p.char_end)
        text = clip(p.sentence, opts.moment_text_max_chars)
        steps.append(NextStep(utterance_index=p.index, proposed_by=u.speaker, what=p.what,
                              text=text, start_s=start_s, end_s=end_s, dates=tuple(dates),
                              response=response, response_utterance_index=resp_index,
                              response_text=None if resp_text is None
                              else clip(resp_text, opts.moment_text_max_chars)))
        out.add(Moment(kind="next_step", subtype="proposed", speaker=u.speaker,
                       utterance_index=p.index, start_s=start_s, end_s=end_s, text=text))
        if resp_index is not None:
            r = utts[resp_index]
            out.add(Moment(kind="next_step", subtype=response, speaker=r.speaker,
                           utterance_index=resp_index, start_s=r.start_s, end_s=r.end_s,
                           text=clip(r.text, opts.moment_text_max_chars)))
    out.set("next_steps_proposed", len(steps))
    out.set("next_steps_proposed_by_rep", sum(1 for s in steps if s.proposed_by == "rep"))
    for verdict in ("accepted", "declined", "deferred"):
        out.set(f"next_step_{verdict}", int(any(s.response == verdict for s in steps)))
    if has_ner:
        out.set("next_step_has_date", int(any(s.dates for s in steps)))
    else:
        out.set("next_step_has_date", None, "the spaCy pipeline has no NER component to find "
                                            "dates and times")
    return tuple(steps)
