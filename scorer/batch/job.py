"""One call, end to end: recording or transcript -> transcript -> features -> scores.

``ScoreJob`` is the unit of work that ``scorer.batch.run_batch`` hands to local worker
processes or Dask workers. It is a small frozen value (picklable); the heavy parts
(Whisper engine, spaCy pipeline, scoring models) are loaded once per process and kept in
a module-level cache keyed by the job's settings.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Mapping

from scorer.asr import TranscribeOptions
from scorer.errors import AudioError, EngineError, ScorerError
from scorer.features import DEFAULT_PIPELINE, CallFeatures, FeatureOptions, extract_features, load_nlp
from scorer.inputs import TranscriptLoader
from scorer.batch.redaction import redact_call, redaction_summary
from scorer.redact import RedactOptions
from scorer.roles import RoleOptions, roles_problem
from scorer.types import SCHEMA_VERSION, CallScore, Transcript

log = logging.getLogger("scorer")


@dataclass(frozen=True)
class ScoreJob:
    """Settings of a scoring run; every field maps to one ``callscore score`` option.

    ``model_dir``: a folder made by ``callscore train`` (default ``None``: the shipped
    models in ``models/``). ``spacy_model``: an installed spaCy pipeline name. ``roles``:
    how the rep is found where the input does not label roles (the manifest's ``rep`` of
    each call is looked for among its speakers too). ``redact``: remove personal data from
    each transcript before its features are computed and anything is written (default
    ``None``: keep it).
    """

    transcribe: TranscribeOptions = field(default_factory=TranscribeOptions)
    roles: RoleOptions = field(default_factory=RoleOptions)
    redact: RedactOptions | None = None
    features: FeatureOptions = field(default_factory=FeatureOptions)
    spacy_model: str = DEFAULT_PIPELINE
    model_dir: str | None = None

    def validate(self) -> ScoreJob:
        self.transcribe.validate()
        self.roles.validate()
        if self.redact is not None:
            self.redact.validate()
        try:
            self.features.validate()
        except ValueError as exc:
            raise ScorerError(str(exc)) from None
        return self

    def _key(self) -> str:
        fields = asdict(self)
        fields["transcribe"].pop("cpu_threads", None)  # set from --jobs: how fast, not what is scored
        return json.dumps(fields, sort_keys=True, default=str)

    def version(self) -> str:
        """Model version, model files and every option: a change here rescores a call."""
        from scorer.models.artifacts import DEFAULT_MODEL_DIR, read_meta

        # Only meta.json: the coordinating process never loads the models themselves.
        meta = read_meta(self.model_dir or DEFAULT_MODEL_DIR)
        digest = hashlib.sha256((self._key() + json.dumps(meta.get("files", {}), sort_keys=True))
                                .encode()).hexdigest()[:16]
        return f"{meta.get('model_version', 'unknown')}+{digest}"

    def run(self, path: Path, metadata: Mapping[str, Any]) -> dict[str, Any]:
        """Score one file; returns the ``<call_id>.score.json`` document."""
        ctx = _context(self)
        transcript = _staged("read", ctx.loader.load, Path(path), metadata.get("rep"))
        return score_transcript(transcript, ctx, metadata)


@dataclass
class _Context:
    loader: TranscriptLoader
    nlp: Any
    models: Any
    job: ScoreJob
    redactor: Any = None


_CACHE: dict[str, _Context] = {}


def _context(job: ScoreJob) -> _Context:
    """The loaded models for ``job`` in this process (loaded on first use, then reused)."""
    key = job._key()
    if key not in _CACHE:
        from scorer.models.artifacts import load_models

        nlp = load_nlp(job.spacy_model)
        redactor = None
        if job.redact is not None:
            from scorer.redact import Redactor

            redactor = Redactor(job.redact, nlp=nlp)
        _CACHE[key] = _Context(loader=TranscriptLoader(transcribe_options=job.transcribe, role_options=job.roles),
                               nlp=nlp, models=load_models(job.model_dir), job=job, redactor=redactor)
    return _CACHE[key]


def _staged(stage: str, func, *args):
    """Run ``func``; tag a ``ScorerError`` with the stage it failed in (decode, transcribe, ...)."""
    try:
        return func(*args)
    except ScorerError as exc:
        if not hasattr(exc, "stage"):
            exc.stage = ("decode" if isinstance(exc, AudioError) else
                         "transcribe" if isinstance(exc, EngineError) else stage)
        raise


def score_transcript(transcript: Transcript, ctx: _Context, metadata: Mapping[str, Any] = {}) -> dict[str, Any]:
    """Features and scores of one transcript, as the ``score.json`` document.

    A call whose roles are unknown gets its features (those that need no roles) but no
    score: ``quality`` and ``advanced`` are empty and ``unscored`` says why, never a number
    the model would impute for an empty call."""
    from scorer.models.pipeline import score_calls

    redaction = None
    if ctx.redactor is not None:
        transcript, red = _staged("redact", redact_call, transcript, ctx.redactor)
        redaction = redaction_summary(red, ctx.job.redact)
    features = _staged("features", extract_features, transcript, ctx.nlp, ctx.job.features)
    problem = roles_problem(transcript)
    if problem:
        log.warning(problem)
        score = CallScore(call_id=transcript.call_id, quality=None, advanced=None,
                          advanced_probability=None, threshold=None, reasons=(),
                          model_version=ctx.models.model_version, unscored=problem)
    else:
        score = _staged("score", score_calls, ctx.models, [features], [transcript])[0]
    return score_document(transcript, features, score, metadata, redaction)


def score_document(transcript: Transcript, features: CallFeatures, score: CallScore,
                   metadata: Mapping[str, Any] = {}, redaction: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``<call_id>.score.json`` document (see docs/OUTPUTS.md)."""
    scored = score.to_dict()
    return {
        "schema_version": SCHEMA_VERSION, "kind": "score",
        "call_id": transcript.call_id, "source": transcript.source, "content_key": None,
        "metadata": dict(metadata),
        "quality": scored["quality"], "advanced": scored["advanced"],
        "advanced_probability": scored["advanced_probability"], "threshold": scored["threshold"],
        "model_version": scored["model_version"], "unscored": scored["unscored"],
        "roles": transcript.roles, "roles_confidence": transcript.roles_confidence,
        "redaction": None if redaction is None else dict(redaction),
        "reasons": scored["reasons"],
        "features": {"values": dict(features.values), "null_reasons": dict(features.null_reasons)},
        "moments": [m.to_dict() for m in features.moments],
        "transcript": transcript.to_dict(),
    }
