"""How a batch runs (``BatchOptions``) and what it reports (``CallOutcome`` per input,
``BatchSummary`` per run)."""
from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from scorer.batch.stores import FORMATS
from scorer.errors import BatchUsageError


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How a batch runs.

    ``out_dir``: folder for ``<call_id>.score.json``, the scores table and ``errors.jsonl``
    (default ``out``). ``jobs``: local worker processes (default ``None``: ``os.cpu_count()``).
    ``scheduler``: address of a Dask scheduler (``tcp://host:8786``) to run on instead of
    local processes (default ``None``). ``force``: rescore calls already scored (default
    ``False``). ``table_format``: ``csv``, ``jsonl`` or ``parquet`` (default ``csv``).
    ``db``: SQLite file to upsert scores into (default ``None``). ``progress``: show the
    progress bar (default ``None``: when stderr is a terminal).
    """

    out_dir: Path = Path("out")
    jobs: int | None = None
    scheduler: str | None = None
    force: bool = False
    table_format: str = "csv"
    db: Path | None = None
    progress: bool | None = None

    def validate(self) -> None:
        if self.jobs is not None and self.jobs < 1:
            raise BatchUsageError(f"jobs must be 1 or more, not {self.jobs}")
        if self.table_format not in FORMATS:
            raise BatchUsageError(f"unknown table format {self.table_format!r}; expected one of: "
                                  f"{', '.join(FORMATS)}")
        if self.table_format == "parquet" and importlib.util.find_spec("pyarrow") is None:
            raise BatchUsageError("--format parquet needs pyarrow: pip install pyarrow (or use csv or jsonl)")
        if self.scheduler is not None and not re.match(r"^[a-z][a-z0-9+]*://[^/\s]+$", self.scheduler):
            raise BatchUsageError(f"scheduler address {self.scheduler!r} is not like tcp://HOST:PORT "
                                  "(for example tcp://10.0.0.5:8786)")
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise BatchUsageError(f"{self.out_dir}: output path exists and is not a folder")

    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1

    def threads_per_worker(self, calls: int) -> int:
        """Engine threads for each local worker on a batch of ``calls``: the cores shared out
        among the workers that will run (0, the engine's choice, for one call or a Dask
        cluster, whose workers have cores of their own). An engine left to choose takes every
        core, so two workers on two cores would fight over them."""
        running = min(self.workers(), calls)
        if self.scheduler is not None or running <= 1:
            return 0
        return max(1, (os.cpu_count() or 1) // running)


@dataclass(frozen=True, slots=True)
class CallOutcome:
    """What happened to one input, for progress lines: ``scored``, ``skipped`` or ``failed``."""

    call_id: str
    path: Path
    status: Literal["scored", "skipped", "failed"]
    audio_s: float | None = None
    seconds: float | None = None          # worker time spent on the call
    stage: str | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Counts of a run. ``done``: calls processed (scored, for ``run_batch``).

    ``audio_s`` is the length of the calls scored by this run where it was measured (audio or
    a transcript with times; skipped calls and estimated lengths excluded); ``wall_s`` its
    wall-clock time; ``unscored`` counts the calls of the table without a score because
    their roles are unknown; ``interrupted`` is true after Ctrl-C or SIGTERM (the tables were not
    rewritten; a rerun finishes the batch).
    """

    done: int
    failed: int
    errors: tuple[tuple[str, str], ...] = ()   # (path, one-line message)
    skipped: int = 0
    audio_s: float = 0.0
    wall_s: float = 0.0
    interrupted: bool = False
    table: Path | None = None
    errors_file: Path | None = None
    run_id: int | None = None
    unscored: int = 0                     # calls read but not scored: their roles are unknown

    @property
    def exit_status(self) -> int:
        """0 all succeeded, 1 some failed, 130 interrupted (usage errors raise instead: 2)."""
        return 130 if self.interrupted else 1 if self.failed else 0

    @property
    def speed(self) -> float | None:
        """Audio seconds scored per wall-clock second (times real time); ``None`` with no audio."""
        return self.audio_s / self.wall_s if self.audio_s and self.wall_s > 0 else None

    def describe(self) -> str:
        """One closing line: counts, hours of calls, wall time, times real time."""
        text = f"scored {self.done}, skipped {self.skipped}, failed {self.failed}; "
        if self.audio_s:
            text += f"{self.audio_s / 3600:.2f} h of calls in {_duration(self.wall_s)}"
            if self.speed:
                text += f" ({self.speed:.1f}x real time)"
        else:  # typed chats and texts without times: their length is not known
            text += f"in {_duration(self.wall_s)}"
        if self.unscored:
            text += (f"; {self.unscored} call(s) not scored because the rep cannot be told from the "
                     "customer (see the 'roles' column): name the rep with --rep NAME, --team roster.csv "
                     "or the manifest's rep column, or set --rep-channel 0|1 for stereo")
        if self.interrupted:
            text += "; interrupted: run the same command again to finish the remaining calls"
        return text


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min {secs} s" if minutes else f"{secs} s"
