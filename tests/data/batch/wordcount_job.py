"""A small real batch job for the batch tests and for checking bench/bench_batch.py.

It reads transcript files with ``scorer.readers.read_transcript`` and returns a dict of the
score.json contract with simple word-count numbers; bad files raise the reader's
``ScorerError``. ``delay_s`` makes each call take a while (for kill tests); ``crash_on``
makes the worker process die (``os._exit``) on files whose name contains it.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer.readers import read_transcript
from scorer.types import SCHEMA_VERSION

# Calls run in this process: a cache that lives across calls in a worker (as the
# pipeline's model cache does) sees the count grow.
LOADS: dict[str, int] = {}


@dataclass(frozen=True, slots=True)
class WordCountJob:
    delay_s: float = 0.0
    crash_on: str | None = None
    threshold: float = 0.5

    def version(self) -> str:
        return f"wordcount-1/threshold={self.threshold}"

    def run(self, path: Path, metadata: dict[str, Any]) -> dict[str, Any]:
        LOADS[self.version()] = LOADS.get(self.version(), 0) + 1
        if self.crash_on and self.crash_on in path.name:
            os._exit(3)
        if self.delay_s:
            time.sleep(self.delay_s)
        transcript = read_transcript(path)
        rep = [u for u in transcript.utterances if u.speaker == "rep"]
        customer = [u for u in transcript.utterances if u.speaker == "customer"]
        rep_words = sum(len(u.text.split()) for u in rep)
        all_words = sum(len(u.text.split()) for u in transcript.utterances) or 1
        questions = [u for u in rep if u.text.rstrip().endswith("?")]
        open_questions = [u for u in questions if u.text.split()[0].lower() in {"what", "how", "why"}]
        switches = sum(1 for a, b in zip(transcript.utterances, transcript.utterances[1:])
                       if a.speaker != b.speaker)
        minutes = max(transcript.duration_s, 1.0) / 60.0
        ratio = rep_words / all_words
        probability = min(1.0, len(questions) / 5.0)
        return {
            "schema_version": SCHEMA_VERSION, "kind": "score", "call_id": transcript.call_id,
            "source": str(path), "content_key": None, "metadata": metadata,
            "transcript": transcript.to_dict(),
            "features": {"values": {
                "talk_ratio_rep": ratio, "questions_rep": len(questions),
                "open_questions_rep": len(open_questions),
                "longest_monologue_rep_s": max((u.duration_s for u in rep), default=None),
                "longest_customer_story_s": max((u.duration_s for u in customer), default=None),
                "patience_rep_s": None,
                "interactivity_switches_per_min": switches / minutes,
                "next_step_accepted": any("works" in u.text.lower() for u in customer)},
                "null_reasons": {"patience_rep_s": "not computed by the word-count job"}},
            "moments": [],
            "quality": round(100.0 * (1.0 - abs(ratio - 0.45)), 3),
            "advanced": probability >= self.threshold, "advanced_probability": probability,
            "threshold": self.threshold, "reasons": [], "model_version": "wordcount-1",
            "worker": {"pid": os.getpid(), "runs_in_process": LOADS[self.version()]},
        }


def make_calls(folder: Path, count: int) -> list[Path]:
    """``count`` distinct plain-text transcripts (different bytes, so different keys)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"call{i:03d}.txt"
        path.write_text(f"Rep: Hello, this is call number {i}. How are things?\n"
                        f"Customer: Fine, thanks. {'Tell me more. ' * (i % 4)}\n"
                        "Rep: What made you look at this now?\n"
                        "Customer: Thursday works for a demo.\n", encoding="utf-8")
        paths.append(path)
    return paths
