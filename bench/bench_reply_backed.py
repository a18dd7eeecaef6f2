"""What the proposal backed by its answer (``scorer.features.next_steps._backed``) costs on the
text path: 300 CraigslistBargain chats (``../shared/data``, used only to measure) through
``extract_many`` with all feature groups, the backing off and on taking turns, three rounds;
prints the best time of each as calls per second. ::

    .venv/bin/python bench/bench_reply_backed.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import proposal_reader as PR  # noqa: E402


def main() -> int:
    if not PR.SHARED.exists():
        print(f"skipped: {PR.SHARED} not found")
        return 0
    import scorer.features.next_steps as ns
    from scorer.features import FeatureOptions, extract_many, load_nlp

    nlp, opts, chosen = load_nlp(), FeatureOptions(), ns.BACKED_AT
    ts = PR.conversations("craigslist", 300)
    extract_many(ts[:20], nlp, opts)  # warm up
    times: dict[str, list[float]] = {"off": [], "on": []}
    try:
        for _ in range(3):
            for name, at in (("off", 1.01), ("on", chosen)):
                ns.BACKED_AT = at
                t0 = time.perf_counter()
                extract_many(ts, nlp, opts)
                times[name].append(time.perf_counter() - t0)
    finally:
        ns.BACKED_AT = chosen
    for name, v in times.items():
        print(f"backing {name}: {len(ts)} chats, best of 3 {min(v):.2f} s, {len(ts) / min(v):.1f} calls/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
