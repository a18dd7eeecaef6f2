"""A small learned reader of objection types, for the phrasings the cues do not name.

A multinomial naive Bayes over the words and word pairs of a sentence (binary counts,
additive smoothing ``ALPHA``), fitted on first use from ``objection_examples.toml`` (customer
lines written for this project: the development set, our own examples, and ordinary lines
from the synthetic generator's phrase banks as "none"; nothing from Switchboard, AnnoMI or
CraigslistBargain) and kept for the life of the process. Plain Python: fitting takes a few
milliseconds, is deterministic, and nothing is downloaded, unpickled or imported beyond the
standard library. It is only consulted when no cue of ``objection_cues`` decided the
sentence (``objections.cued_type``): the cues keep negations and positive mentions ("not
expensive at all") out of its way.
"""
from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

EXAMPLES = Path(__file__).with_name("objection_examples.toml")
#: Additive smoothing of the word counts (default 0.3).
ALPHA = 0.3
#: The least probability the model must give a type before it is believed (default 0.7: on
#: ordinary customer lines of real chats and the sample calls a lower bar let through as
#: many wrong types as right ones; docs/FEATURES.md).
MIN_PROBABILITY = 0.7
_TOKEN = re.compile(r"\b\w\w+\b")


def features(text: str) -> set[str]:
    """The words (two letters or more) and adjacent word pairs of a cleaned sentence."""
    words = _TOKEN.findall(text.lower())
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


@dataclass(frozen=True)
class NaiveBayes:
    """Learned state: per label, its log prior and the log probability of each feature."""

    labels: tuple[str, ...]
    log_prior: tuple[float, ...]
    log_prob: dict[str, tuple[float, ...]]   # feature -> per label (smoothed)

    def probabilities(self, text: str) -> list[float]:
        scores = list(self.log_prior)
        for f in features(text):
            per_label = self.log_prob.get(f)
            if per_label is not None:
                scores = [s + p for s, p in zip(scores, per_label)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def fit(examples: dict[str, list[str]], alpha: float = ALPHA) -> NaiveBayes:
    """Fit on label -> sentences (cleaned as ``replies.clean`` cleans)."""
    labels = tuple(sorted(examples))
    counts = {label: [features(t) for t in examples[label]] for label in labels}
    vocab = sorted(set().union(*(f for sets in counts.values() for f in sets)))
    n = sum(len(v) for v in counts.values())
    per_label: dict[str, dict[str, int]] = {}
    totals = []
    for label in labels:
        c: dict[str, int] = {}
        for fs in counts[label]:
            for f in fs:
                c[f] = c.get(f, 0) + 1
        per_label[label] = c
        totals.append(sum(c.values()) + alpha * len(vocab))
    log_prob = {f: tuple(math.log((per_label[label].get(f, 0) + alpha) / tot)
                         for label, tot in zip(labels, totals)) for f in vocab}
    return NaiveBayes(labels, tuple(math.log(len(counts[label]) / n) for label in labels),
                      log_prob)


@lru_cache(maxsize=1)
def _model() -> NaiveBayes:
    from scorer.features.replies import clean

    with EXAMPLES.open("rb") as f:
        data = tomllib.load(f)
    return fit({label: [clean(t) for t in lines] for label, lines in data.items()}, ALPHA)


def predict_type(text: str, min_probability: float = MIN_PROBABILITY) -> tuple[str | None, float]:
    """(type or None, probability) for one cleaned customer sentence (``replies.clean``)."""
    return predict_types([text], min_probability)[0]


def predict_types(texts: list[str], min_probability: float = MIN_PROBABILITY
                  ) -> list[tuple[str | None, float]]:
    """:func:`predict_type` for many sentences."""
    model = _model()
    out: list[tuple[str | None, float]] = []
    for text in texts:
        probs = model.probabilities(text)
        best = max(range(len(probs)), key=probs.__getitem__)
        label = model.labels[best]
        keep = label != "none" and probs[best] >= min_probability
        out.append((label if keep else None, probs[best]))
    return out
