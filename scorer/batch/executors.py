"""Where calls run: the worker-side wrapper around a job, and the executors that run it.

Local runs use a process pool (``spawn``: workers import only what the job needs, keep
their models for their whole life, and are children of the batch process, so they can
tell when it is killed); ``--scheduler`` uses a Dask client's
``concurrent.futures`` executor. Both get the same tasks: ``score_one(job, path, metadata)``.
"""
from __future__ import annotations

import concurrent.futures as cf
import sys
import logging
import multiprocessing
import os
import re
import signal
import socket
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Protocol

from scorer.errors import (AudioError, BatchUsageError, EngineError, InputError, RoleError, ScorerError,
                           TranscriptFormatError)

log = logging.getLogger("scorer")


class BatchJob(Protocol):
    """What ``run_batch`` runs on each input: a small picklable object (a frozen dataclass).

    ``version()`` names the model and every option that changes results; it is part of each
    call's resume key. ``run(path, metadata)`` returns the score.json dict of the output
    contract, or raises a ``ScorerError`` (optionally with a ``stage`` attribute) with a
    one-line message. Heavy models are loaded once per worker process (a module-level
    cache), not per call; the job object itself travels with every task.
    """

    def version(self) -> str: ...

    def run(self, path: Path, metadata: dict[str, Any]) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class CallResult:
    """What a worker sends back for one call: the score dict, or the failure as data."""

    ok: bool
    score: dict[str, Any] | None
    stage: str | None
    message: str | None
    seconds: float
    detail: str | None = None


def stage_of(exc: ScorerError) -> str:
    """The exception's ``stage`` attribute, or the stage its class implies."""
    stage = getattr(exc, "stage", None)
    if isinstance(stage, str) and stage:
        return stage
    if isinstance(exc, AudioError):
        return "decode"
    if isinstance(exc, (TranscriptFormatError, RoleError, InputError)):
        return "read"
    if isinstance(exc, EngineError):
        return "transcribe"
    return "score"                            # ModelError and the rest


def one_line(text: str) -> str:
    return " ".join(text.split())


def score_one(job: BatchJob, path: str, metadata: dict[str, Any]) -> CallResult:
    """Run the job on one file in a worker; every failure comes back as data, not an exception."""
    start = time.perf_counter()
    try:
        score = job.run(Path(path), dict(metadata))
        if not isinstance(score, Mapping):
            raise TypeError(f"job returned {type(score).__name__}, not a score dict")
        return CallResult(True, dict(score), None, None, time.perf_counter() - start)
    except ScorerError as exc:
        return CallResult(False, None, stage_of(exc), one_line(str(exc)) or type(exc).__name__,
                          time.perf_counter() - start)
    except MemoryError:
        return CallResult(False, None, "crash", f"{path}: out of memory while scoring this file; run fewer "
                          "jobs at once or give the workers more memory", time.perf_counter() - start)
    except Exception as exc:                  # a bug must not stop the other thousand calls
        return CallResult(False, None, "internal",
                          f"{path}: unexpected {type(exc).__name__}: {one_line(str(exc))}; please report this",
                          time.perf_counter() - start, traceback.format_exc())


def job_version(job: BatchJob) -> str:
    """The check task sent to a cluster before the calls: unpickle the job and ask its version."""
    return job.version()


def _watch_parent(parent: int) -> None:
    # A worker whose batch process was killed (SIGKILL) must not linger holding its models.
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(threads: int) -> None:
    # Ctrl-C reaches the whole process group; only the batch process handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(name, str(threads))
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True, name="parent-watch").start()


def _refused(address: str) -> str | None:
    """Why a ``tcp://host:port`` address cannot be reached at once, or ``None`` (the Dask
    client would retry a refused connection for its whole timeout before saying so)."""
    m = re.match(r"^tcp://\[?([^\]]+?)\]?:(\d+)$", address)
    if not m:
        return None
    try:
        socket.create_connection((m[1], int(m[2])), timeout=5.0).close()
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


class InlineExecutor(cf.Executor):
    """Runs each task at once, in this process: one call needs no pool of worker processes
    (no spawn, no second copy of the models). Ctrl-C interrupts the task itself."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> cf.Future:
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # KeyboardInterrupt and SystemExit go through
            future.set_exception(exc)
        return future


class Workers:
    """The executor in use: local processes (restartable after a crash), this process alone
    (``jobs == 0``: a single call), or a Dask client's."""

    #: Seconds between asks of a Dask scheduler how many worker threads it has now.
    SLOTS_REFRESH_S = 5.0

    #: Seconds to wait for the check task on a cluster (its workers may be busy with other work).
    PROBE_TIMEOUT_S: float = 120.0

    def __init__(self, jobs: int, scheduler: str | None = None, executor: cf.Executor | None = None,
                 job: BatchJob | None = None) -> None:
        self._jobs = jobs
        self._client: Any = None
        self._slots_at = time.monotonic()
        self._own = executor is None
        if executor is not None:
            self.executor, self.slots = executor, jobs
        elif scheduler:
            self.executor, self.slots = self._dask(scheduler, job)
        elif jobs == 0:
            self.executor, self.slots = InlineExecutor(), 1
        else:
            self.executor, self.slots = self._local(), jobs

    def _local(self) -> cf.Executor:
        workers = self._jobs
        threads = max(1, (os.cpu_count() or 1) // workers)
        return cf.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                      initializer=_init_worker, initargs=(threads,))

    def _dask(self, address: str, job: BatchJob | None) -> tuple[cf.Executor, int]:
        try:
            from distributed import Client
        except ImportError:
            raise BatchUsageError("--scheduler needs Dask: pip install 'dask[distributed]'") from None
        problem = _refused(address)
        if problem:
            raise BatchUsageError(f"cannot reach the Dask scheduler at {address} ({problem}); "
                                  "start it with `dask scheduler` or check the address")
        try:
            self._client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise BatchUsageError(f"cannot reach the Dask scheduler at {address} ({one_line(str(exc))}); "
                                  "start it with `dask scheduler` or check the address") from None
        slots = sum(self._client.nthreads().values())
        if not slots:
            log.warning("the Dask scheduler at %s has no workers yet; tasks wait until one joins", address)
        elif job is not None:
            self._check_cluster(address, job)
        return self._client.get_executor(pure=False), max(1, slots)

    def _check_cluster(self, address: str, job: BatchJob) -> None:
        """Run one tiny task first. A scheduler that lacks callscore (or the job's code) fails
        every task; a worker that lacks it cannot even read the task and leaves it pending for
        ever. Either way the batch would never finish: refuse to start it instead."""
        fix = ("install the same callscore version, with its models, in the Python environment of the "
               "scheduler and of every worker (see docs/BATCH.md)")
        try:
            self._client.submit(job_version, job, pure=False).result(timeout=self.PROBE_TIMEOUT_S)
        except TimeoutError:
            self._client.close()
            raise BatchUsageError(
                f"the Dask cluster at {address} did not run a check task within {self.PROBE_TIMEOUT_S:.0f} s: "
                "its workers are busy, or cannot load callscore (look for ModuleNotFoundError in the worker "
                f"logs); {fix}") from None
        except Exception as exc:
            self._client.close()
            raise BatchUsageError(
                f"the Dask cluster at {address} cannot run callscore jobs ({type(exc).__name__}: "
                f"{one_line(str(exc))[:300]}); {fix}") from None

    def current_slots(self) -> int:
        """Calls that can run at once; on a cluster, workers may join or leave during a run."""
        if self._client is not None and time.monotonic() - self._slots_at > self.SLOTS_REFRESH_S:
            self._slots_at = time.monotonic()
            try:
                self.slots = max(1, sum(self._client.nthreads().values()))
            except Exception as exc:       # keep the last count; the futures report a lost cluster
                log.debug("cannot ask the scheduler for its workers: %s", exc)
        return self.slots

    @property
    def restartable(self) -> bool:
        return self._own and self._client is None and not isinstance(self.executor, InlineExecutor)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._local()

    def _pooled(self) -> bool:
        """Is the executor a local process pool? (Asked without importing the pool's module
        for a batch that never made one: a single call runs inline.)"""
        module = sys.modules.get("concurrent.futures.process")
        return module is not None and isinstance(self.executor, module.ProcessPoolExecutor)

    def close(self, cancel: bool = False) -> None:
        if cancel and self._pooled():
            # Interrupted: do not wait minutes for in-flight calls whose results are dropped anyway.
            for process in list(getattr(self.executor, "_processes", {}).values()):
                process.terminate()
        if self._pooled() and self._own:
            self.executor.shutdown(wait=not cancel, cancel_futures=True)
        elif self._own:
            self.executor.shutdown(wait=not cancel)
        if self._client is not None:
            self._client.close()
