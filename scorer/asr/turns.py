"""Whisper's segments regrouped into turns: the ``Utterance``s of a transcript.

An ``Utterance`` is one turn, rebuilt from the words Whisper timed (see ``turns``): it ends
where the other party speaks or after a pause of ``TURN_PAUSE_S``; in a mono recording only
the pause splits. Segments come from the engines in the time line of the audio they were
given; ``shifted`` and ``restore_speech_times`` move them into the channel's own time line.
"""
from __future__ import annotations

import bisect
from typing import Any, NamedTuple

from scorer.types import Utterance, Word

TURN_PAUSE_S = 1.5
"""A silence at least this long (s) inside one party's speech starts a new utterance."""


class Segment(NamedTuple):
    """A decoded span of one channel: its text and timed words (internal to ``scorer.asr``)."""

    start_s: float
    end_s: float
    text: str
    words: tuple[Word, ...]
    spacing: tuple[str, ...] = ()  # each word as Whisper wrote it: " Twenty", "-two"


def units(seg: Segment) -> list[Segment]:
    """A segment as its words (one unit each), or whole where Whisper gave no word times."""
    if not seg.words:
        return [seg]
    spacing = seg.spacing if len(seg.spacing) == len(seg.words) else (" ",) * len(seg.words)
    return [Segment(w.start_s, w.end_s, raw if raw.strip() == w.text else " " + w.text, (w,))
            for w, raw in zip(seg.words, spacing)]


def turns(channel_segments: list[list[Segment]], speakers: list[str],
          names: list[str | None] | None = None) -> list[Utterance]:
    """Regroup each channel's words into utterances, one per turn, in start-time order.

    In a stereo call a new utterance starts where the other party speaks between two words
    or where the speaker pauses ``TURN_PAUSE_S`` or more: Whisper's own segments are not
    turns (one turn comes out as several segments, and faster-whisper's VAD joins speech
    chunks so that a segment can run across the other party's turn). With one channel the
    speakers are unknown, so Whisper's segments are kept, split only at such pauses.
    ``names`` gives each channel's ``speaker_name`` (default none).
    """
    names = names if names is not None else [None] * len(speakers)
    mono = len(channel_segments) != 2
    word_starts = [sorted(u.start_s for seg in segs for u in units(seg)) for segs in channel_segments]
    utterances: list[Utterance] = []
    for i, (segs, speaker, name) in enumerate(zip(channel_segments, speakers, names)):
        other = [] if mono else word_starts[1 - i]
        current: list[Segment] = []
        for seg in segs:
            for j, unit in enumerate(units(seg)):
                if current and ((mono and j == 0)
                                or turn_ends(current[-1].end_s, unit.start_s, other)):
                    utterances.append(utterance(current, speaker, name))
                    current = []
                current.append(unit)
        if current:
            utterances.append(utterance(current, speaker, name))
    order = {"rep": 0, "customer": 1, "unknown": 2}
    utterances.sort(key=lambda u: (u.start_s, u.end_s, order[u.speaker]))
    return utterances


def turn_ends(prev_end_s: float, next_start_s: float, other_starts: list[float]) -> bool:
    """True when a pause, or the other party's speech, lies between two words."""
    if next_start_s - prev_end_s >= TURN_PAUSE_S:
        return True
    at = bisect.bisect_left(other_starts, prev_end_s)
    return at < len(other_starts) and other_starts[at] < next_start_s


def utterance(units: list[Segment], speaker: str, name: str | None = None) -> Utterance:
    """One utterance of word units (``units``) or whole segments."""
    # Word units keep Whisper's own spacing ("Twenty" + "-two" is "Twenty-two").
    text = "".join(u.text if u.words else " " + u.text for u in units)
    return Utterance(speaker=speaker, start_s=units[0].start_s, end_s=max(u.end_s for u in units),
                     text=" ".join(text.split()),
                     words=tuple(w for u in units for w in u.words), speaker_name=name)


def labelled_turns(segments: list[Segment], labels: list[int], names: dict[int, str]) -> list[Utterance]:
    """Utterances of one signal whose words carry speaker labels (diarized mono audio).

    ``labels`` has one entry per word unit (``units``) of ``segments``, in order; an
    utterance ends where the label changes or after a pause of ``TURN_PAUSE_S``, so it
    never spans two speakers. Speakers are ``unknown``, named by ``names[label]``.
    """
    word_units = [u for seg in segments for u in units(seg)]
    if len(word_units) != len(labels):
        raise ValueError(f"{len(labels)} speaker labels for {len(word_units)} words")
    out: list[Utterance] = []
    current: list[Segment] = []
    current_label = labels[0] if labels else -1
    for unit, label in zip(word_units, labels):
        if current and (label != current_label or unit.start_s - current[-1].end_s >= TURN_PAUSE_S):
            out.append(utterance(current, "unknown", names.get(current_label)))
            current = []
        if not current:
            current_label = label
        current.append(unit)
    if current:
        out.append(utterance(current, "unknown", names.get(current_label)))
    return out


def shifted(seg: Segment, offset_s: float) -> Segment:
    """``seg`` moved ``offset_s`` later (a window's segment into the channel's time line)."""
    if not offset_s:
        return seg
    words = tuple(Word(w.text, round(w.start_s + offset_s, 3), round(w.end_s + offset_s, 3), w.probability)
                  for w in seg.words)
    return Segment(round(seg.start_s + offset_s, 3), round(seg.end_s + offset_s, 3), seg.text, words,
                   seg.spacing)


def restore_speech_times(seg: Segment, speech_map: Any) -> Segment:
    """A segment decoded from joined-up speech regions, in the channel's own time line.

    ``speech_map`` is faster-whisper's ``SpeechTimestampsMap`` over those regions. Both ends
    of a word come from the region holding its middle, as faster-whisper does: a word never
    stretches across removed silence.
    """
    def time(t: float, region: int) -> float:
        return speech_map.get_original_time(t, region)

    words = tuple(Word(w.text, time(w.start_s, r), time(w.end_s, r), w.probability)
                  for w in seg.words
                  for r in [speech_map.get_chunk_index((w.start_s + w.end_s) / 2)])
    if words:
        return Segment(words[0].start_s, max(w.end_s for w in words), seg.text, words, seg.spacing)
    return Segment(time(seg.start_s, speech_map.get_chunk_index(seg.start_s)),
                   time(seg.end_s, speech_map.get_chunk_index(seg.end_s, is_end=True)), seg.text, ())
