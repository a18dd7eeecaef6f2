"""Customer objections (price, timing, authority, need, competitor) and how the rep
answered each: with a question (the coach's advice: explore before answering) or a
statement.

Matched with phrase patterns on the lowercased customer sentence (docs/FEATURES.md lists
them). A customer question only counts when it says "too ..." ("isn't that too
expensive?"); "is it expensive?" is a question, not an objection.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

import scorer.features.objection_cues as cue
from scorer.features.objection_clears import CLEAR
from scorer.features.objection_model import first_reading, predict_type, predict_types
from scorer.features.common import Collector, clip, is_backchannel, norm, span_times
from scorer.features.options import FeatureOptions
from scorer.features.questions import Judged
from scorer.features.replies import clean
from scorer.features.result import Objection
from scorer.features.talk import EMPTY, NO_ROLES
from scorer.types import Moment, Transcript, Utterance

SUBTYPES: tuple[str, ...] = ("price", "timing", "authority", "need", "competitor")
_SPLIT = re.compile(r",?\s+(?:but|though|although|however|except)\s+|;\s*|"
                    r"(?<=[.!?])\s+(?!(?:no|not|nope)\b)")  # "Expensive? No, not really." is one


def _negated(prefix: str, toks: list[Token]) -> bool:
    """A negation right before the cue ("not expensive at all", "I wouldn't say we're too
    busy"), or, on the parse, on the cue word or the verb it hangs from."""
    if cue.NEGATOR.search(prefix):
        return True
    return any(any(c.dep_ == "neg" for c in t.children) or
               (t.head.pos_ in ("AUX", "VERB") and t.head.lemma_ == "be" and
                any(c.dep_ == "neg" for c in t.head.children)) for t in toks)


def _raised(subtype: str, clause: str, sent: Span | None, offset: int) -> bool:
    for pattern, bare in ((cue.RAISE.get(subtype), False), (cue.BARE.get(subtype), True)):
        if pattern is None:
            continue
        for m in pattern.finditer(clause):
            toks = [] if sent is None or not bare else _tokens_at(sent, offset + m.start(),
                                                                  offset + m.end())
            if _negated(clause[:m.start()], toks):
                continue  # "not expensive at all", "it's not that we can't afford it"
            if bare and re.match(r"\w*\?\s*(?:no|not)\b", clause[m.end():]):
                continue  # "Expensive? No, not really."
            return True
    return False


def _topic_and_obstacle(subtype: str, clause: str) -> bool:
    """A topic of ``subtype`` and an obstacle word elsewhere in the clause, neither negated
    ("it's more of a budget thing"; not "it's not a budget thing")."""
    topic = cue.TOPIC.get(subtype)
    if topic is None:
        return False
    for t in topic.finditer(clause):
        if cue.NEGATOR.search(clause[:t.start()]) or cue.TOPIC_OK.search(clause[t.end():]):
            continue
        for o in cue.OBSTACLE[subtype].finditer(clause):
            if (o.end() <= t.start() or o.start() >= t.end()) and \
                    not cue.NEGATOR.search(clause[:o.start()]):
                return True
    return False


def _tokens_at(sent: Span, a: int, b: int) -> list[Token]:
    return [t for t in sent if a <= t.idx - sent.start_char < b]


def objection_type(sentence: str | Span, is_question: bool = False) -> str | None:
    """The objection a customer sentence raises, or None.

    In order: a sentence that says the opposite of a type ("budget isn't a problem", "I make
    the final call") is not that type; a statement the learned reader of ``objection_model``
    gives a type with at least ``FIRST_PROBABILITY`` has it; the first of price, authority,
    competitor, timing, need whose cues it has (docs/FEATURES.md) and whose cue no negation
    cancels ("not expensive at all"); then a topic with an obstacle ("it's more of a budget
    thing"); then "the spreadsheet works" (need); and when no cue was found at all, the
    learned reader again, at ``MIN_PROBABILITY``. A question only counts when it says "too ..." or puts the step off ("can we revisit in the
    fall?"). ``sentence``: text, or a parsed sentence (its parse then also tells negation
    scope)."""
    found, ask_model = cued_type(sentence, is_question)
    if found is not None or ask_model is None:
        return found
    learned = predict_type(ask_model)[0]
    return learned if learned is not None and cue.ABOUT[learned].search(ask_model) else None


def cued_type(sentence: str | Span, is_question: bool = False) -> tuple[str | None, str | None]:
    """(type from the cues, None) or (None, the cleaned text to ask the learned reader
    about) or (None, None): the cue steps of :func:`objection_type`."""
    sent = sentence if isinstance(sentence, Span) else None
    raw = sentence.text if isinstance(sentence, Span) else sentence
    low = norm(raw)
    text = clean(raw)
    if low != text:
        sent = None  # fillers removed: character offsets no longer match the parse
    cleared = {t for t in cue.TYPES if _clears(t, text)}
    if not is_question:
        first = first_reading(text)
        if first is not None and first[0] not in cleared:
            return first[0], None  # the reader is sure of a type no cue says the opposite of
    if is_question:
        return next((t for t in cue.TYPES if t not in cleared and t in cue.QUESTION_OK and
                     cue.QUESTION_OK[t].search(text)), None), None
    clauses, pos = [], 0
    for clause in _SPLIT.split(text):
        at = text.find(clause, pos)
        pos = max(pos, at)
        clauses.append((clause, at))
    # A cue of any type beats a topic word with an obstacle near it ("I can't get a PO
    # approved for anything over two grand" is authority, not price).
    # Timing is about now: "Nobody had time for that in the middle of the season" tells a
    # story; and "if they could ..., they wouldn't need to call me" is a hope.
    if _past(sentence):
        cleared |= {"timing"}
    if re.search(r"\bif\b.*\b(?:would|wouldn't|could)\b", text):
        cleared |= {"timing", "need"}
    for subtype in cue.TYPES:
        if subtype not in cleared and any(_raised(subtype, c, sent, at) for c, at in clauses):
            return subtype, None
    for subtype in cue.TYPES:
        if subtype not in cleared and any(_topic_and_obstacle(subtype, c) for c, _ in clauses):
            return subtype, None
    if cleared or _negated_cue(text):
        return None, None  # "budget isn't a problem", "it's not that we can't afford it"
    good = cue.GOOD_ENOUGH.search(text)
    if good and not cue.NEGATOR.search(text[:good.start()]) and "need" not in cleared and \
            not re.search(r"\bbut\b", text[good.end():]):  # "it works, but ... falls apart"
        return "need", None  # "the spreadsheet works"; not "the price is fine, really, it's fine"
    # The learned reader only for a sentence of some length that carries a word of the
    # objection vocabulary; ordinary talk ("No, that's it.") is never sent to it.
    if len(text.split()) < 5 or not cue.VOCABULARY.search(text) or _past(sentence):
        return None, None
    return None, text


_PRESENT = frozenset({"'s", "is", "are", "am", "'re", "'m", "can", "ca", "will", "wo", "'ll",
                      "do", "does", "have", "has", "'ve", "need", "needs"})


def _past(sentence: str | Span) -> bool:
    """Every finite verb of the sentence is in the past, on the parse ("We gave up after a
    month."; not "the timing's bad, we just lost two project managers")."""
    if not isinstance(sentence, Span):
        return False
    if any(t.lower_ in _PRESENT for t in sentence):
        return False  # "the timing's bad, we just lost ..." ("'s" is often tagged possessive)
    finite = [t for t in sentence if t.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    return bool(finite) and all(t.tag_ == "VBD" for t in finite)


def _negated_cue(text: str) -> bool:
    """Some cue is in the sentence but negated ("I wouldn't say we're too busy")."""
    return any(cue.NEGATOR.search(text[:m.start()]) for patterns in (cue.RAISE, cue.BARE)
               for pattern in patterns.values() for m in pattern.finditer(text))


def _clears(subtype: str, text: str) -> bool:
    """Does the sentence say the opposite of ``subtype`` ("budget isn't a problem"), not
    itself negated ("we don't have the budget" clears nothing)?"""
    return any(not cue.NEGATOR.search(text[:m.start()]) for m in CLEAR[subtype].finditer(text))


def _types_of(utts: tuple[Utterance, ...], judged: list[Judged]) -> dict[tuple[int, int], str]:
    """The objection type of every customer sentence, (utterance, first char) -> type; the
    sentences no cue decided go to the learned reader in one batch."""
    typed: dict[tuple[int, int], str] = {}
    ask: list[tuple[tuple[int, int], str]] = []
    for i, (u, sents) in enumerate(zip(utts, judged)):
        if u.speaker != "customer":
            continue
        for sent, kind in sents:
            found, text = cued_type(sent, kind is not None or sent.text.rstrip().endswith("?"))
            if found is not None:
                typed[(i, sent.start_char)] = found
            elif text is not None:
                ask.append(((i, sent.start_char), text))
    for (key, text), (found, _) in zip(ask, predict_types([text for _, text in ask])):
        if found is not None and cue.ABOUT[found].search(text):
            typed[key] = found
    for i, sents in enumerate(judged):
        if any(typed.get((i, sent.start_char)) == "timing" for sent, _ in sents) and \
                _answers_small_talk(utts, judged, i):
            for sent, _ in sents:  # "How's the new shop treating you?" "Busy, honestly."
                if typed.get((i, sent.start_char)) == "timing":
                    del typed[(i, sent.start_char)]
    return typed


# Small talk the rep opens with: "how's the new location treating you?", "how have you been?"
_SMALL_TALK_Q = re.compile(
    r"\bhow(?:'s| is| are| have| has| was)\b[^?]{0,40}\b(?:you|ya|things|business|life|everything|"
    r"it going|treating|been|week|weekend|day|summer|season|holidays?)\b[^?]*\?\s*$|\bwhat's new\b")
_SMALL_TALK_MAX_WORDS = 6


def _answers_small_talk(utts: tuple[Utterance, ...], judged: list[Judged], i: int) -> bool:
    """The customer's utterance ``i`` is a short answer ("Busy, honestly. Good busy.") to the
    rep's small-talk question just before it: a state of things, not an objection."""
    if i == 0 or utts[i].speaker != "customer" or utts[i - 1].speaker != "rep" or not judged[i - 1]:
        return False
    return len(utts[i].text.split()) <= _SMALL_TALK_MAX_WORDS and \
        _SMALL_TALK_Q.search(norm(judged[i - 1][-1][0].text)) is not None


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
    typed = _types_of(utts, judged)
    found: list[Objection] = []
    for i, (u, sents) in enumerate(zip(utts, judged)):
        if u.speaker != "customer":
            continue
        seen: set[str] = set()
        for sent, _ in sents:
            subtype = typed.get((i, sent.start_char))
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
