"""Run a slow batch (for the kill and interrupt tests): slow_batch.py OUT_DIR DELAY_S FILE...

Prints the closing summary and exits with the batch's exit status.
"""
from __future__ import annotations

import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from wordcount_job import WordCountJob  # noqa: E402

from scorer.batch import BatchOptions, run_batch  # noqa: E402

if __name__ == "__main__":
    # As in a terminal job: Ctrl-C raises KeyboardInterrupt, even when the test suite itself
    # was started in the background by a shell, which starts its children ignoring SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    out, delay, *files = sys.argv[1:]
    summary = run_batch([Path(f) for f in files], WordCountJob(delay_s=float(delay)),
                        BatchOptions(out_dir=Path(out), jobs=2, progress=False, db=Path(out) / "scores.sqlite"))
    print(summary.describe(), flush=True)
    sys.exit(summary.exit_status)
