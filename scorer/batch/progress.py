"""A progress bar for batch runs on stderr: calls done of total, audio hours scored, speed
in times real time, ETA, and failures and skips when there are any.

    scoring:  37/100 calls |████▍      | [04:10<07:06] 1.26 h audio, 18.1x real time, 1 failed

The ETA is tqdm's, from the rate of calls worked on: a call skipped because it is already
scored takes itself out of the total instead of making the rate look faster than it is.
The speed is audio seconds scored per wall-clock second since the bar started. The bar is
drawn only when its stream is a terminal (a log file or a pipe gets nothing), unless
``enabled`` says otherwise.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

_FORMAT = "{desc}: {n_fmt}/{total_fmt} calls |{bar}| [{elapsed}<{remaining}]{postfix}"


class BatchProgress:
    """``tqdm`` bar; ``enabled=None`` shows it only when ``stream`` (default stderr) is a terminal."""

    def __init__(self, total: int, *, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        from tqdm import tqdm

        stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(stream, "isatty", lambda: False)())
        self.scored = self.skipped = self.failed = 0
        self.audio_s = 0.0
        self._started = time.monotonic()
        self._bar = tqdm(total=total, desc="scoring", unit="call", file=stream, disable=not enabled,
                         dynamic_ncols=True, smoothing=0.1, bar_format=_FORMAT)

    @property
    def speed(self) -> float:
        """Audio seconds scored per wall-clock second so far (x real time)."""
        return self.audio_s / max(time.monotonic() - self._started, 1e-9)

    def summary(self) -> str:
        """What the bar shows after the counts: audio hours, speed, failures and skips."""
        parts = [f"{self.audio_s / 3600:.2f} h audio"]
        if self.audio_s:
            parts.append(f"{self.speed:.1f}x real time")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.skipped:
            parts.append(f"{self.skipped} already scored")
        return ", ".join(parts)

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
        self._bar.set_postfix_str(self.summary(), refresh=False)
        self._bar.update(n)
        if n == 0:
            self._bar.refresh()

    def close(self) -> None:
        self._bar.close()
