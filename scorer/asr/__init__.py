"""Recordings to transcripts: decode (PyAV), channels, VAD, Whisper engines, windows for long
calls, diarization of mono audio. The only package that imports a Whisper or embedding
library, and only when an engine is loaded; its names are imported on first use, so that
``callscore --help`` and the text path load none of it.

    engine = load_engine(TranscribeOptions())
    transcript = engine.transcribe("call.ogg")
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "AUDIO_EXTENSIONS": "decode", "SAMPLE_RATE": "decode", "DecodedAudio": "decode",
    "SpooledAudio": "decode", "decode_audio": "decode", "open_audio": "decode",
    "Engine": "engines", "load_engine": "engines", "transcribe_file": "engines",
    "COMPUTE_TYPES": "options", "DEFAULT_MODEL": "options", "ENGINES": "options",
    "TranscribeOptions": "options", "available_models": "options",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'scorer.asr' has no attribute {name!r}")
    return getattr(importlib.import_module(f"scorer.asr.{_EXPORTS[name]}"), name)
