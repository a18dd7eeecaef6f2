"""A progress bar for batch runs on stderr: calls done of total, failures, audio hours, ETA.

The ETA counts only calls that are worked on: a call skipped because it is already scored
takes itself out of the total instead of making the rate look faster than it is.
"""
from __future__ import annotations

import sys
from typing import TextIO


class BatchProgress:
    """``tqdm`` bar; ``enabled=None`` shows it only when ``stream`` is a terminal."""

    def __init__(self, total: int, *, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        from tqdm import tqdm

        stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(stream, "isatty", lambda: False)())
        self.scored = self.skipped = self.failed = 0
        self.audio_s = 0.0
        self._bar = tqdm(total=total, desc="scoring", unit="call", file=stream, disable=not enabled,
                         dynamic_ncols=True, smoothing=0.1)

    def skip(self) -> None:
        self.skipped += 1
        if self._bar.total:
            self._bar.total -= 1
        self._update(0)

    def done(self, audio_s: float | None) -> None:
        self.scored += 1
        self.audio_s += audio_s or 0.0
        self._update(1)

    def fail(self) -> None:
        self.failed += 1
        self._update(1)

    def _update(self, n: int) -> None:
        self._bar.set_postfix_str(f"scored {self.scored}, skipped {self.skipped}, failed {self.failed}, "
                                  f"{self.audio_s / 3600:.2f} h audio", refresh=False)
        self._bar.update(n)
        if n == 0:
            self._bar.refresh()

    def write(self, line: str) -> None:
        """Print a line above the bar (or plainly when the bar is off)."""
        self._bar.write(line, file=sys.stderr)

    def close(self) -> None:
        self._bar.close()
