"""The batched pipeline's clips: speech pieces found only where a channel is not silent,
packed in time order across channels, and each decoded word taken back to its channel.

No Whisper model: the VAD (Silero, ONNX) runs on real speech; the rest is numpy.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scorer.asr import clips as clips_module
from scorer.asr.batched import sentences
from scorer.asr.clips import CLIP_S, ClipMap, Piece, loud_spans, pack, speech_pieces
from scorer.asr.decode import SAMPLE_RATE, decode_audio
from scorer.asr.signal import FRAME, frame_levels_dbfs
from scorer.types import Word

AUDIO = Path(__file__).parent / "data" / "audio"
SR = SAMPLE_RATE


@pytest.fixture(scope="module")
def speech() -> np.ndarray:
    return decode_audio(AUDIO / "speech_16k.flac").channels[0]


def _levels(x: np.ndarray) -> np.ndarray:
    return frame_levels_dbfs(lambda a, b: x[a:b], x.shape[0])


def test_loud_spans_skip_digital_silence_with_a_margin() -> None:
    levels = np.full(500, -200.0)  # 10 s of digital silence...
    levels[100:150] = -20.0        # ...with speech at 2-3 s
    levels[170:180] = -30.0        # and 3.4-3.6 s (joined: the gap is under 1 s)
    levels[400:410] = -30.0        # and 8-8.2 s
    spans = loud_spans(levels, 0, 500 * FRAME)
    assert spans == [((100 - 25) * FRAME, (180 + 25) * FRAME), ((400 - 25) * FRAME, (410 + 25) * FRAME)]
    assert loud_spans(np.full(500, -200.0), 0, 500 * FRAME) == []
    # Inside a window that starts later, spans are clipped to the window.
    assert loud_spans(levels, 120 * FRAME, 500 * FRAME)[0][0] == 120 * FRAME


def test_pack_keeps_time_order_across_channels_and_fills_clips() -> None:
    s = SR
    pieces = [Piece(1, 12 * s, 20 * s), Piece(0, 0, 10 * s), Piece(0, 21 * s, 31 * s), Piece(1, 33 * s, 43 * s)]
    packed = pack(pieces, gap_s=0.5)
    assert packed == [[Piece(0, 0, 10 * s), Piece(1, 12 * s, 20 * s), Piece(0, 21 * s, 31 * s)],
                      [Piece(1, 33 * s, 43 * s)]]
    for clip in packed:
        used = sum(p.stop - p.start for p in clip) + int(0.5 * s) * (len(clip) - 1)
        assert used <= CLIP_S * s
    # With longer gaps the third piece no longer fits the first clip.
    assert [len(c) for c in pack(pieces, gap_s=1.1)] == [2, 2]


def test_clip_map_joins_pieces_and_maps_words_back_to_their_channel() -> None:
    left = np.arange(10 * SR, dtype=np.float32)
    right = -np.arange(10 * SR, dtype=np.float32)
    pieces = [Piece(0, 1 * SR, 3 * SR), Piece(1, 4 * SR, 5 * SR), Piece(0, 6 * SR, 8 * SR)]
    cm = ClipMap([pieces[:2], pieces[2:]], [left, right], offset=0, gap_s=0.5)
    # clip 1: 2 s of left, 0.5 s gap, 1 s of right; clip 2: 2 s of left
    assert cm.clip_spans == [(0.0, 3.5), (3.5, 5.5)]
    np.testing.assert_array_equal(cm.audio[: 2 * SR], left[SR: 3 * SR])
    assert not cm.audio[2 * SR: int(2.5 * SR)].any()
    np.testing.assert_array_equal(cm.audio[int(2.5 * SR): int(3.5 * SR)], right[4 * SR: 5 * SR])
    assert cm.locate(0.5, 0.9) == (0, 1.5, 1.9)          # left, 1 s into the call
    assert cm.locate(2.6, 3.0) == (1, 4.1, 4.5)          # right channel
    assert cm.locate(3.6, 4.0) == (0, 6.1, 6.5)          # second clip
    assert cm.locate(2.05, 2.15) == (0, 3.0, 3.0)        # in the gap, nearer the left piece: clamped
    assert cm.locate(2.35, 2.45)[0] == 1                 # in the gap, nearer the right piece
    assert ClipMap([], [left], 0).locate(0.0, 1.0) is None


def test_windows_of_a_long_call_map_with_their_offset() -> None:
    x = np.ones(100 * SR, dtype=np.float32)
    window = x[60 * SR:]  # a window that starts 60 s into the call
    cm = ClipMap([[Piece(0, 70 * SR, 72 * SR)]], [window], offset=60 * SR)
    assert cm.audio.shape == (2 * SR,)
    assert cm.locate(0.5, 1.0) == (0, 70.5, 71.0)


def test_speech_pieces_find_speech_and_drop_crosstalk(speech: np.ndarray) -> None:
    quiet = np.zeros(SR, dtype=np.float32)
    rep = np.concatenate([quiet, speech, quiet, np.zeros_like(speech), quiet])
    leak = np.concatenate([quiet, speech * 10 ** (-30 / 20), quiet, np.zeros_like(speech), quiet])
    levels, leak_levels = _levels(rep), _levels(leak)
    pieces, dropped = speech_pieces(0, rep, 0, levels, leak_levels)
    assert pieces and not dropped
    assert all(p.channel == 0 for p in pieces)
    assert sum(p.stop - p.start for p in pieces) > 0.6 * speech.shape[0]
    assert pieces[-1].stop <= 2 * SR + speech.shape[0]  # nothing in the silent second half
    leaked, why = speech_pieces(1, leak, 0, leak_levels, levels)
    assert leaked == [] and why and all("crosstalk" in w for w in why)


def test_the_vad_never_runs_over_digital_silence(monkeypatch: pytest.MonkeyPatch, speech: np.ndarray) -> None:
    seen: list[int] = []
    real = clips_module.vad_regions

    def counting(samples: np.ndarray) -> list[tuple[int, int]]:
        seen.append(samples.shape[0])
        return real(samples)

    monkeypatch.setattr(clips_module, "vad_regions", counting)
    silent = np.zeros(60 * SR, dtype=np.float32)
    assert speech_pieces(0, silent, 0, _levels(silent), None) == ([], [])
    assert seen == []
    half = np.concatenate([speech, np.zeros(60 * SR, dtype=np.float32)])
    speech_pieces(0, half, 0, _levels(half), None)
    assert sum(seen) < speech.shape[0] + 2 * SR  # the speech and its margins, not the minute of silence


def test_sentences_cut_at_sentence_ends_and_pauses() -> None:
    words = [(Word("Hi", 0.0, 0.2), " Hi"), (Word("there.", 0.3, 0.6), " there."),
             (Word("How", 0.8, 1.0), " How"), (Word("are", 1.1, 1.2), " are"),
             (Word("you", 3.0, 3.2), " you"), (Word("doing?", 3.3, 3.6), " doing?")]
    segs = sentences(words)
    assert [s.text for s in segs] == ["Hi there.", "How are", "you doing?"]
    assert segs[0].spacing == (" Hi", " there.") and segs[2].start_s == 3.0
