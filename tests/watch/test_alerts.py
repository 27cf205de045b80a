"""Alert rules: reading and checking the YAML, matching events, and delivering each alert once
(webhook with retries, local log) for new and updated events."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.store import Store
from marsad.store.alerts import AlertStore
from marsad.watch import AlertLog, Watcher, add_source, load_rules, past_firings
from newsite import REPORTS, Hook

RULES = """
webhook: {webhook}
log: alerts.jsonl
rules:
  - name: deadly-deir-ez-zor
    fatalities_at_least: 10
    governorate: دير الزور
  - name: is-near-mayadin
    actor: داعش
    near: الميادين
    within_km: 50
  - name: new-actor-pair
    new_actor_pair: true
"""


def write_rules(folder: Path, webhook: str = "http://127.0.0.1:9/hook", text: str = RULES) -> Path:
    path = folder / "alerts.yaml"
    path.write_text(text.replace("{webhook}", webhook), encoding="utf-8")
    return path


def test_alert_rules_resolve_names_through_the_gazetteer_and_actors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rules = load_rules(write_rules(tmp_path))
    deadly, near, pair = rules.rules
    assert deadly.governorate == "Deir ez-Zor" and deadly.fatalities_at_least == 10
    assert near.actor == "Islamic State" and near.near.place.name == "Al Mayadin" and near.near.km == 50
    assert near.near.place.feature in ("city", "town")  # the town, not the district's centre
    assert pair.new_actor_pair and rules.log == tmp_path / "alerts.jsonl"
    assert deadly.description == "any event fatalities >= 10 in Deir ez-Zor"


@pytest.mark.parametrize("text, problem", [
    ("rules:\n  - name: a\n    fatalitie_at_least: 3\n", "unknown condition 'fatalitie_at_least' (did you mean 'fatalities_at_least'?)"),
    ("rules:\n  - fatalities_at_least: 3\n", "rule 1: needs a 'name'"),
    ("rules:\n  - name: a\n", "rule 1 (a): no condition"),
    ("rules:\n  - {name: a, new_actor_pair: true}\n  - {name: a, actor: Civilians}\n", "a used twice"),
    ("rules:\n  - {name: a, governorate: Atlantis}\n", "governorate 'Atlantis' is not in the gazetteer"),
    ("rules:\n  - {name: a, near: Qqqqzzz}\n", "place 'Qqqqzzz' is not in the gazetteer"),
    ("rules:\n  - {name: a, actor: Islamik State}\n", "actor 'Islamik State' is not in actors.yaml (did you mean Islamic State"),
    ("rules:\n  - {name: a, within_km: 5}\n", "'within_km' needs 'near'"),
    ("rules:\n  - {name: a, near: Ariha, within_km: -1}\n", "'within_km' must be a distance"),
    ("rules:\n  - {name: a, fatalities_at_least: many}\n", "'fatalities_at_least' must be a whole number"),
    ("webhook: ftp://x\nrules:\n  - {name: a, new_actor_pair: true}\n", "webhook must be an http(s) URL"),
    ("rules: [\n", "not a readable YAML rules file"),
    ("rules: []\n", "non-empty 'rules' list"),
    ("hooks: x\nrules:\n  - {name: a, new_actor_pair: true}\n", "unknown setting(s) hooks"),
])
def test_alert_rules_errors_name_the_file_and_the_rule(tmp_path, text, problem) -> None:  # type: ignore[no-untyped-def]
    path = write_rules(tmp_path, text=text)
    with pytest.raises(InputError) as info:
        load_rules(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_alert_rules_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="no such rules file"):
        load_rules(tmp_path / "nope.yaml")


def _event(**fields):  # type: ignore[no-untyped-def]
    base = {"id": "e1", "rowid": 1, "status": "auto", "fatalities": 12, "admin1": "Deir ez-Zor",
            "actor1": "Islamic State", "actor2": "Military Forces of Syria", "latitude": 35.0, "longitude": 40.2}
    return {**base, **fields}


def test_alert_rules_match_conditions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    deadly, near, pair = load_rules(write_rules(tmp_path)).rules
    never = lambda e: False  # noqa: E731
    assert deadly.matches(_event(), pair_seen=never)
    assert not deadly.matches(_event(fatalities=9), pair_seen=never)
    assert not deadly.matches(_event(admin1="Raqqa"), pair_seen=never)
    assert near.matches(_event(), pair_seen=never)
    assert not near.matches(_event(latitude=36.5, longitude=38.0), pair_seen=never)  # far away
    assert not near.matches(_event(latitude=None, longitude=None), pair_seen=never)
    assert near.matches(_event(actor1="Military Forces of Syria", actor2=None,
                               assoc_actor_1="Islamic State"), pair_seen=never)
    assert pair.matches(_event(), pair_seen=never)
    assert not pair.matches(_event(), pair_seen=lambda e: True)
    assert not pair.matches(_event(actor2=None), pair_seen=never)
    assert deadly.fingerprint(_event()) != deadly.fingerprint(_event(fatalities=15))
    assert pair.fingerprint(_event()) == pair.fingerprint(_event(fatalities=15))


@pytest.fixture
def watched(tmp_path, site):  # type: ignore[no-untyped-def]
    for slug in ("mayadin", "ariha", "bukamal", "mosul"):
        site.publish(slug)
    store = Store(tmp_path / "alerts.sqlite")
    add_source(store, site.url("/feed.xml"), outlet="x", every="1s")
    yield store
    store.close()


def _run(store, config, pipeline, rules):  # type: ignore[no-untyped-def]
    return Watcher(store, config=config, pipeline=pipeline, rules=rules).run(once=True)


def test_alerts_fire_once_to_webhook_and_log(tmp_path, watched, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    with Hook(fail=2) as hook:  # the first two POSTs fail: retried with back-off
        rules = load_rules(write_rules(tmp_path, hook.url))
        AlertStore(watched).cursors(rules.names)  # the rules start watching before any report arrives
        summary = _run(watched, config, pipeline, rules)
        fired = sorted((p["rule"], p["event"]["location"]) for p in hook.posts)
        assert fired == [("deadly-deir-ez-zor", "Mayadin desert"), ("is-near-mayadin", "Mayadin desert"),
                         ("new-actor-pair", "Ariha"),
                         ("new-actor-pair", "Mayadin desert"), ("new-actor-pair", "Mosul")]
        assert summary.alerts == 5 and hook.attempts == 7
        assert hook.keys == [p["alert_id"] for p in hook.posts] and len(set(hook.keys)) == 5
        assert {p["kind"] for p in hook.posts} == {"new"}
        logged = list(AlertLog(tmp_path / "alerts.jsonl").lines())
        assert sorted(a["alert_id"] for a in logged) == sorted(hook.keys)
        assert _run(watched, config, pipeline, rules).alerts == 0 and len(hook.posts) == 5

        site.change("mayadin", REPORTS["mayadin"][1].replace("قتل 12", "قتل 15"))
        _run(watched, config, pipeline, rules)
        updated = [p for p in hook.posts[5:]]
        assert sorted(p["rule"] for p in updated) == ["deadly-deir-ez-zor", "is-near-mayadin"]
        assert {p["kind"] for p in updated} == {"updated"} and {p["event"]["fatalities"] for p in updated} == {15}
    assert len(list(AlertLog(tmp_path / "alerts.jsonl").lines())) == 7


def test_alerts_webhook_down_keeps_the_alert_and_backs_off(tmp_path, watched, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/hook"
    rules = load_rules(write_rules(tmp_path, dead))
    AlertStore(watched).cursors(rules.names)
    started = time.time()
    _run(watched, config, pipeline, rules)
    rows = AlertStore(watched).alerts()
    assert len(rows) == 5 and {r.webhook_state for r in rows} == {"pending"} and {r.log_state for r in rows} == {"written"}
    counts = AlertStore(watched).counts()
    assert counts["webhook_pending"] == 5 and counts["log_pending"] == 0
    assert all(r.webhook_attempts == 1 for r in rows)
    next_at = watched.conn.execute("SELECT min(webhook_next_at) FROM alerts").fetchone()[0]
    assert next_at >= started + 25
    faults = watched.conn.execute("SELECT count(*) FROM watch_faults WHERE kind = 'alert-webhook'").fetchone()[0]
    assert faults == 5


def test_alert_log_is_written_once_across_a_crash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log = AlertLog(tmp_path / "a.jsonl")
    body = {"alert_id": "r/e1/abc", "rule": "r"}
    assert log.append(body)
    assert not AlertLog(tmp_path / "a.jsonl").append(body)  # a restarted watcher finds it in the tail
    assert len(list(log.lines())) == 1


def test_alerts_test_shows_what_past_events_would_fire(tmp_path, watched, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    _run(watched, config, pipeline, None)
    rules = load_rules(write_rules(tmp_path))
    firings = past_firings(watched, rules)
    by_rule: dict[str, list[str]] = {}
    for f in firings:
        by_rule.setdefault(f.rule, []).append(f.event["location"])
    assert by_rule["deadly-deir-ez-zor"] == ["Mayadin desert"]
    assert by_rule["is-near-mayadin"] == ["Mayadin desert"]
    assert sorted(by_rule["new-actor-pair"]) == ["Ariha", "Mayadin desert", "Mosul"]
    assert AlertStore(watched).alerts() == []  # nothing recorded or delivered
