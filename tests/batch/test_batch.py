"""``marsad batch`` on a real Dask ``LocalCluster`` (two single-threaded worker processes, started once
for the module): the same records as ``marsad extract``, the same events as ``marsad ingest``, reruns
that skip what is done, bad reports and broken partitions named, Parquet parts with the same records."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from marsad.batch import BatchConfig, batch_extract, open_cluster, parquet_records
from marsad.cli import app
from marsad.errors import MarsadError
from marsad.runner import sample_corpus_paths
from marsad.store import Store

distributed = pytest.importorskip("distributed")
from marsad.batch.tasks import loads_per_worker  # noqa: E402  (imports distributed)

runner = CliRunner()
SAMPLES = sample_corpus_paths()[0].parent  # src/marsad/samples
VOLATILE = {"last_updated", "timestamp", "changed_at"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as lc:
        yield lc


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    """A folder tree of eight sample reports (.txt) and a JSONL file of twelve multi-outlet reports."""
    folder = tmp_path / "in"
    for name in ("ar01_sohr_sukhnah_ambush", "ar02_enab_sukhnah", "ar03_northpress_qamishli_drone",
                 "ar05_sohr_truffle_landmine", "ar06_sana_truffle_landmine"):
        (folder / "ar").mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / "ar" / f"{name}.txt", folder / "ar")
    for name in ("en01_afp_sukhnah", "en02_reuters_qamishli_drone", "en03_ap_kirkuk"):
        (folder / "en").mkdir(exist_ok=True)
        shutil.copy(SAMPLES / "en" / f"{name}.txt", folder / "en")
    lines = (SAMPLES / "dedup" / "reports.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def cli(*args: str) -> Any:
    return runner.invoke(app, list(args), terminal_width=200)


def batch_cli(cluster: Any, *args: str) -> Any:
    return cli("batch", *args, "--scheduler", cluster.scheduler_address, "--partition-size", "3")


def test_batch_extract_writes_marsad_extract_bytes(cluster, inputs, tmp_path):
    one = cli("extract", str(inputs), "--out", str(tmp_path / "one.jsonl"))
    batch = batch_cli(cluster, "extract", str(inputs), "--out", str(tmp_path / "batch.jsonl"))
    assert one.exit_code == 0 and batch.exit_code == 0, batch.output
    assert (tmp_path / "batch.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()
    assert len((tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()) == 20
    assert "20 reports extracted" in batch.output and "7 partitions extracted" in batch.output


def test_batch_extract_loads_pipeline_once_per_worker(cluster, inputs, tmp_path):
    for run in range(2):
        assert batch_cli(cluster, "extract", str(inputs), "--out", str(tmp_path / f"{run}.jsonl")).exit_code == 0
    with distributed.Client(cluster) as client:
        assert list(client.run(loads_per_worker).values()) == [1, 1]


def test_batch_extract_rerun_skips_done_partitions(cluster, inputs, tmp_path):
    out, config = tmp_path / "out.jsonl", BatchConfig(scheduler=cluster.scheduler_address, partition_size=3)
    first = batch_extract([inputs], out, config=config)
    written = out.read_bytes()
    again = batch_extract([inputs], out, config=config)
    assert (first.partitions, first.extracted, first.skipped) == (7, 7, 0)
    assert (again.extracted, again.skipped, again.written) == (0, 7, 20)
    assert out.read_bytes() == written
    done = [json.loads(line) for line in Path(f"{out}.done").read_text(encoding="utf-8").splitlines()]
    assert len(done) == 7 and sum(d["records"] for d in done) == 20
    (inputs / "en" / "en03_ap_kirkuk.txt").write_text("قتل شخص بقصف على بلدة في ريف إدلب.\n", encoding="utf-8")
    changed = batch_extract([inputs], out, config=config)
    assert (changed.extracted, changed.skipped, changed.written) == (1, 6, 20)
    assert len(list(Path(f"{out}.parts").iterdir())) == 7  # the replaced partition's old part is gone


def test_batch_extract_bad_report_is_named_and_the_others_go_on(cluster, inputs, tmp_path):
    jsonl = inputs / "reports.jsonl"
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    jsonl.write_text("\n".join([*lines[:4], '{"id": "broken", "text": ', *lines[4:]]) + "\n", encoding="utf-8")
    one = cli("extract", str(inputs), "--out", str(tmp_path / "one.jsonl"))
    batch = batch_cli(cluster, "extract", str(inputs), "--out", str(tmp_path / "batch.jsonl"))
    assert one.exit_code == batch.exit_code == 1
    assert f"{jsonl}: line 5: not valid JSON" in batch.output
    assert (tmp_path / "batch.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()


def processing_runs(client: Any, since: int) -> dict[str, int]:
    """How many times the scheduler started each task (key) since transition ``since``."""
    def count(dask_scheduler: Any) -> dict[str, int]:
        runs: dict[str, int] = {}
        for entry in list(dask_scheduler.transition_log)[since:]:
            if entry[2] == "processing":
                runs[str(entry[0])] = runs.get(str(entry[0]), 0) + 1
        return runs
    return client.run_on_scheduler(count)


def test_batch_extract_broken_partition_is_retried_then_named(cluster, inputs, tmp_path):
    broken = inputs / "en" / "zz_broken.txt"
    broken.write_bytes(b"\x00\x01binary\x00" * 10)
    out = tmp_path / "out.jsonl"
    with distributed.Client(cluster) as client:
        since = client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.transition_log))
        result = batch_cli(cluster, "extract", str(inputs), "--out", str(out), "--retries", "2")
        runs = processing_runs(client, since)
    assert result.exit_code == 1
    assert f"partition 4 ({broken}): failed after 3 tries: {broken}: binary file, not text" in result.output
    assert sorted(runs.values()) == [1] * 7 + [3]  # eight partitions: the broken one alone, run three times
    assert [k for k, n in runs.items() if n == 3][0].endswith("-partition-3")
    assert "20 reports extracted" in result.output and "1 failed" in result.output
    one = cli("extract", str(inputs), "--out", str(tmp_path / "one.jsonl"))  # it skips the file, names it
    assert one.exit_code == 1 and out.read_bytes() == (tmp_path / "one.jsonl").read_bytes()


def test_batch_extract_parquet_has_the_same_records(cluster, inputs, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    assert cli("extract", str(inputs), "--out", str(tmp_path / "one.jsonl")).exit_code == 0
    result = batch_cli(cluster, "extract", str(inputs), "--out", str(tmp_path / "parts"), "--format", "parquet")
    assert result.exit_code == 0, result.output
    expected = [json.loads(line) for line in (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()]
    assert parquet_records(tmp_path / "parts") == expected
    assert len(sorted((tmp_path / "parts").glob("part-*.parquet"))) == 7
    table = pq.read_table(str(tmp_path / "parts"))
    assert table.column_names == ["article_id", "language", "publication_date", "events", "tallies"]
    assert table.column("article_id").to_pylist() == [r["article_id"] for r in expected]


def added_line(output: str) -> str:
    """The summary line of an ingest: "added 20, updated 0, unchanged 0, reprints 0; 9 events ..."."""
    return next(line for line in output.splitlines() if line.startswith("added "))


def stored_events(db: Path) -> list[dict[str, Any]]:
    with Store(db) as store:
        return [{k: v for k, v in e.items() if k not in VOLATILE} for e in store.iter_event_records()]


def test_batch_ingest_stores_marsad_ingest_events(cluster, inputs, tmp_path):
    one = cli("ingest", str(inputs), "--db", str(tmp_path / "one.sqlite"))
    batch = batch_cli(cluster, "ingest", str(inputs), "--db", str(tmp_path / "batch.sqlite"))
    assert one.exit_code == 0 and batch.exit_code == 0, batch.output
    events = stored_events(tmp_path / "one.sqlite")
    assert len(events) > 5 and stored_events(tmp_path / "batch.sqlite") == events
    assert added_line(batch.output) == added_line(one.output) and "(7 partitions extracted)" in batch.output
    again = batch_cli(cluster, "ingest", str(inputs), "--db", str(tmp_path / "batch.sqlite"))
    assert again.exit_code == 0, again.output
    assert "added 0, updated 0, unchanged 20, reprints 0;" in again.output and "(0 partitions extracted)" in again.output
    assert stored_events(tmp_path / "batch.sqlite") == events


def test_batch_ingest_bad_report_is_named_and_the_others_are_stored(cluster, inputs, tmp_path):
    (inputs / "ar" / "empty.txt").write_text("  \n", encoding="utf-8")
    one = cli("ingest", str(inputs), "--db", str(tmp_path / "one.sqlite"))
    result = batch_cli(cluster, "ingest", str(inputs), "--db", str(tmp_path / "batch.sqlite"))
    assert one.exit_code == result.exit_code == 1
    assert f"{inputs / 'ar' / 'empty.txt'}: empty file" in result.output
    assert added_line(result.output) == added_line(one.output) and "errors 1;" in added_line(result.output)
    assert stored_events(tmp_path / "batch.sqlite") == stored_events(tmp_path / "one.sqlite")


def test_batch_extract_with_scheduler_warns_that_workers_are_ignored(cluster, inputs, tmp_path):
    result = batch_cli(cluster, "extract", str(inputs / "en"), "--out", str(tmp_path / "o.jsonl"), "--workers", "5")
    assert result.exit_code == 0, result.output
    assert "--workers is ignored with --scheduler" in result.output
    assert f"Dask: 2 workers at {cluster.scheduler_address}" in result.output


def test_batch_open_cluster_names_a_scheduler_without_workers():
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty:
        with pytest.raises(MarsadError, match="has no worker after 0.5 s"):
            with open_cluster(scheduler=empty.scheduler_address, wait_seconds=0.5):
                pass
