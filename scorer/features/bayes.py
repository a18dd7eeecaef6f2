"""A small multinomial naive Bayes over the words and word pairs of a sentence: the learned
readers of objection types (``objection_model``) and reply verdicts (``reply_model``).

Binary counts with additive smoothing ``ALPHA``, fitted on first use from a TOML file of
labelled lines (label -> list of lines, each cleaned as ``common.clean`` cleans) and kept
for the life of the process. Plain Python: fitting is deterministic, and nothing is
downloaded, unpickled or imported beyond the standard library.

Cleaning and counting the shipped examples is a noticeable part of a text call's start, so
their counts are also saved beside them (``<first file>.counts.json``, written by
``dev/build_examples.py`` with :func:`save_counts`) with a digest of the files they were
counted from; :func:`model_of` reads them only when the digest matches, and otherwise
counts again. ``tests/test_judgments.py`` checks that the shipped counts are current.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scorer.features.common import clean
from scorer.files import write_atomic

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


@dataclass(frozen=True)
class Counts:
    """What fitting learns from the examples: per label (sorted) its number of lines and how
    many of them hold each feature."""

    labels: tuple[str, ...]
    lines: tuple[int, ...]
    features: tuple[dict[str, int], ...]


def count(examples: dict[str, list[str]]) -> Counts:
    """The counts of label -> sentences (cleaned as ``common.clean`` cleans)."""
    labels = tuple(sorted(examples))
    return Counts(labels, tuple(len(examples[label]) for label in labels),
                  tuple(dict(Counter(f for t in examples[label] for f in features(t)))
                        for label in labels))


def from_counts(counts: Counts, alpha: float = ALPHA) -> NaiveBayes:
    """The model of ``counts`` with additive smoothing ``alpha``."""
    vocabulary = frozenset().union(*counts.features)
    n = sum(counts.lines)
    totals = [sum(c.values()) + alpha * len(vocabulary) for c in counts.features]
    return NaiveBayes(counts.labels, tuple(math.log(k / n) for k in counts.lines),
                      tuple(math.log(alpha / tot) if tot else 0.0 for tot in totals), vocabulary,
                      tuple({f: math.log((k + alpha) / alpha) for f, k in c.items()}
                            for c in counts.features))


def fit(examples: dict[str, list[str]], alpha: float = ALPHA) -> NaiveBayes:
    """Fit on label -> sentences (cleaned as ``common.clean`` cleans)."""
    return from_counts(count(examples), alpha)


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


def counts_file(*paths: Path) -> Path:
    """Where the counts of the examples of ``paths`` are saved: beside the first file."""
    return paths[0].with_suffix(".counts.json")


def _digest(paths: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return h.hexdigest()


def save_counts(*paths: Path) -> Path:
    """Count the examples of ``paths`` and save the counts, with the files' digest, to
    :func:`counts_file`."""
    c = count(read_examples(*paths))
    saved = {"digest": _digest(paths), "labels": c.labels, "lines": c.lines, "features": c.features}
    return write_atomic(counts_file(*paths), json.dumps(saved, ensure_ascii=False, sort_keys=True,
                                                        separators=(",", ":")) + "\n")


def saved_counts(*paths: Path) -> Counts | None:
    """The saved counts of ``paths``, or None when there are none or they were counted from
    other files (or other versions of these)."""
    try:
        saved = json.loads(counts_file(*paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("digest") != _digest(paths):
        return None
    return Counts(tuple(saved["labels"]), tuple(saved["lines"]), tuple(saved["features"]))


@lru_cache(maxsize=4)
def model_of(*paths: Path) -> NaiveBayes:
    """The model of the examples of ``paths``, made once per process from their saved counts
    where those are current, else fitted."""
    counts = saved_counts(*paths)
    return from_counts(counts if counts is not None else count(read_examples(*paths)))


__all__ = ["ALPHA", "Counts", "NaiveBayes", "count", "counts_file", "features", "fit",
           "from_counts", "model_of", "read_examples", "save_counts", "saved_counts"]
