"""``marsad store copy``: SQLite -> PostgreSQL -> SQLite keeps every row of every table."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.errors import StoreError
from marsad.store import Store
from marsad.store.auth import create_token, revoke_tokens
from marsad.store.connection import connect
from marsad.store.copy import DERIVED, copy_store
from marsad.store.migrations import table_names

BATCH = Path(str(resources.files("marsad") / "samples" / "dedup" / "reports.jsonl"))


def _dump(target: str) -> dict[str, list[tuple]]:
    """Every row of every marsad table, rowids aside, sorted."""
    conn = connect(target)
    try:
        out = {}
        for table in sorted(t for t in table_names(conn) if not t.startswith(("events_fts_", "sqlite_"))):
            columns = [c for c in _columns(conn, table) if c not in ("rowid", "tsv")]
            names = ", ".join(f'"{c}"' for c in columns)
            extra = "rowid, " if table == "events_fts" else ""
            rows = conn.execute(f"SELECT {extra}{names} FROM {table}").fetchall()
            out[table] = sorted((tuple(r) for r in rows), key=repr)
        return out
    finally:
        conn.close()


def _columns(conn, table: str) -> list[str]:  # type: ignore[no-untyped-def]
    from marsad.store.copy import _columns as columns

    return columns(conn, table)


@pytest.fixture
def filled(tmp_path: Path) -> str:
    """A SQLite store with merged reports, a review, a correction, a split, tokens and an audit trail."""
    path = str(tmp_path / "source.sqlite")
    lines = BATCH.read_text(encoding="utf-8").splitlines()[:16]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "batch.jsonl"), "--db", path])
    assert result.exit_code == 0, result.output
    with Store(path) as store:
        events = [e.id for e in store.iter_events()]
        store.set_status(events[0], "reviewed", who="analyst-1")
        store.correct_field(events[1], "fatalities", 7, who="analyst-1")
        several = next(e for e in events if len(store.event_record(e)["mentions"]) > 1)
        store.split_event(several, who="analyst-2")
    create_token(path, "analyst-1")
    create_token(path, "gone")
    revoke_tokens(path, "gone")
    return path


def test_copy_sqlite_to_postgres_and_back_keeps_every_table(filled: str, pg_url: str, tmp_path: Path) -> None:
    back = str(tmp_path / "back.sqlite")
    there = copy_store(filled, pg_url)
    again = copy_store(pg_url, back)
    before, middle, after = _dump(filled), _dump(pg_url), _dump(back)
    assert after == before
    assert {t: middle[t] for t in before} == before  # PostgreSQL holds the same rows too
    assert there.rows["audit_log"] >= 3 and there.rows["tokens"] == 2 and there.rows["cannot_link"] >= 1
    assert again.rows == there.rows
    assert not set(DERIVED) & set(there.rows)  # the read side is filed by the target's own triggers
    with Store(pg_url) as store:  # the copy goes on working: new rows get new ids
        store.set_status(next(store.iter_events()).id, "rejected", who="analyst-3")
        assert json.loads(store.conn.execute("SELECT detail_json FROM audit_log ORDER BY id DESC LIMIT 1")
                          .fetchone()[0])


def test_copy_refuses_a_target_holding_data(filled: str, tmp_path: Path) -> None:
    other = str(tmp_path / "other.sqlite")
    copy_store(filled, other)
    with pytest.raises(StoreError, match="already holds data"):
        copy_store(filled, other)


def test_copy_cli_names_both_stores(filled: str, pg_url: str) -> None:
    result = CliRunner().invoke(app, ["store", "copy", filled, pg_url])
    assert result.exit_code == 0, result.output
    assert "source.sqlite ->" in result.output and "postgresql://" in result.output
