"""Trackers: user-defined phrase lists (a TOML file of ``name = ["phrase", ...]``), matched
on lemmas with spaCy's ``PhraseMatcher(attr="LEMMA")`` in everything either party says.

Proper nouns keep their case as lemmas ("Salesforce"), so each phrase is added as written,
in lower case and in title case, each both lemmatised and word for word; a transcript in
lower case ("salesforce") still matches, and so do inflections ("prices" for "price").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Mapping

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from scorer.errors import InputError

import tomllib

from scorer.features.common import Collector, clip, span_times
from scorer.features.nlp import enabled_components
from scorer.features.options import FeatureOptions
from scorer.features.talk import EMPTY
from scorer.types import Moment, Transcript

DEFAULT_TRACKERS_FILE = "default_trackers.toml"
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_FORMAT = ('expected `name = ["phrase", ...]` lines (or `[name]` tables with a `phrases` '
           'list); names are lowercase letters, digits and _')

Trackers = Mapping[str, tuple[str, ...]]


def parse_trackers(data: Mapping[str, object], where: str) -> dict[str, tuple[str, ...]]:
    """Check a parsed TOML mapping and return name -> phrases (duplicates dropped)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, value in data.items():
        if isinstance(value, Mapping):
            value = value.get("phrases")
        if not _NAME.match(str(name)):
            raise InputError(f"{where}: tracker name {name!r} is not valid; {_FORMAT}")
        if not isinstance(value, (list, tuple)) or not value or \
                not all(isinstance(p, str) and p.strip() for p in value):
            raise InputError(f"{where}: tracker {name!r} must be a non-empty list of phrases; "
                             f"{_FORMAT}")
        out[str(name)] = tuple(dict.fromkeys(" ".join(p.split()) for p in value))
    if not out:
        raise InputError(f"{where}: no trackers defined; {_FORMAT}")
    return out


def load_trackers(source: str | Path | Mapping[str, object] | None = None
                  ) -> dict[str, tuple[str, ...]]:
    """Trackers from ``source``: ``None`` for the shipped defaults, a TOML file path, or a
    mapping name -> phrases. Raises :class:`InputError` naming the file on any problem."""
    if source is None:
        text = resources.files("scorer.features").joinpath(DEFAULT_TRACKERS_FILE).read_text(
            encoding="utf-8")
        return parse_trackers(tomllib.loads(text), DEFAULT_TRACKERS_FILE)
    if isinstance(source, Mapping):
        return parse_trackers(source, "trackers mapping")
    path = Path(source)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: trackers file not found; pass an existing TOML file "
                         f"({_FORMAT})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read trackers file ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc}); {_FORMAT}") from exc
    return parse_trackers(data, str(path))


@dataclass(frozen=True)
class TrackerMatcher:
    """A PhraseMatcher built for one pipeline and one set of trackers."""

    names: tuple[str, ...]
    matcher: PhraseMatcher

    def find(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(tracker name, start token, end token) for every mention, longest match first
        within each tracker, in text order."""
        by_name: dict[str, list] = {}
        for match_id, start, end in self.matcher(doc):
            name = doc.vocab.strings[match_id]
            by_name.setdefault(name, []).append(doc[start:end])
        hits = [(name, s.start, s.end) for name, spans in by_name.items()
                for s in filter_spans(spans)]
        return sorted(hits, key=lambda h: (h[1], h[0]))


def build_tracker_matcher(nlp: Language, trackers: Trackers) -> TrackerMatcher:
    """Lemmatise every phrase with ``nlp`` (only the components lemmas need) and build the
    matcher. Build it once and reuse it for many calls.

    Each phrase is added as written, in lower case and in title case, both lemmatised
    ("prices" -> "price") and word for word: a phrase alone can get another part of speech
    than in a sentence ("pricing" alone is lemmatised as the verb "price", in "handling
    pricing" it stays the noun "pricing").
    """
    variants: list[tuple[str, str]] = []
    for name, phrases in trackers.items():
        for p in phrases:
            for v in dict.fromkeys((p, p.lower(), p.title())):
                variants.append((name, v))
    enable = enabled_components(nlp, ["trackers"])
    disable = [p for p in nlp.pipe_names if p not in enable]
    with nlp.select_pipes(disable=disable):
        docs = list(nlp.pipe([v for _, v in variants]))
    patterns: dict[str, dict[tuple[str, ...], Doc]] = {}
    for (name, _), doc in zip(variants, docs):
        words = [t.text for t in doc]
        literal = Doc(nlp.vocab, words=words, lemmas=words)
        for pattern in (doc, literal):
            key = tuple(t.lemma_ for t in pattern)
            patterns.setdefault(name, {}).setdefault(key, pattern)
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for name, by_key in patterns.items():
        matcher.add(name, list(by_key.values()))
    return TrackerMatcher(tuple(trackers), matcher)


def compute_trackers(t: Transcript, docs: list[Doc], tm: TrackerMatcher, opts: FeatureOptions,
                     out: Collector) -> dict[str, float]:
    """Fill ``tracker_hits``, add ``tracker`` moments; returns name -> mentions."""
    counts = {name: 0.0 for name in tm.names}
    if not t.utterances:
        out.set("tracker_hits", None, EMPTY)
        return counts
    for i, (u, doc) in enumerate(zip(t.utterances, docs)):
        for name, start, end in tm.find(doc):
            counts[name] += 1
            span = doc[start:end]
            sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
            start_s, end_s = span_times(u, span.start_char, span.end_char)
            out.add(Moment(kind="tracker", subtype=name, speaker=u.speaker, utterance_index=i,
                           start_s=start_s, end_s=end_s,
                           text=clip(sent.text, opts.moment_text_max_chars)))
    out.set("tracker_hits", sum(counts.values()))
    return counts
