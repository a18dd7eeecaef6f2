"""Who is the rep: roles for every speaker of a transcript, and how they were decided.

A speaker is on the rep side when the first of these that applies says so:

1. ``labelled``: the transcript's own role labels (``Rep:``, ``Agent:``, ``Customer:``), set
   by the readers;
2. ``channel``: the stereo channel, when ``--rep-channel 0|1`` forced it (set by ``asr``);
3. ``named``: ``--rep NAME`` (repeatable), a team roster (``--team FILE``: every speaker whose
   name matches one of the company's people is on the rep side, so a solutions engineer or a
   manager on the call counts as the company) and the manifest's ``rep`` column for this call.
   Names match forgivingly: case, accents and punctuation are ignored, a first name matches
   the full name when no other speaker has that first name, and a roster email's local part
   ("maria.lopez@...") matches "Maria Lopez";
4. ``inferred``: from what each speaker says (``infer_roles``): who introduces themselves with
   the company, who asks the discovery questions, who proposes the meeting, who talks about
   "our" product and pricing, against who says "your product", "how much is it", "we already
   use ...". Below ``RoleOptions.min_confidence`` the roles stay unknown;
5. ``unknown``: no score is given for such a call (``scorer.batch.job``).

Pure functions over ``Transcript``; only ``read_roster`` reads a file.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from scorer.errors import InputError
from scorer.files import read_csv
from scorer.types import Transcript, Utterance

DEFAULT_MIN_CONFIDENCE = 0.8
"""Inferred roles below this confidence are left unknown. Chosen on the synthetic
development calls and checked on the sample calls and the shared corpora by
``eval/roles_eval.py`` (docs/ROLES.md has the numbers)."""
_SCALE = 2.0  # evidence points per unit of log-odds between the two most likely assignments


@dataclass(frozen=True, slots=True)
class Person:
    """One of the company's people, from a team roster."""

    name: str
    email: str | None = None
    team: str | None = None


@dataclass(frozen=True, slots=True)
class RoleOptions:
    """How roles are decided where the transcript's labels and a forced channel do not.

    ``rep_names``: names of reps (``--rep``, repeatable). ``roster``: the company's people
    (``--team FILE``). ``company``: the seller's company name (``--company``), a strong cue
    when a speaker introduces themselves with it. ``min_confidence``: inferred roles below
    it stay unknown (default ``DEFAULT_MIN_CONFIDENCE``). ``infer``: infer roles from the
    content at all (default ``True``).
    """

    rep_names: tuple[str, ...] = ()
    roster: tuple[Person, ...] = ()
    company: str | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    infer: bool = True

    def validate(self) -> RoleOptions:
        if not 0.5 <= self.min_confidence <= 1.0:
            raise InputError(f"min_confidence must be between 0.5 and 1, not {self.min_confidence!r}")
        if any(not n.strip() for n in self.rep_names):
            raise InputError("--rep needs a name, not an empty string")
        return self


def normalise_name(name: str) -> str:
    """Lower case, no accents, punctuation as spaces: "José  O'Neil" -> "jose o neil"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


def _email_name(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return normalise_name(email.split("@", 1)[0].replace(".", " ")) or None


def matching_speakers(wanted: str, speakers: Sequence[str]) -> list[str]:
    """The speakers ``wanted`` names: the same full name, else a unique first-name match
    (either way round: "Maria" names "Maria Lopez", "Maria Lopez" names "Maria")."""
    target = normalise_name(wanted)
    if not target:
        return []
    exact = [s for s in speakers if normalise_name(s) == target]
    if exact:
        return exact
    first = target.split()[0]
    by_first = [s for s in speakers if normalise_name(s).split()[:1] == [first]]
    one_word = [s for s in by_first if len(normalise_name(s).split()) == 1 or len(target.split()) == 1]
    return one_word if len(by_first) == 1 else []


def read_roster(path: Path | str) -> tuple[Person, ...]:
    """A team roster: CSV with a ``name`` column and optionally ``email`` and ``team``."""
    path = Path(path)
    table = read_csv(path, "team roster")
    header = [h.strip().lower() for h in (table[0] if table else [])]
    if "name" not in header:
        raise InputError(f"{path}: the team roster needs a 'name' column (and optionally email, team)")
    people = []
    for row in table[1:]:
        cells = {k: v.strip() for k, v in zip(header, row)}
        if cells.get("name"):
            people.append(Person(cells["name"], cells.get("email") or None, cells.get("team") or None))
    if not people:
        raise InputError(f"{path}: the team roster names nobody; add one row per person")
    return tuple(people)


# --- cues in what a speaker says ------------------------------------------------------------

def _cues(patterns: Mapping[str, float]) -> tuple[tuple[re.Pattern[str], float], ...]:
    return tuple((re.compile(p), w) for p, w in patterns.items())


# Evidence that a speaker sells (positive) or buys (negative), per match, on lower-cased text.
_CUES = _cues({
    # introductions with an organisation, and the openers of a sales call
    r"\b(?:this is|my name is|it's) [a-z'-]+(?: [a-z'-]+)? (?:from|with|over at|calling from|here at)\b": 3.0,
    r"\b(?:i'm|i am) (?!originally|not|also|just|actually|really|still|away|back|so|very)[a-z'-]+"
    r"(?: [a-z'-]+)? (?:from|over at|calling from|here at)\b": 3.0,
    r"\b(?:calling|reaching out|getting in touch) (?:from|on behalf of|about your)\b": 2.5,
    r"\bthe reason (?:i'm|i am|for my|for the) call": 2.5,
    r"\bthanks? (?:you )?(?:so much )?for (?:taking|jumping on|hopping on|making time for) (?:my|the|this) call\b": 2.0,
    r"\b(?:thanks|thank you) for (?:your time|taking the time|making the time)\b": 1.0,
    r"\bthanks? (?:you )?(?:so much )?for (?:calling in|reaching out|getting in touch)\b": 2.0,
    r"\bwho am i (?:speaking|talking) (?:with|to)\b|\bhow can i help\b": 1.5,
    # proposing the next step
    r"\b(?:would you be open to|are you open to|can we (?:set up|schedule|book|find|get)|let me (?:send|set up|book|get you)|"
    r"i(?:'ll| will| can) (?:send you|send over|send the|set up|book|put together|show you|get you)|"
    r"(?:send|shoot) (?:you|over) (?:an?|the) (?:invite|calendar|proposal|quote|deck))\b": 1.5,
    # "our" product, pricing and customers
    r"\b(?:our|we) (?:platform|product|solution|software|tool|app|pricing|plans?|customers|clients|"
    r"offer|offers|provide|integrate|integrates|charge|support|onboarding|implementation)\b": 1.5,
    r"\b(?:we|our team) (?:can|could|would) (?:help you|show you|set you up|get you|walk you)\b": 1.0,
    r"\b(?:companies|teams|customers) like yours\b": 2.0,
    # discovery about the other side's business
    r"\b(?:how|what|who|when|why|where|which)\b[^?.!]*\byour (?:team|business|company|process|current|"
    r"biggest|day|customers|setup|workflow|goals?|priorities)\b": 1.0,
    r"^(?:\w+ ){0,3}?(?:tell me|walk me through|help me understand)\b|"
    r"\b(?:can|could|would) you (?:tell me|walk me through)\b": 1.0,
    # the buyer's side
    r"\byour (?:product|platform|software|tool|app|pricing|price|solution|demo|company|offer|sales)\b": -2.0,
    r"\bhow much (?:is|does|would|will) (?:it|this|that)\b|\bhow much do you charge\b": -2.0,
    r"\bwhat (?:does|would|will) (?:it|this|that) cost\b|\bwhat(?:'s| is) (?:the|your) (?:price|cost|pricing)\b": -2.0,
    r"\b(?:we|i) (?:currently|already) (?:use|have|work with|pay)\b|\bwe(?:'re| are) (?:using|on) \w+ (?:now|today|right now)\b": -2.0,
    r"\b(?:send|email) me\b|\bnot interested\b|\btoo expensive\b|\bout of our budget\b": -1.5,
    r"\b(?:talk|check|speak|run it by) (?:to |with )?my (?:boss|manager|partner|team|cfo|ceo|owner)\b": -1.5,
    r"\b(?:we're|we are|i'm|i am) (?:happy|fine|good|all set) with\b": -1.5,
    r"\bi (?:saw|was on|watched|attended|read) your\b|\bi (?:filled out|downloaded|signed up)\b|"
    r"\byour (?:webinar|website|ad|email|newsletter|booth)\b": -2.0,
})
_QUESTION = re.compile(r"\?\s*$|^(?:so |and |but |well |okay |uh |um )*(?:do|does|did|are|is|can|could|would|"
                       r"will|have|has|how|what|who|when|why|where|which)\b")
_QUESTION_WEIGHT = 0.3  # a question asked is weak evidence of the side that runs the call
_QUESTION_CAP = 10


def evidence(texts: Iterable[str], company: str | None = None) -> float:
    """Points of evidence that the speaker of ``texts`` is the seller (negative: the buyer)."""
    company_re = None
    if company and normalise_name(company):
        name = re.escape(normalise_name(company))
        company_re = re.compile(rf"\b(?:from|with|at|here at|we at|calling from|this is) {name}\b|\b{name} here\b")
    score, questions = 0.0, 0
    for text in texts:
        t = " ".join(re.sub(r"[^\w'?\s-]", " ", text.lower()).split())
        score += sum(w * len(p.findall(t)) for p, w in _CUES)
        if company_re is not None and company_re.search(normalise_name(text) + " "):
            score += 4.0
        questions += sum(1 for s in re.split(r"(?<=[.?!])\s+", text.lower()) if _QUESTION.search(s.strip()))
    return score + _QUESTION_WEIGHT * min(questions, _QUESTION_CAP)


@dataclass(frozen=True, slots=True)
class Inference:
    """Roles inferred from content: the rep side, the confidence (0-1), and why."""

    rep_side: frozenset[str]
    confidence: float
    scores: Mapping[str, float]


def infer_roles(transcript: Transcript, company: str | None = None) -> Inference | None:
    """The speakers most likely on the rep side, from what each says; ``None`` with fewer than
    two named speakers. The confidence is a logistic of the evidence margin between the
    chosen split and the best split that moves one speaker across."""
    names = transcript.speaker_names
    if len(names) < 2:
        return None
    texts: dict[str, list[str]] = {n: [] for n in names}
    for u in transcript.utterances:
        if u.speaker_name in texts:
            texts[u.speaker_name].append(u.text)
    scores = {n: evidence(texts[n], company) for n in names}
    ranked = sorted(names, key=lambda n: -scores[n])
    top = scores[ranked[0]]
    # The rep side: the top speaker, and any other speaker with strong seller evidence of
    # their own (a solutions engineer); at least one speaker stays on the customer side.
    side = {ranked[0]} | {n for n in ranked[1:-1] if scores[n] >= max(3.0, 0.5 * top)}
    # How far the split is from flipping: the weakest speaker on the rep side against the
    # strongest on the customer side.
    margin = min(scores[n] for n in side) - max(scores[n] for n in names if n not in side)
    confidence = 1.0 / (1.0 + math.exp(-margin / _SCALE))
    return Inference(frozenset(side), round(confidence, 3), {n: round(s, 2) for n, s in scores.items()})


# --- deciding ----------------------------------------------------------------------------------

def _with_roles(t: Transcript, rep_side: Iterable[str], roles: str, detail: str,
                confidence: float | None = None) -> Transcript:
    side = set(rep_side)
    utterances = tuple(u if u.speaker_name is None else
                       replace(u, speaker="rep" if u.speaker_name in side else "customer")
                       for u in t.utterances)
    return replace(t, utterances=utterances, roles=roles, roles_confidence=confidence, roles_detail=detail)


def _named(t: Transcript, options: RoleOptions, manifest_rep: str | None) -> tuple[set[str], list[str]]:
    """Speakers named as the company's, and a note for each source that matched."""
    speakers = t.speaker_names
    found: set[str] = set()
    notes = []
    for wanted in options.rep_names:
        hits = matching_speakers(wanted, speakers)
        found |= set(hits)
        if hits:
            notes.append(f"{', '.join(hits)} named by --rep")
    roster_hits = set()
    for person in options.roster:
        roster_hits |= set(matching_speakers(person.name, speakers))
        email = _email_name(person.email)
        if email:
            roster_hits |= set(matching_speakers(email, speakers))
    if roster_hits - found:
        notes.append(f"{', '.join(sorted(roster_hits - found))} in the team roster")
    found |= roster_hits
    if manifest_rep:
        hits = set(matching_speakers(manifest_rep, speakers)) - found
        found |= hits
        if hits:
            notes.append(f"{', '.join(sorted(hits))} is the manifest's rep")
    return found, notes


def _side_text(side: Iterable[str]) -> str:
    return " and ".join(sorted(side))


def resolve_roles(t: Transcript, options: RoleOptions = RoleOptions(),
                  manifest_rep: str | None = None) -> Transcript:
    """``t`` with every named speaker on the rep or the customer side, and ``roles`` saying
    how that was decided (see the module docstring for the order). Labelled and forced-channel
    transcripts come back as they are; so does one whose roles cannot be told (``unknown``,
    with ``roles_detail`` saying why)."""
    if t.roles in ("labelled", "channel"):
        return t
    speakers = t.speaker_names
    if len(speakers) < 2:
        why = ("only one speaker was heard" if speakers else "no speaker is named")
        return replace(t, roles="unknown", roles_confidence=None,
                       roles_detail=f"{why}, so the rep cannot be told from the customer")
    named, notes = _named(t, options, manifest_rep)
    if named and set(speakers) - named:
        return _with_roles(t, named, "named", "; ".join(notes))
    if options.infer:
        inference = infer_roles(t, options.company)
        if inference is not None and inference.confidence >= options.min_confidence:
            return _with_roles(t, inference.rep_side, "inferred",
                               f"{_side_text(inference.rep_side)} on the rep side: inferred from what "
                               f"was said, confidence {inference.confidence:.2f}", inference.confidence)
        if inference is not None:
            return replace(t, roles="unknown", roles_confidence=inference.confidence,
                           roles_detail=f"what was said does not tell the rep apart (best guess "
                                        f"{_side_text(inference.rep_side)}, confidence "
                                        f"{inference.confidence:.2f} < {options.min_confidence:.2f})")
    listed = ", ".join(repr(n) for n in speakers)
    return replace(t, roles="unknown", roles_confidence=None,
                   roles_detail=f"nothing names the rep among speakers {listed}")


def roles_problem(t: Transcript) -> str | None:
    """One line saying why this call's roles are unknown and how to fix it, or ``None``."""
    if t.roles != "unknown":
        return None
    names = t.speaker_names
    fix = ("pass --rep NAME or --team roster.csv" if names and not all(n.endswith("channel") for n in names)
           else "pass --rep-channel 0|1" if names else "use a two-channel recording or a transcript with names")
    return f"{t.source or t.call_id}: roles unknown ({t.roles_detail or 'no speaker names'}); {fix}"


def speakers_by_side(utterances: Sequence[Utterance]) -> dict[str, tuple[str, ...]]:
    """Speaker names on each side, in order of first appearance."""
    out: dict[str, dict[str, None]] = {"rep": {}, "customer": {}}
    for u in utterances:
        if u.speaker in out and u.speaker_name:
            out[u.speaker][u.speaker_name] = None
    return {k: tuple(v) for k, v in out.items()}
