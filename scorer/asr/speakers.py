"""Who speaks on which signal of a recording, and the utterances that follow from it.

``plan_channels`` decides what is transcribed: a stereo call's two channels (one party
each), or one signal (a mono file, a stereo file whose channels carry the same signal, or
more than two channels mixed down). ``stereo_roles`` and ``mono_utterances`` turn the
decoded segments into utterances with the speaker fields the roles code relies on:

- stereo, ``rep_channel=None`` (default, auto): speaker ``unknown``, ``speaker_name``
  ``Left channel`` / ``Right channel``, roles ``unknown`` (which channel is the rep is
  decided later, from what is said);
- stereo, ``rep_channel`` 0 or 1: ``rep`` / ``customer``, the same names, roles ``channel``;
- one signal, diarized (default): speaker ``unknown``, ``speaker_name`` ``Speaker 1``,
  ``Speaker 2`` ... by first appearance; an utterance never spans two speakers; roles
  ``unknown``;
- one signal, ``diarize=False``: speaker ``unknown``, no name (Whisper's segments split at
  pauses), roles ``unknown``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from scorer.asr.decode import DecodedAudio, SpooledAudio, mix_down
from scorer.asr.signal import Reader, same_signal
from scorer.asr.turns import Segment, labelled_turns, turns, units
from scorer.types import Utterance

logger = logging.getLogger("scorer")

CHANNEL_NAMES = ("Left channel", "Right channel")
"""``speaker_name`` of the utterances of channel 0 and channel 1 of a stereo call."""


@dataclass(frozen=True)
class ChannelPlan:
    """The signals to transcribe: two channels in channel order (``stereo``), or one."""

    readers: tuple[Reader, ...]
    stereo: bool


class _SignalReader:
    """A ``Reader`` with ``num_samples``: what ``scorer.asr.diarize`` reads a long call through."""

    def __init__(self, read: Reader, num_samples: int) -> None:
        self._read, self.num_samples = read, num_samples

    def read(self, start: int, stop: int) -> np.ndarray:
        return self._read(start, stop)


def plan_channels(audio: DecodedAudio | SpooledAudio) -> ChannelPlan:
    """Two channels for a stereo call, else one signal (see the module docstring)."""
    def channel(i: int) -> Reader:
        return lambda a, b: audio.read(i, a, b)

    if audio.num_channels == 2 and not same_signal(channel(0), channel(1), audio.num_samples):
        return ChannelPlan((channel(0), channel(1)), stereo=True)
    if audio.num_channels == 2:
        logger.info("%s: both channels carry the same signal; transcribed as one", audio.path)
        return ChannelPlan((channel(0),), stereo=False)
    if audio.num_channels == 1:
        return ChannelPlan((channel(0),), stereo=False)
    logger.warning("%s: %d channels; mixed down to one", audio.path, audio.num_channels)

    def mixed(a: int, b: int) -> np.ndarray:
        return mix_down([audio.read(i, a, b) for i in range(audio.num_channels)])

    return ChannelPlan((mixed,), stereo=False)


def stereo_roles(segments: list[list[Segment]], rep_channel: int | None
                 ) -> tuple[list[Utterance], str, str]:
    """(utterances, roles, roles_detail) of a stereo call's two channels' segments."""
    names: list[str | None] = list(CHANNEL_NAMES)
    if rep_channel is None:
        detail = ("stereo: one party per channel; which channel is the rep is not decided "
                  "from the audio (--rep-channel 0 or 1 says it)")
        return turns(segments, ["unknown", "unknown"], names), "unknown", detail
    speakers = ["rep", "customer"] if rep_channel == 0 else ["customer", "rep"]
    side = "left" if rep_channel == 0 else "right"
    detail = f"the {side} channel is the rep (--rep-channel {rep_channel})"
    return turns(segments, speakers, names), "channel", detail


def speaker_names(labels: list[int]) -> dict[int, str]:
    """``Speaker 1``, ``Speaker 2`` ... for the labels in order of first appearance."""
    names: dict[int, str] = {}
    for label in labels:
        if label >= 0 and label not in names:
            names[label] = f"Speaker {len(names) + 1}"
    return names


def mono_utterances(segments: list[Segment], read: Reader | None, num_samples: int,
                    embedder: Any = None, speakers: int | None = 2) -> tuple[list[Utterance], str]:
    """(utterances, roles_detail) of one signal's segments.

    With ``embedder`` (a ``scorer.asr.diarize.SpeakerEmbedder``) the signal ``read`` is
    diarized into ``speakers`` (None: as many as found) and each word takes its speaker
    (``scorer.asr.diarize.attribute_words``); without, every utterance is one unknown speaker.
    """
    if embedder is None or read is None:
        return turns([segments], ["unknown"]), "one signal, not diarized: speakers unknown"
    from scorer.asr import diarize as dz

    words = [u for seg in segments for u in units(seg)]
    if not words:
        return [], "one signal: no speech"
    diarization = dz.diarize(_SignalReader(read, num_samples), embedder, dz.DiarizeOptions(speakers=speakers))
    spans = [(w.start_s, w.end_s) for w in words]
    labels = dz.attribute_words(spans, diarization, sentence_ends=dz.sentence_ends([w.text for w in words]))
    if all(label < 0 for label in labels):
        logger.info("diarization found no speaker; speakers left unknown")
        return turns([segments], ["unknown"]), "one signal: diarization found no speaker"
    names = speaker_names(labels)
    utterances = labelled_turns(segments, labels, names)
    utterances.sort(key=lambda u: (u.start_s, u.end_s))
    return utterances, f"one signal, diarized: {len(names)} speaker(s) found; roles not decided"
