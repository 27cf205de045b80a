"""Two processes storing the same reports at once (issue 15): no false "not stored" errors, and the
same store as one process makes."""

from __future__ import annotations

import itertools
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from marsad.store import Store
from marsad.store import store as store_module
from marsad.store.connection import connect

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


def _snapshot(db: Path | str) -> dict[str, list[tuple]]:
    """What the store holds, without the times rows were written."""
    conn = connect(str(db))
    try:
        return {
            "articles": _rows(conn, "SELECT id, content_hash, duplicate_of FROM articles ORDER BY id"),
            "events": _rows(conn, "SELECT id, event_date, event_type, sub_event_type, actor1, location,"
                                  " fatalities, number_of_sources, status FROM events ORDER BY id"),
            "mentions": _rows(conn, "SELECT id, article_id, event_id FROM mentions ORDER BY id"),
            "tallies": _rows(conn, "SELECT article_id, count, what FROM tallies ORDER BY article_id, id"),
            "history": _rows(conn, "SELECT event_id, kind, count(*) FROM event_history GROUP BY event_id, kind"
                                   " ORDER BY event_id, kind"),
        }
    finally:
        conn.close()


def _rows(conn, sql: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [tuple(r) for r in conn.execute(sql).fetchall()]


def _ingest(db: Path | str, batch: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from marsad.cli import main; main()", "ingest", str(batch),
                             "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


_SHARED = itertools.count(1)


@pytest.fixture(params=("sqlite", "postgres"))
def two_stores(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """Two empty stores on one back-end: one for a single writer, one shared by several."""
    if request.param == "sqlite":
        return str(tmp_path / "alone.sqlite"), str(tmp_path / "shared.sqlite")
    server = request.getfixturevalue("postgres")
    return request.getfixturevalue("pg_url"), _second_database(server, request)


def _second_database(server, request: pytest.FixtureRequest) -> str:  # type: ignore[no-untyped-def]
    name = f"shared_{next(_SHARED)}"
    url = server.create_database(name, template=request.getfixturevalue("pg_template"))
    request.addfinalizer(lambda: server.drop_database(name))
    return str(url)


@pytest.mark.slow
def test_concurrent_ingest_writers_same_batch(tmp_path: Path, two_stores: tuple[str, str]) -> None:
    """Three processes storing the same 24 reports (incidents told by several outlets, and reprints) at
    once into one store make exactly the store one process makes: no event lost, none doubled."""
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(BATCH.read_text(encoding="utf-8").splitlines()[:24]) + "\n", encoding="utf-8")
    alone, shared = two_stores
    single = _ingest(alone, batch)
    out, err = single.communicate(timeout=600)
    assert single.returncode == 0, out + err
    Store(shared).close()  # the store exists before they start, as with any store in use
    writers = [_ingest(shared, batch) for _ in range(3)]
    results = [p.communicate(timeout=600) for p in writers]
    for process, (out, err) in zip(writers, results):
        assert process.returncode == 0, out + err
        assert "not stored" not in out + err and "error" not in err.lower(), out + err
    expected = _snapshot(alone)
    assert len(expected["events"]) > 10
    assert _snapshot(shared) == expected
