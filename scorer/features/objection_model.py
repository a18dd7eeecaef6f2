"""The learned reader of objection types: a naive Bayes (``scorer.features.bayes``) fitted
on first use from customer lines labelled with the objection they raise, or "none".

Its examples, all written for this project (never Switchboard, AnnoMI or
CraigslistBargain): ``objection_examples.toml`` (the development sets, our own examples, and
ordinary lines from the synthetic generator's phrase banks as "none") and
``objection_examples_sets.toml`` (the lines of the labelled sets ``dev4`` to ``dev6`` and
``test`` to ``test3``, written by ``dev/build_examples.py`` from ``eval/data/judgments``).

It is read twice over (``objections.cued_type``): first, a type it gives with at least
``FIRST_PROBABILITY`` decides a sentence before the cues (in leave-one-set-out runs on the
labelled sets the reader generalised better than the cues: docs/FEATURES.md, round 4; its
"none" never overrules a cue, which keeps "Honestly it sounds too expensive for us." a price
objection); then, where the cues found nothing, a type of at least ``MIN_PROBABILITY`` on a
sentence about that type.
"""
from __future__ import annotations

from pathlib import Path

from scorer.features.bayes import model_of

EXAMPLES = Path(__file__).with_name("objection_examples.toml")
EXAMPLES_SETS = Path(__file__).with_name("objection_examples_sets.toml")
#: The least probability the model must give a type before it is believed where no cue
#: decided (default 0.7: on ordinary customer lines of real chats and the sample calls a
#: lower bar let through as many wrong types as right ones; docs/FEATURES.md).
MIN_PROBABILITY = 0.7
#: The least probability at which the reader decides a sentence before the cues (default
#: 0.95; docs/FEATURES.md, round 4).
FIRST_PROBABILITY = 0.95


def _model():
    return model_of(EXAMPLES, EXAMPLES_SETS)


def first_reading(text: str, min_probability: float | None = None) -> tuple[str, float] | None:
    """(type, probability) when the reader gives a cleaned customer sentence
    (``common.clean``) a type with at least ``min_probability`` (default
    ``FIRST_PROBABILITY``); None otherwise, "none" included."""
    label, p = _model().best(text)
    if label == "none" or p < (FIRST_PROBABILITY if min_probability is None else min_probability):
        return None
    return label, p


def predict_type(text: str, min_probability: float = MIN_PROBABILITY) -> tuple[str | None, float]:
    """(type or None, probability) for one cleaned customer sentence (``common.clean``)."""
    return predict_types([text], min_probability)[0]


def predict_types(texts: list[str], min_probability: float = MIN_PROBABILITY
                  ) -> list[tuple[str | None, float]]:
    """:func:`predict_type` for many sentences."""
    model = _model()
    out: list[tuple[str | None, float]] = []
    for text in texts:
        label, p = model.best(text)
        keep = label != "none" and p >= min_probability
        out.append((label if keep else None, p))
    return out
