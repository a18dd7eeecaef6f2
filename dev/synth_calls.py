"""Seeded generator of synthetic sales calls with outcome labels, for the default models.

No public corpus of sales calls with outcomes exists, so the default models learn from
calls simulated here. Each call draws a rep whose behaviours vary *independently* around
a skill level (so behaviours are not one collinear knob) and a customer with a fit and a
talkativeness; the call is then played out move by move from the phrase banks in
``dev/synth_phrases.py``. The labels are computed from what the call actually
contains, plus noise:

* ``quality`` (0-100) rewards, as published sales-conversation research reports of top
  performers: a rep talk share near 43% (average reps talk 65-75%), 11-14 questions on a
  discovery call with most of them open, no monologue much over a minute, long customer
  stories, reflections of what the customer said, objections answered with a question,
  few fillers, and a next step with a date.
* The close follows what happened in the call, never the label. The rep proposes a dated
  next step, a vague one ("I'll send some info") or none, as the rep's ``next`` behaviour
  makes likely. The customer's receptivity is what the call built (``receptivity``):
  ``r = 1.2·fit + 1.2·(c_talk − ½) + 1.0·(c_story − ½) + 0.9·(c_mono − ½) + 0.8·(c_questions
  − ½) + 0.6·(c_objections − ½) + 0.8·(c_interact − ½)``, each ``c_`` the call's 0-1 score
  against the published band (talk share near 43%, long customer stories, no long monologue,
  11-14 questions, objections answered with a question, back-and-forth). The answer is drawn
  from ``z = r + 1.2·L`` (``L`` standard logistic noise) cut by ``ANSWER_CUTS``: after a dated
  proposal accepted if ``z > 0`` (to the slot 50%, on a condition 15%, by a counter-proposal
  the rep takes 20%, a yes with no slot fixed 15%), deferred if ``z > −1.3``, else declined;
  after a vague one a meeting asked for if ``z > 1.2``, deferred if ``z > −0.9``, else
  declined; with none, a meeting asked for if ``z > 2``, put off if ``z > 0.3``, nothing said
  of one if ``z > −1.2``, else declined. The line comes from that answer's bank.
* ``advanced`` (the call moved toward a meeting or demo) is drawn only then, as 1 with
  probability ``σ(0.8·r + p + e)``: ``p`` by proposal (``PROPOSAL_EFFECT``: dated +0.3, vague
  0, none −0.6), ``e`` by answer (``ANSWER_EFFECT``): accepted with a date +0.6 (usually
  advanced; some no-show), without +0.3, deferred −2.0 (a put-off, "send me some info and
  I'll get back to you", now and then a meeting after all),
  declined −2.3 (rarely), nothing proposed or asked −1.6. Fit, the behaviours
  (interactivity included: more back-and-forth goes with successful calls) and a dated next
  step raise it; the answer is real but partial evidence (``eval/synth_leak.py`` measures it;
  the first generator drew the close from a bank chosen by the label, issue 11). The labels
  have a random stream of their own: forcing the outcome changes no word of the call.

Then ``label_noise`` of the labels are replaced at random. Run as a script to write a
corpus folder in the layout of ``../shared/data`` (``transcripts/*.txt`` + ``labels.csv``)::

    python -m dev.synth_calls -o /tmp/synth --n 1200 --seed 20240611
"""
from __future__ import annotations

import argparse
import csv
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from dev import synth_phrases as P

CALL_TYPES = ("discovery", "follow-up", "cold call")


@dataclass(frozen=True)
class SynthOptions:
    """Corpus size and randomness.

    ``n_calls`` calls (default 1200); ``seed`` fixes every draw; ``timestamp_share`` of the
    files carry ``[HH:MM:SS]`` stamps (default 0.75; the rest are timed from word counts
    by the reader); ``label_noise`` is the share of each label replaced by a random value
    (default 0.08).
    """

    n_calls: int = 1200
    seed: int = 20240611
    timestamp_share: float = 0.75
    label_noise: float = 0.08

    def validate(self) -> None:
        if self.n_calls < 1:
            raise ValueError(f"n_calls must be at least 1, got {self.n_calls}")
        for name in ("timestamp_share", "label_noise"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1], got {value}")


@dataclass(frozen=True)
class SynthCall:
    """One generated call: its lines (speaker, text, start in seconds) and labels."""

    call_id: str
    lines: tuple[tuple[str, str, float], ...]
    timestamps: bool
    advanced: int
    quality: int
    traits: dict = field(default_factory=dict)

    def to_text(self) -> str:
        out = []
        for speaker, text, start in self.lines:
            name = "Rep" if speaker == "rep" else "Customer"
            if self.timestamps:
                s = int(start)
                out.append(f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] {name}: {text}")
            else:
                out.append(f"{name}: {text}")
        return "\n".join(out) + "\n"


def _clip(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return min(hi, max(lo, x))


class _Call:
    """Mutable state while one call is played out (local to ``generate_call``)."""

    def __init__(self, rng: random.Random, slots: dict, filler_rate: float, wps: dict) -> None:
        self.rng, self.slots, self.filler_rate, self.wps = rng, slots, filler_rate, wps
        self.turns: list[list] = []  # [speaker, text, kind]
        self.reflections = 0

    def fill(self, template: str, **fixed: str) -> str:
        """``template`` with its slots filled; ``fixed`` slots (the close's day and time) win."""
        s = dict(self.slots)
        s.update(pain=self.rng.choice(s["pains"]), feature=self.rng.choice(s["features"]),
                 day=self.rng.choice(P.DAYS), time=self.rng.choice(P.TIMES),
                 number=self.rng.choice(P.NUMBERS))
        s.update(fixed)
        return template.format(**s)

    def pick(self, bank: tuple[str, ...]) -> str:
        return self.fill(self.rng.choice(bank))

    def fillers(self, text: str, rate: float) -> str:
        words = text.split()
        out: list[str] = []
        for i, w in enumerate(words):
            # Fillers go mid-sentence only, where they do not disturb capitalisation.
            if 0 < i < len(words) - 1 and self.rng.random() < rate:
                out.append(self.rng.choice(P.FILLERS))
            out.append(w)
        return " ".join(out)

    def say(self, speaker: str, text: str, kind: str) -> None:
        rate = self.filler_rate if speaker == "rep" else 0.01
        self.turns.append([speaker, self.fillers(text, rate), kind])

    def words(self, speaker: str) -> int:
        return sum(len(t[1].split()) for t in self.turns if t[0] == speaker)

    def seconds(self, turn: list) -> float:
        return len(turn[1].split()) / self.wps[turn[0]]


def _story(call: _Call, n_sentences: int) -> str:
    rng = call.rng
    parts = [rng.choice(P.STORY_OPENERS)] if rng.random() < 0.6 else []
    parts += [call.fill(s) for s in rng.sample(P.STORY_SENTENCES, min(n_sentences, len(P.STORY_SENTENCES)))]
    return " ".join(parts)


def _tell_story(call: _Call, n: int, listen: float) -> None:
    """A customer story of ``n`` sentences. A listening rep keeps it going with short
    prompts ("mm-hmm", "what happened next?"): one long story, more back-and-forth."""
    rng = call.rng
    while n > 0:
        chunk = n if rng.random() > 0.6 * listen else min(n, rng.randint(1, 2))
        call.say("customer", _story(call, chunk), "story")
        n -= chunk
        if n > 0:
            if rng.random() < 0.5:
                call.say("rep", call.pick(P.REP_BACKCHANNELS), "backchannel")
            else:
                call.say("rep", call.pick(P.STORY_PROMPTS), "open_q")


def _customer_question(call: _Call) -> None:
    i = call.rng.randrange(len(P.CUSTOMER_QUESTIONS))
    call.say("customer", call.fill(P.CUSTOMER_QUESTIONS[i]), "customer_q")
    call.say("rep", call.fill(P.CUSTOMER_ANSWERS_TO_QUESTIONS[i]), "answer")


def _pitch(call: _Call, n_sentences: int, tailored: bool) -> str:
    rng = call.rng
    bank = P.TAILORED_PITCH if tailored else P.PITCH_SENTENCES
    sentences = [call.fill(s) for s in rng.sample(bank, min(n_sentences, len(bank)))]
    if tailored and n_sentences > len(bank):
        sentences += [call.fill(s) for s in rng.sample(P.PITCH_SENTENCES, n_sentences - len(bank))]
    return " ".join(sentences)


def generate_call(index: int, options: SynthOptions) -> SynthCall:
    """Generate call number ``index`` of the corpus (the same call for the same seed). The
    words come from one random stream, the labels from another: no word depends on a label."""
    rng = random.Random(options.seed * 1_000_003 + index)
    call, b, fit, call_type = _play_body(rng)
    n_objections = min(3, int(rng.expovariate(1.0) * max(0.2, 1.1 - 0.4 * fit)))
    handled = _objections(call, b, n_objections)
    r = rng.random()
    next_step = "dated" if r < 0.1 + 0.8 * b["next"] else ("vague" if r < 0.75 + 0.15 * b["next"] else "none")
    stats = _stats(call, handled, n_objections)
    state = receptivity(stats, fit)
    answer, form = draw_answer(rng, next_step, state)
    _ending(call, next_step, answer, form)
    stats.update(next_step=next_step, answer=answer, answer_form=form, receptivity=state,
                 call_type=call_type, skill=round(b["skill"], 3), fit=round(fit, 3))
    timestamps = rng.random() < options.timestamp_share
    lines = _timed_lines(call, rng, b["listen"])
    labels_rng = random.Random(f"{options.seed}:{index}:labels")
    advanced = draw_advanced(labels_rng, state, next_step, answer)
    quality = 100 * (0.17 * stats["c_talk"] + 0.12 * stats["c_questions"] + 0.12 * stats["c_open"]
                     + 0.12 * stats["c_mono"] + 0.1 * stats["c_story"] + 0.06 * stats["c_interact"]
                     + 0.12 * {"dated": 1.0, "vague": 0.35, "none": 0.0}[next_step]
                     + 0.08 * stats["c_objections"] + 0.04 * stats["c_filler"] + 0.07 * stats["c_reflect"])
    quality = _clip(quality + labels_rng.gauss(0, 6), 0, 100)
    if labels_rng.random() < options.label_noise:
        advanced = int(labels_rng.random() < 0.5)
    if labels_rng.random() < options.label_noise:
        quality = labels_rng.uniform(0, 100)
    traits = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in stats.items()}
    return SynthCall(call_id=f"synth-{options.seed}-{index:05d}", lines=lines, timestamps=timestamps,
                     advanced=advanced, quality=int(round(quality)), traits=traits)


def _play_body(rng: random.Random) -> tuple[_Call, dict, float, str]:
    """Draw rep, customer and call type; play up to the objections. Returns the call, the
    rep's behaviour levels (and ``skill``), the customer's fit and the call type."""
    skill = rng.betavariate(2, 2)
    # Each behaviour wanders from the skill level on its own, so a rep can ask good questions
    # and still monologue: the model has to weigh behaviours, not find one switch.
    b = {k: _clip(skill + rng.gauss(0, 0.22)) for k in
         ("questions", "open", "monologue", "listen", "next", "objection", "filler", "reflect")}
    fit = rng.gauss(0, 1)
    # An interested customer talks more, asks more and stays on the line longer.
    talkative = _clip(rng.betavariate(2, 2) + 0.12 * fit)
    call_type = rng.choices(CALL_TYPES, weights=(0.55, 0.3, 0.15))[0]
    domain = rng.choice(P.DOMAINS)
    slots = dict(domain, rep=rng.choice(P.REP_NAMES), cust=rng.choice(P.CUSTOMER_NAMES),
                 company=rng.choice(P.COMPANIES), company2=rng.choice(P.COMPANIES),
                 vendor=rng.choice(P.VENDORS))
    filler_rate = 0.004 + 0.07 * (1 - b["filler"]) ** 2
    wps = {"rep": rng.uniform(2.3, 3.1), "customer": rng.uniform(2.0, 2.9)}
    call = _Call(rng, slots, filler_rate, wps)

    call.say("rep", call.pick(P.GREETINGS), "greeting")
    call.say("customer", call.pick(P.CUSTOMER_GREETINGS), "greeting")
    if rng.random() < 0.15 + 0.6 * b["questions"]:
        call.say("rep", call.pick(P.AGENDAS), "agenda")
        call.say("customer", call.pick(("Sure.", "Sounds good.", "Yeah, that works.", "Okay.", "Fine by me.")), "ack")
    n_disc = {"discovery": rng.randint(7, 22), "follow-up": rng.randint(4, 12),
              "cold call": rng.randint(2, 6)}[call_type]
    n_disc = max(1, round(n_disc * min(1.5, max(0.6, 1 + 0.2 * fit))))
    _discovery(call, b, fit, talkative, n_disc)
    return call, {**b, "skill": skill}, fit, call_type


def _discovery(call: _Call, b: dict, fit: float, talkative: float, n_disc: int) -> None:
    """The middle of the call: ``n_disc`` rounds of questions, stories and pitches."""
    rng = call.rng
    p_customer_question = min(0.3, max(0.01, 0.08 + 0.08 * fit))
    monologue_sentences = max(1, round(2 + 12 * (1 - b["monologue"]) + rng.gauss(0, 1.5)))
    early_pitch = rng.random() < 0.8 * (1 - b["monologue"])
    q_rate = 0.3 + 0.65 * b["questions"]
    open_rate = 0.1 + 0.8 * b["open"]

    def pitch_block(tailored: bool) -> None:
        remaining = monologue_sentences if not tailored else max(1, min(3, monologue_sentences))
        while remaining > 0:
            chunk = remaining if rng.random() < 0.6 else max(1, remaining // 2)
            call.say("rep", _pitch(call, chunk, tailored), "pitch")
            remaining -= chunk
            if rng.random() < 0.3:
                call.say("customer", call.pick(P.BACKCHANNELS), "backchannel")

    if early_pitch:
        pitch_block(tailored=False)
    for _ in range(n_disc):
        prefix = ""
        if call.turns[-1][0] == "customer" and call.turns[-1][2] == "story" and rng.random() < 0.1 + 0.6 * b["reflect"]:
            call.reflections += 1
            if rng.random() < 0.5:
                # A reflection of its own: the customer confirms it and says a little more.
                call.say("rep", call.pick(P.REFLECTIONS), "reflection")
                call.say("customer", call.pick(P.CONFIRMATIONS) + " " + _story(call, 1), "story")
            else:
                prefix = call.pick(P.REFLECTIONS) + " "
        elif rng.random() < 0.4:
            prefix = call.pick(P.ACKS) + " "
        if rng.random() < q_rate:
            _question_round(call, b, talkative, prefix, rng.random() < open_rate)
        else:
            call.say("rep", prefix + _pitch(call, rng.randint(1, 3), tailored=rng.random() < b["listen"]), "statement")
            if rng.random() < 0.4:
                call.say("customer", call.pick(P.BACKCHANNELS), "backchannel")
        if rng.random() < p_customer_question:
            _customer_question(call)
    if not early_pitch:
        pitch_block(tailored=rng.random() < b["listen"])
        if rng.random() < 0.5:
            _customer_question(call)
    for _ in range(int(fit > 0.5) + int(fit > 1.2)):
        _customer_question(call)


def _question_round(call: _Call, b: dict, talkative: float, prefix: str, is_open: bool) -> None:
    """The rep asks (open or closed) and the customer answers: a story, or a short answer."""
    rng = call.rng
    call.say("rep", prefix + call.pick(P.OPEN_QUESTIONS if is_open else P.CLOSED_QUESTIONS),
             "open_q" if is_open else "closed_q")
    if is_open:
        n = 1 + int(rng.expovariate(1.0) * (1 + 4 * talkative * (0.4 + b["listen"])))
        if b["listen"] < 0.35 and n > 2 and rng.random() < 0.7:
            # A rep who does not listen cuts the story short with the next point.
            call.say("customer", _story(call, rng.randint(1, 2)), "story")
            call.say("rep", call.pick(P.CLOSED_QUESTIONS + P.PITCH_SENTENCES), "interrupt")
            call.say("customer", call.pick(P.SHORT_ANSWERS), "short")
        else:
            _tell_story(call, n, b["listen"])
    else:
        extra = " " + _story(call, 1) if rng.random() < 0.25 * talkative else ""
        call.say("customer", call.pick(P.SHORT_ANSWERS) + extra, "short")


def _objections(call: _Call, b: dict, n_objections: int) -> int:
    """Play ``n_objections`` objections; returns how many the rep answered with a question."""
    rng = call.rng
    handled = 0
    for _ in range(n_objections):
        call.say("customer", call.pick(P.OBJECTIONS), "objection")
        if rng.random() < 0.15 + 0.8 * b["objection"]:
            handled += 1
            call.say("rep", call.pick(P.OBJECTION_GOOD), "objection_good")
            call.say("customer", _story(call, rng.randint(1, 3)), "story")
            call.say("rep", call.pick(P.REFLECTIONS + P.TAILORED_PITCH), "statement")
        else:
            call.say("rep", call.pick(P.OBJECTION_BAD) + " " + _pitch(call, rng.randint(1, 4), False), "objection_bad")
            call.say("customer", call.pick(P.BACKCHANNELS + ("Hmm.", "I don't know.")), "backchannel")
    return handled


def _stats(call: _Call, handled: int, n_objections: int) -> dict:
    """Realised behaviour of the call so far, and its 0-1 scores against the published bands."""
    rep_w, cust_w = call.words("rep"), call.words("customer")
    talk = rep_w / max(1, rep_w + cust_w)
    kinds = [t[2] for t in call.turns if t[0] == "rep"]
    n_open = kinds.count("open_q") + kinds.count("objection_good")
    n_q = n_open + kinds.count("closed_q")
    mono = story = 0.0
    run = 0.0
    story_run = 0.0
    for turn in call.turns:  # a monologue or story runs across the other side's backchannels
        if turn[2] == "backchannel":
            continue
        if turn[0] == "rep":
            run += call.seconds(turn)
            mono = max(mono, run)
            story_run = 0.0
        else:
            run = 0.0
            story_run += call.seconds(turn)
            story = max(story, story_run)
    fillers = sum(t[1].count(f.rstrip(",")) for t in call.turns if t[0] == "rep" for f in P.FILLERS)
    reflections = call.reflections
    c_q = _clip(n_q / 11) if n_q <= 14 else _clip(1 - (n_q - 14) / 12, 0.3)
    switches = sum(a[0] != b[0] for a, b in zip(call.turns, call.turns[1:]))
    per_min = switches / max(0.5, sum(call.seconds(t) for t in call.turns) / 60)
    return dict(talk_share=talk, questions=n_q, open_questions=n_open, longest_monologue_s=mono,
                longest_story_s=story, filler_rate=fillers / max(1, rep_w),
                c_talk=_clip(1 - abs(talk - 0.43) / 0.32), c_questions=c_q,
                c_open=n_open / n_q if n_q else 0.0, c_mono=_clip(1 - (mono - 50) / 100),
                c_story=_clip(story / 45), c_objections=handled / n_objections if n_objections else 1.0,
                c_filler=_clip(1 - fillers / max(1, rep_w) / 0.06),
                c_reflect=_clip(reflections / 3), switches_per_min=per_min,
                c_interact=_clip((per_min - 2) / 6))


#: The kinds of answer a customer gives at the close, in the order of how far they commit.
ANSWERS = ("accepted_dated", "accepted_open", "deferred", "declined", "none")
#: Where the customer's noisy receptivity ``z`` falls decides the answer, by what the rep
#: proposed: ``(kind, lowest z)`` from the most committed down; the last kind takes the rest.
ANSWER_CUTS = {"dated": (("accepted", 0.0), ("deferred", -1.3), ("declined", None)),
               "vague": (("accepted_open", 1.2), ("deferred", -0.9), ("declined", None)),
               "none": (("accepted_open", 2.0), ("deferred", 0.3), ("none", -1.2), ("declined", None))}
ANSWER_NOISE = 1.2  # scale of the logistic noise on the receptivity when the answer is drawn
#: Log-odds the answer adds to the outcome (an accepted dated meeting usually happens, some
#: no-show; a deferral now and then turns into one: at -0.6, the first default-3 build, 46% of
#: deferrals advanced and the model learned that "just send me an email" after good discovery
#: is a coin toss; at -2.0 a fifth do, label noise included; a decline rarely), what the rep
#: proposed adds (a concrete step is kept more often), and the state's weight.
ANSWER_EFFECT = {"accepted_dated": 0.6, "accepted_open": 0.3, "deferred": -2.0, "declined": -2.3, "none": -1.6}
PROPOSAL_EFFECT = {"dated": 0.3, "vague": 0.0, "none": -0.6}
STATE_WEIGHT = 0.8


def receptivity(stats: dict, fit: float) -> float:
    """How ready the customer is to meet again (log-odds): fit and the realised behaviours."""
    return (1.2 * fit + 1.2 * (stats["c_talk"] - 0.5) + 1.0 * (stats["c_story"] - 0.5)
            + 0.9 * (stats["c_mono"] - 0.5) + 0.8 * (stats["c_questions"] - 0.5)
            + 0.6 * (stats["c_objections"] - 0.5) + 0.8 * (stats["c_interact"] - 0.5))


def draw_answer(rng: random.Random, next_step: str, state: float) -> tuple[str, str]:
    """The customer's answer to the close, from ``state`` (``receptivity``) plus logistic noise:
    ``(kind, form)``, ``kind`` one of ``ANSWERS``, ``form`` one of ``plain``, ``conditional``
    (a yes with a condition), ``counter`` (another slot, which the rep takes), ``unprompted``
    (the customer raises it, nothing was proposed) or ``silent``."""
    u = min(max(rng.random(), 1e-12), 1 - 1e-12)
    z = state + ANSWER_NOISE * math.log(u / (1 - u))
    kind = next(k for k, lowest in ANSWER_CUTS[next_step] if lowest is None or z > lowest)
    if kind == "accepted":  # a yes to a dated proposal: with no slot yet, the slot, a condition, another slot
        r = rng.random()
        return ("accepted_open", "plain") if r < 0.15 else \
            ("accepted_dated", "plain" if r < 0.65 else "conditional" if r < 0.8 else "counter")
    if next_step == "none":
        return kind, ("silent" if kind == "none" else "unprompted")
    return kind, "plain"


def draw_advanced(rng: random.Random, state: float, next_step: str, answer: str) -> int:
    """The outcome, drawn after the answer: 1 with probability
    ``σ(STATE_WEIGHT·state + PROPOSAL_EFFECT[next_step] + ANSWER_EFFECT[answer])``."""
    logit = STATE_WEIGHT * state + PROPOSAL_EFFECT[next_step] + ANSWER_EFFECT[answer]
    return int(rng.random() < 1 / (1 + math.exp(-logit)))


def _ending(call: _Call, next_step: str, answer: str, form: str) -> None:
    """The close: the rep's proposal (if any), the customer's ``answer`` said in ``form``, the
    rep's reply to it, goodbyes. Reads only the answer, never the outcome."""
    rng = call.rng
    day, time = rng.choice(P.DAYS), rng.choice(P.TIMES)
    slot = {"day": day, "time": time, "day2": rng.choice([d for d in P.DAYS if d != day]),
            "time2": rng.choice([t for t in P.TIMES if t != time]),
            "rival": rng.choice([v for v in P.VENDORS if v != call.slots["vendor"]])}
    if next_step != "none":
        proposals = P.NEXT_STEP_DATED if next_step == "dated" else P.NEXT_STEP_VAGUE
        call.say("rep", _spoken(rng, call.fill(rng.choice(proposals), **slot), 0.08), "next_step")
    call.say("customer", _spoken(rng, call.fill(rng.choice(P.ANSWER_BANKS[answer, form]), **slot), 0.2), "ending")
    replies, p = P.REPLY_BANKS.get((answer, form), ((), 0.0))
    if rng.random() < p:
        call.say("rep", call.fill(rng.choice(replies), **slot), "reply")
    call.say("rep", call.pick(P.CLOSINGS), "closing")
    call.say("customer", call.pick(P.CUSTOMER_CLOSINGS), "closing")


def _spoken(rng: random.Random, text: str, p: float) -> str:
    """With probability ``p`` each: a spoken opener ("uh,", "well,"), and lower case without
    punctuation as a speech recogniser writes it. The meaning does not change."""
    if rng.random() < p:
        first = text.split(" ", 1)[0].strip(",.?!")
        keep_case = first in ("I", "I'm", "I'd", "I'll", "I've") or first in _PROPER
        text = f"{rng.choice(P.SPOKEN_OPENERS)} {text if keep_case else text[:1].lower() + text[1:]}"
    if rng.random() < p:
        text = " ".join(w.strip(",.?!;:") for w in text.lower().split())
    return text


_PROPER = {w for d in P.DAYS for w in d.split() if w[:1].isupper()} | set(P.VENDORS)


def _timed_lines(call: _Call, rng: random.Random, listen: float) -> tuple[tuple[str, str, float], ...]:
    clock = rng.uniform(0, 20)
    out = []
    prev = None
    for speaker, text, _kind in call.turns:
        if prev is not None:
            # A rep who listens leaves a pause after the customer stops; one who does not jumps in.
            gap = (0.2 + 1.6 * listen + rng.gauss(0, 0.3)) if speaker == "rep" else rng.uniform(0.2, 0.9)
            clock += max(0.05, gap)
        out.append((speaker, text, round(clock, 2)))
        clock += len(text.split()) / call.wps[speaker]
        prev = speaker
    return tuple(out)


def generate_corpus(options: SynthOptions = SynthOptions()) -> list[SynthCall]:
    """All ``options.n_calls`` calls, in index order."""
    options.validate()
    return [generate_call(i, options) for i in range(options.n_calls)]


def write_corpus(calls: list[SynthCall], out_dir: Path) -> Path:
    """Write ``out_dir/transcripts/<call_id>.txt`` and ``out_dir/labels.csv``; returns ``out_dir``."""
    out_dir = Path(out_dir)
    (out_dir / "transcripts").mkdir(parents=True, exist_ok=True)
    for c in calls:
        (out_dir / "transcripts" / f"{c.call_id}.txt").write_text(c.to_text(), encoding="utf-8")
    with open(out_dir / "labels.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["call_id", "advanced", "quality"])
        for c in calls:
            w.writerow([c.call_id, c.advanced, c.quality])
    return out_dir


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--out", type=Path, required=True, help="folder to write")
    ap.add_argument("--n", type=int, default=SynthOptions.n_calls, help="number of calls")
    ap.add_argument("--seed", type=int, default=SynthOptions.seed, help="random seed")
    args = ap.parse_args(argv)
    calls = generate_corpus(SynthOptions(n_calls=args.n, seed=args.seed))
    write_corpus(calls, args.out)
    print(f"wrote {len(calls)} calls to {args.out}")


if __name__ == "__main__":
    main()
