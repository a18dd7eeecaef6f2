"""The same batch on a Dask cluster (two worker processes) gives the local run's results."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from scorer.batch import BatchOptions, BatchUsageError, run_batch
from scorer.batch.executors import Workers
from scorer.batch.manifest import load_catalog

distributed = pytest.importorskip("distributed")

DATA = Path(__file__).parent / "data" / "batch"
sys.path.insert(0, str(DATA))

from wordcount_job import WordCountJob, make_calls  # noqa: E402


def _outputs(out: Path) -> dict[str, object]:
    """Every output of a run, without what differs by design (worker pids, error times)."""
    files: dict[str, object] = {}
    for path in sorted(out.glob("*.score.json")):
        score = json.loads(path.read_text(encoding="utf-8"))
        score.pop("worker")
        files[path.name] = score
    files["scores.csv"] = (out / "scores.csv").read_text(encoding="utf-8")
    files["errors.jsonl"] = [{k: v for k, v in json.loads(line).items() if k != "time"}
                             for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    return files


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as local_cluster:
        yield local_cluster


def test_dask_cluster_run_equals_local_run(tmp_path, cluster):
    calls = sorted((DATA / "calls").iterdir()) + make_calls(tmp_path / "more", 6)
    catalog = lambda: load_catalog(DATA / "manifest.csv")  # noqa: E731 - fresh usage tracking per run
    local = run_batch(calls, WordCountJob(), BatchOptions(out_dir=tmp_path / "local", jobs=2, progress=False),
                      catalog=catalog())

    options = BatchOptions(out_dir=tmp_path / "dask", scheduler=cluster.scheduler_address, progress=False)
    remote = run_batch(calls, WordCountJob(), options, catalog=catalog())
    # Rerun on the cluster: everything is already scored.
    again = run_batch(calls, WordCountJob(), options, catalog=catalog())
    with distributed.Client(cluster.scheduler_address) as client:
        workers = client.nthreads()

    assert len(workers) == 2
    assert (remote.done, remote.failed, remote.exit_status) == (10, 3, 1)
    assert (local.done, local.failed, local.exit_status) == (10, 3, 1)
    assert (again.done, again.skipped, again.failed) == (0, 10, 3)
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    pids = {json.loads(p.read_text())["worker"]["pid"] for p in (tmp_path / "dask").glob("*.score.json")}
    assert 1 <= len(pids) <= 2 and os.getpid() not in pids


def test_a_cluster_without_the_job_code_is_a_usage_error(tmp_path, cluster, monkeypatch):
    # A module the workers (started before it existed on sys.path) cannot import.
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "only_here_job.py").write_text(
        "from dataclasses import dataclass\n"
        "@dataclass(frozen=True)\n"
        "class OnlyHereJob:\n"
        "    def version(self): return 'x'\n"
        "    def run(self, path, metadata): return {}\n")
    monkeypatch.syspath_prepend(str(tmp_path / "mod"))
    from only_here_job import OnlyHereJob

    # The workers cannot read the check task: Dask leaves it pending, so the check times out.
    monkeypatch.setattr(Workers, "PROBE_TIMEOUT_S", 3.0)
    options = BatchOptions(out_dir=tmp_path / "out", scheduler=cluster.scheduler_address, progress=False)
    with pytest.raises(BatchUsageError, match="did not run a check task within 3 s.*install the same callscore"):
        run_batch(sorted((DATA / "calls").iterdir()), OnlyHereJob(), options)
    assert not list((tmp_path / "out").glob("*.score.json"))
