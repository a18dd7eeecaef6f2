"""Running one job over many inputs: every file is tried, failures are recorded, none stops the run.

``run_batch`` scores thousands of calls on local worker processes or on a Dask cluster
through the same ``concurrent.futures.Executor`` code path, resumably:

* each call's result is keyed by a sha256 of the input's bytes plus ``job.version()``;
  a call whose ``OUT/<call_id>.score.json`` carries the same key is skipped (``force``
  redoes it);
* workers only compute; this process writes every file, atomically, so a Ctrl-C or a
  SIGKILL at any moment loses at most the calls in flight and never leaves a partial file;
* the scores table (and ``errors.jsonl``, and the SQLite store) is rebuilt from the
  results of every input at the end of each run, so a killed run followed by a rerun ends
  with every call in it exactly once.

``run_each`` is the small sequential loop the ``transcribe`` command uses.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import logging
import pickle
import signal
import sqlite3
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from scorer.errors import BatchUsageError, ScorerError
from scorer.files import sha256_file
from scorer.batch.options import BatchOptions, BatchSummary, CallOutcome
from scorer.batch.executors import BatchJob, CallResult, Workers, one_line, score_one
from scorer.batch.manifest import CallCatalog, CallInfo, ManifestError
from scorer.readers import call_id_for
from scorer.batch.stores import (ScoreStore, content_key, read_score,
                           remove_stale_temp_files, row_from_failure, row_from_score, score_path,
                           table_columns, utc_now, write_errors, write_score, write_table)

log = logging.getLogger("scorer")

ERRORS_FILE = "errors.jsonl"
LOCK_FILE = ".callscore.lock"


#: Exceptions the CLI turns into a usage error (exit status 2).
USAGE_ERRORS: tuple[type[ScorerError], ...] = (BatchUsageError, ManifestError)


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


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """Only one run writes to a folder at a time; the OS drops the lock if the run is killed."""
    try:
        import fcntl
    except ImportError:                       # Windows: no advisory locks, run unguarded
        yield
        return
    with open(out_dir / LOCK_FILE, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchUsageError(f"{out_dir}: another callscore run is writing to this folder; "
                                  "wait for it to finish or choose another output folder") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --- the batch process side -------------------------------------------------------------

@dataclass
class _Call:
    index: int                            # position among the inputs: orders tables and errors
    path: Path
    info: CallInfo
    key: str | None = None
    solo: bool = False


@dataclass
class _Run:
    """Running state of one batch: rows by call id, failures, counts."""

    options: BatchOptions
    version: str
    on_outcome: Callable[[CallOutcome], None] | None
    progress: Any
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    scored: int = 0
    skipped: int = 0
    audio_s: float = 0.0

    def fail(self, call: _Call, stage: str, message: str, *, in_table: bool = True) -> None:
        metadata = dict(call.info.metadata)
        self.failures.append((call.index, {"call_id": call.info.call_id, "file": str(call.path),
                                           "stage": stage, "message": message, "content_key": call.key,
                                           "time": utc_now()}))
        if in_table:
            self.rows[call.info.call_id] = row_from_failure(call.info.call_id, str(call.path), message,
                                                            metadata, call.key)
        log.error("%s", message if str(call.path) in message else f"{call.path}: {message}")
        self.progress.fail()
        self._tell(CallOutcome(call.info.call_id, call.path, "failed", stage=stage, message=message))

    def done(self, call: _Call, score: dict[str, Any], seconds: float) -> None:
        audio_s = _audio_s(score)
        self.rows[call.info.call_id] = row_from_score(score)
        self.scored += 1
        self.audio_s += audio_s or 0.0
        log.info("scored %s (%.1f s)", call.path, seconds)
        self.progress.done(audio_s)
        self._tell(CallOutcome(call.info.call_id, call.path, "scored", audio_s=audio_s, seconds=seconds))

    def skip(self, call: _Call, score: dict[str, Any]) -> None:
        self.rows[call.info.call_id] = row_from_score(score)
        self.skipped += 1
        self.progress.skip()
        self._tell(CallOutcome(call.info.call_id, call.path, "skipped", audio_s=_audio_s(score)))

    def _tell(self, outcome: CallOutcome) -> None:
        if self.on_outcome is not None:
            self.on_outcome(outcome)


def _audio_s(score: Mapping[str, Any]) -> float | None:
    """The call's length in seconds, where it was measured (audio, or a transcript with
    times); ``None`` for a typed chat or a text without times, whose length is an estimate."""
    transcript = score.get("transcript") or {}
    value = transcript.get("duration_s")
    if transcript.get("timing") == "estimated" or not isinstance(value, (int, float)):
        return None
    return float(value)


def _plan(files: Sequence[Path], catalog: CallCatalog, run: _Run) -> list[_Call]:
    """One ``_Call`` per input; a second file with a call id already taken fails at once."""
    calls: list[_Call] = []
    seen: dict[str, Path] = {}
    notes: list[str] = []
    for index, path in enumerate(files):
        info = catalog.resolve(path)
        if info.note:
            notes.append(info.note)
        call = _Call(index, path, info)
        if info.call_id in seen:
            # Kept out of the table: its call id's row belongs to the first file.
            run.fail(call, "input", f"{path}: call id {info.call_id!r} already comes from "
                     f"{seen[info.call_id]}; rename one file or give it its own call_id in the manifest",
                     in_table=False)
            continue
        seen[info.call_id] = path
        calls.append(call)
    for note in notes[:5]:
        log.warning("%s", note)
    if len(notes) > 5:
        log.warning("... and %d more files with incomplete metadata", len(notes) - 5)
    unused = catalog.unused_rows()
    if unused:
        log.warning("%d manifest rows match no input file (first: %s)", len(unused), ", ".join(unused[:3]))
    return calls


def _prepare(call: _Call, run: _Run) -> bool:
    """Key the call and skip it when already scored; ``True`` when it still has to run."""
    options = run.options
    try:
        call.key = content_key(sha256_file(call.path), run.version)
    except OSError as exc:
        run.fail(call, "input", f"{call.path}: cannot read file ({exc.strerror or exc}); check it exists "
                 "and is readable")
        return False
    if options.force:
        return True
    target = score_path(options.out_dir, call.info.call_id)
    existing = read_score(target)
    if existing is None or existing.get("content_key") != call.key:
        return True
    fresh = {"source": str(call.path), "metadata": dict(call.info.metadata)}
    if any(existing.get(k) != v for k, v in fresh.items()):
        # Same recording and model, new manifest or location: refresh without rescoring.
        existing = write_score(target, {**existing, **fresh})
    run.skip(call, existing)
    return False


def _finish_call(call: _Call, result: CallResult, run: _Run) -> None:
    if not result.ok:
        if result.detail:
            log.debug("%s", result.detail)
        run.fail(call, result.stage or "score", result.message or "failed")
        return
    assert result.score is not None
    fixed = {"call_id": call.info.call_id, "source": str(call.path), "content_key": call.key,
             "metadata": dict(call.info.metadata)}
    try:
        score = write_score(score_path(run.options.out_dir, call.info.call_id), {**result.score, **fixed})
    except (TypeError, ValueError) as exc:
        run.fail(call, "internal", f"{call.path}: the score cannot be written as JSON ({exc}); please report this")
        return
    except OSError as exc:                 # disk full, folder removed: no later call can be saved either
        raise ScorerError(f"{run.options.out_dir}: cannot write scores ({exc.strerror or exc}); free some "
                          "space or choose another output folder, then run again to resume") from None
    run.done(call, score, result.seconds)


_CRASH = ("the worker process died while scoring this file (out of memory, or a crash in a decoder); "
          "the batch went on without it")
_MAX_IDLE_RESTARTS = 3


def _schedule(calls: Sequence[_Call], job: BatchJob, workers: Workers, run: _Run) -> None:
    """Keep a bounded window of calls in flight until every call has an outcome.

    When a local worker process dies, every call then in flight is suspect: the pool is
    restarted and the suspects run one at a time, so only the call that kills a worker
    on its own is marked failed (stage ``crash``).
    """
    pending: deque[_Call] = deque(calls)
    suspects: deque[_Call] = deque()
    inflight: dict[cf.Future[CallResult], _Call] = {}
    idle_restarts = 0                      # restarts since a call last finished
    while True:
        broken = False
        window = 2 * workers.current_slots()   # a queue of one more call per worker
        while (pending or suspects) and not broken:
            if suspects:
                if inflight:
                    break
                call = suspects.popleft()
                call.solo = True
            elif len(inflight) >= window:
                break
            else:
                call = pending.popleft()
                if call.key is None and not _prepare(call, run):
                    continue
            try:
                future = workers.executor.submit(score_one, job, str(call.path), dict(call.info.metadata))
            except cf.BrokenExecutor:  # a worker process died (BrokenProcessPool)
                broken = True
                if not workers.restartable:
                    run.fail(call, "crash", f"{call.path}: {_CRASH}")
                else:                      # it never ran: it keeps its place
                    (suspects if call.solo else pending).appendleft(call)
                continue
            inflight[future] = call
            if call.solo:
                break
        if not inflight and not broken:
            return
        done, _ = cf.wait(list(inflight), timeout=1.0, return_when=cf.FIRST_COMPLETED) if inflight else ((), ())
        for future in done:
            call = inflight.pop(future)
            try:
                result = future.result()
            except cf.BrokenExecutor:  # a worker process died (BrokenProcessPool)
                broken = True
                if call.solo or not workers.restartable:
                    run.fail(call, "crash", f"{call.path}: {_CRASH}")
                else:
                    suspects.append(call)
                continue
            except cf.CancelledError:
                continue
            except Exception as exc:
                if type(exc).__name__ == "KilledWorker":   # Dask: it killed a worker on every retry
                    run.fail(call, "crash", f"{call.path}: {_CRASH} (Dask tried it on several workers)")
                else:
                    run.fail(call, "crash", f"{call.path}: worker failed ({type(exc).__name__}: "
                             f"{one_line(str(exc))}); the batch went on without it")
                continue
            idle_restarts = 0
            _finish_call(call, result, run)
        if broken and workers.restartable:
            # Every call still in flight ran on the broken pool: rerun each alone.
            suspects.extend(inflight.values())
            inflight.clear()
            idle_restarts += 1
            if idle_restarts > _MAX_IDLE_RESTARTS:
                raise ScorerError("worker processes keep dying before finishing any call; run with -vv and "
                                  "--jobs 1 to see why (a model that fails to load, or too little memory)")
            log.warning("a worker process died; restarting the workers and retrying %d calls one at a time",
                        len(suspects))
            workers.restart()


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler stopping the job) stops the run like Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _open_store(path: Path) -> ScoreStore:
    try:
        return ScoreStore.open(path)
    except (sqlite3.Error, OSError) as exc:
        raise BatchUsageError(f"{path}: cannot use this file as the SQLite store ({exc}); "
                              "give a new file name or an existing callscore store") from None


def run_batch(files: Sequence[Path | str], job: BatchJob, options: BatchOptions = BatchOptions(), *,
              catalog: CallCatalog | None = None, executor: cf.Executor | None = None,
              on_outcome: Callable[[CallOutcome], None] | None = None) -> BatchSummary:
    """Score every file with ``job``; write score files, the scores table, errors and the store.

    ``catalog`` gives each file its call id and metadata (default: the file name, no
    metadata). ``executor`` runs the calls (default: made from ``options``: local worker
    processes, or a Dask client's executor when ``options.scheduler`` is set); one given
    here is not shut down. ``on_outcome`` is told of each call as it finishes.
    Raises ``BatchUsageError`` (or ``ManifestError``) before any work for usage errors.
    """
    from scorer.batch.progress import BatchProgress

    options.validate()
    paths = [Path(f) for f in files]
    if not paths:
        raise BatchUsageError("no input files to score; give recordings, transcripts or folders")
    catalog = catalog or CallCatalog()
    out = options.out_dir
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    version = job.version()
    if not options.scheduler and executor is None:
        try:
            pickle.dumps(job)
        except Exception as exc:
            raise BatchUsageError(f"the job {type(job).__name__} cannot be sent to worker processes "
                                  f"({exc}); make it a module-level frozen dataclass of plain options") from None
    with _locked(out):
        if removed := remove_stale_temp_files(out):
            log.info("removed %d temporary files left by an interrupted run", removed)
        store = _open_store(options.db) if options.db else None
        run_id = store.begin_run(version) if store else None
        progress = BatchProgress(len(paths), enabled=options.progress)
        run = _Run(options, version, on_outcome, progress)
        interrupted = False
        workers: Workers | None = None
        table = errors_file = None
        try:
            with _sigterm_as_interrupt():
                completed = False
                try:
                    calls = _plan(paths, catalog, run)
                    # One call to score runs here: no worker processes to start for it.
                    inline = len(calls) == 1 and not options.scheduler and executor is None
                    workers = Workers(0 if inline else options.workers(), options.scheduler, executor, job)
                    _schedule(calls, job, workers, run)
                    completed = True
                except KeyboardInterrupt:
                    interrupted = True
                finally:
                    progress.close()
                    if workers is not None:
                        workers.close(cancel=not completed)
            failures = [record for _, record in sorted(run.failures, key=lambda item: item[0])]
            if not interrupted:
                rows = [run.rows[c.info.call_id] for c in calls if c.info.call_id in run.rows]
                columns = table_columns(catalog.extra_columns)
                table = write_table(out / f"scores.{options.table_format}", rows, columns, options.table_format)
                errors_file = write_errors(out / ERRORS_FILE, failures)
                if store is not None and run_id is not None:
                    store.upsert(rows, columns)
                    store.finish_run(run_id, run.scored, run.skipped, len(failures))
        finally:
            if store is not None:
                store.close()
    return BatchSummary(done=run.scored, failed=len(failures),
                        errors=tuple((f["file"], f["message"]) for f in failures),
                        skipped=run.skipped, audio_s=run.audio_s, wall_s=time.perf_counter() - started,
                        interrupted=interrupted, table=table, errors_file=errors_file, run_id=run_id,
                        unscored=sum(1 for row in run.rows.values()
                                     if row.get("roles") == "unknown" and not row.get("error")))
