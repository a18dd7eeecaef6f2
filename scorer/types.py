"""Core data types: frozen dataclasses of plain values, units in field names.

Each type round-trips exactly through ``to_dict``/``from_dict``; the JSON files written
from them carry ``schema_version`` (see docs/SCHEMA.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

from scorer.errors import SchemaError

SCHEMA_VERSION = 2
"""Layout version of transcript and score documents. Version 1 (no ``roles``) is still read."""
READABLE_SCHEMA_VERSIONS: tuple[int, ...] = (1, 2)


def check_schema_version(d: Mapping[str, Any], kind: str, command: str,
                         supported: int | tuple[int, ...] = READABLE_SCHEMA_VERSIONS) -> int:
    """The layout version of a ``kind`` document (transcript, score, features); refuse one
    this callscore cannot read, saying which ``callscore`` command re-creates it."""
    versions = supported if isinstance(supported, tuple) else (supported,)
    version = d.get("schema_version")
    if version not in versions:
        raise SchemaError(f"unsupported {kind} schema_version {version!r}; this callscore reads "
                          f"version {' or '.join(map(str, versions))}: re-create the file with "
                          f"`callscore {command}`")
    return int(version)

Speaker = Literal["rep", "customer", "unknown"]
Timing = Literal["measured", "starts", "estimated"]
Roles = Literal["labelled", "channel", "named", "inferred", "unknown"]
SPEAKERS: tuple[str, ...] = ("rep", "customer", "unknown")
TIMINGS: tuple[str, ...] = ("measured", "starts", "estimated")
ROLES: tuple[str, ...] = ("labelled", "channel", "named", "inferred", "unknown")
"""How the rep and the customer were told apart: the transcript's role labels (``Rep:``),
the stereo channel, names (``--rep``, ``--team`` roster, the manifest's ``rep``), inference
from what was said, or not at all."""


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
    ``roles`` says how the rep and the customer were told apart (see ``ROLES``);
    ``roles_confidence`` (0-1) is set where they were inferred, and ``roles_detail`` says in
    words what decided them ("the right channel is the rep: inferred, 0.86").
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
    roles: Roles = "unknown"
    roles_confidence: float | None = None
    roles_detail: str | None = None

    def __post_init__(self) -> None:
        if self.timing not in TIMINGS:
            raise ValueError(f"unknown timing {self.timing!r}; expected one of: {', '.join(TIMINGS)}")
        if self.roles not in ROLES:
            raise ValueError(f"unknown roles {self.roles!r}; expected one of: {', '.join(ROLES)}")

    @property
    def speaker_names(self) -> tuple[str, ...]:
        """Every speaker name, in order of first appearance (``None`` names left out)."""
        return tuple(dict.fromkeys(u.speaker_name for u in self.utterances if u.speaker_name))

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "kind": "transcript", "call_id": self.call_id,
                "duration_s": self.duration_s, "language": self.language, "source": self.source,
                "source_format": self.source_format, "engine": self.engine, "model": self.model,
                "timing": self.timing, "roles": self.roles, "roles_confidence": self.roles_confidence,
                "roles_detail": self.roles_detail, "utterances": [u.to_dict() for u in self.utterances]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Transcript:
        version = check_schema_version(d, "transcript", "transcribe")
        utterances = tuple(Utterance.from_dict(u) for u in d["utterances"])
        source_format = d.get("source_format", "json")
        if version == 1:
            roles = _roles_of_v1(utterances, source_format)
            confidence = detail = None
        else:
            roles, confidence, detail = d["roles"], d.get("roles_confidence"), d.get("roles_detail")
        return cls(call_id=str(d["call_id"]), utterances=utterances,
                   duration_s=float(d["duration_s"]), language=d.get("language", "en"),
                   source=d.get("source", ""), source_format=source_format,
                   engine=d.get("engine"), model=d.get("model"), timing=d.get("timing", "measured"),
                   roles=roles, roles_confidence=None if confidence is None else float(confidence),
                   roles_detail=detail)


def _roles_of_v1(utterances: tuple[Utterance, ...], source_format: str) -> str:
    """How a version-1 transcript (which did not say) had its roles decided: by the stereo
    channel for audio, by the transcript's labels otherwise, or not at all."""
    if all(u.speaker == "unknown" for u in utterances):
        return "unknown"
    return "channel" if source_format == "audio" else "labelled"


@dataclass(frozen=True, slots=True)
class Moment:
    """A span of the call that a feature counted: the evidence behind a number.

    ``utterance_index`` is the index in ``Transcript.utterances`` (for a plain-text
    transcript, the line among the utterance lines). ``speaker`` is the side;
    ``speaker_name`` the person who spoke, where the transcript names speakers.
    """

    kind: str
    subtype: str | None
    speaker: Speaker
    utterance_index: int
    start_s: float
    end_s: float
    text: str
    speaker_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "subtype": self.subtype, "speaker": self.speaker,
                "speaker_name": self.speaker_name, "utterance_index": self.utterance_index,
                "start_s": self.start_s, "end_s": self.end_s, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Moment:
        return cls(kind=d["kind"], subtype=d.get("subtype"), speaker=d["speaker"],
                   utterance_index=int(d["utterance_index"]), start_s=float(d["start_s"]),
                   end_s=float(d["end_s"]), text=d["text"], speaker_name=d.get("speaker_name"))


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
    ``unscored``: why the call got no score at all (its roles are unknown), else ``None``.
    """

    call_id: str
    quality: float | None
    advanced: bool | None
    advanced_probability: float | None
    threshold: float | None
    reasons: tuple[Reason, ...]
    model_version: str
    unscored: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "kind": "score", "call_id": self.call_id,
                "quality": self.quality, "advanced": self.advanced,
                "advanced_probability": self.advanced_probability, "threshold": self.threshold,
                "reasons": [r.to_dict() for r in self.reasons], "model_version": self.model_version,
                "unscored": self.unscored}

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
                   model_version=str(d["model_version"]), unscored=d.get("unscored"))
