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

from scorer.features.common import norm
from scorer.features.questions import Judged
from scorer.features.timex import DAY_OR_CLOCK, PAST_TIME, SPECIFIC_TIME, TIME

STEP_KINDS: tuple[str, ...] = ("demo", "trial", "proposal", "meeting", "call", "follow-up")
INVITE = "invite"  # names no kind: a calendar invite takes the kind of the step it confirms
_NOUN_KIND = {
    "demo": "demo", "demonstration": "demo", "walkthrough": "demo", "presentation": "demo",
    "trial": "trial", "pilot": "trial", "poc": "trial", "sandbox": "trial",
    "proposal": "proposal", "quote": "proposal", "quotation": "proposal",
    "contract": "proposal", "sow": "proposal", "estimate": "proposal",
    "meeting": "meeting", "session": "meeting", "workshop": "meeting", "onsite": "meeting",
    "call": "call", "chat": "call", "conversation": "call", "sync": "call",
    "follow-up": "follow-up", "followup": "follow-up", "invite": INVITE, "invitation": INVITE}
# (verb lemma, particle / adverb / object) -> kind; None: the verb alone.
_VERB_KIND = {
    ("meet", None): "meeting", ("demo", None): "demo", ("chat", None): "call",
    ("sync", None): "call", ("catch", "up"): "call", ("touch", "base"): "call",
    ("follow", "up"): "follow-up", ("check", "back"): "follow-up", ("check", "in"): "follow-up",
    ("circle", "back"): "follow-up", ("reach", "out"): "follow-up",
    ("move", "forward"): "follow-up", ("move", "ahead"): "follow-up",
    ("get", "started"): "follow-up", ("invite", None): INVITE}
_PARTICLES = frozenset({"up", "back", "in", "forward", "ahead", "out", "base", "started"})
_HYPHENATED = {("walk", "through"): "demo", ("follow", "up"): "follow-up",
               ("catch", "up"): "call", ("check", "in"): "follow-up", ("on", "site"): "meeting"}
# Arranging an unnamed meeting, with the objects each verb takes for it: "book it", "pencil
# something in", "find a time"; not "set it up" (software setup) nor "find something".
_SCHEDULE_OBJECTS = {
    "schedule": {"time", "something", "slot", "one", "it", "that"},
    "book": {"time", "something", "slot", "one", "it", "that"},
    "pencil": {"time", "something", "slot", "one", "it", "that"},
    "reschedule": {"time", "something", "slot", "one", "it", "that"},
    "set": {"time", "something", "slot"}, "arrange": {"time", "something", "slot"},
    "find": {"time", "slot"}, "grab": {"time", "slot"}, "block": {"time", "slot"}}
_PARTICIPANTS = frozenset({"you", "me", "us"})  # "I'll call you", not "I'll call them"
_CANDIDATES = frozenset(_NOUN_KIND) | {v for v, _ in _VERB_KIND} | set(_SCHEDULE_OBJECTS) | \
    {w for pair in _HYPHENATED for w in pair} | {"proof", "step"}
# Verbs that take a step as their argument in an offer or request. A step under any other
# verb is talked about, not proposed ("tell me about the demo you saw").
_ARRANGE = frozenset({
    "set", "schedule", "book", "arrange", "organize", "organise", "plan", "put", "pencil",
    "get", "do", "have", "hold", "run", "start", "try", "see", "take", "join", "attend",
    "come", "hop", "jump", "grab", "find", "send", "share", "give", "show", "offer",
    "propose", "suggest", "recommend", "bring", "forward", "email", "shoot", "prepare",
    "draft", "line", "lock", "block", "reschedule", "move", "kick", "confirm", "make", "be",
    "like", "want", "love", "need", "prefer", "work", "help", "suit", "fit", "sound"})
_JUDGE = frozenset({"be", "work", "help", "suit", "fit", "sound"})  # "would a demo help?"
_ASK_YOU = _ARRANGE - _JUDGE - {"make", "move", "have"}  # "could you send me a quote?"
_INTEND = frozenset({"want", "like", "love", "plan", "hope", "need", "prefer", "intend"})
_WILLING = frozenset({"happy", "glad", "ready", "able", "keen"})
_AVAILABLE = frozenset({"open", "free", "available", "interested", "up", "around", "able"})
_TIME_NOUNS = frozenset({"time", "slot", "day", "date", "window", "chance", "opportunity"})
_WORTH = frozenset({"sense", "worth", "good", "great", "helpful", "useful", "smart", "wise",
                    "best", "better", "worthwhile"})
_IMPERATIVE_LEAD = frozenset({"please", "just", "so", "then", "and", "ok", "okay"})
# Subjects of "X is / would be a demo" that recommend it ("the next step", "my suggestion");
# "way", "thing"... only when qualified ("the easiest way", not "the last thing you want").
_RECOMMEND = frozenset({"step", "suggestion", "recommendation", "proposal"})
_RECOMMEND_IF_QUALIFIED = frozenset({"way", "thing", "idea", "plan", "option", "move"})
_QUALIFIERS = frozenset({"good", "easy", "simple", "quick", "fast", "next", "logical",
                         "natural", "obvious", "great", "smart"})

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
    r"them))?(?: better| best| ok)?\W*$")
_PAST_Q = re.compile(r"^\W*(?:did|was|were|had|have you ever)\b")
_CHECK_Q = re.compile(_LEAD + r"(?:would|will|does|do|is|could|can|how does|how would) "
                      r"(?:that|this|it)\b|what do you think|sound good")  # "would that help?"


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


def _mention_kind(tok: Token) -> str | None:
    """The kind of step ``tok`` names, or None."""
    lemma = tok.lemma_.lower()
    if lemma not in _CANDIDATES and tok.lower_ not in _CANDIDATES:
        return None  # most tokens: skip the look-around below
    doc = tok.doc
    prev = [t.lower_ for t in doc[max(0, tok.i - 2): tok.i]]
    nxt = [t.lower_ for t in doc[tok.i + 1: tok.i + 3]]
    if len(prev) == 2 and prev[1] == "-" and (prev[0], tok.lower_) in _HYPHENATED:
        return _HYPHENATED[(prev[0], tok.lower_)]  # "a follow-up": judged at its last half
    if nxt[:1] == ["-"]:
        return None
    if tok.pos_ in ("NOUN", "PROPN"):
        if lemma == "proof" and nxt == ["of", "concept"]:
            return "trial"
        if lemma == "step":
            return "follow-up" if any(c.lower_ == "next" for c in tok.children) else None
        if lemma == "call" and (tok.head.lemma_ == "make" or
                                any(c.lower_ in ("final", "judgment") for c in tok.children)):
            return None  # "make the final call": a decision
        return _NOUN_KIND.get(lemma)
    if tok.pos_ != "VERB":
        return None
    if lemma == "meet" and (any(t.lower_ in ("middle", "halfway", "$") or t.like_num and
                                t.head.lower_ == "at" for t in tok.subtree) or
                            tok.head.pos_ == "ADJ" and any(c.dep_ == "dobj" for c in tok.children)):
        return None  # "meet in the middle" (a price); "nice / glad to meet you" (a greeting)
    if lemma == "catch" and any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children):
        return None  # "catch up on email"
    part = next((c.lower_ for c in tok.children if c.lower_ in _PARTICLES and c.dep_ in
                 ("prt", "advmod", "dobj", "acomp", "oprd", "xcomp")), None)
    if lemma == "call":  # "I'll call you", "call me back"; not "what do you call that"
        objs = [c.lower_ for c in tok.children if c.dep_ in ("dobj", "dative")]
        return "call" if (set(objs) & _PARTICIPANTS if objs else part == "back") else None
    kind = _VERB_KIND.get((lemma, part)) or _VERB_KIND.get((lemma, None))
    if kind is None and lemma in _SCHEDULE_OBJECTS and (lemma != "set" or part == "up") and \
            any(c.dep_ == "dobj" and c.lemma_.lower() in _SCHEDULE_OBJECTS[lemma]
                for c in tok.children):
        return "meeting"
    return kind


def _subject(v: Token) -> str | None:
    return next((c.lower_ for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def _has_modal(v: Token, is_q: bool = True) -> bool:
    """A modal of offering or asking: not "might" or "must" ("I might get a call"), and
    "may" only in a question ("may I send you a quote?")."""
    modals = {c.lower_ for c in v.children if c.dep_ == "aux" and c.tag_ == "MD"}
    return bool(modals) and not modals & {"might", "must"} and (is_q or "may" not in modals)


def _in_if_clause(v: Token) -> bool:
    return v.dep_ in ("advcl", "ccomp") and any(
        c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in v.children)


def _is_past(v: Token) -> bool:
    if _has_modal(v) or _in_if_clause(v):
        return False  # "would it be all right if I checked back"
    return v.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in v.children)


def _negated(v: Token) -> bool:
    return any(c.dep_ == "neg" for c in v.children)


def _governor(m: Token) -> Token | None:
    """The verb (or copula) a mention is an argument of; None when it modifies another noun
    ("the recording of this call", "notes from the demo")."""
    cur = m
    if cur.pos_ == "VERB":
        return cur
    if cur.dep_ in ("compound", "amod", "nmod") and cur.head.pos_ in ("NOUN", "PROPN"):
        cur = cur.head  # "a trial account"
    while cur.dep_ in ("conj", "appos") and cur.head != cur:
        cur = cur.head  # "the invite and a one page summary"
    if cur.dep_ == "pobj":
        cur = cur.head.head
        if cur.lemma_.lower() in _TIME_NOUNS:  # "a good time for a demo"
            cur = cur.head
        elif cur.pos_ in ("NOUN", "PROPN", "PRON"):
            return None
    if cur.pos_ in ("NOUN", "PROPN") and cur.head.pos_ == "ADJ":
        cur = cur.head  # "worth a quick call"
    if cur.pos_ == "ADJ" and cur.head != cur:  # "open to a demo"
        cur = cur.head
    if cur.pos_ in ("VERB", "AUX"):
        return cur
    return cur.head if cur.head != cur and cur.head.pos_ in ("VERB", "AUX") else None


def _clause_chain(g: Token) -> list[Token]:
    """``g`` and the words whose frame reaches it: up through infinitives ("love to set up",
    "make sense to set up", "happy to set up"), "let's" and if-clauses, not into another
    finite clause ("I know I'm calling", "I'll be quick because I'm calling")."""
    chain = [g]
    while len(chain) < 8:
        v = chain[-1]
        head = v.head
        if head == v or v.dep_ == "ROOT":
            break
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        if not (v.dep_ == "xcomp" or infinitive or head.lemma_ == "let" or _in_if_clause(v) or
                (v.dep_ in ("ccomp", "conj") and _subject(v) is None)):
            break
        if head.pos_ == "ADJ" and head.lemma_.lower() in _WILLING:
            chain.append(head)
            if head.dep_ != "acomp":
                break
            head = head.head  # "I'm happy to": on to "'m"
        if head.pos_ not in ("VERB", "AUX"):
            break
        chain.append(head)
    return chain


def _recommends(subj: Token) -> bool:
    lemma = subj.lemma_.lower()
    return lemma in _RECOMMEND or lemma in _RECOMMEND_IF_QUALIFIED and any(
        c.dep_ == "amod" and c.lemma_.lower() in _QUALIFIERS for c in subj.children)


def _frame(v: Token, is_q: bool, attr_of_v: bool, above_g: bool) -> str | None:
    """The proposal frame ``v`` carries: "ask" (wants an answer), "announce" (a first-person
    plan: "I'll send you a proposal"), or None. ``above_g``: the step is in a clause below
    ``v`` ("would it make sense [to set up a call]")."""
    subj = _subject(v)
    modal = _has_modal(v, is_q)
    do_q = is_q and any(c.dep_ == "aux" and c.lemma_ == "do" for c in v.children)
    if v.lemma_ == "let" and any(c.lower_ in ("'s", "us", "me") for c in v.children) or \
            subj in ("'s", "us", "me") and v.head.lemma_ == "let":
        return "ask"
    if v.pos_ == "ADJ":  # "happy to set up a trial"
        return "announce" if v.dep_ == "ROOT" and v.lemma_.lower() in _WILLING else None
    if subj in ("i", "we"):  # "I'd love to show you", "I want a demo" ask; "I'll send" tells
        if v.lemma_ in _INTEND and (modal or do_q or v.tag_ in ("VBP", "VB")):
            return "ask"
        willing = v.lemma_ == "be" and any(c.lemma_.lower() in _WILLING for c in v.children)
        if modal or willing or (v.lemma_ == "go" and v.tag_ == "VBG"):
            return "ask" if is_q else "announce"
        return None
    if subj == "you":
        if is_q and v.lemma_ == "be" and any(c.lemma_ in _AVAILABLE for c in v.children):
            return "ask"  # "are you free for a demo?", "would you be open to a demo?"
        if is_q and (modal and v.lemma_ in _ASK_YOU or do_q and v.lemma_ in _INTEND):
            return "ask"  # "could you send me a quote?", "do you want to see a demo?"
        return None
    if subj is None and v.dep_ == "ROOT" and v.tag_ == "VB" and \
            all(t.is_punct or t.lower_ in _IMPERATIVE_LEAD for t in v.sent if t.i < v.i):
        return "ask" if v.lemma_ in _ASK_YOU else None  # "send me a proposal"
    if is_q and (modal or do_q) and (above_g or v.lemma_ in _JUDGE):
        return "ask"  # "would it make sense to [set up a call]", "would a demo next week work?"
    if v.lemma_ == "be" and attr_of_v and any(c.dep_ == "nsubj" and _recommends(c)
                                              for c in v.children):
        return "ask"  # "the best next step would be a demo", "the easiest way ... is a demo"
    if above_g and subj in ("it", "that", "this") and any(
            c.lemma_.lower() in _WORTH and (c.dep_ == "acomp" or v.lemma_ == "make")
            for c in v.children):
        return "ask"  # "it makes sense / it'd be worth it to [set up a call]"
    return None


def _framed(m: Token, is_q: bool) -> str | None:
    """The frame of the clause that names step ``m``, or None when it proposes nothing."""
    g = _governor(m)
    if g is None or (g != m and g.lemma_.lower() not in _ARRANGE):
        return None
    chain = _clause_chain(g)
    for v in chain:
        if (not is_q and _negated(v)) or _is_past(v):
            return None
        frame = _frame(v, is_q, m.head == v and m.dep_ in ("attr", "acomp"), v != g)
        if frame is None:
            continue
        # "If we're going to have a meeting, ..." is a condition, and "I'll reach out if
        # we're interested" a plan on the listener's condition ("if that works" is not).
        conditional = _in_if_clause(v) or any(
            c.dep_ == "advcl" and c not in chain and _in_if_clause(c) and
            _subject(c) not in ("it", "that", "this") for c in v.children)
        return None if conditional else frame
    return None


def is_scheduling_move(text: str, is_question: bool) -> bool:
    """Does this sentence propose or counter a day or time ("how about Thursday at 2 p.m.?",
    "could we do the afternoon instead?", "when are you free?")?"""
    t = norm(text)
    if PAST_TIME.search(t) or _PAST_Q.search(t):
        return False
    if is_question and (_WHEN.search(t) or _looks_at_slot(t)):
        return True
    return bool(TIME.search(t)) and bool(_HOW_ABOUT.search(t) or _LETS_DO.search(t) or
                                          (is_question and _MOVE_WORD.search(t)))


def _looks_at_slot(t: str) -> bool:
    return bool(_LOOK_Q.search(t) and DAY_OR_CLOCK.search(t))


def _framed_kind(sent: Span, is_q: bool) -> tuple[str, bool] | None:
    """The most specific step ``sent`` proposes and whether it asks for an answer."""
    text = norm(sent.text)
    lexical = _HOW_ABOUT.search(text) or _WHY_NOT.search(text) or (is_q and _WHEN.search(text))
    found = []
    for tok in sent:
        kind = _mention_kind(tok)
        if kind is None:
            continue
        if lexical and (tok.dep_ == "ROOT" or _governor(tok) is not None):
            found.append((kind, "ask"))
        elif (frame := _framed(tok, is_q)) is not None:
            found.append((kind, frame))
    if not found:
        return None
    found.sort(key=lambda kf: STEP_KINDS.index(kf[0]) if kf[0] in STEP_KINDS else 99)
    return found[0][0], is_q or any(f == "ask" for _, f in found)


def _unframed_kind(sent: Span) -> str | None:
    """A step named without a frame, that a scheduling move next to it can propose: not the
    speaker's own ("our team meeting"), not negated, not past, not a verb ("I'm calling")."""
    kinds = []
    for tok in sent:
        kind = _mention_kind(tok)
        if kind in (None, INVITE) or tok.pos_ not in ("NOUN", "PROPN") or any(
                c.dep_ == "poss" and c.lower_ in ("our", "my", "their") for c in tok.children):
            continue
        g = _governor(tok)
        if g is None or not (_negated(g) or _is_past(g)):
            kinds.append(kind)
    return min(kinds, key=STEP_KINDS.index) if kinds else None


def analyse_turn(judged_sents: Judged) -> Turn:
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
