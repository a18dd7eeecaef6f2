"""The key behaviours a coaching page shows, with the published reference bands.

The zones are drawn from the published findings in :mod:`scorer.findings` (the same numbers
the team metrics and the scoring reasons use): rep talk share, questions per discovery
call, longest monologue and patience. Behaviours without a published band are compared
with the team's median only. Nothing here is fitted to data.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from scorer import findings as F

Tone = Literal["good", "neutral", "caution", "bad"]
Unit = Literal["ratio", "count", "s", "per_min", "bool"]


@dataclass(frozen=True, slots=True)
class Zone:
    """A range of values ``lo <= v < hi`` (``hi`` inclusive when ``closed``) and what it means."""

    lo: float
    hi: float
    text: str
    tone: Tone
    closed: bool = False

    def holds(self, value: float) -> bool:
        return self.lo <= value and (value <= self.hi if self.closed else value < self.hi)


@dataclass(frozen=True, slots=True)
class Behaviour:
    """One behaviour: ``feature`` is its key in ``features.values`` and its scores-table column.

    ``zones`` are the published bands (empty when there are none); ``better`` says which way
    is better when only the team median can be compared; ``scale_max`` is the gauge's
    default upper end (it grows to fit the values shown).
    """

    feature: str
    label: str
    unit: Unit
    reference: str
    zones: tuple[Zone, ...] = ()
    better: Literal["higher", "lower"] | None = None
    scale_max: float = 1.0


INF = math.inf
_TOP_TALK = round(F.TALK_RATIO_TOP + F.TALK_RATIO_TOLERANCE, 2)  # the metrics band's upper end
_TOP, _AVG = F.pct(F.TALK_RATIO_TOP), F.span(F.TALK_RATIO_AVERAGE, "%")
_Q = F.span(F.QUESTIONS_BEST)
_MONO = f"{F.MONOLOGUE_TOP_MAX_S:.0f} s"
_PATIENCE = F.span(F.PATIENCE_TOP_S)

BEHAVIOURS: tuple[Behaviour, ...] = (
    Behaviour("talk_ratio_rep", "Rep talk time", "ratio",
              f"Top reps talk about {_TOP} of the call; average reps {_AVG}",
              zones=(Zone(0.0, _TOP_TALK, f"at or near the {_TOP} of top reps", "good", closed=True),
                     Zone(_TOP_TALK, F.TALK_RATIO_AVERAGE[0],
                          f"between top reps ({_TOP}) and average reps ({_AVG})", "neutral"),
                     Zone(*F.TALK_RATIO_AVERAGE, f"in the {_AVG} of average reps", "caution", closed=True),
                     Zone(F.TALK_RATIO_AVERAGE[1], INF, f"above even average reps ({_AVG})", "bad")),
              better="lower", scale_max=1.0),
    Behaviour("questions_rep", "Questions asked by the rep", "count",
              f"Discovery calls with {_Q} questions do best",
              zones=(Zone(0.0, F.QUESTIONS_BEST[0], f"fewer than the {_Q} of the best discovery calls",
                          "caution"),
                     Zone(*F.QUESTIONS_BEST, f"in the {_Q} band", "good", closed=True),
                     Zone(F.QUESTIONS_BEST[1], INF,
                          f"more than {F.QUESTIONS_BEST[1]}: may feel like an interrogation", "caution")),
              scale_max=20.0),
    Behaviour("open_questions_rep", "Open questions by the rep", "count", "",
              better="higher", scale_max=10.0),
    Behaviour("longest_monologue_rep_s", "Longest rep monologue", "s",
              f"Top reps' longest monologue stays under about {_MONO}",
              zones=(Zone(0.0, F.MONOLOGUE_TOP_MAX_S, f"under {_MONO}", "good", closed=True),
                     Zone(F.MONOLOGUE_TOP_MAX_S, INF, f"over {_MONO}: the customer may tune out", "bad")),
              better="lower", scale_max=120.0),
    Behaviour("longest_customer_story_s", "Longest customer story", "s",
              "Longer customer stories go with better outcomes",
              better="higher", scale_max=120.0),
    Behaviour("patience_rep_s", "Patience (rep pause before answering)", "s",
              f"Top reps wait about {_PATIENCE} s before answering",
              zones=(Zone(0.0, F.PATIENCE_TOP_S[0], f"under {F.PATIENCE_TOP_S[0]:g} s: may cut the customer off",
                          "caution"),
                     Zone(*F.PATIENCE_TOP_S, f"in the {_PATIENCE} s band", "good", closed=True),
                     Zone(F.PATIENCE_TOP_S[1], INF, f"over {F.PATIENCE_TOP_S[1]:g} s", "neutral")),
              scale_max=2.0),
    Behaviour("interactivity_switches_per_min", "Interactivity (speaker switches)", "per_min", "",
              better="higher", scale_max=10.0),
    Behaviour("next_step_accepted", "Next step accepted", "bool",
              "", better="higher", scale_max=1.0),
)

BEHAVIOUR_COLUMNS: tuple[str, ...] = tuple(b.feature for b in BEHAVIOURS)


def zone_for(behaviour: Behaviour, value: float | None) -> Zone | None:
    """The published zone ``value`` falls in, or ``None`` (no value, or no published band)."""
    if value is None:
        return None
    return next((z for z in behaviour.zones if z.holds(value)), None)


def format_value(unit: Unit, value: float | None) -> str:
    """Human text for a behaviour value; ``None`` is ``"not measured"`` (never 0)."""
    if value is None:
        return "not measured"
    if unit == "ratio":
        return f"{value * 100:.0f}%"
    if unit == "count":
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    if unit == "s":
        return f"{value:.1f} s" if value < 10 else f"{value:.0f} s"
    if unit == "per_min":
        return f"{value:.1f}/min"
    if float(value) in (0.0, 1.0):
        return "yes" if value else "no"
    return f"{value:g}"


def compare_to_median(behaviour: Behaviour, value: float | None,
                      median: float | None) -> tuple[str, Tone] | None:
    """``("above the median", tone)`` etc.; ``None`` when either side is missing."""
    if value is None or median is None:
        return None
    tolerance = 1e-9 + 0.02 * abs(median)    # a 2% difference is "about the same"
    if abs(value - median) <= tolerance:
        return "about the median", "neutral"
    above = value > median
    tone: Tone = "neutral"
    if behaviour.better is not None:
        tone = "good" if above == (behaviour.better == "higher") else "caution"
    return ("above" if above else "below") + " the median", tone
