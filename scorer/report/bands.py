"""The key behaviours a coaching page shows, with the published reference bands.

The figures are Gong Labs' published findings on B2B sales calls: top reps talk about 43%
of the time and average reps 65-75%; discovery calls with 11-14 questions do best; top
reps' longest monologue stays under about 76 s; longer customer stories go with better
outcomes; top reps wait about 0.6-1 s before answering (patience). Behaviours without a
published band are compared with the team's median only. Nothing here is fitted to data.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

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

BEHAVIOURS: tuple[Behaviour, ...] = (
    Behaviour("talk_ratio_rep", "Rep talk time", "ratio",
              "Top reps talk about 43% of the call; average reps 65-75%",
              zones=(Zone(0.0, 0.43, "at or under the 43% of top reps", "good", closed=True),
                     Zone(0.43, 0.65, "between top reps (43%) and average reps (65-75%)", "neutral"),
                     Zone(0.65, 0.75, "in the 65-75% of average reps", "caution", closed=True),
                     Zone(0.75, INF, "above even average reps (65-75%)", "bad")),
              better="lower", scale_max=1.0),
    Behaviour("questions_rep", "Questions asked by the rep", "count",
              "Discovery calls with 11-14 questions do best",
              zones=(Zone(0.0, 11.0, "fewer than the 11-14 of the best discovery calls", "caution"),
                     Zone(11.0, 14.0, "in the 11-14 band", "good", closed=True),
                     Zone(14.0, INF, "more than 14: may feel like an interrogation", "caution")),
              scale_max=20.0),
    Behaviour("open_questions_rep", "Open questions by the rep", "count", "",
              better="higher", scale_max=10.0),
    Behaviour("longest_monologue_rep_s", "Longest rep monologue", "s",
              "Top reps' longest monologue stays under about 76 s",
              zones=(Zone(0.0, 76.0, "under 76 s", "good", closed=True),
                     Zone(76.0, INF, "over 76 s: the customer may tune out", "bad")),
              better="lower", scale_max=120.0),
    Behaviour("longest_customer_story_s", "Longest customer story", "s",
              "Longer customer stories go with better outcomes",
              better="higher", scale_max=120.0),
    Behaviour("patience_rep_s", "Patience (rep pause before answering)", "s",
              "Top reps wait about 0.6-1 s before answering",
              zones=(Zone(0.0, 0.6, "under 0.6 s: may cut the customer off", "caution"),
                     Zone(0.6, 1.0, "in the 0.6-1 s band", "good", closed=True),
                     Zone(1.0, INF, "over 1 s", "neutral")),
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
