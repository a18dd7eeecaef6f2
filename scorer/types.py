"""Core data types: frozen dataclasses of plain values, units in field names.

Each type round-trips exactly through ``to_dict``/``from_dict``; the JSON files written
from them carry ``schema_version`` (see docs/SCHEMA.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

SCHEMA_VERSION = 1


def check_schema_version(d: Mapping[str, Any], kind: str, command: str, supported: int = SCHEMA_VERSION) -> None:
    """Refuse a ``kind`` document (transcript, score, features) of another layout version,
    saying which ``callscore`` command re-creates it."""
    version = d.get("schema_version")
    if version != supported:
        raise ValueError(f"unsupported {kind} schema_version {version!r}; this callscore reads "
                         f"version {supported}: re-create the file with `callscore {command}`")

Speaker = Literal["rep", "customer", "unknown"]
Timing = Literal["measured", "starts", "estimated"]
SPEAKERS: tuple[str, ...] = ("rep", "customer", "unknown")
TIMINGS: tuple[str, ...] = ("measured", "starts", "estimated")


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its time span in seconds from the start of the call."""

    text: str
    start_s: float
    end_s: float
    probability: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start_s": self.start_s, "end_s": self.end_s,
                "probability": self.probability}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Word:
        prob = d.get("probability")
        return cls(str(d["text"]), float(d["start_s"]), float(d["end_s"]),
                   None if prob is None else float(prob))


@dataclass(frozen=True, slots=True)
class Utterance:
    """One turn of one party. ``speaker`` is the role; ``speaker_name`` the name as given."""

    speaker: Speaker
    start_s: float
    end_s: float
    text: str
    words: tuple[Word, ...] = ()
    speaker_name: str | None = None

    def __post_init__(self) -> None:
        if self.speaker not in SPEAKERS:
            raise ValueError(f"unknown speaker {self.speaker!r}; expected one of: {', '.join(SPEAKERS)}")

    @property
    def duration_s(self) -> float:
        return max(0.0, self.end_s - self.start_s)

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "speaker_name": self.speaker_name,
                "start_s": self.start_s, "end_s": self.end_s, "text": self.text,
                "words": [w.to_dict() for w in self.words]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Utterance:
        return cls(speaker=d["speaker"], start_s=float(d["start_s"]), end_s=float(d["end_s"]),
                   text=str(d["text"]), words=tuple(Word.from_dict(w) for w in d.get("words", ())),
                   speaker_name=d.get("speaker_name"))


@dataclass(frozen=True, slots=True)
class Transcript:
    """A whole call: utterances in time order, who said them, and where the text came from.

    ``source`` is the file the transcript was made from; ``source_format`` is ``audio`` or
    the reader's format (``json``, ``vtt``, ``srt``, ``txt``, ``whisper-json``); ``engine``
    and ``model`` name the Whisper engine and model for audio (``None`` otherwise).
    ``timing`` is ``estimated`` when the source had no timestamps and times were derived
    from word counts (see ``scorer.readers.common.WORDS_PER_MINUTE``), and ``starts`` when
    it gave start times only, so each turn runs to the next one and pauses are unknown.
    """

    call_id: str
    utterances: tuple[Utterance, ...]
    duration_s: float
    language: str = "en"
    source: str = ""
    source_format: str = "json"
    engine: str | None = None
    model: str | None = None
    timing: Timing = "measured"

    def __post_init__(self) -> None:
        if self.timing not in TIMINGS:
            raise ValueError(f"unknown timing {self.timing!r}; expected one of: {', '.join(TIMINGS)}")

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "kind": "transcript", "call_id": self.call_id,
                "duration_s": self.duration_s, "language": self.language, "source": self.source,
                "source_format": self.source_format, "engine": self.engine, "model": self.model,
                "timing": self.timing, "utterances": [u.to_dict() for u in self.utterances]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Transcript:
        check_schema_version(d, "transcript", "transcribe")
        return cls(call_id=str(d["call_id"]),
                   utterances=tuple(Utterance.from_dict(u) for u in d["utterances"]),
                   duration_s=float(d["duration_s"]), language=d.get("language", "en"),
                   source=d.get("source", ""), source_format=d.get("source_format", "json"),
                   engine=d.get("engine"), model=d.get("model"), timing=d.get("timing", "measured"))


@dataclass(frozen=True, slots=True)
class Moment:
    """A span of the call that a feature counted: the evidence behind a number.

    ``utterance_index`` is the index in ``Transcript.utterances`` (for a plain-text
    transcript, the line among the utterance lines).
    """

    kind: str
    subtype: str | None
    speaker: Speaker
    utterance_index: int
    start_s: float
    end_s: float
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "subtype": self.subtype, "speaker": self.speaker,
                "utterance_index": self.utterance_index, "start_s": self.start_s,
                "end_s": self.end_s, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Moment:
        return cls(kind=d["kind"], subtype=d.get("subtype"), speaker=d["speaker"],
                   utterance_index=int(d["utterance_index"]), start_s=float(d["start_s"]),
                   end_s=float(d["end_s"]), text=d["text"])


Direction = Literal["up", "down"]


@dataclass(frozen=True, slots=True)
class Reason:
    """One feature's push on one score, in plain words, with the moments behind it.

    ``impact`` is the push in log-odds of the score's model relative to an average
    training call (positive: up); ``direction`` is its sign in words.
    """

    score: str
    feature: str
    direction: Direction
    impact: float
    text: str
    moments: tuple[Moment, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "feature": self.feature, "direction": self.direction,
                "impact": self.impact, "text": self.text, "moments": [m.to_dict() for m in self.moments]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Reason:
        return cls(score=d["score"], feature=d["feature"], direction=d["direction"],
                   impact=float(d["impact"]), text=d["text"],
                   moments=tuple(Moment.from_dict(m) for m in d.get("moments", ())))


@dataclass(frozen=True, slots=True)
class CallScore:
    """The scores of one call. A score whose model is absent from the folder is ``None``.

    ``quality``: 0-100. ``advanced_probability``: 0-1; ``advanced``: probability >=
    ``threshold``. ``reasons``: the strongest pushes up and down on each score.
    """

    call_id: str
    quality: float | None
    advanced: bool | None
    advanced_probability: float | None
    threshold: float | None
    reasons: tuple[Reason, ...]
    model_version: str

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "kind": "score", "call_id": self.call_id,
                "quality": self.quality, "advanced": self.advanced,
                "advanced_probability": self.advanced_probability, "threshold": self.threshold,
                "reasons": [r.to_dict() for r in self.reasons], "model_version": self.model_version}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CallScore:
        check_schema_version(d, "score", "score")
        adv = d.get("advanced")
        return cls(call_id=str(d["call_id"]),
                   quality=None if d.get("quality") is None else float(d["quality"]),
                   advanced=None if adv is None else bool(adv),
                   advanced_probability=(None if d.get("advanced_probability") is None
                                         else float(d["advanced_probability"])),
                   threshold=None if d.get("threshold") is None else float(d["threshold"]),
                   reasons=tuple(Reason.from_dict(r) for r in d.get("reasons", ())),
                   model_version=str(d["model_version"]))
