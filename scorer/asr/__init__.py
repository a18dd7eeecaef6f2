"""Recordings to transcripts: decode (PyAV), channels, VAD, Whisper engines, windows for long
calls. The only package that imports a Whisper library, and only when an engine is loaded.

    engine = load_engine(TranscribeOptions())
    transcript = engine.transcribe("call.ogg")
"""
from __future__ import annotations

from scorer.asr.decode import (AUDIO_EXTENSIONS, SAMPLE_RATE, DecodedAudio, SpooledAudio,
                               decode_audio, open_audio)
from scorer.asr.engines import Engine, load_engine, transcribe_file
from scorer.asr.options import COMPUTE_TYPES, DEFAULT_MODEL, ENGINES, TranscribeOptions, available_models

__all__ = ["AUDIO_EXTENSIONS", "COMPUTE_TYPES", "DEFAULT_MODEL", "ENGINES", "SAMPLE_RATE",
           "DecodedAudio", "Engine", "SpooledAudio", "TranscribeOptions", "available_models",
           "decode_audio", "load_engine", "open_audio", "transcribe_file"]
