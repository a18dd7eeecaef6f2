"""Whisper engines: faster-whisper (default) or openai-whisper, loaded once and reused.

The only module that imports a Whisper library, and only inside functions, so importing
``scorer`` stays instant. Load an engine once and reuse it for every file::

    engine = load_engine(TranscribeOptions())          # or TranscribeOptions(engine="openai-whisper")
    transcript = engine.transcribe("call.ogg")

Channels (``scorer.asr.speakers``): a stereo recording is taken to hold one party per
channel, named ``Left channel`` and ``Right channel``; with ``rep_channel`` 0 or 1 they are
``rep`` and ``customer``, otherwise (default) both ``unknown`` until the roles code decides.
The utterances are merged in start-time order (``scorer.asr.turns``). A mono recording (or a
stereo file whose two channels carry the same signal, or one of more than two channels,
mixed down) is diarized into ``Speaker 1``, ``Speaker 2`` ... (``diarize``, ``speakers``).

Decoding (``pipeline``): ``batched`` (default, faster-whisper only) packs the speech of
both channels into 30 s clips and decodes them in batches (``scorer.asr.batched``);
``sequential`` transcribes each channel on its own, as callscore did before, and is what
openai-whisper always does.

Silence: a channel with no speech yields no utterances. Both pipelines decode only the
audio in which Silero VAD finds speech (the batched one runs the VAD only where the channel
is not digital silence), because Whisper invents words over silence; for openai-whisper
this is done here with faster-whisper's copy of Silero and its ``SpeechTimestampsMap``.
Decoded text is kept only where its channel is louder than ``SILENCE_DBFS`` and not
``CROSSTALK_MARGIN_DB`` quieter than the other channel (the other party leaking across).

Long calls: memory stays bounded. ``open_audio`` spools a long recording to disk, and
each channel is transcribed in windows of at most ``WINDOW_S``, cut in the quietest half
second near each window's end so that no word is split (``scorer.asr.signal.windows``).

Determinism: the same file gives the same words on one machine. The batched pipeline
decodes at temperature 0 only (no sampling); the sequential one keeps Whisper's
temperature fallback, with the random generators seeded before each file.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

from scorer.asr.decode import SAMPLE_RATE, DecodedAudio, SpooledAudio, open_audio
from scorer.asr.options import (DEFAULT_MODEL, TranscribeOptions, bundled_ct2_dir,
                                import_openai_whisper)
from scorer.asr.signal import (FRAME, SILENCE_DBFS, Reader, frame_levels_dbfs, rejection,
                               speech_regions, windows)
from scorer.asr.speakers import mono_utterances, plan_channels, stereo_roles
from scorer.asr.turns import Segment, restore_speech_times, shifted
from scorer.errors import EngineError
from scorer.types import Transcript, Word

logger = logging.getLogger("scorer")

# Whisper's own quality checks (the defaults of both engines), passed explicitly to openai-whisper.
_NO_SPEECH_PROB = 0.6
_LOGPROB_FLOOR = -1.0
_COMPRESSION_RATIO_CEILING = 2.4

class Engine:
    """A loaded Whisper model. Load once with ``load_engine`` and reuse for every file."""

    _vad_in_decoder = False  # True where the engine applies vad_filter itself

    def __init__(self, options: TranscribeOptions) -> None:
        self.options = options
        self._embedder: Any = None

    def transcribe(self, audio: DecodedAudio | SpooledAudio | str | os.PathLike[str],
                   call_id: str | None = None) -> Transcript:
        """Transcribe a recording (a path, or audio already opened by ``open_audio`` or
        ``decode_audio``).

        ``call_id`` defaults to the file name without its extension. Raises ``AudioError``
        for an undecodable file and ``EngineError`` when the model fails.
        """
        if isinstance(audio, (DecodedAudio, SpooledAudio)):
            return self._transcribe(audio, call_id)
        with open_audio(audio) as decoded:
            return self._transcribe(decoded, call_id)

    def _transcribe(self, decoded: DecodedAudio | SpooledAudio, call_id: str | None) -> Transcript:
        o, num_samples = self.options, decoded.num_samples
        plan = plan_channels(decoded)
        levels = [frame_levels_dbfs(read, num_samples) for read in plan.readers]
        segments = self._segments(list(plan.readers), levels, num_samples)
        if plan.stereo:
            utterances, roles, detail = stereo_roles(segments, o.rep_channel)
        else:
            embedder = self.speaker_embedder() if o.diarize else None
            utterances, detail = mono_utterances(segments[0], plan.readers[0], num_samples,
                                                 embedder, o.speakers)
            roles = "unknown"
        return Transcript(
            call_id=call_id if call_id is not None else Path(decoded.path).stem,
            utterances=tuple(utterances), duration_s=decoded.duration_s,
            language=o.language, source=str(decoded.path), source_format="audio",
            engine=o.engine, model=o.model, timing="measured", roles=roles, roles_detail=detail)

    def speaker_embedder(self) -> Any:
        """The speaker-embedding model for diarization: loaded on the first mono call, then reused."""
        if self._embedder is None:
            from scorer.asr.diarize import SpeakerEmbedder

            self._embedder = SpeakerEmbedder(cpu_threads=self.options.cpu_threads)
        return self._embedder

    def _segments(self, readers: list[Reader], levels: list[np.ndarray], num_samples: int) -> list[list[Segment]]:
        """Each signal's segments in its own time line: the sequential pipeline."""
        self._seed()
        return [self._channel_segments(read, num_samples, levels[i],
                                       levels[1 - i] if len(readers) == 2 else None)
                for i, read in enumerate(readers)]

    def _seed(self) -> None:
        """Seed the temperature fallback's sampling, so one file always gives the same words."""

    def _channel_segments(self, read: Reader, num_samples: int, levels: np.ndarray,
                          other_levels: np.ndarray | None) -> list[Segment]:
        """One channel's segments, decoded window by window, in the channel's time line."""
        kept: list[Segment] = []
        for a, b in windows(levels, num_samples):
            window_levels = levels[a // FRAME: -(-b // FRAME)]
            if window_levels.size == 0 or window_levels.max() < SILENCE_DBFS:
                continue  # silence: nothing to decode, nothing to invent
            for seg in self._window_segments(read(a, b)):
                seg = shifted(seg, a / SAMPLE_RATE)
                if not seg.text:
                    continue
                why = rejection(seg.start_s, seg.end_s, levels, other_levels)
                if why:
                    logger.debug("dropped %r at %.2f s: %s", seg.text, seg.start_s, why)
                    continue
                kept.append(seg)
        return kept

    def _window_segments(self, samples: np.ndarray) -> list[Segment]:
        if self.options.vad_filter and not self._vad_in_decoder:
            # As faster-whisper does inside its decoder: decode only the speech, joined up,
            # then map times back. Besides skipping silence, this keeps Whisper's word
            # timing from drifting across long pauses.
            from faster_whisper.vad import SpeechTimestampsMap

            regions = speech_regions(samples)
            if not regions:
                return []
            speech_map = SpeechTimestampsMap([{"start": a, "end": b} for a, b in regions],
                                             SAMPLE_RATE, time_precision=3)
            return [restore_speech_times(seg, speech_map) for seg in
                    self._decode(np.concatenate([samples[a:b] for a, b in regions]))]
        return self._decode(samples)

    def _decode(self, samples: np.ndarray) -> list[Segment]:
        raise NotImplementedError


class _FasterWhisperEngine(Engine):
    _vad_in_decoder = True

    def __init__(self, options: TranscribeOptions) -> None:
        super().__init__(options)
        from faster_whisper import WhisperModel

        path = Path(options.model).expanduser()
        if options.model == DEFAULT_MODEL:
            source = bundled_ct2_dir()
        else:
            source = str(path) if path.exists() else options.model
        try:
            self._model = WhisperModel(source, device="cpu", compute_type=options.compute_type,
                                       cpu_threads=options.cpu_threads)
        except Exception as exc:  # CTranslate2 and huggingface_hub raise many kinds
            raise _load_error(options, exc) from None
        self._batched: Any = None

    def _segments(self, readers: list[Reader], levels: list[np.ndarray], num_samples: int) -> list[list[Segment]]:
        o = self.options
        if o.pipeline != "batched":
            return super()._segments(readers, levels, num_samples)
        from faster_whisper import BatchedInferencePipeline

        from scorer.asr.batched import batched_segments

        if self._batched is None:
            self._batched = BatchedInferencePipeline(self._model)
        try:
            return batched_segments(self._batched, readers, levels, num_samples, language=o.language,
                                    beam_size=o.beam_size, batch_size=o.batch_size)
        except Exception as exc:
            raise EngineError(f"faster-whisper failed while transcribing: {exc}") from None

    def _seed(self) -> None:
        import ctranslate2

        ctranslate2.set_random_seed(0)

    def _decode(self, samples: np.ndarray) -> list[Segment]:
        o = self.options
        try:
            # The VAD cut happens before decoding here (fewer windows to decode); the
            # segments it returns are already in the channel's own time line.
            segments, _info = self._model.transcribe(
                samples, language=o.language, beam_size=o.beam_size, word_timestamps=True,
                vad_filter=o.vad_filter)
            # A lazy generator: decoding happens while it is consumed, so consume it here.
            out = []
            for s in segments:
                words = [w for w in (s.words or ()) if w.word.strip()]
                out.append(Segment(
                    float(s.start), float(s.end), s.text.strip(),
                    tuple(Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
                          for w in words),
                    tuple(w.word for w in words)))
            return out
        except Exception as exc:
            raise EngineError(f"faster-whisper failed while transcribing: {exc}") from None


class _OpenAIWhisperEngine(Engine):
    def __init__(self, options: TranscribeOptions) -> None:
        super().__init__(options)
        whisper = import_openai_whisper()
        import torch

        if options.cpu_threads:
            torch.set_num_threads(options.cpu_threads)
        try:
            if options.model == DEFAULT_MODEL:
                from scorer.asr import checkpoint as wc

                ct2_dir = bundled_ct2_dir()
                checkpoint = wc.converted_checkpoint(ct2_dir, DEFAULT_MODEL)
                self._model = whisper.load_model(str(checkpoint), device="cpu")
                # load_model only sets the word-alignment heads for a downloaded model.
                heads = wc.alignment_heads(ct2_dir)
                if heads:
                    dims = self._model.dims
                    self._model.set_alignment_heads(
                        wc.alignment_heads_dump(heads, dims.n_text_layer, dims.n_text_head))
            else:
                path = Path(options.model).expanduser()
                self._model = whisper.load_model(str(path) if path.exists() else options.model,
                                                 device="cpu")
        except EngineError:
            raise
        except Exception as exc:  # urllib, torch and checksum errors
            raise _load_error(options, exc) from None

    def _seed(self) -> None:
        import torch

        torch.manual_seed(0)

    def _decode(self, samples: np.ndarray) -> list[Segment]:
        o = self.options
        try:
            result: dict[str, Any] = self._model.transcribe(
                samples, language=o.language, beam_size=o.beam_size if o.beam_size > 1 else None,
                best_of=5,  # samples per temperature fallback, as faster-whisper's default
                word_timestamps=True, fp16=False, verbose=None,
                compression_ratio_threshold=_COMPRESSION_RATIO_CEILING,
                logprob_threshold=_LOGPROB_FLOOR, no_speech_threshold=_NO_SPEECH_PROB)
        except Exception as exc:
            raise EngineError(f"openai-whisper failed while transcribing: {exc}") from None
        out = []
        for s in result["segments"]:
            if s["compression_ratio"] > _COMPRESSION_RATIO_CEILING:
                continue  # still a repetition loop after every temperature fallback
            words = [w for w in s.get("words", ()) if w["word"].strip()]
            out.append(Segment(
                float(s["start"]), float(s["end"]), s["text"].strip(),
                tuple(Word(w["word"].strip(), float(w["start"]), float(w["end"]),
                           float(w["probability"])) for w in words),
                tuple(w["word"] for w in words)))
        return out


def load_engine(options: TranscribeOptions | None = None) -> Engine:
    """Validate ``options`` and load the model once; raises ``EngineError`` on failure."""
    options = options or TranscribeOptions()
    options.validate()
    logger.info("loading %s model %s", options.engine, options.model)
    if options.engine == "faster-whisper":
        return _FasterWhisperEngine(options)
    return _OpenAIWhisperEngine(options)


def transcribe_file(path: str | os.PathLike[str], options: TranscribeOptions | None = None,
                    engine: Engine | None = None, call_id: str | None = None) -> Transcript:
    """Transcribe one recording; pass ``engine`` to reuse a loaded model across files."""
    engine = engine or load_engine(options)
    return engine.transcribe(path, call_id=call_id)


def _load_error(options: TranscribeOptions, exc: Exception) -> EngineError:
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if Path(options.model).expanduser().exists() or options.model == DEFAULT_MODEL:
        hint = "check that the model files are complete"
    else:
        hint = (f"{options.engine} downloads {options.model!r} on first use, which needs the "
                f"internet once; or pass --model tiny.en (offline) or a local model path")
    return EngineError(f"cannot load {options.engine} model {options.model!r} ({detail}); {hint}")
