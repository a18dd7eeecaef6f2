"""The learned reader of reply verdicts: a naive Bayes (``scorer.features.bayes``) fitted on
first use from ``reply_examples.toml``, replies to proposed steps labelled ``accepted``,
``declined``, ``deferred`` or ``none`` (the labelled reply sets written for this project,
by ``dev/build_examples.py``; never Switchboard, AnnoMI or CraigslistBargain).

``replies.explain_reply`` asks it first about a reply to a known proposal and believes it
at ``FIRST_PROBABILITY`` or more; below that the cues of ``reply_cues`` decide. In
leave-one-set-out runs on the labelled sets the reader with the cues behind it generalised
better than the cues alone (docs/FEATURES.md, round 4).
"""
from __future__ import annotations

from pathlib import Path

from scorer.features.bayes import model_of

EXAMPLES = Path(__file__).with_name("reply_examples.toml")
#: The least probability at which the reader's verdict is believed (default 0.99: the
#: naive Bayes is over-sure, and lower bars let more of its errors through in the
#: leave-one-set-out runs; docs/FEATURES.md).
FIRST_PROBABILITY = 0.99


def read_verdict(text: str, min_probability: float | None = None) -> tuple[str | None, float] | None:
    """(verdict, or None for "none", probability) of a cleaned reply (``common.clean``)
    when the reader is at least ``min_probability`` sure; None when it is less sure."""
    label, p = model_of(EXAMPLES).best(text)
    if p < (FIRST_PROBABILITY if min_probability is None else min_probability):
        return None
    return (None if label == "none" else label), p


__all__ = ["EXAMPLES", "FIRST_PROBABILITY", "read_verdict"]
