"""The batch progress bar: audio hours, speed and ETA on a terminal; silent otherwise."""
from __future__ import annotations

import io
import re
import time

from scorer.batch.progress import BatchProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_shows_audio_hours_speed_and_eta() -> None:
    term = _Terminal()
    bar = BatchProgress(10, stream=term)
    bar._started = time.monotonic() - 100.0  # as if the batch began 100 s ago
    for _ in range(3):
        bar.done(1200.0)  # three 20-minute calls
    bar.fail()
    bar.skip()
    line = bar.summary()
    shown = term.getvalue()
    bar.close()
    assert line.startswith("1.00 h audio, ")
    assert re.search(r"(3[5-6]\.\d)x real time", line)  # 3600 s of audio in about 100 s
    assert "1 failed" in line and "1 already scored" in line
    last = shown.split("\r")[-1]
    assert "4/9 calls" in last  # the skipped call left the total
    assert "1.00 h audio" in last and "x real time" in last
    assert re.search(r"\[\d\d:\d\d<\d\d:\d\d\]", last)  # elapsed<ETA


def test_without_a_terminal_nothing_is_written() -> None:
    pipe = io.StringIO()  # isatty() is False, as for a log file or a pipe
    bar = BatchProgress(5, stream=pipe)
    bar.done(60.0)
    bar.fail()
    bar.skip()
    bar.close()
    assert pipe.getvalue() == ""
    assert bar.scored == 1 and bar.failed == 1 and bar.skipped == 1 and bar.audio_s == 60.0
    forced = _Terminal()
    quiet = BatchProgress(5, stream=forced, enabled=False)
    quiet.done(60.0)
    quiet.close()
    assert forced.getvalue() == ""


def test_before_any_audio_no_speed_is_claimed() -> None:
    bar = BatchProgress(2, stream=io.StringIO())
    assert bar.summary() == "0.00 h audio"
    bar.close()
