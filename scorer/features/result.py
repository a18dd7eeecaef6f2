"""What feature extraction returns: ``CallFeatures`` and its evidence records.

Plain values only (no spaCy objects), frozen, and exact JSON round trips through
``to_dict``/``from_dict``. Every numeric value is a ``float`` (counts too) or ``None``; a
``None`` always has its reason in ``null_reasons``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

from scorer.features.catalogue import FEATURE_NAMES
from scorer.types import Moment, check_schema_version

#: Version of the features JSON layout (``kind: "features"``); bump on any change.
#: 2: adds ``next_step_accepted_with_date``; 3: adds ``requests`` (version 2 files still read).
FEATURES_SCHEMA_VERSION = 3
READABLE_FEATURES_VERSIONS = (2, 3)


@dataclass(frozen=True, slots=True)
class NextStep:
    """A proposed next step (meeting, demo, call, trial, proposal...) and the reply to it.

    ``what``: the kind of step ("demo", "meeting", "call", "trial", "proposal", "quote",
    "follow-up"); ``dates``: the DATE/TIME entities spaCy found in the proposal's sentence,
    the rest of its utterance and the reply; ``response``: ``accepted``, ``declined``,
    ``deferred`` or ``None`` (no reply from the other party, or none that says which).
    """

    utterance_index: int
    proposed_by: str
    what: str
    text: str
    start_s: float
    end_s: float
    dates: tuple[str, ...] = ()
    response: str | None = None
    response_utterance_index: int | None = None
    response_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"utterance_index": self.utterance_index, "proposed_by": self.proposed_by,
                "what": self.what, "text": self.text, "start_s": self.start_s,
                "end_s": self.end_s, "dates": list(self.dates), "response": self.response,
                "response_utterance_index": self.response_utterance_index,
                "response_text": self.response_text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> NextStep:
        rui = d.get("response_utterance_index")
        return cls(utterance_index=int(d["utterance_index"]), proposed_by=str(d["proposed_by"]),
                   what=str(d["what"]), text=str(d["text"]), start_s=float(d["start_s"]),
                   end_s=float(d["end_s"]), dates=tuple(str(x) for x in d.get("dates", ())),
                   response=d.get("response"),
                   response_utterance_index=None if rui is None else int(rui),
                   response_text=d.get("response_text"))


@dataclass(frozen=True, slots=True)
class Request:
    """A request that is not a next step (terms: "can you do ten percent off?"; or another
    ask: "could I get your mobile number?") and the other party's answer to it.

    ``response``: ``accepted``, ``declined`` or ``deferred`` (only answered requests are
    kept; ``scorer.features.requests``)."""

    utterance_index: int
    asked_by: str
    text: str
    start_s: float
    end_s: float
    response: str
    response_utterance_index: int
    response_text: str

    def to_dict(self) -> dict[str, Any]:
        return {"utterance_index": self.utterance_index, "asked_by": self.asked_by,
                "text": self.text, "start_s": self.start_s, "end_s": self.end_s,
                "response": self.response, "response_utterance_index": self.response_utterance_index,
                "response_text": self.response_text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Request:
        return cls(utterance_index=int(d["utterance_index"]), asked_by=str(d["asked_by"]),
                   text=str(d["text"]), start_s=float(d["start_s"]), end_s=float(d["end_s"]),
                   response=str(d["response"]),
                   response_utterance_index=int(d["response_utterance_index"]),
                   response_text=str(d["response_text"]))


@dataclass(frozen=True, slots=True)
class Objection:
    """A customer objection and how the rep answered it.

    ``subtype``: price, timing, authority, need or competitor. ``answered_with``:
    ``question`` (the rep's next turn asks a question), ``statement``, or ``None`` when
    the rep did not speak again within the response window.
    """

    utterance_index: int
    subtype: str
    text: str
    start_s: float
    end_s: float
    answered_with: str | None = None
    answer_utterance_index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"utterance_index": self.utterance_index, "subtype": self.subtype,
                "text": self.text, "start_s": self.start_s, "end_s": self.end_s,
                "answered_with": self.answered_with,
                "answer_utterance_index": self.answer_utterance_index}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Objection:
        aui = d.get("answer_utterance_index")
        return cls(utterance_index=int(d["utterance_index"]), subtype=str(d["subtype"]),
                   text=str(d["text"]), start_s=float(d["start_s"]), end_s=float(d["end_s"]),
                   answered_with=d.get("answered_with"),
                   answer_utterance_index=None if aui is None else int(aui))


@dataclass(frozen=True, slots=True)
class CallFeatures:
    """The features of one call, with the evidence behind them.

    - ``values``: every name in ``FEATURE_NAMES`` -> float or ``None``;
    - ``null_reasons``: for each ``None`` value, why it could not be computed;
    - ``moments``: the spans that produced the counts (questions, next steps, monologues,
      customer stories, objections, tracker hits, interruptions) and requests, in call order;
    - ``trackers``: tracker name -> number of mentions (all trackers, zeros included);
    - ``next_steps`` / ``requests`` / ``objections``: details beyond the moments;
    - ``timing``: the transcript's timing kind (``measured`` or ``estimated``);
    - ``nlp_model``: the spaCy pipeline that produced them (``lang_name-version``).

    Treat the mappings as read-only.
    """

    call_id: str
    timing: str
    values: Mapping[str, float | None]
    null_reasons: Mapping[str, str] = field(default_factory=dict)
    moments: tuple[Moment, ...] = ()
    trackers: Mapping[str, float] = field(default_factory=dict)
    next_steps: tuple[NextStep, ...] = ()
    objections: tuple[Objection, ...] = ()
    requests: tuple[Request, ...] = ()
    nlp_model: str | None = None

    def __post_init__(self) -> None:
        missing = [n for n in FEATURE_NAMES if n not in self.values]
        extra = [n for n in self.values if n not in FEATURE_NAMES]
        if missing or extra:
            raise ValueError(f"CallFeatures.values must hold exactly FEATURE_NAMES; missing: "
                             f"{missing or 'none'}; unknown: {extra or 'none'}")
        for name, value in self.values.items():
            if value is None:
                if name not in self.null_reasons:
                    raise ValueError(f"feature {name!r} is None without a reason in null_reasons")
            elif not isinstance(value, float) or not math.isfinite(value):
                raise ValueError(f"feature {name!r} must be a finite float or None, got {value!r}")

    def moments_of(self, kind: str) -> tuple[Moment, ...]:
        return tuple(m for m in self.moments if m.kind == kind)

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": FEATURES_SCHEMA_VERSION, "kind": "features",
                "call_id": self.call_id, "timing": self.timing, "nlp_model": self.nlp_model,
                "values": {n: self.values[n] for n in FEATURE_NAMES},
                "null_reasons": dict(self.null_reasons),
                "trackers": dict(self.trackers),
                "moments": [m.to_dict() for m in self.moments],
                "next_steps": [s.to_dict() for s in self.next_steps],
                "objections": [o.to_dict() for o in self.objections],
                "requests": [r.to_dict() for r in self.requests]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CallFeatures:
        check_schema_version(d, "features", "features", READABLE_FEATURES_VERSIONS)
        if d.get("kind", "features") != "features":
            raise ValueError(f"not a features file (kind {d.get('kind')!r}); expected 'features'")
        values = {n: (None if v is None else float(v)) for n, v in d["values"].items()}
        return cls(call_id=str(d["call_id"]), timing=str(d["timing"]), values=values,
                   null_reasons={str(k): str(v) for k, v in d.get("null_reasons", {}).items()},
                   moments=tuple(Moment.from_dict(m) for m in d.get("moments", ())),
                   trackers={str(k): float(v) for k, v in d.get("trackers", {}).items()},
                   next_steps=tuple(NextStep.from_dict(s) for s in d.get("next_steps", ())),
                   objections=tuple(Objection.from_dict(o) for o in d.get("objections", ())),
                   requests=tuple(Request.from_dict(r) for r in d.get("requests", ())),
                   nlp_model=d.get("nlp_model"))
