"""Customer objections (price, timing, authority, need, competitor) and how the rep
answered each: with a question (the coach's advice: explore before answering) or a
statement.

Matched with phrase patterns on the lowercased customer sentence (docs/FEATURES.md lists
them). A customer question only counts when it says "too ..." ("isn't that too
expensive?"); "is it expensive?" is a question, not an objection.
"""
from __future__ import annotations

import re

from scorer.features.common import Collector, clip, is_backchannel, norm, span_times
from scorer.features.options import FeatureOptions
from scorer.features.questions import Judged
from scorer.features.result import Objection
from scorer.features.talk import EMPTY, NO_ROLES
from scorer.types import Moment, Transcript

SUBTYPES: tuple[str, ...] = ("price", "timing", "authority", "need", "competitor")

_ROLES = (r"(boss|manager|team|partner|partners|wife|husband|cfo|ceo|cto|vp|director|board|"
          r"committee|procurement|legal|owner|supervisor|finance|it department|head office)")
PATTERNS: dict[str, re.Pattern[str]] = {k: re.compile(p) for k, p in {
    "price": (
        r"\b(too (expensive|pricey|costly|much money)|(very|really|pretty|quite|so|bit) "
        r"(expensive|pricey)|expensive|pricey|costs? (too much|a lot|an arm)|"
        r"(price|pricing|cost|rate|fee|quote)s? (is|are|seems?|was|looks?|feels?) "
        r"(too |a bit |a little |way |really |very |pretty |kind of |quite )*(high|steep|much)|"
        r"(can't|cannot|couldn't) afford|out of (our|my) (price )?(range|budget)|"
        r"over (our|my|the) budget|(no|don't have (the|a|any)|not in the|no room in the) budget|"
        r"cheaper|more than (we|i) (want|can|wanted|expected|planned) to (pay|spend))\b"),
    "timing": (
        r"\b(not (a good|the right|a great) time|bad tim(e|ing)|(not|isn't|is not) a priority|"
        r"(too|really|very|pretty|so|super|crazy) busy|not right now|not (at|for) the moment|"
        r"(next|later this) (quarter|year|month)|in a (few|couple of|couple) (months|weeks|quarters)|"
        r"(check|come|get) back (to (me|us) )?(later|in|next|after)|revisit (this|it) "
        r"(later|in|next)|(timing|time) (is|isn't|is not) (not )?(right|great|good|bad|off)|"
        r"(no|don't have (the )?) ?time (for this|right now)|after (the )?(holidays|new year|summer))\b"),
    "authority": (
        r"\b((need|have|got|would have|will have) to (talk|check|run (it|this|that) by|speak|"
        r"discuss (it|this|that)?|consult|ask|get (approval|sign-?off|buy-?in)( from)?)"
        r"( to| with| by)?( my| our| the) " + _ROLES + r"|"
        r"(not|isn't|is not) (my (call|decision)|up to me)|not the decision maker|"
        r"(i'm|i am) not the (one who|person who) (decides|signs|makes)|"
        r"run (it|this|that) by|check with (my|our|the) " + _ROLES + r"|"
        r"(my|our|the) " + _ROLES + r" (decides|has to|needs to|would have to|will have to|"
        r"makes the (call|decision)|signs off|has the final say)|"
        r"(get|need|needs) (approval|sign-?off|buy-?in)|sign off on)\b"),
    "need": (
        r"\b(not interested|(don't|do not|doesn't|does not) (really )?(need|see the need|"
        r"have a need)|(don't|do not) (really )?want (it|this|that|one|any|anything|to (buy|"
        r"change|switch|sign))|no need (for|to)|(we're|we are|i'm|i am) (happy|fine|good|okay|"
        r"ok|satisfied) with (what|our|the|how|my)|(don't|do not) see (the )?(value|point|benefit)|"
        r"not (a|really a) (problem|priority|fit) for (us|me)|not relevant (to|for) (us|me)|"
        r"(what we have|our current \w+) (works|is fine|is good|does the job))\b"),
    "competitor": (
        r"\b((already|currently) (use|using|work with|working with|signed with|went with|"
        r"have a (vendor|provider|solution|tool|system|contract))|"
        r"we (use|work with) (another|a different|other)|(another|a different|other|current|"
        r"existing) (vendor|provider|supplier|tool|solution|platform|company|product)|"
        r"competitors?|(locked|tied) in(to)? (a|with|to)|under contract with|"
        r"(cheaper|better) (deal|offer|price|option) (from|elsewhere|somewhere)|"
        r"(offer|offers|offered|gave us|give us) (a )?(better|cheaper|lower) (price|deal|rate))\b"),
}.items()}


def objection_type(sentence: str, is_question: bool = False) -> str | None:
    """The objection ``sentence`` raises (first of price, timing, authority, need,
    competitor that matches), or None."""
    text = norm(sentence)
    if is_question and "too " not in text:
        return None
    for subtype in SUBTYPES:
        if PATTERNS[subtype].search(text):
            return subtype
    return None


def compute_objections(t: Transcript, judged: list[Judged], opts: FeatureOptions,
                       out: Collector) -> tuple[Objection, ...]:
    """Fill the ``objections`` group and add ``objection`` moments; returns the details."""
    if not t.utterances:
        out.null_group("objections", EMPTY)
        return ()
    if not any(u.speaker != "unknown" for u in t.utterances):
        out.null_group("objections", NO_ROLES)
        return ()
    utts = t.utterances
    found: list[Objection] = []
    for i, (u, sents) in enumerate(zip(utts, judged)):
        if u.speaker != "customer":
            continue
        seen: set[str] = set()
        for sent, kind in sents:
            subtype = objection_type(sent.text, kind is not None)
            if subtype is None or subtype in seen:
                continue
            seen.add(subtype)
            # The rep's first turn after it that is more than "mm-hmm".
            answer = next((j for j in range(i + 1, min(len(utts), i + 1 + 2 *
                                                       opts.response_window_turns))
                           if utts[j].speaker == "rep" and
                           not is_backchannel(utts[j].text, opts.backchannel_max_words)), None)
            answered = None if answer is None else \
                ("question" if any(k for _, k in judged[answer]) else "statement")
            start_s, end_s = span_times(u, sent.start_char, sent.end_char)
            text = clip(sent.text, opts.moment_text_max_chars)
            found.append(Objection(utterance_index=i, subtype=subtype, text=text,
                                   start_s=start_s, end_s=end_s, answered_with=answered,
                                   answer_utterance_index=answer))
            out.add(Moment(kind="objection", subtype=subtype, speaker="customer",
                           utterance_index=i, start_s=start_s, end_s=end_s, text=text))
    out.set("objections", len(found))
    for subtype in SUBTYPES:
        out.set(f"objections_{subtype}", sum(1 for o in found if o.subtype == subtype))
    out.set("objections_answered_with_question",
            sum(1 for o in found if o.answered_with == "question"))
    out.set("objections_unanswered", sum(1 for o in found if o.answered_with is None))
    return tuple(found)
