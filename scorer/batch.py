"""Running one job over many inputs: every file is tried, failures are recorded, none stops the run."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from scorer.errors import ScorerError
from scorer.readers import call_id_for


@dataclass(frozen=True, slots=True)
class BatchSummary:
    done: int
    failed: int
    errors: tuple[tuple[str, str], ...] = ()   # (path, one-line message)


def run_each(files: Iterable[Path], job: Callable[[Path], str], *,
             on_done: Callable[[str], None], on_error: Callable[[str], None]) -> BatchSummary:
    """Run ``job`` on each file; a ``ScorerError`` marks that file failed and the run goes on.

    Two files with the same call id (``a.ogg`` and ``a.vtt``) would overwrite each other's
    outputs: the later one fails with a message saying so.
    """
    done = 0
    errors: list[tuple[str, str]] = []
    seen: dict[str, Path] = {}
    for path in files:
        call_id = call_id_for(path)
        if call_id in seen:
            message = (f"{path}: call id {call_id!r} already comes from {seen[call_id]}; "
                       "rename one file or process them separately")
        else:
            seen[call_id] = path
            try:
                on_done(job(path))
                done += 1
                continue
            except ScorerError as exc:
                message = str(exc)
        errors.append((str(path), message))
        on_error(message)
    return BatchSummary(done=done, failed=len(errors), errors=tuple(errors))
