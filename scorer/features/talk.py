"""Talk-time features: who talks how much, how fast, how long at a stretch, how they trade
turns. Pure arithmetic over utterance times and word counts; no spaCy.

Timing rules (docs/FEATURES.md): with ``estimated`` timing (typed chats, text without
timestamps) the times are derived from word counts, so anything in seconds, per minute or
about pauses and overlaps is ``None``; shares are computed from word counts instead. With
``starts`` timing (start times only) each turn runs to the next, so pauses and overlaps are
``None`` and the rest is measured.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scorer.features.common import Collector, clip, count_words, is_backchannel
from scorer.features.options import FeatureOptions
from scorer.types import Moment, Transcript, Utterance

ROLES = ("rep", "customer")
ESTIMATED = ("timing is estimated from word counts (no timestamps in the source), so "
             "seconds, rates and pauses would be made up")
NO_ROLES = ("speaker roles are unknown (nothing says who is the rep); name the rep with --rep NAME, "
            "--team roster.csv or the manifest's rep column, or set --rep-channel for stereo")
STARTS_ONLY = ("the transcript gives start times only (each turn runs to the next), so pauses "
               "and overlaps cannot be measured")
EMPTY = "transcript has no utterances"


@dataclass
class Run:
    """Consecutive turns of one speaker (the other party's backchannels do not break it).

    ``speaker`` is the side; ``person`` the speaker's name when runs are kept per person
    (a monologue is one person's, even when a colleague on the same side speaks next)."""

    speaker: str
    indices: list[int] = field(default_factory=list)
    start_s: float = 0.0
    end_s: float = 0.0
    words: int = 0
    person: str | None = None

    @property
    def duration_s(self) -> float:
        return max(0.0, self.end_s - self.start_s)


def _union_s(spans: list[tuple[float, float]]) -> float:
    """Length of the union of [start, end) intervals."""
    total, cur_s, cur_e = 0.0, None, None
    for s, e in sorted(spans):
        if e <= s:
            continue
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def _overlap_len(spans: list[tuple[float, float]], lo: float, hi: float) -> float:
    return _union_s([(max(s, lo), min(e, hi)) for s, e in spans if e > lo and s < hi])


def build_runs(utts: tuple[Utterance, ...], backchannel_max_words: int,
               by_person: bool = False) -> list[Run]:
    """Group utterances into runs of one side (or, ``by_person``, of one named speaker).

    A short backchannel of the other party ("mm-hmm") inside a run does not end it when
    the same speaker goes on right after; an ``unknown`` speaker always ends it.
    """
    runs: list[Run] = []
    n = len(utts)
    for i, u in enumerate(utts):
        cur = runs[-1] if runs else None
        person = u.speaker_name if by_person else None
        if cur is not None and u.speaker == cur.speaker and u.speaker != "unknown" and person == cur.person:
            cur.indices.append(i)
            cur.end_s = max(cur.end_s, u.end_s)
            cur.words += count_words(u.text)
            continue
        if cur is not None and cur.speaker != "unknown" and u.speaker != "unknown" and \
                is_backchannel(u.text, backchannel_max_words):
            nxt = next((v for v in utts[i + 1:] if not is_backchannel(v.text, backchannel_max_words)
                        or v.speaker == cur.speaker), None)
            if nxt is not None and nxt.speaker == cur.speaker and i + 1 < n:
                continue  # "mm-hmm" while the other goes on: not a turn
        runs.append(Run(u.speaker, [i], u.start_s, u.end_s, count_words(u.text), person))
    return runs


def _run_moment(kind: str, subtype: str, run: Run, utts: tuple[Utterance, ...],
                max_chars: int) -> Moment:
    text = " ".join(utts[i].text for i in run.indices)
    return Moment(kind=kind, subtype=subtype, speaker=run.speaker,  # type: ignore[arg-type]
                  utterance_index=run.indices[0], start_s=run.start_s, end_s=run.end_s,
                  text=clip(text, max_chars), speaker_name=run.person)


def call_duration_s(t: Transcript) -> float:
    """Recording length: the transcript's duration, or the last utterance end if later."""
    ends = [u.end_s for u in t.utterances]
    return max([t.duration_s] + ends)


def compute_talk(t: Transcript, opts: FeatureOptions, out: Collector) -> None:
    """Fill the ``talk`` group of ``out`` for transcript ``t``."""
    utts = t.utterances
    if not utts:
        out.null_group("talk", EMPTY)
        return
    measured = t.timing != "estimated"
    duration = call_duration_s(t)
    if not measured:
        out.set("call_duration_s", None, ESTIMATED)
    elif duration <= 0:
        out.set("call_duration_s", None, "the transcript has no duration (all times are 0)")
    else:
        out.set("call_duration_s", duration)
    minutes = duration / 60.0 if measured and duration > 0 else None
    no_minutes = ESTIMATED if not measured else "the call has no duration"

    if not any(u.speaker in ROLES for u in utts):
        for name in ("talk_time_rep_s", "talk_time_customer_s", "talk_ratio_rep",
                     "talk_ratio_customer", "words_rep", "words_customer", "wpm_rep",
                     "wpm_customer", "longest_monologue_rep_s", "longest_monologue_rep_words",
                     "monologues_rep_over_threshold", "longest_customer_story_s",
                     "longest_customer_story_words", "speaker_switches",
                     "interactivity_switches_per_min", "patience_rep_s", "overlaps",
                     "interruptions_rep", "interruptions_customer",
                     "customer_talk_share_last_third"):
            out.set(name, None, NO_ROLES)
        return

    _shares(utts, measured, out)
    _runs(utts, measured, opts, out)
    no_pauses = None if t.timing == "measured" else STARTS_ONLY if measured else ESTIMATED
    _turn_taking(utts, no_pauses, minutes, no_minutes, opts, out)
    _last_third(utts, measured, out)


def _shares(utts: tuple[Utterance, ...], measured: bool, out: Collector) -> None:
    words = {r: sum(count_words(u.text) for u in utts if u.speaker == r) for r in ROLES}
    spans = {r: [(u.start_s, u.end_s) for u in utts if u.speaker == r] for r in ROLES}
    secs = {r: _union_s(spans[r]) for r in ROLES}
    out.set("words_rep", words["rep"])
    out.set("words_customer", words["customer"])
    for r in ROLES:
        if measured:
            out.set(f"talk_time_{r}_s", secs[r])
        else:
            out.set(f"talk_time_{r}_s", None, ESTIMATED)
    basis = secs if measured else words
    total = basis["rep"] + basis["customer"]
    if total > 0:
        out.set("talk_ratio_rep", basis["rep"] / total)
        out.set("talk_ratio_customer", basis["customer"] / total)
    else:
        out.null(("talk_ratio_rep", "talk_ratio_customer"),
                 "neither the rep nor the customer has any talk time")
    for r in ROLES:
        if not measured:
            out.set(f"wpm_{r}", None, ESTIMATED)
        elif secs[r] <= 0:
            out.set(f"wpm_{r}", None, f"the {r} has no talk time")
        else:
            out.set(f"wpm_{r}", words[r] / (secs[r] / 60.0))


def _runs(utts: tuple[Utterance, ...], measured: bool, opts: FeatureOptions,
          out: Collector) -> None:
    runs = build_runs(utts, opts.backchannel_max_words, by_person=True)
    max_chars = opts.moment_text_max_chars
    for role, s_name, w_name, kind in (
            ("rep", "longest_monologue_rep_s", "longest_monologue_rep_words", "monologue"),
            ("customer", "longest_customer_story_s", "longest_customer_story_words",
             "customer_story")):
        mine = [r for r in runs if r.speaker == role]
        if not mine:
            out.null((s_name, w_name), f"the {role} never speaks")
            if role == "rep":
                out.set("monologues_rep_over_threshold", None, "the rep never speaks")
            continue
        key = (lambda r: (r.duration_s, r.words)) if measured else (lambda r: (r.words, 0))
        longest = max(mine, key=key)
        out.set(w_name, longest.words)
        if measured:
            out.set(s_name, longest.duration_s)
        else:
            out.set(s_name, None, ESTIMATED)
        out.add(_run_moment(kind, "longest", longest, utts, max_chars))
        if role == "rep":
            if not measured:
                out.set("monologues_rep_over_threshold", None, ESTIMATED)
                continue
            over = [r for r in mine if r.duration_s >= opts.monologue_threshold_s]
            out.set("monologues_rep_over_threshold", len(over))
            for r in over:
                out.add(_run_moment(kind, "over_threshold", r, utts, max_chars))


def _turn_taking(utts: tuple[Utterance, ...], no_pauses: str | None, minutes: float | None,
                 no_minutes: str, opts: FeatureOptions, out: Collector) -> None:
    """Switches and interactivity; pauses and overlaps unless ``no_pauses`` says why not."""
    known = [(i, u) for i, u in enumerate(utts) if u.speaker in ROLES]
    switches = sum(1 for (_, a), (_, b) in zip(known, known[1:]) if a.speaker != b.speaker)
    out.set("speaker_switches", switches)
    if minutes is None:
        out.set("interactivity_switches_per_min", None, no_minutes)
    else:
        out.set("interactivity_switches_per_min", switches / minutes)

    timing_names = ("patience_rep_s", "overlaps", "interruptions_rep", "interruptions_customer")
    if no_pauses:
        out.null(timing_names, no_pauses)
        return
    gaps = []
    for (_, a), (_, b) in zip(known, known[1:]):
        if a.speaker == "customer" and b.speaker == "rep":
            gap = b.start_s - a.end_s
            if gap <= opts.patience_max_gap_s:
                gaps.append(max(0.0, gap))  # talking over the customer is no wait at all
    if gaps:
        out.set("patience_rep_s", sum(gaps) / len(gaps))
    else:
        out.set("patience_rep_s", None, "no customer turn is followed by a rep turn"
                if not any(a.speaker == "customer" and b.speaker == "rep"
                           for (_, a), (_, b) in zip(known, known[1:]))
                else f"every customer-to-rep pause is longer than {opts.patience_max_gap_s} s")

    overlaps = 0
    interrupts = {"rep": 0, "customer": 0}
    latest: dict[str, tuple[float, float]] = {}  # role -> (start, end) of its latest-ending turn
    for i, u in known:
        other = "customer" if u.speaker == "rep" else "rep"
        if other in latest:
            o_start, o_end = latest[other]
            if o_start <= u.start_s and o_end - u.start_s >= opts.overlap_min_s:
                overlaps += 1
                if not is_backchannel(u.text, opts.backchannel_max_words):
                    interrupts[u.speaker] += 1
                    out.add(Moment(kind="interruption", subtype=u.speaker, speaker=u.speaker,
                                   utterance_index=i, start_s=u.start_s, end_s=u.end_s,
                                   text=clip(u.text, opts.moment_text_max_chars)))
        prev = latest.get(u.speaker)
        if prev is None or u.end_s >= prev[1]:
            latest[u.speaker] = (u.start_s, u.end_s)
    out.set("overlaps", overlaps)
    out.set("interruptions_rep", interrupts["rep"])
    out.set("interruptions_customer", interrupts["customer"])


def _last_third(utts: tuple[Utterance, ...], measured: bool, out: Collector) -> None:
    """Customer share of rep+customer talk in the last third of the call (by time when
    measured, by word position when estimated)."""
    spans: dict[str, list[tuple[float, float]]] = {"rep": [], "customer": []}
    if measured:
        lo = min(u.start_s for u in utts)
        hi = max(u.end_s for u in utts)
        for u in utts:
            if u.speaker in spans:
                spans[u.speaker].append((u.start_s, u.end_s))
    else:
        pos = 0.0
        lo = 0.0
        for u in utts:
            n = count_words(u.text)
            if u.speaker in spans:
                spans[u.speaker].append((pos, pos + n))
            pos += n
        hi = pos
    if hi <= lo:
        out.set("customer_talk_share_last_third", None, "the call has no length")
        return
    start = lo + (hi - lo) * 2.0 / 3.0
    rep = _overlap_len(spans["rep"], start, hi)
    cust = _overlap_len(spans["customer"], start, hi)
    if rep + cust <= 0:
        out.set("customer_talk_share_last_third", None,
                "nobody with a known role talks in the last third of the call")
    else:
        out.set("customer_talk_share_last_third", cust / (rep + cust))
