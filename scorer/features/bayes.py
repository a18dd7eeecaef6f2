"""A small multinomial naive Bayes over the words and word pairs of a sentence: the learned
readers of objection types (``objection_model``) and reply verdicts (``reply_model``).

Binary counts with additive smoothing ``ALPHA``, fitted on first use from a TOML file of
labelled lines (label -> list of lines, each cleaned as ``common.clean`` cleans) and kept
for the life of the process. Plain Python: fitting takes milliseconds, is deterministic, and
nothing is downloaded, unpickled or imported beyond the standard library.
"""
from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scorer.features.common import clean

#: Additive smoothing of the word counts (default 0.3).
ALPHA = 0.3
_TOKEN = re.compile(r"\b\w\w+\b")


def features(text: str) -> set[str]:
    """The words (two letters or more) and adjacent word pairs of a cleaned sentence."""
    words = _TOKEN.findall(text.lower())
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


@dataclass(frozen=True)
class NaiveBayes:
    """Learned state, kept sparse: per label its log prior and ``log(alpha / total)``, the
    log probability of a known feature the label never saw, and for the features it did see
    how much more probable they are: ``log((count + alpha) / alpha)``."""

    labels: tuple[str, ...]
    log_prior: tuple[float, ...]
    log_unseen: tuple[float, ...]
    vocabulary: frozenset[str]
    log_lift: tuple[dict[str, float], ...]

    def probabilities(self, text: str) -> list[float]:
        known = [f for f in features(text) if f in self.vocabulary]
        scores = [prior + len(known) * unseen + sum(lift.get(f, 0.0) for f in known)
                  for prior, unseen, lift in zip(self.log_prior, self.log_unseen, self.log_lift)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def best(self, text: str) -> tuple[str, float]:
        """(most probable label, its probability)."""
        probs = self.probabilities(text)
        i = max(range(len(probs)), key=probs.__getitem__)
        return self.labels[i], probs[i]


def fit(examples: dict[str, list[str]], alpha: float = ALPHA) -> NaiveBayes:
    """Fit on label -> sentences (cleaned as ``common.clean`` cleans)."""
    labels = tuple(sorted(examples))
    counts: list[Counter[str]] = [Counter(f for t in examples[label] for f in features(t)) for label in labels]
    vocabulary = frozenset().union(*counts)
    n = sum(len(examples[label]) for label in labels)
    totals = [sum(c.values()) + alpha * len(vocabulary) for c in counts]
    return NaiveBayes(labels, tuple(math.log(len(examples[label]) / n) for label in labels),
                      tuple(math.log(alpha / tot) if tot else 0.0 for tot in totals), vocabulary,
                      tuple({f: math.log((k + alpha) / alpha) for f, k in c.items()} for c in counts))


def read_examples(*paths: Path) -> dict[str, list[str]]:
    """label -> cleaned lines, from TOML files of label -> list of lines (merged in order;
    a missing file is an empty one)."""
    out: dict[str, list[str]] = {}
    for path in paths:
        if not path.exists():
            continue
        with path.open("rb") as f:
            for label, lines in tomllib.load(f).items():
                out.setdefault(label, []).extend(clean(t) for t in lines)
    return out


@lru_cache(maxsize=4)
def model_of(*paths: Path) -> NaiveBayes:
    """The model fitted on the examples of ``paths``, fitted once per process."""
    return fit(read_examples(*paths))


__all__ = ["ALPHA", "NaiveBayes", "features", "fit", "model_of", "read_examples"]
