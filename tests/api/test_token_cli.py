"""`marsad token create` prints a token once and stores only its sha256; the token then works."""

from __future__ import annotations

import sqlite3

import pytest

from typer.testing import CliRunner

from marsad.cli import app
from marsad.store.auth import hash_token, revoke_tokens, token_name


def test_token_cli_create_prints_working_token(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "t.sqlite"
    result = CliRunner().invoke(app, ["token", "create", "analyst-1", "--db", str(db)])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    assert token.startswith("msd_") and len(token) > 30
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT name, token_hash FROM tokens").fetchall()
        assert rows == [("analyst-1", hash_token(token))]
        assert token_name(conn, token) == "analyst-1"
        assert token_name(conn, token + "x") is None
    finally:
        conn.close()
    assert revoke_tokens(db, "analyst-1") == 1
    conn = sqlite3.connect(db)
    assert token_name(conn, token) is None
    conn.close()


def test_token_cli_bad_name_exits_1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["token", "create", "two words", "--db", str(tmp_path / "t.sqlite")])
    assert result.exit_code == 1 and "token name" in result.output


def test_token_cli_serve_help_lists_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200", "TERM": "dumb"})
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--require-token-for-read", "--tiles"):
        assert option in result.output


def _cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "TERM": "dumb"})


def test_token_cli_scopes_expiry_list_and_revoke(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "t.sqlite")
    admin = _cli("token", "create", "admin-1", "--scope", "admin", "--expires", "30d", "--db", db).output.strip()
    feed = _cli("token", "create", "feed-bot", "--scope", "ingest", "--db", db).output.strip()
    _cli("token", "create", "feed-bot", "--db", db)
    listed = _cli("token", "list", "--db", db)
    assert listed.exit_code == 0, listed.output
    assert "3 tokens" in listed.output and "admin-1" in listed.output and "never" in listed.output
    assert admin not in listed.output and feed not in listed.output  # tokens are never shown again
    conn = sqlite3.connect(db)
    grants = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, scopes, expires_at FROM tokens")}
    conn.close()
    assert grants[1][0] == "admin" and grants[1][1] > "2026" and grants[2] == ("ingest", None)
    assert grants[3][0] == "ingest review"
    revoked = _cli("token", "revoke", "feed-bot", "--db", db)
    assert revoked.exit_code == 0 and "revoked 2 tokens" in revoked.output
    assert _cli("token", "list", "--db", db).output.count("revoked") == 2
    assert _cli("token", "revoke", "--id", "1", "--db", db).output.strip() == "revoked 1 token"
    again = _cli("token", "revoke", "--id", "1", "--db", db)
    assert again.exit_code == 1 and "no such live token" in again.output
    conn = sqlite3.connect(db)
    actions = [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]
    conn.close()
    assert actions == ["create_token"] * 3 + ["revoke_token"] * 2


@pytest.mark.parametrize("args, message", [
    (["--scope", "root"], "token scope root: use ingest, review, admin"),
    (["--expires", "soon"], "token expiry 'soon': use a duration"),
    (["--expires", "2001-01-01"], "token expiry '2001-01-01' is in the past"),
])
def test_token_cli_bad_scope_or_expiry_exits_1(tmp_path, args, message) -> None:  # type: ignore[no-untyped-def]
    result = _cli("token", "create", "x", *args, "--db", str(tmp_path / "t.sqlite"))
    assert result.exit_code == 1 and message in result.output


def test_token_cli_expired_token_is_not_accepted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta, timezone

    from marsad.store.auth import parse_expiry

    db = tmp_path / "t.sqlite"
    token = _cli("token", "create", "short", "--expires", "1h", "--db", str(db)).output.strip()
    conn = sqlite3.connect(db)
    assert token_name(conn, token) == "short"
    past = (datetime.now(timezone.utc) - timedelta(seconds=1)).replace(microsecond=0).isoformat()
    with conn:
        conn.execute("UPDATE tokens SET expires_at = ?", (past,))
    assert token_name(conn, token) is None
    conn.close()
    assert _cli("token", "list", "--db", str(db)).output.count("expired") == 1
    assert parse_expiry("2w", now=datetime(2026, 1, 1, tzinfo=timezone.utc)) == "2026-01-15T00:00:00+00:00"
