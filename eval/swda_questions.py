"""Question detection measured against human labels: the Switchboard Dialog Act corpus.

Reads ../shared/data/swda/questions.jsonl (relative to the repository root): one JSON object
per conversation, ``{"conversation", "utterances": [{"speaker", "text", "question"}]}`` with
``question`` = ``open`` | ``closed`` | ``none`` | ``skip``. Each line is classified with the
same function the features use (``scorer.features.classify_doc``: a line is a question when
any of its sentences is; its kind is that of the first question sentence), once with the
punctuation as transcribed and once with punctuation and case stripped (as raw ASR can be).

Scoring follows the data's README: ``skip`` lines (rhetorical and backchannel questions) are
left out. A second table counts them as non-questions instead, since a coach does not count
"Really?" as a question either. Transcriber comments ("*listen", "<laughter>", "(( ))") are
removed from the text first, for the baseline and the classifier alike.

The rules were first tuned by looking at conversations 0, 4, 8, ... (every fourth line of
the file: ``tuned``; ``untuned`` is the other three quarters), then, for issue 11, on the
``development`` part: every conversation but the ``held out`` ones, whose CRC-32 of the
conversation id is divisible by 3 and which are not among 0, 4, 8, ... (``in_heldout``);
those were never looked at. ``eval/judgments.py`` scores the same two parts.

    .venv/bin/python eval/swda_questions.py            # everything (about 10 min on 2 cores)
    .venv/bin/python eval/swda_questions.py --every 10 # a quick look at one conversation in 10
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "swda" / "questions.jsonl"
_COMMENT = re.compile(r"\*.*$|<[^>]*>|\(\(|\)\)")


def clean(text: str) -> str:
    """Drop transcriber comments; keep the words and punctuation as transcribed."""
    return " ".join(_COMMENT.sub(" ", text).split())


def strip(text: str) -> str:
    """Lower case, no punctuation but the apostrophes inside words (as raw ASR)."""
    text = re.sub(r"[^\w\s']|(?<!\w)'|'(?!\w)", " ", text.lower())
    return " ".join(text.split())


@dataclass
class Line:
    conversation: int      # position of the conversation in the file
    text: str
    label: str
    conversation_id: str = ""


def in_heldout(line: Line) -> bool:
    """Held out from all tuning: the CRC-32 of the conversation id is divisible by 3, and
    the conversation is not one of 0, 4, 8, ... (which an earlier round read)."""
    return zlib.crc32(line.conversation_id.encode("utf-8")) % 3 == 0 and line.conversation % 4 != 0


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    kind_right: int = 0
    kind_total: int = 0

    def add(self, predicted: str | None, gold: str) -> None:
        is_q = gold in ("open", "closed")
        if predicted and is_q:
            self.tp += 1
            self.kind_total += 1
            self.kind_right += predicted == gold
        elif predicted:
            self.fp += 1
        elif is_q:
            self.fn += 1

    def row(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = f"{self.kind_right / self.kind_total:.3f}" if self.kind_total else "-"
        return (f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {acc} | "
                f"{self.tp + self.fn} | {self.tp + self.fp} |")


def read_lines(path: Path, every: int) -> list[Line]:
    lines = []
    with path.open(encoding="utf-8") as f:
        for i, raw in enumerate(f):
            if i % every:
                continue
            conv = json.loads(raw)
            for u in conv["utterances"]:
                text = clean(u["text"])
                if text:
                    lines.append(Line(i, text, u["question"], conv["conversation"]))
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help=f"questions.jsonl (default {DATA})")
    ap.add_argument("--every", type=int, default=1,
                    help="use one conversation in EVERY (default 1: all)")
    ap.add_argument("--spacy-model", default=None, help="spaCy pipeline (default: the features')")
    ap.add_argument("--batch-size", type=int, default=512)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: {args.data} not found (the Switchboard question labels live in "
              "../shared/data/swda/ next to the repository; see its README)")
        return 0

    from scorer.features import DEFAULT_PIPELINE, classify_doc, load_nlp
    from scorer.features.nlp import parse_texts

    nlp = load_nlp(args.spacy_model or DEFAULT_PIPELINE)
    lines = read_lines(args.data, args.every)
    conversations = len({ln.conversation for ln in lines})
    print(f"{len(lines)} lines from {conversations} conversations; pipeline "
          f"{nlp.meta.get('name')} {nlp.meta.get('version')}", flush=True)

    parts = {"all": lambda ln: True, "tuned": lambda ln: ln.conversation % 4 == 0,
             "untuned": lambda ln: ln.conversation % 4 != 0,
             "held out": in_heldout, "development": lambda ln: not in_heldout(ln)}
    scored = {"readme": lambda ln: ln.label != "skip", "skip=none": lambda ln: True}
    tables: dict[str, list[str]] = {k: [] for k in scored}
    for mode, prep in (("punctuation as given", lambda s: s), ("stripped", strip)):
        t0 = time.perf_counter()
        docs = parse_texts(nlp, [prep(ln.text) for ln in lines], ["questions"], args.batch_size)
        predicted = []
        for doc in docs:
            found = classify_doc(doc)
            predicted.append(found[0][1] if found else None)
        secs = time.perf_counter() - t0
        print(f"{mode}: parsed and classified in {secs:.0f} s "
              f"({len(lines) / secs:.0f} lines/s)", flush=True)
        for conv, keep in scored.items():
            for part, in_part in parts.items():
                score, base = Score(), Score()
                for ln, pred in zip(lines, predicted):
                    if not (keep(ln) and in_part(ln)):
                        continue
                    gold = "none" if ln.label == "skip" else ln.label
                    score.add(pred, gold)
                    ends_q = prep(ln.text).endswith("?")
                    base.add("closed" if ends_q else None, gold)
                tables[conv].append(score.row(f"classifier, {mode}, {part}"))
                if mode == "punctuation as given" or part == "all":
                    tables[conv].append(base.row(f'baseline "ends with ?", {mode}, {part}'))
    header = ("| run | precision | recall | F1 | open/closed accuracy | questions | predicted |\n"
              "|---|---|---|---|---|---|---|")
    print("\nskip lines left out (the data's README):\n" + header)
    print("\n".join(tables["readme"]))
    print("\nskip lines counted as non-questions:\n" + header)
    print("\n".join(tables["skip=none"]))
    print("\n(open/closed accuracy of the baseline is meaningless: it calls every question closed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
