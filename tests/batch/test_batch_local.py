"""``marsad batch`` with no scheduler: it starts (and stops) its own ``LocalCluster``; and start-up
stays lazy (``marsad --help`` does not import Dask)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.runner import sample_corpus_paths

pytest.importorskip("distributed")

runner = CliRunner()


def test_batch_extract_starts_its_own_local_cluster_and_a_rerun_none(tmp_path):
    sample = sample_corpus_paths()[0] / "ar01_sohr_sukhnah_ambush.txt"
    args = ["batch", "extract", str(sample), "--out", str(tmp_path / "o.jsonl"), "--workers", "2"]
    result = runner.invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Dask: 2 workers at tcp://127.0.0.1:" in result.output
    assert "dashboard: " in result.output
    (record,) = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["article_id"] == "ar01_sohr_sukhnah_ambush" and record["events"]
    again = runner.invoke(app, args, terminal_width=200)  # nothing left to do: no cluster is started
    assert again.exit_code == 0, again.output
    assert "Dask:" not in again.output and "0 partitions extracted, 1 done before" in again.output


def test_batch_missing_path_is_named_before_any_cluster(tmp_path):
    result = runner.invoke(app, ["batch", "extract", str(tmp_path / "nope"), "--out", str(tmp_path / "o.jsonl")],
                           terminal_width=200)
    assert result.exit_code == 1
    assert f"{tmp_path / 'nope'}: no such file or folder" in result.output and "Dask:" not in result.output


def test_batch_unknown_format_is_named(tmp_path):
    sample = sample_corpus_paths()[0]
    result = runner.invoke(app, ["batch", "extract", str(sample), "--out", str(tmp_path / "o"), "--format", "csv"],
                           terminal_width=200)
    assert result.exit_code == 1 and "unknown format 'csv' (expected jsonl or parquet)" in result.output


def test_batch_help_does_not_import_dask():
    code = ("import sys; from typer.testing import CliRunner; from marsad.cli import app; "
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0 and 'batch' in r.output; "
            "r = CliRunner().invoke(app, ['batch', 'extract', '--help']); assert r.exit_code == 0; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'pyarrow')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_batch_local_cluster_serves_its_dashboard():
    """The dashboard the CLI prints answers: a batch's progress can be watched in a browser."""
    import httpx

    from marsad.batch.cluster import open_cluster

    with open_cluster(workers=1) as cluster:
        assert cluster.dashboard and cluster.dashboard.startswith("http://")
        page = httpx.get(cluster.dashboard, follow_redirects=True, timeout=30)
        assert page.status_code == 200 and "Dask" in page.text
