"""Proposed next steps, sentence by sentence: does an utterance offer or request a future
meeting, demo, call, trial, proposal or follow-up, and does it move a time ("how about 2 p.m.?").

A step is **proposed** when a sentence names one ("demo", "a call", "meet", "follow up",
"check back", "pencil something in", "move forward") as the argument of a verb of arranging
(set up, book, send, give, see, be open to...) **and** that clause is framed, on the
dependency parse, as an offer or a request: a modal with I/we ("I'll send you a proposal",
"can we set up a call?"), "let's", a question to the listener ("would you be open to a
demo?", "could you send me a quote?"), "would it make sense to ...", a permission question,
an imperative ("send me a proposal"), "how about", "the best next step would be a demo", or
"I'd like / we're going to ...". Negated statements ("we don't need a demo"), the past ("we
had a demo"), the present call ("I'm calling about your demo request") and plans on the
listener's condition ("I'll reach out if we're interested") propose nothing. The utterance is
the unit: a step named in one sentence and a scheduling question next to it ("... a 30
minute demo. Are you free Thursday at 10?") make one proposal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from scorer.features import proposal_model
from scorer.features.common import norm
from scorer.features.questions import Judged
from scorer.features.replies import classify_reply, is_counter
from scorer.features.reply_cues import SPOKEN_CLOCK, names_time
from scorer.features.step_words import (ABOUT, ANY_FRAMES, ASK_FRAMES, BRUSH_OFF, IMPERATIVE,
                                        INVITE, NEGATION, NEGATION_OK, NOT_A_STEP, PAST_TIME, POSSESSED,
                                        PURPOSE, STEP_KINDS, THINKING, mentions, norm_keep, step_pattern)
from scorer.features.timex import DAY_OR_CLOCK, SPECIFIC_TIME, TIME
from scorer.features.timex import PAST_TIME as PAST_WORDS

__all__ = ["INVITE", "STEP_KINDS", "Turn", "analyse_turn", "is_scheduling_move"]

# Sentence frames, on the lowercased sentence.
_LEAD = (r"^(?:\W*(?:so|well|okay|ok|sure|great|then|and|or|perfect|alright|um|uh|hmm|yeah|"
         r"right)\b)*\W*")
_HOW_ABOUT = re.compile(_LEAD + r"(?:how|what) about\b")
_WHY_NOT = re.compile(_LEAD + r"why (?:(?:don't|not|wouldn't) (?:we|i|you)\b|not\b)")
_WHEN = re.compile(r"\b(?:(?:what|which) (?:time|day|date)s?|when)\b.*\b(?:works?|suits?|free|"
                   r"available|good|best|better|convenient)\b|\b(?:good|best|better|convenient) "
                   r"time\b")
_LETS_DO = re.compile(r"\blet's (?:do|say|go with|make it|aim for|try|pencil in|lock in)\b")
_MOVE_WORD = re.compile(r"\b(?:free|available|around|open|works?|suits?|good|better|best|fine|"
                        r"ok|okay|do|instead|make it|say|try|push|move)\b")
# "How does Tuesday at 2 look (for a demo)?": a slot put to the listener, when it names a
# day or an hour ("how does next quarter look?" asks about business).
_LOOK_Q = re.compile(_LEAD + r"how (?:does|do|would|will|is|'s) .*\b(?:look|sound)s?\b")
_STANDALONE = re.compile(  # a time proposed with no step named: "are you free Tuesday at 3?"
    _LEAD + r"(?:how|what) about\b|\blet's\b|\b(?:are|is|would|will) (?:you|he|she|they|"
    r"everyone|your team)(?: all)? (?:be )?(?:free|available|around)\b|\b(?:works?|suits?|"
    r"good for you|better for you)(?: (?:for|with) (?:you|everyone|both of you|your team|"
    r"them))?(?: better| best| ok)?\W*$|^\W*(?:so |and |okay |ok |then )?(?:would|does|will|"
    r"could|can|is) [\w' :.-]{2,40}? (?:work|suit|be (?:ok|okay|good|better|possible))\b|"
    r"^\W*(?:so |and |okay |ok |then )?(?:could|can|shall|should) we (?:do|make it|say|try|book|"
    r"schedule|pencil)\b|"
    r"^\W*(?:so |and |okay |ok |then )?how(?:'s| is| does| would) ")
_HOWS = re.compile(_LEAD + r"how(?:'s| is| does| would| about)\b")
_REPROPOSE = re.compile(_LEAD + r"(?:(?:how|what) about|what if|or (?:maybe|what about|how about)|"
                        r"(?:could|can|would|should) (?:we|i) (?:\w+ ){0,4}instead)\b|"
                        r"^\W*(?:just|only|maybe just)\b[^?]{0,50}\?\s*$|, then\?\s*$")
_PAST_Q = re.compile(r"^\W*(?:did|was|were|had|have you ever)\b")
# Elliptical proposals, a whole sentence with no verb of its own: "demo next week?",
# "coffee next week?", "quick call tomorrow?", "a thirty minute walkthrough monday",
# "thursday?", "same time next week?", "ten minutes friday?", "Tuesday at two?".
_ELLIPTIC_TIME = re.compile(r"\bsame time\b|\b(?:next|this|coming) (?:week|month)\b|"
                            r"\b(?:morning|afternoon|evening)\b")
_ELLIPTIC_MAX_WORDS = 10
_ANSWER = re.compile(r"^\W*(?:yes|yeah|yep|yup|sure|ok|okay|no|nope|nah|fine|great|perfect|"
                     r"right|mm-?hmm|uh-?huh)\b")
# "Want me to send it over?", "should I send that across?": the thing under discussion.
# Asked, not announced: "I'll send that over today" after "just send me an email" is the
# rep taking a deferral, not a step.
_SEND_IT = re.compile(r"\b(?:want me to|wanna have me|should i|shall i|can i|could i|do you want "
                      r"me to) (?:just )?(?:send|email|shoot|forward) "
                      r"(?:it|that|this|them|those|everything|the (?:\w+ )?(?:file|files|numbers|"
                      r"details|doc|docs|draft|paperwork|breakdown))(?: (?:over|across|"
                      r"your way|along|to you))?\b")
_CHECK_Q = re.compile(  # "would that help?", "sound okay?"
    _LEAD + r"(?:would|will|does|do|is|could|can|how does|how would) (?:that|this|it)\b|what do "
    r"you think|sounds? (?:good|okay|ok|alright|all right|fair|like a plan|right)|^\W*(?:okay|ok|"
    r"right|yeah|alright|all right|cool|fair|good|deal|yes|sound good)\W*$|works for you|"
    r"(?:that|this) (?:work|okay|ok)\b")


@dataclass
class Turn:
    """What one utterance does for next steps."""

    kind: str | None = None               # the step it proposes (or INVITE)
    span: tuple[int, int] = (0, 0)        # chars of the proposing sentence(s)
    asks: bool = False                    # asks for an answer (not a bare announcement)
    merged: bool = False                  # an unframed step lent a frame by a move
    move: tuple[int, int] | None = None   # chars of a scheduling move ("how about 2 p.m.?")
    standalone: bool = False              # that move names a day or hour on its own
    detached: bool = False                # a later, unrelated question takes the reply
    other_question: bool = False          # proposes nothing but asks something else
    learned: bool = False                 # the step is the learned reader's, not the rules'


# Verbs a step can be the subject of while still being proposed ("would a demo help?",
# "would a workshop make sense?"); under any other verb it is talked about ("does the
# trial include support?", "can the pilot be extended?").
_JUDGE = frozenset({"help", "work", "make", "be", "suit", "fit", "sound", "hurt", "interest",
                    "appeal", "put", "give", "benefit", "matter", "do", "serve", "save", "go",
                    # a misparse of "the pilot's free for a month, want me to set it up?"
                    "want"})
_OWN = re.compile(r"\b(?:do|does|did) (?:you|they|we|y'all|your \w+) (?:already |currently )?"
                  r"(?:have|use|own|run|get|keep)\b(?! (?:any |some |a |an )?(?:time|minutes|"
                  r"chance|slot|window|opening))")  # "do you have a contract with them?"
_IMPERATIVE_LEAD = frozenset({"so", "well", "okay", "ok", "and", "then", "um", "uh", "just",
                              "please", "yeah", "alright", "honestly", "you", "know", "what",
                              "also", "tell", "hey", "oh", "actually", "now"})
_SAME_IN_PAST = frozenset({"set", "put", "let", "cut", "run", "hit", "shut", "read"})
# A step named by a phrasal verb ("swing by", "come out"), whatever the parse says of it.
_PHRASAL = re.compile(r"^[\w']+ (?:by|out|over|in|down|up|off)$")
_CONTRAST = re.compile(r",?\s+(?:but|though|although|except|however)\s+|;\s*|\s+-{1,2}\s+")


def _tokens(sent: Span, a: int, b: int) -> list[Token]:
    """The tokens of chars [a, b) of the sentence."""
    lo, hi = sent.start_char + a, sent.start_char + b
    return [t for t in sent if t.idx < hi and t.idx + len(t.text) > lo]


def _head_verb(tok: Token) -> Token | None:
    cur, hops = tok, 0
    while cur.pos_ not in ("VERB", "AUX") and cur.head != cur and hops < 6:
        cur, hops = cur.head, hops + 1
    return cur if cur.pos_ in ("VERB", "AUX") else None


def _in_if_clause(v: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "once", "when") for c in v.children)


def _is_past(verb: Token | None) -> bool:
    """The step's verb is in the past ("we had a demo"), not a modal, not an if-clause
    ("would it help if I showed you")."""
    if verb is None or _in_if_clause(verb):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in auxes):
        return False
    if verb.lower_ == "got" and any(c.lower_ in ("'ve", "have", "'s", "has") for c in auxes):
        return False  # "I've got Tuesday open": what one has now
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
        return True
    return verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes)


def _negated(toks: list[Token], clause: str) -> bool:
    """Is the step inside the scope of a negation on the parse (a "not" on a verb it hangs
    from), or after a negation word in its clause ("no need to book", "we don't need a
    demo")? "Why don't we", "can't we", "no charge" are not refusals."""
    ok = [(m.start(), m.end()) for m in NEGATION_OK.finditer(clause)]
    cues = [m for m in NEGATION.finditer(clause) if not any(a <= m.start() < b for a, b in ok)]
    if cues:
        return True
    for t in toks:
        cur, hops = t, 0
        while cur.head != cur and hops < 8:
            if any(c.dep_ == "neg" for c in cur.children) and not NEGATION_OK.search(clause):
                return True
            cur, hops = cur.head, hops + 1
    return False


def _clause_bounds(low: str, a: int) -> tuple[int, int, bool]:
    """The clause around char ``a`` (split at contrasts), and whether a contrast follows."""
    start, end = 0, len(low)
    for m in _CONTRAST.finditer(low):
        if m.end() <= a:
            start = m.end()
        elif m.start() >= a:
            return start, m.start(), True
    return start, end, False


def _talked_about(low: str, clause: str, step: str, toks: list[Token]) -> bool:
    # "our team call" is ours; in "I can have our specialist call you" and "worth having our
    # installer swing by?" the step is a verb (or starts with one).
    possessed = step_pattern(POSSESSED, step).search(clause) and not (
        (toks and toks[0].pos_ == "VERB") or _PHRASAL.match(step))
    if step_pattern(ABOUT, step).search(clause) or possessed:
        return True
    if _OWN.search(clause) and _OWN.search(clause).start() < clause.find(step):  # type: ignore[union-attr]
        return True
    nouns = [t.head if t.dep_ in ("compound", "amod") else t for t in toks
             if t.pos_ in ("NOUN", "PROPN", "ADJ")]  # "the demo account" -> "account"
    # The step as the subject of the main verb: "does the trial include support?", "can the
    # pilot be extended?"; not "let's get the trial kicked off" (a clause below the frame).
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB" and
               t.head.dep_ == "ROOT" and t.head.lemma_.lower() not in _JUDGE for t in nouns)


def _frame(sent: Span, low: str, a: int, b: int, is_q: bool, kind: str) -> str | None:
    """"ask" (an offer or request that wants an answer), "announce" (a plan the speaker
    states: "I'll send you a proposal") or None for the step at chars [a, b)."""
    start, end, contrast = _clause_bounds(low, a)
    clause, step = low[start:end], low[a:b]
    toks = _tokens(sent, a, b)
    # The frame may follow an opening clause: "If I sent a contract today, could you ...".
    asks = any(ASK_FRAMES.search(part) for part in _openings(clause)) or \
        (start > 0 and is_q and ASK_FRAMES.search(low) is not None)
    imperative = bool(IMPERATIVE.search(clause)) and _imperative(sent, start)
    offers = bool(ANY_FRAMES.search(clause))
    if not (asks or imperative or offers):
        return None
    verb = _head_verb(toks[0]) if toks else None
    # "What if we did a pilot", "how about I set up a demo": not the past. "Set", "put" and
    # "let" look the same in the past; only a past-time word says so.
    what_if = re.search(r"\b(?:what if|if|suppose|say|how about|what about|maybe|why don't|"
                        r"why not|let's)\b", low[:a]) is not None or \
        (verb is not None and verb.lower_ in _SAME_IN_PAST)
    if _negated(toks, low[start:a] if not toks or toks[0].dep_ not in ("nsubj", "nsubjpass")
                else clause, ) or (_is_past(verb) and not what_if) or \
            step_pattern(PAST_TIME, step).search(clause):
        return None
    if _talked_about(low, clause, step, toks) or BRUSH_OFF.search(clause):
        return None
    if kind == "follow-up" and THINKING.search(low):
        return None  # "I'll have to think about it and circle back": a deferral
    if contrast and _refused_after(low[end:]):
        return None  # "I'd love a demo, but we're frozen on new tools until the merger"
    if asks or imperative or is_q or re.search(r"\b(?:let's|how about|what about|what if|why "
                                               r"(?:don't|not)|suggest|recommend|any chance|"
                                               r"mind if|step)\b", clause):
        return "ask"
    return "announce"


def _openings(clause: str) -> list[str]:
    """The clause, and what follows each comma in it (where a main clause may start), and
    each request that starts mid-sentence in unpunctuated speech ("... within a few months
    could we at least pencil something in")."""
    return ([clause] + [clause[m.end():] for m in re.finditer(r",\s*", clause)]
            + [clause[m.start():] for m in _RUN_ON_ASK.finditer(clause) if m.start() > 0])


# Where an unpunctuated run-on (Whisper's lower-case text) may start a request.
_RUN_ON_ASK = re.compile(r"\b(?:(?:could|can|would|shall) (?:we|you|i)|how about|what about|why don't we)\b")


def _imperative(sent: Span, start: int) -> bool:
    """The clause at ``start`` opens with a verb that has no subject ("send me a quote",
    "call me Monday"), as far as the parse can tell."""
    toks = [t for t in sent if t.idx - sent.start_char >= start and not t.is_punct]
    for t in toks:
        if t.lower_ in _IMPERATIVE_LEAD:
            continue
        return t.dep_ not in ("nsubj", "nsubjpass", "compound", "amod", "poss", "pobj") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i and
                    c.lower_ not in _IMPERATIVE_LEAD for c in t.children)
    return False


def _refused_after(rest: str) -> bool:
    return classify_reply(rest) in ("declined", "deferred")


def is_scheduling_move(text: str, is_question: bool) -> bool:
    """Does this sentence propose or counter a day or time ("how about Thursday at 2 p.m.?",
    "could we do the afternoon instead?", "when are you free?", "Friday?", "Wednesday's bad,
    how's Friday?")?"""
    t = norm(text)
    if PAST_WORDS.search(t) or _PAST_Q.search(t):
        return False
    if is_question and (_WHEN.search(t) or _looks_at_slot(t)):
        return True
    timed = bool(TIME.search(t) or names_time(t))
    if (timed or is_question or "when" in t or "instead" in t) and is_counter(text):
        return True
    short = len(t.split()) <= 5  # "Friday?", "Tuesday at nine, then?", "Eight?"
    slot = bool(DAY_OR_CLOCK.search(t) or SPOKEN_CLOCK.search(t))  # not "next quarter"
    return timed and bool(_HOW_ABOUT.search(t) or _LETS_DO.search(t) or
                          (is_question and (_MOVE_WORD.search(t) or
                                            (slot and (short or _HOWS.search(t))))))


def is_reproposal(text: str) -> bool:
    """A new offer after an answer, with no day or step named ("What about just you and
    Ms. Obi, twenty minutes?", "Could we do two shorter sessions instead?")."""
    return bool(_REPROPOSE.search(norm(text)))


def _looks_at_slot(t: str) -> bool:
    return bool(_LOOK_Q.search(t) and DAY_OR_CLOCK.search(t))


def _framed_kind(sent: Span, is_q: bool) -> tuple[str, bool] | None:
    """The most specific step ``sent`` proposes and whether it asks for an answer."""
    low = norm_keep(sent.text)
    purpose = PURPOSE.search(low)
    found = []
    for kind, a, b in mentions(low):
        frame = _frame(sent, low, a, b, is_q, kind)
        if frame is not None:
            # "... a call next week, so I can show you how": the call is the step.
            found.append((purpose is not None and a > purpose.start(), kind, frame))
    if not found:
        return None
    found.sort(key=lambda pkf: (pkf[0], _rank(pkf[1])))
    return found[0][1].rstrip("~"), is_q or any(f == "ask" for _, _, f in found)


def _rank(kind: str) -> int:
    """Specific kinds in STEP_KINDS order, then the generic ones ("find a time")."""
    base = kind.rstrip("~")
    return (STEP_KINDS.index(base) if base in STEP_KINDS else 6) + (10 if kind.endswith("~") else 0)


def _unframed_kind(sent: Span) -> str | None:
    """A step named without a frame, that a scheduling move next to it can propose: not the
    speaker's own ("our team meeting"), not negated, not past, not a verb ("I'm calling")."""
    low = norm_keep(sent.text)
    kinds = []
    for kind, a, b in mentions(low):
        toks = _tokens(sent, a, b)
        if kind == INVITE or not toks or not any(t.pos_ in ("NOUN", "PROPN") for t in toks) or \
                step_pattern(POSSESSED, low[a:b]).search(low):
            continue
        verb = _head_verb(toks[0])
        if not (_negated(toks, low[:a]) or _is_past(verb) or
                step_pattern(PAST_TIME, low[a:b]).search(low)):
            kinds.append(kind)
    return min(kinds, key=_rank).rstrip("~") if kinds else None


def _elliptic(sent: Span, is_q: bool, alone: bool) -> str | None:
    """The step an elliptical sentence proposes ("demo next week?", "coffee next week?",
    "a thirty minute walkthrough monday"), "time" for a bare day or hour put as a question
    ("thursday?", "Tuesday at two?", "same time next week?"), or None. The sentence has no
    subject or auxiliary of its own ("Is Thursday the day ...?", "Friday's our inventory
    day" are not), is short, and is a question or, with no punctuation, names a time."""
    words = [t for t in sent if not t.is_punct]
    low = norm_keep(sent.text)
    unpunctuated = alone and not re.search(r"[.?!,]", sent.text)
    if not words or len(words) > _ELLIPTIC_MAX_WORDS or not (is_q or unpunctuated) or \
            PAST_WORDS.search(low) or NEGATION.search(low):
        return None
    if any(t.pos_ == "AUX" or t.dep_ in ("nsubj", "nsubjpass", "expl") or t.tag_ in ("VBD", "VBN")
           or (t.pos_ == "PRON" and t.lower_ not in ("it",) and t.dep_ != "poss") for t in words) or \
            _ANSWER.match(low):
        return None
    timed = bool(DAY_OR_CLOCK.search(low) or SPOKEN_CLOCK.search(low) or TIME.search(low) or
                 _ELLIPTIC_TIME.search(low))
    kinds = [k for k, a, b in mentions(low) if k != INVITE and not k.endswith("~") and
             not step_pattern(POSSESSED, low[a:b]).search(low) and
             not step_pattern(ABOUT, low[a:b]).search(low)]
    # "the demo?" echoes a word; "demo next week?" proposes one.
    echo = re.match(r"\W*(?:the|that|this|your|our|my|their)\b", low) is not None
    if kinds and (timed or (is_q and not echo)) and (timed or kinds[0] != "proposal"):
        return min(kinds, key=_rank)
    clock = bool(DAY_OR_CLOCK.search(low) or SPOKEN_CLOCK.search(low))
    if timed and (is_q or clock) and not kinds and not mentions(low) and \
            not any(t.pos_ == "VERB" for t in words):
        return "time"  # "thursday?", "same time next week?", unpunctuated "tuesday at two"
    return None


def _elliptic_turn(sents: list[tuple[Span, bool]], turn: Turn) -> tuple | None:
    """(first, last, kind, asks) of an elliptical proposal in the turn, or None; a bare
    time ("thursday?") becomes a standalone scheduling move instead."""
    for k, (sent, is_q) in enumerate(sents):
        if _SEND_IT.search(norm_keep(sent.text)):
            return k, k, "proposal", True  # "want me to send it over?"
        kind = _elliptic(sent, is_q, len(sents) == 1)
        if kind == "time":
            turn.move, turn.standalone = (sent.start_char, sent.end_char), True
            return None
        if kind is not None:
            return k, k, kind, True
    return None


def _learned_turn(sents: list[tuple[Span, bool]], at: float) -> tuple[int, int, str, bool] | None:
    """The first sentence the learned reader believes proposes a step: one it is asked about
    (``proposal_model.framed``) that names no step the rules know, is not about the present
    call and puts nothing off on the listener's condition. Its kind is the generic one."""
    for k, (sent, is_q) in enumerate(sents):
        low = norm_keep(sent.text)
        if proposal_model.framed(sent.text) and not mentions(low) and not NOT_A_STEP.search(low) \
                and not BRUSH_OFF.search(low) and proposal_model.probability(sent.text) >= at:
            return k, k, "follow-up", is_q
    return None


def analyse_turn(judged_sents: Judged, reader_at: float | None = proposal_model.AT) -> Turn:
    """What the utterance does for next steps; where the rules find neither a step nor a
    move, the learned reader (``proposal_model``) is asked when ``reader_at`` is set."""
    sents = [(s, kind is not None or s.text.rstrip().endswith("?")) for s, kind in judged_sents]
    turn = Turn()
    found = None  # (first sentence, last sentence, kind, asks)
    for k, (sent, is_q) in enumerate(sents):
        if (framed := _framed_kind(sent, is_q)) is not None:
            found = (k, k, *framed)
            break
    move_k = next((k for k, (s, q) in enumerate(sents) if is_scheduling_move(s.text, q)), None)
    if move_k is not None:
        s = sents[move_k][0]
        turn.move = (s.start_char, s.end_char)
        t = norm(s.text)
        turn.standalone = bool(SPECIFIC_TIME.search(t) and _STANDALONE.search(t)) or _looks_at_slot(t)
        for k in ((move_k, move_k - 1, move_k + 1) if found is None else ()):
            # "How does Tuesday at 2 look for a demo?", "... a 30 minute demo with your own
            # data. Are you free next Thursday at 10?"
            if 0 <= k < len(sents) and (kind := _unframed_kind(sents[k][0])) is not None:
                found, turn.merged = (min(k, move_k), max(k, move_k), kind, True), True
                break
    if found is None:
        found = _elliptic_turn(sents, turn)
    if found is None and move_k is None and reader_at is not None:
        found = _learned_turn(sents, reader_at)
        turn.learned = found is not None
    if found is None:
        # "Is budget set for this year?" after a proposal: the answer is to that question.
        turn.other_question = move_k is None and any(
            is_q and not _CHECK_Q.search(norm(sent.text)) for sent, is_q in sents)
        return turn
    first, last, turn.kind, turn.asks = found
    if move_k == last + 1:
        last = move_k  # "... a 45 minute demo. Would Monday at 9 work for you?"
    turn.span = (sents[first][0].start_char, sents[last][0].end_char)
    for sent, is_q in sents[last + 1:]:
        if is_scheduling_move(sent.text, is_q) or _CHECK_Q.search(norm(sent.text)):
            turn.asks = True  # "I can set up a trial account. Would that help?"
        elif is_q:
            turn.detached = True  # "I'll send the invite. Anything else you need?"
    return turn
