"""PII redaction for calls: in text (Presidio plus spoken forms) and in audio.

    from scorer.redact import RedactOptions, Redactor, load_key, redact_audio, audio_spans
    options = RedactOptions(mode="hash", key=load_key()).validate()
    redactor = Redactor(options, nlp=nlp)            # share the features' spaCy pipeline
    red = redactor.redact_transcript(transcript)     # red.transcript, red.redactions
    redact_audio("call.ogg", audio_spans(red, {"rep": 0, "customer": 1}), "out/call.redacted.ogg")

The options, :func:`load_key` and :func:`parse_types` import nothing heavy, so a CLI can
validate its flags before Presidio and spaCy load; :class:`Redactor` and
:func:`redact_audio` are imported on first use. docs/PRIVACY.md says what is and is not
redacted.
"""
from __future__ import annotations

import os
from typing import Any

# Presidio probes for a GPU through torch when it is imported (creating a CUDA context where
# there is one); redaction runs on the CPU, so say so before anything imports Presidio.
os.environ.setdefault("PRESIDIO_DEVICE", "cpu")

from scorer.redact.options import (ALL_TYPES, KEY_ENV, MODES, RedactionError,  # noqa: E402
                                   RedactOptions, load_key, parse_types)

_LAZY = {
    "Redactor": "scorer.redact.redactor",
    "Redaction": "scorer.redact.redactor",
    "RedactedText": "scorer.redact.redactor",
    "RedactedTranscript": "scorer.redact.redactor",
    "redact_audio": "scorer.redact.audio",
    "audio_spans": "scorer.redact.audio",
    "AudioSpan": "scorer.redact.audio",
    "normalise": "scorer.redact.spoken",
}

__all__ = ["ALL_TYPES", "KEY_ENV", "MODES", "RedactOptions", "RedactionError", "load_key",
           "parse_types", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'scorer.redact' has no attribute {name!r}")
