"""One exception hierarchy for the library; the CLI turns each into one line and exit 1.

Every message names the file (where there is one) and says what to do next.
"""
from __future__ import annotations


class ScorerError(Exception):
    """Base class of every error callscore raises on purpose."""


class OptionsError(ScorerError, ValueError):
    """An option out of range (the message lists the valid values). Also a ``ValueError``."""


class InputError(ScorerError):
    """An input file is missing, unreadable, empty or of the wrong kind."""


class AudioError(InputError):
    """An audio file could not be decoded."""


class TranscriptFormatError(InputError):
    """A transcript file could not be parsed, or holds no utterances."""


class SchemaError(InputError):
    """A JSON document of a layout version this callscore does not read."""


class RedactionError(ScorerError):
    """Personal data cannot be redacted as asked (bad options, a missing key, a recording
    that cannot be re-encoded)."""


class RoleError(ScorerError):
    """The rep and the customer cannot be told apart in a transcript."""


class EngineError(ScorerError):
    """An unknown engine or model name, or a model that fails to load."""


class ModelError(ScorerError):
    """A scoring-model folder is missing, tampered with or incompatible."""


class LabelError(ScorerError):
    """A labels file for training or evaluation is malformed."""


class BatchUsageError(ScorerError):
    """The batch cannot start as asked (bad options, no inputs, busy output folder, no scheduler)."""
