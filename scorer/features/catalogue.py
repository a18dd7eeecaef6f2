"""The feature catalogue: fixed names, plain-words labels, units, published bands.

``FEATURE_NAMES`` is the column order the scoring models use; never reorder or rename an
entry without bumping the features schema version. docs/FEATURES.md defines each one.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from scorer import findings as F
from scorer.types import Moment


class FeatureInfo(NamedTuple):
    """What a feature means, for people: used by the scoring "reasons" and the report."""

    label: str            #: plain words, e.g. "Rep share of talk time"
    unit: str             #: e.g. "share (0-1)", "seconds", "count", "per minute"
    band: str | None      #: the published finding, in words, or None where there is none
    moment_kind: str | None  #: the Moment.kind that shows where it came from, or None
    #: Only moments of this speaker produced it ("rep", "customer"), or None for both.
    moment_speaker: str | None = None
    #: Only moments with one of these subtypes produced it, or None for any subtype.
    moment_subtypes: tuple[str, ...] | None = None
    #: False where a coach cannot act on it (call length, speaking rate): the model still
    #: uses it, but it is never given as a reason.
    coachable: bool = True


_GONG = F.SOURCE

# (name, group, info) in the fixed order.
_CATALOGUE: tuple[tuple[str, str, FeatureInfo], ...] = (
    ("call_duration_s", "talk", FeatureInfo("Call length", "seconds", None, None,
                                                       coachable=False)),
    ("talk_time_rep_s", "talk", FeatureInfo("Rep talk time", "seconds", None, None)),
    ("talk_time_customer_s", "talk", FeatureInfo("Customer talk time", "seconds", None, None)),
    ("talk_ratio_rep", "talk", FeatureInfo(
        "Rep share of talk time", "share (0-1)",
        f"{_GONG}: {F.TALK_RATIO_TEXT}", None)),
    ("talk_ratio_customer", "talk", FeatureInfo(
        "Customer share of talk time", "share (0-1)",
        f"{_GONG}: on top reps' calls the customer talks about {F.pct(1 - F.TALK_RATIO_TOP)} of the time",
        None)),
    ("words_rep", "talk", FeatureInfo("Words spoken by the rep", "words", None, None)),
    ("words_customer", "talk", FeatureInfo("Words spoken by the customer", "words", None, None)),
    ("wpm_rep", "talk", FeatureInfo("Rep speaking rate", "words per minute", None, None,
                                                coachable=False)),
    ("wpm_customer", "talk", FeatureInfo("Customer speaking rate", "words per minute", None,
                                                     None, coachable=False)),
    ("longest_monologue_rep_s", "talk", FeatureInfo(
        "Longest rep monologue", "seconds",
        f"{_GONG}: {F.MONOLOGUE_TEXT}", "monologue", "rep", ("longest",))),
    ("longest_monologue_rep_words", "talk", FeatureInfo(
        "Longest rep monologue", "words", None, "monologue", "rep", ("longest",))),
    ("monologues_rep_over_threshold", "talk", FeatureInfo(
        "Rep monologues over the threshold", "count", None, "monologue", "rep", ("over_threshold",))),
    ("longest_customer_story_s", "talk", FeatureInfo(
        "Longest customer story", "seconds",
        f"{_GONG}: {F.STORY_TEXT}",
        "customer_story", "customer", ("longest",))),
    ("longest_customer_story_words", "talk", FeatureInfo(
        "Longest customer story", "words", None, "customer_story", "customer", ("longest",))),
    ("speaker_switches", "talk", FeatureInfo("Speaker switches", "count", None, None)),
    ("interactivity_switches_per_min", "talk", FeatureInfo(
        "Interactivity (speaker switches per minute)", "per minute",
        f"{_GONG}: {F.INTERACTIVITY_TEXT}",
        None)),
    ("patience_rep_s", "talk", FeatureInfo(
        "Patience (rep's pause before answering the customer)", "seconds",
        f"{_GONG}: {F.PATIENCE_TEXT}", None)),
    ("overlaps", "talk", FeatureInfo("Overlapping speech", "count", None, "interruption")),
    ("interruptions_rep", "talk", FeatureInfo(
        "Rep interrupting the customer", "count", None, "interruption", "rep")),
    ("interruptions_customer", "talk", FeatureInfo(
        "Customer interrupting the rep", "count", None, "interruption", "customer")),
    ("customer_talk_share_last_third", "talk", FeatureInfo(
        "Customer share of talk in the last third of the call", "share (0-1)", None, None)),
    ("questions_rep", "questions", FeatureInfo(
        "Questions the rep asked", "count",
        f"{_GONG}: {F.QUESTIONS_TEXT}", "question", "rep")),
    ("questions_rep_per_min", "questions", FeatureInfo(
        "Rep questions per minute", "per minute", None, "question", "rep")),
    ("open_questions_rep", "questions", FeatureInfo(
        "Open questions the rep asked", "count", None, "question", "rep", ("open",))),
    ("closed_questions_rep", "questions", FeatureInfo(
        "Closed (yes/no, either/or) questions the rep asked", "count", None, "question", "rep",
        ("closed",))),
    ("open_question_share_rep", "questions", FeatureInfo(
        "Share of the rep's questions that are open", "share (0-1)", None, "question", "rep")),
    ("questions_customer", "questions", FeatureInfo(
        "Questions the customer asked", "count", None, "question", "customer")),
    ("questions_customer_per_min", "questions", FeatureInfo(
        "Customer questions per minute", "per minute", None, "question", "customer")),
    ("next_steps_proposed", "next_steps", FeatureInfo(
        "Next steps proposed", "count", None, "next_step", None, ("proposed",))),
    ("next_steps_proposed_by_rep", "next_steps", FeatureInfo(
        "Next steps the rep proposed", "count", None, "next_step", "rep", ("proposed",))),
    ("next_step_accepted", "next_steps", FeatureInfo(
        "A next step was accepted", "0/1", None, "next_step", None, ("accepted",))),
    ("next_step_declined", "next_steps", FeatureInfo(
        "A next step was declined", "0/1", None, "next_step", None, ("declined",))),
    ("next_step_deferred", "next_steps", FeatureInfo(
        "A next step was deferred (\"I'll get back to you\")", "0/1", None, "next_step", None,
        ("deferred",))),
    ("next_step_has_date", "next_steps", FeatureInfo(
        "A proposed or accepted next step names a date or time", "0/1", None, "next_step", None,
        ("proposed",))),
    ("next_step_accepted_with_date", "next_steps", FeatureInfo(
        "A next step was accepted with a date or time", "0/1", None, "next_step", None,
        ("accepted",))),
    ("objections", "objections", FeatureInfo("Customer objections", "count", None, "objection")),
    ("objections_price", "objections", FeatureInfo(
        "Price objections", "count", None, "objection", "customer", ("price",))),
    ("objections_timing", "objections", FeatureInfo(
        "Timing objections", "count", None, "objection", "customer", ("timing",))),
    ("objections_authority", "objections", FeatureInfo(
        "Authority objections (someone else decides)", "count", None, "objection", "customer",
        ("authority",))),
    ("objections_need", "objections", FeatureInfo(
        "Need objections (no need, not interested)", "count", None, "objection", "customer",
        ("need",))),
    ("objections_competitor", "objections", FeatureInfo(
        "Competitor objections (already use another product)", "count", None, "objection", "customer",
        ("competitor",))),
    ("objections_answered_with_question", "objections", FeatureInfo(
        "Objections the rep answered with a question", "count", None, "objection")),
    ("objections_unanswered", "objections", FeatureInfo(
        "Objections the rep did not respond to", "count", None, "objection")),
    ("filler_rate_rep", "fillers", FeatureInfo(
        "Rep filler words (um, uh, you know, ...)", "per 100 words", None, None)),
    ("filler_rate_customer", "fillers", FeatureInfo(
        "Customer filler words", "per 100 words", None, None)),
    ("tracker_hits", "trackers", FeatureInfo(
        "Tracker phrase mentions (all trackers)", "count", None, "tracker")),
)

#: Numeric feature keys, in the fixed order the scoring models use.
FEATURE_NAMES: tuple[str, ...] = tuple(name for name, _, _ in _CATALOGUE)
#: name -> what it means (label, unit, published band, which moments produced it).
FEATURE_INFO: dict[str, FeatureInfo] = {name: info for name, _, info in _CATALOGUE}
#: name -> the feature group that computes it (see ``FeatureOptions.groups``).
FEATURE_GROUP: dict[str, str] = {name: group for name, group, _ in _CATALOGUE}


def feature_moments(name: str, moments: Iterable[Moment]) -> tuple[Moment, ...]:
    """The moments that produced feature ``name``: its moment kind, speaker and subtypes."""
    info = FEATURE_INFO.get(name)
    if info is None or info.moment_kind is None:
        return ()
    return tuple(m for m in moments if m.kind == info.moment_kind
                 and (info.moment_speaker is None or m.speaker == info.moment_speaker)
                 and (info.moment_subtypes is None or m.subtype in info.moment_subtypes))
