"""The published findings every judgement in callscore rests on: the one place the numbers live.

Gong Labs' findings on B2B sales calls, as widely quoted (docs/METRICS.md gives the sources):
top reps talk about 43% of the call and average reps 65-75%; discovery calls with 11-14
questions do best; top reps' longest monologue stays under about 76 s and over about 2.5
minutes goes with lost deals; top reps pause about 0.6-1 s before answering; longer customer
stories and more back-and-forth go with successful calls. The feature catalogue (reasons),
the team metrics' band status and the coaching report's zones are all built from these.
"""
from __future__ import annotations

SOURCE = "Gong Labs"
TALK_RATIO_SOURCE_URL = "https://www.gong.io/resources/labs/talk-to-listen-conversion-ratio/"

#: Share of the call top reps talk, and the range average reps talk.
TALK_RATIO_TOP = 0.43
TALK_RATIO_AVERAGE = (0.65, 0.75)
#: Gong reports a point, not a range: a rep within this many points of it talks like top reps (ours).
TALK_RATIO_TOLERANCE = 0.05
#: Questions the rep asks on the discovery calls that do best.
QUESTIONS_BEST = (11, 14)
#: Top reps' longest monologue stays under this (s); over ``MONOLOGUE_ALARM_S`` goes with lost deals.
MONOLOGUE_TOP_MAX_S = 76.0
MONOLOGUE_ALARM_S = 150.0
#: How long top reps pause after the customer stops before answering (s).
PATIENCE_TOP_S = (0.6, 1.0)


def pct(share: float) -> str:
    """``0.43`` -> ``"43%"``."""
    return f"{100 * share:.0f}%"


def span(pair: tuple[float, float], unit: str = "") -> str:
    """``(11, 14)`` -> ``"11-14"``, ``(0.65, 0.75)`` with unit ``%`` -> ``"65-75%"``."""
    if unit == "%":
        return f"{100 * pair[0]:.0f}-{100 * pair[1]:.0f}%"
    return f"{pair[0]:g}-{pair[1]:g}{unit}"


TALK_RATIO_TEXT = (f"top reps talk about {pct(TALK_RATIO_TOP)} of the time; average reps "
                   f"{span(TALK_RATIO_AVERAGE, '%')}")
QUESTIONS_TEXT = f"successful discovery calls have {span(QUESTIONS_BEST)} questions"
MONOLOGUE_TEXT = (f"top reps' longest monologue stays under about {MONOLOGUE_TOP_MAX_S:.0f} seconds; "
                  f"keep monologues well under {MONOLOGUE_ALARM_S / 60:g} minutes")
PATIENCE_TEXT = f"top reps pause about {span(PATIENCE_TOP_S)} second before answering"
STORY_TEXT = "longer customer stories go with successful calls"
INTERACTIVITY_TEXT = "more back-and-forth between rep and customer goes with successful calls"
