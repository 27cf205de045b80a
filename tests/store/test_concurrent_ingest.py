"""Two processes storing the same reports at once (issue 15): no false "not stored" errors, and the
same store as one process makes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from marsad.store import Store
from marsad.store import store as store_module

BATCH = Path(str(resources.files("marsad") / "samples" / "dedup" / "reports.jsonl"))


def test_concurrent_ingest_other_process_storing_in_the_gap_is_unchanged(
        tmp_path: Path, ariha_doc, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Process B checks the report is new, process A stores it, then B writes: B must see A's row."""
    path = tmp_path / "shared.sqlite"
    first, second = Store(path), Store(path)
    real_signature = store_module.signature
    calls = {"n": 0}

    def signature_while_other_stores(text, config):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:  # B is between its check and its write: A stores the same report now
            first.add_document(ariha_doc)
        return real_signature(text, config)

    monkeypatch.setattr(store_module, "signature", signature_while_other_stores)
    result = second.add_document(ariha_doc)
    assert result.status == "unchanged"
    assert result.event_ids == first.add_document(ariha_doc).event_ids
    assert second.counts()["articles"] == 1 and second.counts()["mentions"] == 1
    first.close()
    second.close()


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    """What the store holds, without the times rows were written."""
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": conn.execute("SELECT id, content_hash, duplicate_of FROM articles ORDER BY id").fetchall(),
            "events": conn.execute("SELECT id, event_date, event_type, sub_event_type, actor1, location,"
                                   " fatalities, number_of_sources, status FROM events ORDER BY id").fetchall(),
            "mentions": conn.execute("SELECT id, article_id, event_id FROM mentions ORDER BY id").fetchall(),
            "tallies": conn.execute("SELECT article_id, count, what FROM tallies ORDER BY article_id, id").fetchall(),
        }
    finally:
        conn.close()


def _ingest(db: Path, batch: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from marsad.cli import main; main()", "ingest", str(batch),
                             "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_concurrent_ingest_two_processes_same_batch(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"  # 24 reports: several incidents told by several outlets, and reprints
    batch.write_text("\n".join(BATCH.read_text(encoding="utf-8").splitlines()[:24]) + "\n", encoding="utf-8")
    alone, shared = tmp_path / "alone.sqlite", tmp_path / "shared.sqlite"
    single = _ingest(alone, batch)
    out, err = single.communicate(timeout=600)
    assert single.returncode == 0, out + err
    Store(shared).close()  # the file exists before both start, as with any store in use
    both = [_ingest(shared, batch), _ingest(shared, batch)]
    results = [p.communicate(timeout=600) for p in both]
    for process, (out, err) in zip(both, results):
        assert process.returncode == 0, out + err
        assert "not stored" not in out + err and "error" not in err.lower(), out + err
    assert _snapshot(shared) == _snapshot(alone)
