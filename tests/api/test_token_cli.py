"""`marsad token create` prints a token once and stores only its sha256; the token then works."""

from __future__ import annotations

import sqlite3

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
