"""marsad sources add|list|remove|status, marsad watch --once and marsad alerts test, end to end."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "watch"))

from newsite import NewsSite  # noqa: E402

from marsad.cli import app  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.watch import load_starter  # noqa: E402

runner = CliRunner()


def marsad(*args: str) -> object:
    return runner.invoke(app, [str(a) for a in args], terminal_width=200)


@pytest.fixture
def db(tmp_path):  # type: ignore[no-untyped-def]
    return tmp_path / "cli.sqlite"


def test_cli_sources_add_list_remove(db) -> None:  # type: ignore[no-untyped-def]
    added = marsad("sources", "add", "https://example.org/feed/", "--outlet", "Enab Baladi", "--lang", "ar",
                   "--every", "15m", "--db", db)
    assert added.exit_code == 0 and "watching source 1" in added.output
    listed = json.loads(marsad("sources", "list", "--json", "--db", db).output)
    assert [(s["id"], s["outlet"], s["lang"], s["every"]) for s in listed] == [(1, "Enab Baladi", "ar", "15m")]
    assert marsad("sources", "remove", "https://example.org/feed/", "--db", db).exit_code == 0
    assert json.loads(marsad("sources", "list", "--json", "--db", db).output) == []


@pytest.mark.parametrize("args, problem", [
    (["ftp://example.org/feed", "--outlet", "x"], "not an http(s) URL"),
    (["https://example.org/feed", "--outlet", "x", "--lang", "fr"], "language 'fr' is not one of ar, en"),
    (["https://example.org/feed", "--outlet", "x", "--every", "soon"], "is not a duration"),
    (["https://example.org/feed", "--outlet", "x", "--kind", "podcast"], "kind 'podcast' is not one of"),
    (["https://example.org/feed", "--outlet", "x", "--match", "(["], "is not a regular expression"),
])
def test_cli_sources_add_refuses_bad_settings(db, args, problem) -> None:  # type: ignore[no-untyped-def]
    result = marsad("sources", "add", *args, "--db", db)
    assert result.exit_code == 1 and problem in result.output
    assert marsad("sources", "list", "--json", "--db", db).output.strip() == "[]"


def test_cli_sources_add_twice_and_remove_unknown(db) -> None:  # type: ignore[no-untyped-def]
    marsad("sources", "add", "https://example.org/feed/", "--outlet", "x", "--db", db)
    again = marsad("sources", "add", "https://example.org/feed/", "--outlet", "x", "--db", db)
    assert again.exit_code == 1 and "already watched (source 1)" in again.output
    gone = marsad("sources", "remove", "7", "--db", db)
    assert gone.exit_code == 1 and "no watched source '7'" in gone.output


def test_cli_starter_list_is_shipped_but_not_watched(db) -> None:  # type: ignore[no-untyped-def]
    starter = load_starter()
    assert {s.country for s in starter} == {"Syria", "Iraq", "Region"} and {s.lang for s in starter} == {"ar", "en"}
    assert len({s.url for s in starter}) == len(starter)
    assert json.loads(marsad("sources", "list", "--json", "--db", db).output) == []
    result = marsad("sources", "add", "--starter", "--country", "Iraq", "--lang", "ar", "--db", db)
    iraq_ar = [s for s in starter if s.country == "Iraq" and s.lang == "ar"]
    assert result.exit_code == 0 and f"{len(iraq_ar)} starter sources added" in result.output
    again = marsad("sources", "add", "--starter", "--country", "Iraq", "--lang", "ar", "--db", db)
    assert f"0 starter sources added, {len(iraq_ar)} already watched" in again.output


def test_cli_watch_once_then_status_and_alerts_test(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with NewsSite() as site:
        for slug in ("mayadin", "ariha", "mosul"):
            site.publish(slug)
        site.fault("/sitemap.xml", status=500)
        marsad("sources", "add", site.url("/feed.xml"), "--outlet", "شبكة الرصد", "--every", "1s", "--db", db)
        marsad("sources", "add", site.url("/sitemap.xml"), "--outlet", "شبكة الرصد", "--every", "1s", "--db", db)
        result = marsad("watch", "--once", "--host-interval", "0", "--max-age", "none", "--db", db)
    assert result.exit_code == 0, result.output
    assert "coded 3" in result.output and "poll_faults 1" in result.output
    with Store(db) as store:
        assert store.counts()["events"] == 3
    status = json.loads(marsad("sources", "status", "--json", "--db", db).output)
    assert status["status"] == "down"  # the --once watcher has stopped: nothing watches now
    feed, sitemap = status["sources"]
    assert (feed["state"], feed["new_reports"]) == ("ok", 3)
    assert sitemap["state"] == "failing" and sitemap["faults_by_kind"] == {"http-500": 1}
    table = marsad("sources", "status", "--faults", "5", "--db", db)
    assert table.exit_code == 0 and "failing" in table.output and "http-500" in table.output
    rules = tmp_path / "alerts.yaml"
    rules.write_text("rules:\n  - {name: deadly, fatalities_at_least: 10, governorate: Deir ez-Zor}\n", encoding="utf-8")
    fired = marsad("alerts", "test", rules, "--json", "--db", db)
    assert fired.exit_code == 0
    assert "deadly: any event fatalities >= 10 in Deir ez-Zor: 1 events" in fired.output


def test_cli_alerts_test_bad_rules(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "alerts.yaml"
    rules.write_text("rules:\n  - {name: x, near: Qqqqzzz}\n", encoding="utf-8")
    result = marsad("alerts", "test", rules, "--db", db)
    assert result.exit_code == 1 and "place 'Qqqqzzz' is not in the gazetteer" in result.output
