"""Next steps: a proposed meeting, demo, call, trial or proposal (``scorer.features.proposals``
finds them sentence by sentence), by whom, when, and whether the other party accepted,
declined or deferred it.

A proposal opens a **thread**: scheduling moves by either party ("could we do the afternoon
instead?", "how about 2 p.m.?", "does Tuesday at 3 work?") continue it, and its verdict is
the reply to the last move, read sentence by sentence with the last verdict deciding ("Let
me check. Yes, 3 p.m. is open." accepts); within a sentence deferral beats decline beats
acceptance.

A sentence neither the rules nor the learned reader alone took for a step is one when the
other party's next utterance answers it outright and the reader finds it likely enough
(:func:`_backed`: "It might be easiest if I came out to the plant before we quote." "No
thanks, we really don't need anyone out here." declines a visit).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from scorer.features import proposal_model
from scorer.features.common import Collector, clip, norm, span_times
from scorer.features.options import FeatureOptions
from scorer.features.proposals import INVITE, STEP_KINDS, Turn, analyse_turn, is_reproposal
from scorer.features.questions import Judged
from scorer.features.replies import ACK_ONLY, classify_reply, is_counter, reply_strength
from scorer.features.result import NextStep
from scorer.features.talk import EMPTY, NO_ROLES
from scorer.features.timex import dates_in
from scorer.types import Moment, Transcript, Utterance

__all__ = ["STEP_KINDS", "Proposal", "compute_next_steps", "find_proposals", "ner_targets"]


@dataclass
class Proposal:
    """A proposed step and its thread (internal; dates are read after NER).

    ``date_spans``: (utterance, first char, end char) where the step's dates are read: the
    proposing sentences, the proposer's later scheduling moves and the reply."""

    index: int
    what: str
    sentence: str
    char_start: int
    char_end: int
    speaker: str = "unknown"
    response: str | None = None
    response_index: int | None = None
    date_spans: list[tuple[int, int, int]] = field(default_factory=list)


@dataclass
class _Thread:
    """Where the latest proposal's thread stands while the call is read (internal)."""

    cur: Proposal | None = None
    mover: str = ""          # who made the latest move (a reply must come from the other party)
    waiting: bool = False    # a reply is still expected
    seen: int = 0            # the other party's utterances read since the latest move
    verdict_at: int = -1     # utterance of the latest verdict
    asks: bool = False       # the latest move asks for an answer
    prev_i: int = -1         # the previous utterance with a known speaker


def find_proposals(t: Transcript, judged: list[Judged], opts: FeatureOptions) -> list[Proposal]:
    """Proposed steps with their threads and verdicts, in order (one per utterance at most).

    A thread takes scheduling moves by either party while it waits for a reply (the other
    party's next ``response_window_turns`` utterances after its latest move) and right after
    a verdict ("Yeah, that's worth it." "How about Wednesday at 11?"); a reply that has a
    verdict is read as one even when it names a time ("Let's do it before the 20th."). The
    party who answered may take it back in its next utterance ("Yes, the 14th is good." "Oh
    wait, no. Let's not."). A reply that declines or defers proposes nothing itself ("Just
    send me an email with the pricing"). A calendar invite confirms the latest step: it takes
    its kind, and a step already accepted is not accepted again."""
    utts = t.utterances
    turns = [analyse_turn(j, opts.proposal_reader_at) if u.speaker != "unknown" and j else Turn()
             for u, j in zip(utts, judged)]
    found: list[Proposal] = []
    th = _Thread()
    for i, (u, turn) in enumerate(zip(utts, turns)):
        if u.speaker == "unknown":
            continue
        prev_i, th.prev_i = th.prev_i, i
        cur = th.cur
        if cur is not None and cur.response_index == prev_i and \
                utts[prev_i].speaker == u.speaker and _retract(cur, i, u.text, utts[prev_i], u):
            th.verdict_at = i
            continue
        negotiable = cur is not None and (th.waiting or th.verdict_at == prev_i)
        reply = classify_reply(u.text, proposal=cur.sentence) \
            if cur is not None and th.waiting and u.speaker != th.mover else None
        if reply == "accepted" and cur is not None and u.speaker == cur.speaker and is_counter(u.text):
            # The proposer takes the other's counter and names a time ("Sure. How about 2
            # p.m.?"): a move, not the verdict.
            reply = None
        moves = turn.move is not None or (negotiable and cur is not None and
                                          u.speaker == cur.speaker and is_reproposal(u.text))
        if cur is not None and negotiable and moves and reply is None and \
                (turn.kind is None or turn.merged):
            # The proposer's moves date the step; a superseded reply no longer does.
            cur.date_spans = [d for d in cur.date_spans if d[0] != cur.response_index]
            if u.speaker == cur.speaker:
                cur.date_spans.append((i, *(turn.move or (0, len(u.text)))))
            cur.response = cur.response_index = None
            th.mover, th.waiting, th.seen, th.asks = u.speaker, True, 0, True
            continue
        if cur is not None and th.waiting and u.speaker == th.mover and turn.other_question \
                and not moves:
            th.waiting = False  # the proposer moved on: the next reply answers the new question
        if reply in ("declined", "deferred") and u.speaker == cur.speaker and \
                turn.kind not in (None, INVITE) and not turn.merged:
            # The proposer answers the other's put-off with a new step ("Demo next week?"
            # "after the fifteenth maybe" "I'll check back after the fifteenth then.").
            reply = None
        elif cur is not None and th.waiting and u.speaker != th.mover:
            reply = _read_reply(th, cur, i, u.text, reply, opts)
            if reply in ("declined", "deferred"):
                continue  # "Just send me an email with the pricing" puts the step off
        elif opts.proposal_reader_at is not None and prev_i >= 0 and \
                th.verdict_at != prev_i and \
                (backed := _backed(found, judged[prev_i], prev_i, utts[prev_i], i, u)) is not None:
            found.append(backed)
            th.cur, th.mover, th.seen, th.asks = backed, utts[prev_i].speaker, 1, True
            th.waiting, th.verdict_at = False, i
            if backed.response in ("declined", "deferred"):
                continue
        _propose(th, found, i, u, turn, negotiable)
    return found


#: The least probability of the learned proposal reader at which an outright answer makes a
#: sentence a step (the reader alone needs ``proposal_model.AT``, 0.9): chosen on dev6 and on
#: the even half of Switchboard and CraigslistBargain (``eval/reply_backed.py``).
BACKED_AT = 0.7
#: The fewest words of an answer that backs a proposal: a bare "Yeah." or "No." says too
#: little of what it answers ("How about the Rolling Stones?" "Oh, sure,").
BACKED_WORDS = 3
#: What a reply cannot make a step of: a request to be told something ("could you start by
#: telling me a bit about your crews?": the answer is information, whatever the reply reader
#: makes of it) and a plan of one's own ("I could get up on the roof and do that myself").
NOT_BACKED = re.compile(r"\b(?:tell|telling|explain|explaining|describe|describing|walk me through|"
                        r"talk me through|run me through|fill me in|remind me|myself|ourselves|"
                        r"on my own|on our own)\b")


def _backed(found: list[Proposal], prev: Judged, prev_i: int, pu: Utterance, i: int,
            u: Utterance) -> Proposal | None:
    """The other party's last utterance, which neither the rules nor the reader alone took for
    a step, read as one because this reply answers it outright ("So, demo on the 11th, then
    pilot in March?" "Sounds like a plan."): its last sentence the reader may be asked about
    (``proposal_model.framed``, not :data:`NOT_BACKED`) is at least :data:`BACKED_AT` likely
    a step, and the reply, of :data:`BACKED_WORDS` words or more, says a verdict outright
    (``replies.reply_strength``). The step has the reader's generic kind."""
    if pu.speaker == u.speaker or pu.speaker == "unknown" or (found and found[-1].index >= prev_i) \
            or len(norm(u.text).split()) < BACKED_WORDS:
        return None
    for sent, _ in reversed(prev):
        if not proposal_model.framed(sent.text) or NOT_BACKED.search(norm(sent.text)):
            continue
        if proposal_model.probability(sent.text) < BACKED_AT:
            return None
        verdict, strong = reply_strength(u.text, proposal=sent.text)
        if verdict is None or not strong:
            return None
        a, b = sent.start_char, sent.end_char
        return Proposal(prev_i, "follow-up", pu.text[a:b], a, b, pu.speaker, response=verdict,
                        response_index=i, date_spans=[(prev_i, a, b), (i, 0, len(u.text))])
    return None


def _retract(cur: Proposal, i: int, text: str, answered: Utterance, u: Utterance) -> bool:
    """The party that just answered goes on with another verdict: it replaces the first. When
    someone else of that party speaks next (named otherwise in the transcript), putting it off
    does not undo the acceptance ("friday at nine works for me" "I'll have to look at my
    calendar ... send it and I'll move things if I can"); declining does."""
    verdict = classify_reply(text, proposal=cur.sentence)
    if verdict is None or verdict == cur.response:
        return False
    someone_else = answered.speaker_name is not None and u.speaker_name is not None and \
        answered.speaker_name != u.speaker_name
    if someone_else and cur.response == "accepted" and verdict != "declined":
        return False
    cur.date_spans = [d for d in cur.date_spans if d[0] != cur.response_index]
    cur.response, cur.response_index = verdict, i
    cur.date_spans.append((i, 0, len(text)))
    return True


def _read_reply(th: _Thread, cur: Proposal, i: int, text: str, verdict: str | None,
                opts: FeatureOptions) -> str | None:
    th.seen += 1
    if verdict == "accepted" and not th.asks and ACK_ONLY.match(norm(text)):
        verdict = None  # "Okay. Thanks." acknowledges an announcement
    if verdict is not None:
        cur.response, cur.response_index = verdict, i
        cur.date_spans.append((i, 0, len(text)))
        th.waiting, th.verdict_at = False, i
    elif th.seen >= opts.response_window_turns:
        th.waiting = False
    return verdict


def _propose(th: _Thread, found: list[Proposal], i: int, u: Utterance, turn: Turn,
             negotiable: bool) -> None:
    """Open a new thread when utterance ``i`` proposes a step."""
    kind, confirms = turn.kind, False
    if turn.learned and (negotiable or (th.cur is not None and th.waiting)):
        return  # the learned reader opens no thread while another is open
    if kind is None and turn.standalone and not negotiable and turn.move is not None:
        kind, turn.span, turn.asks = "meeting", turn.move, True  # "how about Tuesday at 3?"
    if kind is None:
        return
    if kind == INVITE:
        prev = found[-1] if found else None
        kind = prev.what if prev and prev.response not in ("declined", "deferred") else "meeting"
        confirms = prev is not None and prev.response == "accepted"
    a, b = turn.span
    cur = Proposal(i, kind, u.text[a:b], a, b, u.speaker, date_spans=[(i, a, b)])
    if turn.move is not None and not a <= turn.move[0] < b:
        cur.date_spans.append((i, *turn.move))
    found.append(cur)
    th.cur, th.mover, th.seen, th.verdict_at, th.asks = cur, u.speaker, 0, -1, turn.asks
    th.waiting = not (turn.detached or confirms)


def ner_targets(proposals: list[Proposal]) -> list[int]:
    """Utterance indices whose DATE/TIME entities matter (proposals, moves and replies)."""
    return sorted({j for p in proposals for j, _, _ in p.date_spans})


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
        dates: list[str] = []
        for j, a, b in p.date_spans:
            dates += [d for d in dates_in(docs[j], a, b) if d not in dates]
        start_s, end_s = span_times(u, p.char_start, p.char_end)
        text = clip(p.sentence, opts.moment_text_max_chars)
        ri = p.response_index
        steps.append(NextStep(utterance_index=p.index, proposed_by=u.speaker, what=p.what,
                              text=text, start_s=start_s, end_s=end_s, dates=tuple(dates),
                              response=p.response, response_utterance_index=ri,
                              response_text=None if ri is None
                              else clip(utts[ri].text, opts.moment_text_max_chars)))
        out.add(Moment(kind="next_step", subtype="proposed", speaker=u.speaker,
                       utterance_index=p.index, start_s=start_s, end_s=end_s, text=text))
        if ri is not None and p.response is not None:
            r = utts[ri]
            out.add(Moment(kind="next_step", subtype=p.response, speaker=r.speaker,
                           utterance_index=ri, start_s=r.start_s, end_s=r.end_s,
                           text=clip(r.text, opts.moment_text_max_chars)))
    out.set("next_steps_proposed", len(steps))
    out.set("next_steps_proposed_by_rep", sum(1 for s in steps if s.proposed_by == "rep"))
    for verdict in ("accepted", "declined", "deferred"):
        out.set(f"next_step_{verdict}", int(any(s.response == verdict for s in steps)))
    if has_ner:
        out.set("next_step_has_date", int(any(s.dates for s in steps)))
        out.set("next_step_accepted_with_date",
                int(any(s.dates and s.response == "accepted" for s in steps)))
    else:
        for name in ("next_step_has_date", "next_step_accepted_with_date"):
            out.set(name, None, "the spaCy pipeline has no NER component to find dates and times")
    return tuple(steps)
