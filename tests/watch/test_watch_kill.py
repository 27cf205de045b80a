"""kill -9: a real ``marsad watch`` process, killed three times while it works, loses no report it
had fetched, codes none twice, and records and logs every alert exactly once."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from marsad.store import Store
from marsad.store.alerts import AlertStore
from marsad.watch import AlertLog, Watcher, add_source, load_rules
from newsite import Hook, NewsSite

MARSAD = [sys.executable, "-c", "import sys; from marsad.cli import main; sys.argv[0] = 'marsad'; main()"]
REPORTS = 40
RULES = """webhook: {webhook}
log: alerts.jsonl
rules:
  - {{name: any-death, fatalities_at_least: 1}}
  - {{name: new-pair, new_actor_pair: true}}
"""


def _done(db: Path) -> set[str]:
    """URLs whose bytes are safely stored (fetched) or coded (done), read as another process would."""
    with sqlite3.connect(db, timeout=30) as conn:
        return {r[0] for r in conn.execute("SELECT url FROM watch_items WHERE state IN ('fetched', 'done')")}


def _kill_while_working(db: Path, rules: Path, log: Path, rng: random.Random) -> tuple[float, set[str]]:
    """Start ``marsad watch``, let it code a few reports, kill -9 it at a random moment."""
    before = len(_done(db))
    with log.open("ab") as out:
        proc = subprocess.Popen([*MARSAD, "watch", "--db", str(db), "--alerts", str(rules), "--host-interval", "0.03",
                                 "--workers", "2", "--max-age", "none"], stdout=out, stderr=out)
    deadline = time.monotonic() + 90
    while len(_done(db)) < before + 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    time.sleep(rng.uniform(0.0, 0.4))
    assert proc.poll() is None, "marsad watch stopped by itself: " + log.read_text(errors="replace")[-2000:]
    proc.kill()  # SIGKILL: no cleanup, no lease released
    proc.wait()
    return time.time(), _done(db)


def test_watch_survives_kill_9_at_random_moments(tmp_path, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(20261207)
    db = tmp_path / "killed.sqlite"
    with NewsSite(feed_size=REPORTS) as site, Hook() as hook:
        for n in range(REPORTS):
            site.publish_generated(n)
        rules_path = tmp_path / "alerts.yaml"
        rules_path.write_text(RULES.format(webhook=hook.url), encoding="utf-8")
        rules = load_rules(rules_path)
        with Store(db) as store:
            add_source(store, site.url("/feed.xml"), outlet="شبكة الرصد", lang="ar", every="2s")
            add_source(store, site.url("/sitemap.xml"), outlet="شبكة الرصد", lang="ar", every="2s")
            AlertStore(store).cursors(rules.names)
        kills = [_kill_while_working(db, rules_path, tmp_path / "watch.log", rng) for _ in range(3)]
        assert 0 < len(kills[0][1]) < REPORTS, "the first kill should land mid-work"
        with Store(db) as store:
            Watcher(store, config=config, pipeline=pipeline, rules=rules).run(once=True)
            counts = store.counts()
            coded = sorted((e.location, e.event_date, e.fatalities) for e in store.iter_events())
            alerts = AlertStore(store).alerts(limit=1000)
            states = Counter(r[0] for r in store.conn.execute("SELECT state FROM watch_items"))
        page_hits = [(h.at, h.path) for h in site.hits if h.path.startswith("/news/g") and h.status == 200]
        keys = list(hook.keys)
        with Store(tmp_path / "reference.sqlite") as reference:  # the same site, watched without a kill
            add_source(reference, site.url("/feed.xml"), outlet="شبكة الرصد", lang="ar", every="2s")
            Watcher(reference, config=config, pipeline=pipeline).run(once=True)
            expected = reference.counts()
            expected_events = sorted((e.location, e.event_date, e.fatalities) for e in reference.iter_events())

    assert states == {"done": REPORTS}
    assert counts["articles"] == REPORTS and counts["mentions"] == REPORTS
    assert (counts["events"], coded) == (expected["events"], expected_events)  # as if never killed
    for killed_at, safe in kills:  # nothing stored before a kill was fetched again after it
        again = {path for at, path in page_hits if at > killed_at}
        assert not again & {site_path(url) for url in safe}
    by_rule = Counter(a.rule for a in alerts)
    assert len({a.event_id for a in alerts if a.rule == "any-death"}) == counts["events"]
    assert {a.log_state for a in alerts} == {"written"} and {a.webhook_state for a in alerts} == {"sent"}
    logged = [line["alert_id"] for line in AlertLog(tmp_path / "alerts.jsonl").lines()]
    assert len(logged) == len(set(logged)) == len(alerts)  # the log: every alert, once
    assert set(keys) == set(logged)  # the webhook: every alert; a kill between POST and mark may repeat one
    assert len(keys) - len(set(keys)) <= len(kills)
    assert all(json.loads(json.dumps(a.payload))["event"]["id"] == a.event_id for a in alerts)


def site_path(url: str) -> str:
    return "/" + url.split("/", 3)[3]
