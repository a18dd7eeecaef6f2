"""Options for feature extraction: one frozen dataclass, checked in one ``validate()``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from scorer.errors import OptionsError
from scorer.features.proposal_model import AT

#: Feature groups, each switching on one part of the catalogue (see docs/FEATURES.md).
#: A group that is not selected yields ``None`` values, and its spaCy components are not run.
GROUPS: tuple[str, ...] = ("talk", "questions", "next_steps", "objections", "fillers", "trackers")


@dataclass(frozen=True, slots=True)
class FeatureOptions:
    """How features are computed.

    - ``groups``: which parts of the catalogue to compute (default: all of :data:`GROUPS`).
    - ``monologue_threshold_s``: a rep monologue at least this long (seconds) is counted in
      ``monologues_rep_over_threshold``. Default 76 s, the length Gong Labs reports top reps
      stay under.
    - ``backchannel_max_words``: an utterance of at most this many words, all of them
      backchannel words ("mm-hmm", "yeah", "right", "okay"), neither breaks the other
      party's monologue nor counts as an interruption. Default 3.
    - ``overlap_min_s``: a turn that starts at least this many seconds before the other
      party's turn ends is an overlap (smaller overlaps are timestamp noise). Default 0.2 s.
    - ``patience_max_gap_s``: customer-to-rep pauses longer than this (seconds) are left
      out of patience (a hold or a dropped line, not a rep waiting). Default 10 s.
    - ``response_window_turns``: how many of the other party's following utterances are
      searched for the answer to a proposed next step or an objection. Default 2.
    - ``trackers``: ``None`` (default) for the shipped ``default_trackers.toml``; a path to
      a TOML file of ``name = ["phrase", ...]``; or a mapping name -> phrases.
    - ``batch_size``: texts per ``nlp.pipe`` batch. Default 256.
    - ``moment_text_max_chars``: moment texts are cut to this many characters. Default 300.
    - ``proposal_reader_at``: where the rules find no next step in an utterance, the learned
      proposal reader (``scorer.features.proposal_model``) proposes one when it is at least
      this sure, or at least ``next_steps.BACKED_AT`` (0.7) sure when the other party answers
      the sentence outright. Default 0.9; ``None`` leaves next steps to the rules alone.
    """

    groups: tuple[str, ...] = GROUPS
    monologue_threshold_s: float = 76.0
    backchannel_max_words: int = 3
    overlap_min_s: float = 0.2
    patience_max_gap_s: float = 10.0
    response_window_turns: int = 2
    trackers: str | Path | Mapping[str, tuple[str, ...] | list[str]] | None = None
    batch_size: int = 256
    moment_text_max_chars: int = 300
    proposal_reader_at: float | None = AT

    def validate(self) -> FeatureOptions:
        """Check every field; raise ``ValueError`` naming the field and the valid values."""
        unknown = [g for g in self.groups if g not in GROUPS]
        if unknown:
            raise OptionsError(f"unknown feature group(s) {', '.join(map(repr, unknown))}; "
                             f"expected any of: {', '.join(GROUPS)}")
        if not self.groups:
            raise OptionsError(f"groups is empty; name at least one of: {', '.join(GROUPS)}")
        for name in ("monologue_threshold_s", "patience_max_gap_s"):
            if not getattr(self, name) > 0:
                raise OptionsError(f"{name} must be > 0 seconds, got {getattr(self, name)!r}")
        if not self.overlap_min_s >= 0:
            raise OptionsError(f"overlap_min_s must be >= 0 seconds, got {self.overlap_min_s!r}")
        for name, low in (("backchannel_max_words", 0), ("response_window_turns", 1),
                          ("batch_size", 1), ("moment_text_max_chars", 20)):
            value = getattr(self, name)
            if not isinstance(value, int) or value < low:
                raise OptionsError(f"{name} must be an integer >= {low}, got {value!r}")
        at = self.proposal_reader_at
        if at is not None and (isinstance(at, bool) or not isinstance(at, (int, float)) or not 0.5 <= at <= 1):
            raise OptionsError(f"proposal_reader_at must be None or a probability from 0.5 to 1, got {at!r}")
        if self.trackers is not None and not isinstance(self.trackers, (str, Path, Mapping)):
            raise OptionsError("trackers must be None (the default trackers), a path to a TOML file "
                             f"or a mapping name -> phrases, got {type(self.trackers).__name__}")
        return self

    def wants(self, group: str) -> bool:
        return group in self.groups
