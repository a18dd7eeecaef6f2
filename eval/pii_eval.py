"""Measure PII redaction on the labelled call lines (eval/data/pii/<split>.jsonl).

Splits: ``dev`` (25 calls written with the test set), ``dev2`` (22 calls written later,
aimed at the spoken and Whisper forms: e-mail addresses spelled out, cards in every
grouping, read-backs, look-alikes) and ``dev3`` (25 calls by a third writer who never saw
the redactor: cards, bank and routing numbers, licences, SSNs read out every way, cards
read in halves across lines, business numbers that are not personal data) are for tuning;
``--split dev`` reports all three. ``test`` (25 calls, held out since the first round) and
``test2`` (40 calls by a fourth writer, written after ``test`` had been run and never read
while tuning) are held out: run them once per round, never with ``--show-errors``.

Each call's lines are redacted together, as ``Redactor.redact_transcript`` redacts a call
(the question before an answer is context). Scoring is at word level:

- an entity is **found** when every letter and digit inside it is redacted (by any type:
  what matters for privacy is that it is gone); *type ok* is the share of found entities
  whose redaction carries the labelled type;
- a predicted redaction of type T is **correct** when it overlaps a labelled entity;
  precision per type is the share of correct ones;
- a word (whitespace-separated, holding a letter or digit) outside every entity that is
  redacted in part or whole is a **non-PII word removed**.

Tune only on dev, dev2 and dev3. ``--show-errors`` prints the misses and false alarms, for
those two only.

Run (from the repository root)::

    .venv/bin/python -m eval.pii_eval --split dev                 # dev, dev2 and dev3
    .venv/bin/python -m eval.pii_eval --split dev3 --show-errors
    .venv/bin/python -m eval.pii_eval --split both --json eval/results/pii_eval.json
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from scorer.redact import ALL_TYPES, Redactor
from scorer.types import Transcript, Utterance

DATA = Path(__file__).resolve().parent / "data" / "pii"
TARGETS = {"CARD": 0.95, "SSN": 0.95, "PHONE": 0.95, "EMAIL": 0.95, "NAME": 0.85, "ADDRESS": 0.85}
MAX_NON_PII_REMOVED = 0.02
#: What each --split value runs (files in --data, without .jsonl).
SPLITS = {"dev": ("dev", "dev2", "dev3"), "dev2": ("dev2",), "dev3": ("dev3",), "test": ("test",),
          "test2": ("test2",), "held-out": ("test", "test2"), "both": ("dev", "dev2", "dev3", "test", "test2")}
HELD_OUT = ("test", "test2")


@dataclass
class Line:
    id: str
    call: str
    speaker: str
    text: str
    entities: list[tuple[str, int, int]]  # (type, start, end)


@dataclass
class Tally:
    gold: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    type_ok: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    predicted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    words: int = 0
    words_removed: int = 0
    errors: list[str] = field(default_factory=list)


def load_lines(path: Path) -> list[Line]:
    """The labelled lines, each entity located in its line (``occurrence`` is 1-based)."""
    lines = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        row = json.loads(raw)
        ents = []
        for e in row.get("entities", []):
            at, occ = -1, int(e.get("occurrence", 1))
            for _ in range(occ):
                at = row["text"].find(e["text"], at + 1)
            if at < 0:
                raise SystemExit(f"{path}:{n}: entity {e['text']!r} is not in the line text")
            ents.append((e["type"], at, at + len(e["text"])))
        lines.append(Line(row["id"], row["call"], row.get("speaker", "unknown"), row["text"], ents))
    return lines


def calls_of(lines: list[Line]) -> dict[str, list[Line]]:
    calls: dict[str, list[Line]] = {}
    for line in lines:
        calls.setdefault(line.call, []).append(line)
    return calls


def transcript_of(call: str, lines: list[Line]) -> Transcript:
    speaker = {"rep": "rep", "customer": "customer"}
    utts = tuple(Utterance(speaker=speaker.get(x.speaker, "unknown"), start_s=float(i),  # type: ignore[arg-type]
                           end_s=i + 0.9, text=x.text) for i, x in enumerate(lines))
    return Transcript(call_id=call, utterances=utts, duration_s=float(len(lines)), source_format="json")


def _alnum(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


def score_line(line: Line, reds: list[tuple[str, int, int]], tally: Tally, show: bool) -> None:
    covered: dict[int, str] = {}
    for etype, a, b in reds:
        for i in range(a, b):
            covered[i] = etype
    pii_chars: set[int] = set()
    for etype, a, b in line.entities:
        chars = _alnum(line.text, a, b)
        pii_chars |= chars
        tally.gold[etype] += 1
        if chars and chars <= covered.keys():
            tally.found[etype] += 1
            tally.type_ok[etype] += any(covered[i] == etype for i in chars)
        elif show:
            tally.errors.append(f"MISS {etype:<14} {line.text[a:b]!r}  in {line.id}: {line.text}")
    for etype, a, b in reds:
        tally.predicted[etype] += 1
        if _alnum(line.text, a, b) & pii_chars:
            tally.correct[etype] += 1
        elif show:
            tally.errors.append(f"FALSE {etype:<13} {line.text[a:b]!r}  in {line.id}: {line.text}")
    for m in re.finditer(r"\S+", line.text):
        chars = _alnum(line.text, m.start(), m.end())
        if not chars or chars & pii_chars:
            continue
        tally.words += 1
        tally.words_removed += bool(chars & covered.keys())


def evaluate(redactor: Redactor, path: Path, show: bool) -> tuple[Tally, float, int]:
    tally = Tally()
    calls = calls_of(load_lines(path))
    t0 = time.perf_counter()
    for call, lines in calls.items():
        out = redactor.redact_transcript(transcript_of(call, lines))
        per_line: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
        for r in out.redactions:
            per_line[r.utterance_index].append((r.entity_type, r.start, r.end))
        for i, line in enumerate(lines):
            score_line(line, per_line[i], tally, show)
    return tally, time.perf_counter() - t0, len(calls)


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def report(split: str, tally: Tally, seconds: float, ncalls: int) -> dict[str, object]:
    rows = {}
    print(f"\n## {split}: {ncalls} calls, {sum(tally.gold.values())} entities, "
          f"{seconds:.1f} s ({seconds / max(ncalls, 1):.3f} s per call)\n")
    print("| type | entities | recall | type ok | redactions | precision | target |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t in ALL_TYPES:
        if not tally.gold[t] and not tally.predicted[t]:
            continue
        recall = _ratio(tally.found[t], tally.gold[t])
        rows[t] = {"entities": tally.gold[t], "recall": recall,
                   "type_ok": _ratio(tally.type_ok[t], tally.found[t]),
                   "redactions": tally.predicted[t],
                   "precision": _ratio(tally.correct[t], tally.predicted[t])}
        target = TARGETS.get(t)
        mark = "" if target is None or recall is None else (" ok" if recall >= target else " MISSED")
        print(f"| {t} | {tally.gold[t]} | {_fmt(recall)} | {_fmt(rows[t]['type_ok'])} | "
              f"{tally.predicted[t]} | {_fmt(rows[t]['precision'])} | "
              f"{'' if target is None else f'>= {target}{mark}'} |")
    overall = {"recall": _ratio(sum(tally.found.values()), sum(tally.gold.values())),
               "precision": _ratio(sum(tally.correct.values()), sum(tally.predicted.values())),
               "non_pii_words": tally.words,
               "non_pii_removed": _ratio(tally.words_removed, tally.words)}
    print(f"| overall | {sum(tally.gold.values())} | {_fmt(overall['recall'])} | | "
          f"{sum(tally.predicted.values())} | {_fmt(overall['precision'])} | |")
    removed = overall["non_pii_removed"]
    print(f"\nnon-PII words removed: {tally.words_removed} of {tally.words} = {_fmt(removed)} "
          f"(target < {MAX_NON_PII_REMOVED})")
    return {"types": rows, "overall": overall, "calls": ncalls, "seconds": round(seconds, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=tuple(SPLITS), default="dev",
                    help="dev: dev, dev2 and dev3 (tuning); test, test2, held-out: the held-out sets; both: all")
    ap.add_argument("--data", type=Path, default=DATA, help="folder of the split files (<split>.jsonl)")
    ap.add_argument("--show-errors", action="store_true",
                    help="print misses and false alarms (dev splits only)")
    ap.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    args = ap.parse_args(argv)
    if args.show_errors and set(HELD_OUT) & set(SPLITS[args.split]):
        ap.error("--show-errors is for the dev splits only: tune on dev, dev2 and dev3, measure the held-out sets once")
    t0 = time.perf_counter()
    redactor = Redactor()
    print(f"analyzer loaded in {time.perf_counter() - t0:.2f} s")
    results = {}
    for split in SPLITS[args.split]:
        path = args.data / f"{split}.jsonl"
        if not path.exists():
            print(f"{path} does not exist", file=sys.stderr)
            return 1
        tally, seconds, ncalls = evaluate(redactor, path, args.show_errors)
        results[split] = report(split, tally, seconds, ncalls)
        if args.show_errors:
            print("\n" + "\n".join(tally.errors))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
