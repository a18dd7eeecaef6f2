"""Who spoke when in a mono recording: CAM++ speaker embeddings (onnxruntime) and spectral clustering.

    embedder = SpeakerEmbedder()                  # loads the ONNX model once; reuse it
    result = diarize(samples, embedder)           # 16 kHz mono float32; 2 speakers by default
    speakers = attribute_words([(w.start_s, w.end_s) for w in words], result,
                               sentence_ends([w.text for w in words]))

Silero VAD speech (faster-whisper's bundled copy) is cut into 1.5 s windows every 0.5 s; a region
shorter than a window is widened to one window around its centre (shorter snippets embed too
noisily to cluster). Each window gets a Kaldi fbank (numpy) and a 192-d CAM++ embedding; spectral
clustering on the cosine affinity makes ``speakers`` groups, or as many as the eigen-gap says; where
neighbouring windows disagree, extra windows place the change to 0.25 s. The model is
``speaker_model/campplus.onnx`` (3D-Speaker's CAM++, Apache-2.0; NOTICE there, made by
``dev/convert_speaker_model.py``): nothing is downloaded and torch is not needed. Pure functions
over numpy arrays; the only file read is the model.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, Union

import numpy as np

from scorer.asr.speaker_model.embedder import (EMBEDDING_DIM, SAMPLE_RATE_HZ, SpeakerEmbedder, default_model_path,
                                              fbank)
from scorer.errors import EngineError, InputError

__all__ = ["EMBEDDING_DIM", "SAMPLE_RATE_HZ", "DiarizeOptions", "Diarization", "MonoReader", "SpeakerEmbedder",
           "SpeakerTurn", "attribute_words", "cluster_embeddings", "default_model_path", "diarize", "fbank",
           "match_voiceprints", "plan_windows", "sentence_ends", "smooth_runs", "speech_regions", "voiceprint"]

logger = logging.getLogger("scorer")

# Cosine from which a speaker's centroid and an enrolled voiceprint are one person. Measured by
# bench/bench_diarize.py --voiceprints (stereo-channel prints vs mono centroids of other calls):
# same voice 0.94-0.99 (16 kHz) and 0.78-0.87 (8 kHz mu-law), other voice 0.18-0.31, pyannote's
# speakers <= 0.19. Nearer the same-voice side: a false match names the wrong person, while a
# miss only leaves the roles to the other cues.
VOICEPRINT_THRESHOLD = 0.7

# Spectral clustering: each affinity row keeps its strongest 2 % (at least 6), as in 3D-Speaker; past
# 2000 windows an evenly spaced subset is clustered and the rest go to the nearest centroid, so a
# 2-hour call needs no 10^4 x 10^4 matrix.
_PRUNE_FRACTION = 0.02
_PRUNE_MIN = 6
_MAX_CLUSTER_WINDOWS = 2000
_MERGE_COSINE = 0.8  # speakers=None: clusters whose centroids are this close are one speaker
# A forced count (the default 2) split one voice in two when the two centroids are this close.
# Measured by bench/diarize_centroids.py: one synthetic voice cut in two 0.79-0.83
# (tests/data/audio, 8-44 kHz); two voices 0.26-0.34 (the mono sample calls) and 0.55 (the
# real telephone pair of pyannote's sample). Nearer the one-voice side: a false merge loses a
# call's roles, a missed one only leaves a second "speaker".
_ONE_VOICE_COSINE = 0.7
_VAD_BLOCK = 600 * SAMPLE_RATE_HZ
_REFINE_STEP_S = 0.25


@dataclass(frozen=True, slots=True)
class DiarizeOptions:
    """How to split a recording into speakers.

    speakers: how many people talk; None estimates it (``--speakers auto``), 1..max_speakers.
        Default 2, a sales call.
    window_s: length of the audio one embedding sees, seconds (default 1.5; 0.5-10).
    hop_s: step between windows over a stretch of speech, seconds (default 0.5; 0 < hop <= window).
    max_speakers: upper bound for the estimate (default 8; 1-32).
    refine: place speaker changes inside a speech region to 0.25 s with extra windows (default True).
    """

    speakers: int | None = 2
    window_s: float = 1.5
    hop_s: float = 0.5
    max_speakers: int = 8
    refine: bool = True

    def validate(self) -> DiarizeOptions:
        """Raise EngineError naming the valid values; return self so calls can chain."""
        checks = (
            (1 <= self.max_speakers <= 32, "max_speakers", self.max_speakers, "1-32"),
            (self.speakers is None or 1 <= self.speakers <= self.max_speakers, "speakers", self.speakers,
             f"'auto' (None) or a whole number from 1 to max_speakers ({self.max_speakers})"),
            (0.5 <= self.window_s <= 10.0, "window_s", self.window_s, "0.5-10 seconds"),
            (0.0 < self.hop_s <= self.window_s, "hop_s", self.hop_s, f"over 0 and at most window_s ({self.window_s})"),
        )
        for ok, name, value, valid in checks:
            if not ok:
                raise EngineError(f"{name} {value!r} is out of range; expected {valid}")
        return self

    @staticmethod
    def parse_speakers(text: str) -> int | None:
        """``'auto'`` -> None, ``'3'`` -> 3: the value of ``--speakers N|auto``."""
        if text.strip().lower() == "auto":
            return None
        try:
            return int(text)
        except ValueError:
            raise EngineError(f"--speakers {text!r} is not understood; expected 'auto' or a whole number "
                              "such as 2") from None


@dataclass(frozen=True, slots=True)
class SpeakerTurn:
    """A stretch of speech by one speaker (index from 0, in order of first speaking), in seconds."""

    start_s: float
    end_s: float
    speaker: int


@dataclass(frozen=True)
class Diarization:
    """The result of ``diarize``.

    turns: speech stretches in time order, each with one speaker.
    num_speakers: speakers found (0 when there was no speech).
    centroids: (num_speakers, 192) unit-length mean embedding per speaker: its voiceprint.
    duration_s: length of the recording, seconds.
    """

    turns: tuple[SpeakerTurn, ...]
    num_speakers: int
    centroids: np.ndarray = field(repr=False, compare=False)
    duration_s: float = 0.0

    def speaker_time_s(self) -> tuple[float, ...]:
        """Seconds of speech per speaker, indexed by speaker."""
        return tuple(sum(t.end_s - t.start_s for t in self.turns if t.speaker == k) for k in range(self.num_speakers))


class MonoReader(Protocol):
    """A long recording read a stretch at a time (e.g. a spooled decode): samples [start, stop)."""

    num_samples: int

    def read(self, start: int, stop: int) -> np.ndarray: ...


Samples = Union[np.ndarray, MonoReader]


def _reader(samples: Samples) -> tuple[int, Callable[[int, int], np.ndarray]]:
    """(number of samples, read(start, stop) -> float32) for an array or a MonoReader."""
    if isinstance(samples, np.ndarray):
        if samples.ndim != 1:
            raise InputError(f"diarize needs one channel, got an array shaped {samples.shape}; mix it down first")
        return samples.shape[0], lambda a, b: np.asarray(samples[max(0, a):b], dtype=np.float32)
    return int(samples.num_samples), lambda a, b: np.asarray(samples.read(max(0, a), b), dtype=np.float32)


def speech_regions(samples: Samples) -> list[tuple[float, float]]:
    """Speech stretches (start_s, end_s) by Silero VAD (faster-whisper's bundled ONNX copy).

    A silence of 0.15 s ends a region: speakers change at pauses, and region edges are where
    changes are placed best (faster-whisper's transcription default, 2 s, merges most turns of a
    call; 0.3 s gave 0.166 instead of 0.147 on pyannote's sample). 0.1 s of padding keeps word
    edges. Runs over 10-minute blocks so memory does not grow with the call.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(min_silence_duration_ms=150, speech_pad_ms=100, min_speech_duration_ms=100)
    total, read = _reader(samples)
    regions: list[tuple[float, float]] = []
    for first in range(0, total, _VAD_BLOCK):
        for stamp in get_speech_timestamps(read(first, first + _VAD_BLOCK), options):
            start, end = (first + stamp["start"]) / SAMPLE_RATE_HZ, (first + stamp["end"]) / SAMPLE_RATE_HZ
            if regions and start - regions[-1][1] < 0.01:  # one region cut by a block boundary
                regions[-1] = (regions[-1][0], end)
            else:
                regions.append((start, end))
    return regions


def plan_windows(regions: Sequence[tuple[float, float]], duration_s: float,
                 window_s: float = 1.5, hop_s: float = 0.5) -> np.ndarray:
    """Windows over speech: (n, 4) rows of (start_s, end_s, own_start_s, own_end_s).

    ``start..end`` is the audio embedded (always ``window_s`` long unless the recording is
    shorter); ``own_start..own_end`` is the speech that window labels: its region cut half-way
    between neighbouring window centres. A region shorter than a window gets one window around its
    centre (kept inside the recording); a longer one gets windows every ``hop_s`` plus one ending
    at the region's end.
    """
    rows: list[tuple[float, float, float, float]] = []
    for start, end in sorted(regions):
        start, end = max(0.0, float(start)), min(float(duration_s), float(end))
        if end <= start:
            continue
        if end - start <= window_s:
            lo = min(max(0.0, (start + end - window_s) / 2), max(0.0, duration_s - window_s))
            rows.append((lo, min(lo + window_s, duration_s), start, end))
            continue
        count = math.ceil((end - start - window_s) / hop_s - 1e-9) + 1
        lows = np.minimum(start + hop_s * np.arange(count), end - window_s)
        own = _own_spans(lows, window_s, start, end)
        rows.extend((lo, lo + window_s, own[i, 0], own[i, 1]) for i, lo in enumerate(lows))
    return np.asarray(rows, dtype=np.float64).reshape(-1, 4)


def _own_spans(lows: np.ndarray, window_s: float, start: float, end: float) -> np.ndarray:
    """(n, 2): the region [start, end] cut half-way between consecutive window centres."""
    centres = np.asarray(lows) + window_s / 2
    cuts = np.concatenate([[start], (centres[1:] + centres[:-1]) / 2, [end]])
    return np.stack([cuts[:-1], cuts[1:]], axis=1)


def refine_changes(samples: Samples, plan: np.ndarray, labels: np.ndarray, centroids: np.ndarray,
                   embedder: SpeakerEmbedder, window_s: float = 1.5) -> tuple[np.ndarray, np.ndarray]:
    """Where two neighbouring windows of one speech region disagree, add windows every
    _REFINE_STEP_S between them, each labelled by its nearest centroid, and re-cut the own spans:
    the change is then placed to within a quarter second instead of a hop, for a few more windows.
    """
    same_region = np.abs(plan[1:, 2] - plan[:-1, 3]) < 1e-9
    changes = np.flatnonzero(same_region & (labels[1:] != labels[:-1]))
    if changes.size == 0:
        return plan, labels
    region = np.concatenate([[0], np.cumsum(~same_region)])
    lows = [np.arange(plan[i, 0] + _REFINE_STEP_S, plan[i + 1, 0] - 1e-6, _REFINE_STEP_S) for i in changes]
    extra_lows = np.concatenate(lows)
    extra = np.stack([extra_lows, extra_lows + window_s] + [extra_lows] * 2, axis=1)
    extra_labels = np.argmax(_unit(embed_windows(samples, extra, embedder, window_s)) @ centroids.T, axis=1)
    all_lows = np.concatenate([plan[:, 0], extra_lows])
    all_region = np.concatenate([region, np.repeat(region[changes], [len(x) for x in lows])])
    all_labels = np.concatenate([labels, extra_labels])
    order = np.lexsort((all_lows, all_region))
    all_lows, all_region, all_labels = all_lows[order], all_region[order], all_labels[order]
    rows = []
    for r in np.unique(region):
        own = _own_spans(all_lows[all_region == r], window_s, plan[region == r, 2].min(), plan[region == r, 3].max())
        rows.append(np.column_stack([all_lows[all_region == r], all_lows[all_region == r] + window_s, own]))
    return np.concatenate(rows), all_labels


def embed_windows(samples: Samples, plan: np.ndarray, embedder: SpeakerEmbedder,
                  window_s: float = 1.5) -> np.ndarray:
    """(n, 192) embeddings of the planned windows, cut and embedded ``embedder.batch_size`` at a time."""
    length = int(round(window_s * SAMPLE_RATE_HZ))
    _, read = _reader(samples)
    out = np.empty((plan.shape[0], EMBEDDING_DIM), dtype=np.float32)
    for first in range(0, plan.shape[0], embedder.batch_size):
        starts = np.round(plan[first: first + embedder.batch_size, 0] * SAMPLE_RATE_HZ).astype(int)
        batch = np.zeros((starts.shape[0], length), dtype=np.float32)
        for i, start in enumerate(starts):
            piece = read(start, start + length)  # shorter only when the recording is
            batch[i, : piece.shape[0]] = piece
        out[first: first + starts.shape[0]] = embedder.embed(batch)
    return out


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _spectral_embedding(unit: np.ndarray, speakers: int | None, max_speakers: int) -> tuple[np.ndarray, int]:
    """Eigenvectors of the pruned cosine-affinity Laplacian, and the number of speakers."""
    from scipy.linalg import eigh

    n = unit.shape[0]
    affinity = unit @ unit.T
    keep = min(n, max(_PRUNE_MIN, int(math.ceil(_PRUNE_FRACTION * n))))
    threshold = np.partition(affinity, n - keep, axis=1)[:, n - keep][:, None]
    affinity = np.where(affinity >= threshold, affinity, 0.0)
    affinity = 0.5 * (affinity + affinity.T)
    np.fill_diagonal(affinity, 0.0)
    laplacian = np.diag(np.abs(affinity).sum(axis=1)) - affinity
    top = min(n - 1, max_speakers if speakers is None else speakers)
    values, vectors = eigh(laplacian, subset_by_index=[0, top])
    if speakers is None:
        # The number of near-zero eigenvalues before the largest jump is the number of groups.
        speakers = int(np.argmax(np.diff(values[: max_speakers + 1]))) + 1
    return vectors[:, :speakers], speakers


def cluster_embeddings(embeddings: np.ndarray, speakers: int | None = 2, max_speakers: int = 8) -> np.ndarray:
    """Speaker label per embedding (0..k-1, in order of first appearance); ``speakers=None`` estimates k."""
    from sklearn.cluster import KMeans

    n = embeddings.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    unit = _unit(np.asarray(embeddings, dtype=np.float64))
    if speakers == 1 or n < 3:
        return np.zeros(n, dtype=np.int64)
    if speakers is not None and n <= speakers:
        return np.arange(n, dtype=np.int64)
    subset = np.unique(np.linspace(0, n - 1, min(n, _MAX_CLUSTER_WINDOWS)).round().astype(int))
    spectral, k = _spectral_embedding(unit[subset], speakers, max_speakers)
    labels = np.zeros(len(subset), dtype=np.int64)
    if k > 1:
        labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(spectral)
    centroids = _unit(np.stack([unit[subset][labels == c].mean(axis=0) for c in range(k)]))
    merged = _merge_close(centroids, _MERGE_COSINE if speakers is None else _ONE_VOICE_COSINE)
    if merged.shape[0] < k:
        logger.info("diarization: %d clusters sound like %d voice(s); merged", k, merged.shape[0])
    if len(subset) < n or speakers is None or merged.shape[0] < k:
        labels = np.argmax(unit @ merged.T, axis=1)
    return _relabel_by_first(labels)


def _merge_close(centroids: np.ndarray, threshold: float) -> np.ndarray:
    """Merge centroids whose cosine is at least ``threshold`` (a split of one voice in two)."""
    groups = [[i] for i in range(centroids.shape[0])]
    while len(groups) > 1:
        means = _unit(np.stack([centroids[g].mean(axis=0) for g in groups]))
        sims = means @ means.T
        np.fill_diagonal(sims, -1.0)
        a, b = np.unravel_index(np.argmax(sims), sims.shape)
        if sims[a, b] < threshold:
            break
        groups[a].extend(groups[b])
        del groups[b]
    return _unit(np.stack([centroids[g].mean(axis=0) for g in groups]))


def _relabel_by_first(labels: np.ndarray) -> np.ndarray:
    order = {}
    for label in labels.tolist():
        order.setdefault(label, len(order))
    return np.array([order[label] for label in labels.tolist()], dtype=np.int64)


def turns_from_windows(plan: np.ndarray, labels: np.ndarray) -> tuple[SpeakerTurn, ...]:
    """Each window's own span with its label; touching spans of one speaker are merged."""
    turns: list[SpeakerTurn] = []
    for (_, _, own_start, own_end), label in sorted(zip(plan.tolist(), labels.tolist()), key=lambda r: r[0][2]):
        if turns and turns[-1].speaker == label and own_start - turns[-1].end_s < 1e-6:
            turns[-1] = SpeakerTurn(turns[-1].start_s, max(turns[-1].end_s, own_end), int(label))
        else:
            turns.append(SpeakerTurn(round(own_start, 3), round(own_end, 3), int(label)))
    return tuple(SpeakerTurn(round(t.start_s, 3), round(t.end_s, 3), t.speaker) for t in turns)


def diarize(samples: Samples, embedder: SpeakerEmbedder, options: DiarizeOptions | None = None,
            speech: Sequence[tuple[float, float]] | None = None) -> Diarization:
    """Split a 16 kHz mono recording into speakers.

    samples: float32 in [-1, 1], a 1-D array or a MonoReader (read a window at a time, so a
        spooled 2-hour call needs no array of its length).
    speech: speech regions (start_s, end_s) if the caller already has them; default Silero VAD.
    Returns a Diarization; a recording without speech gives no turns and num_speakers 0.
    """
    options = (options or DiarizeOptions()).validate()
    total, _ = _reader(samples)
    duration_s = total / SAMPLE_RATE_HZ
    regions = speech_regions(samples) if speech is None else list(speech)
    plan = plan_windows(regions, duration_s, options.window_s, options.hop_s)
    if plan.shape[0] == 0:
        return Diarization((), 0, np.zeros((0, EMBEDDING_DIM), dtype=np.float32), duration_s)
    embeddings = embed_windows(samples, plan, embedder, options.window_s)
    labels = cluster_embeddings(embeddings, options.speakers, options.max_speakers)
    k = int(labels.max()) + 1
    centroids = _unit(np.stack([embeddings[labels == c].mean(axis=0) for c in range(k)])).astype(np.float32)
    if options.refine:
        plan, labels = refine_changes(samples, plan, labels, centroids, embedder, options.window_s)
    logger.debug("diarized %.1f s: %d windows, %d speakers", duration_s, plan.shape[0], k)
    return Diarization(turns_from_windows(plan, labels), k, centroids, duration_s)


def word_votes(words: Sequence[tuple[float, float]], diarization: Diarization) -> np.ndarray:
    """(n_words, num_speakers) seconds of each speaker's turns overlapping each word.

    A word outside every turn (the VAD missed it) votes for the nearest turn. Turns vote rather
    than windows, which reach past a speaker change: words right 0.998 vs 0.994 on the samples.
    """
    spans = np.asarray(words, dtype=np.float64).reshape(-1, 2)
    votes = np.zeros((spans.shape[0], max(1, diarization.num_speakers)))
    if not diarization.turns:
        return votes
    turns = np.array([(t.start_s, t.end_s) for t in diarization.turns])
    speakers = np.array([t.speaker for t in diarization.turns])
    for i, (start, end) in enumerate(spans):
        overlap = np.minimum(turns[:, 1], max(end, start + 1e-3)) - np.maximum(turns[:, 0], start)
        if (overlap > 0).any():
            np.add.at(votes[i], speakers[overlap > 0], overlap[overlap > 0])
        else:
            gap = np.maximum(turns[:, 0] - end, start - turns[:, 1])
            votes[i, speakers[np.argmin(gap)]] = 1.0
    return votes


def sentence_ends(texts: Sequence[str]) -> list[bool]:
    """True for each word that ends a sentence (its text ends in '.', '?' or '!', quotes aside)."""
    return [t.strip().rstrip("\"')]\u201d\u2019").endswith((".", "?", "!")) for t in texts]


def attribute_words(words: Sequence[tuple[float, float]], diarization: Diarization,
                    sentence_ends: Sequence[bool] | None = None, min_run_s: float = 0.3) -> list[int]:
    """Speaker index per word: the turn that overlaps it most, then smoothed within sentences.

    words: (start_s, end_s) per word, in time order (Whisper word timestamps).
    sentence_ends: True where a sentence ends after the word (see ``sentence_ends``); None: the
        whole call is one sentence.
    min_run_s: inside a sentence, a run of words given one speaker shorter than this (seconds)
        takes its longer neighbour's speaker; longer runs stand, so a sentence Whisper ran across
        a change of speaker is split there. 0.3 s (default) and 0 gave the same words on the
        sample calls and pyannote's; 0.5 s and more cost words in its quick exchanges.
    Returns -1 for every word when the diarization found no speaker.
    """
    spans = np.asarray(words, dtype=np.float64).reshape(-1, 2)
    if diarization.num_speakers == 0:
        return [-1] * spans.shape[0]
    labels = word_votes(spans, diarization).argmax(axis=1)
    ends = list(sentence_ends) if sentence_ends is not None else [False] * spans.shape[0]
    if len(ends) != spans.shape[0]:
        raise InputError(f"sentence_ends has {len(ends)} entries for {spans.shape[0]} words; pass one per word")
    first = 0
    for i in range(spans.shape[0]):
        if ends[i] or i == spans.shape[0] - 1:
            labels[first: i + 1] = smooth_runs(spans[first: i + 1], labels[first: i + 1], min_run_s)
            first = i + 1
    return [int(x) for x in labels]


def smooth_runs(spans: np.ndarray, labels: np.ndarray, min_run_s: float) -> np.ndarray:
    """Relabel runs shorter than ``min_run_s`` (shortest first) to the longer neighbouring run."""
    labels = np.array(labels, dtype=np.int64)
    while True:
        bounds = np.concatenate([[0], np.flatnonzero(np.diff(labels)) + 1, [labels.shape[0]]])
        lengths = np.array([spans[b - 1, 1] - spans[a, 0] for a, b in zip(bounds[:-1], bounds[1:])])
        shortest = int(np.argmin(lengths))
        if lengths.shape[0] < 2 or lengths[shortest] >= min_run_s:
            return labels
        donor = max((j for j in (shortest - 1, shortest + 1) if 0 <= j < lengths.shape[0]), key=lambda j: lengths[j])
        labels[bounds[shortest]: bounds[shortest + 1]] = labels[bounds[donor]]


def voiceprint(samples: Samples, embedder: SpeakerEmbedder, speech: Sequence[tuple[float, float]] | None = None,
               options: DiarizeOptions | None = None) -> np.ndarray | None:
    """Unit-length mean embedding of one speaker's audio (e.g. the rep's channel of a stereo call).

    Returns None when there is no speech to learn from.
    """
    options = (options or DiarizeOptions()).validate()
    total, _ = _reader(samples)
    regions = speech_regions(samples) if speech is None else list(speech)
    plan = plan_windows(regions, total / SAMPLE_RATE_HZ, options.window_s, options.hop_s)
    if plan.shape[0] == 0:
        return None
    return _unit(embed_windows(samples, plan, embedder, options.window_s).mean(axis=0)).astype(np.float32)


def match_voiceprints(centroids: np.ndarray, enrolled: Mapping[str, np.ndarray],
                      threshold: float = VOICEPRINT_THRESHOLD) -> list[str | None]:
    """Name per speaker centroid: the enrolled voiceprint with the highest cosine >= threshold.

    Each name goes to at most one speaker (best pairs first); the others get None.
    """
    names = list(enrolled)
    result: list[str | None] = [None] * centroids.shape[0]
    if not names or centroids.shape[0] == 0:
        return result
    prints = _unit(np.stack([np.asarray(enrolled[n], dtype=np.float64).reshape(-1) for n in names]))
    sims = _unit(np.asarray(centroids, dtype=np.float64)) @ prints.T
    for flat in np.argsort(-sims, axis=None):
        row, col = divmod(int(flat), len(names))
        if sims[row, col] < threshold:
            break
        if result[row] is None and names[col] not in result:
            result[row] = names[col]
    return result
