"""Alert rules (YAML) over new and updated events, delivered once to a webhook and a local log.

A rules file::

    webhook: https://hooks.example.org/marsad   # optional: JSON POST per alert, retried
    log: alerts.jsonl                            # optional: default alerts.jsonl beside this file
    rules:
      - name: deadly-deir-ez-zor
        fatalities_at_least: 10
        governorate: Deir ez-Zor                 # English or Arabic, resolved in the gazetteer
      - name: islamic-state-near-mayadin
        actor: Islamic State                     # a name or alias from actors.yaml
        near: Al Mayadin                         # a gazetteer place
        within_km: 50
      - name: new-actor-pair
        new_actor_pair: true

A rule's conditions must all hold. An event fires a rule once per version of its coded
fields (date, type, actors, place, tolls): a new event, or an update that changed them.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import stamina
import yaml

from marsad.errors import InputError
from marsad.geo import Gazetteer, Place, distance_km
from marsad.store.alerts import AlertRow, AlertStore, Draft, all_event_records
from marsad.store.merger import TRACKED
from marsad.text.lexicon import load_yaml
from marsad.text.normalize import normalize_key
from marsad.watch.config import USER_AGENT

log = logging.getLogger(__name__)

CONDITIONS = ("fatalities_at_least", "governorate", "actor", "near", "within_km", "event_type", "new_actor_pair")
SETTLEMENTS = ("city", "town", "village", "neighbourhood", "camp")
DEFAULT_KM = 25.0
WEBHOOK_ATTEMPTS = 8  # delivery attempts (each with quick retries) before an alert is marked failed
WEBHOOK_BACKOFF = 30.0  # first pause between attempts, doubling up to an hour
_NAME = re.compile(r"^[\w.-]+$")
_PAYLOAD_FIELDS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
                   "admin2", "country", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low",
                   "fatalities_high", "injured", "number_of_sources", "first_reported", "last_updated", "notes")

PairSeen = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class Near:
    """A place from the gazetteer and a radius around it."""

    name: str
    place: Place
    km: float


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule: every condition set must hold."""

    name: str
    description: str
    fatalities_at_least: int | None = None
    governorate: str | None = None
    actor: str | None = None
    near: Near | None = None
    event_types: tuple[str, ...] = ()
    new_actor_pair: bool = False

    def matches(self, event: Mapping[str, Any], *, pair_seen: PairSeen) -> bool:
        """Whether ``event`` (a stored event record) fires this rule."""
        if self.fatalities_at_least is not None and (event.get("fatalities") or 0) < self.fatalities_at_least:
            return False
        if self.governorate and event.get("admin1") != self.governorate:
            return False
        if self.actor and self.actor not in event_actors(event):
            return False
        if self.event_types and event.get("event_type") not in self.event_types:
            return False
        if self.near and not _within(event, self.near):
            return False
        if self.new_actor_pair:
            return actor_pair(event) is not None and not pair_seen(event)
        return True

    def fingerprint(self, event: Mapping[str, Any]) -> str:
        """The version of the event this rule looks at: its actor pair, or its coded fields."""
        basis: Any = actor_pair(event) if self.new_actor_pair else [event.get(f) for f in TRACKED]
        return hashlib.sha1(json.dumps(basis, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AlertRules:
    """A rules file: its rules and where alerts go."""

    path: Path
    rules: tuple[Rule, ...]
    webhook: str | None
    log: Path

    @property
    def names(self) -> list[str]:
        return [rule.name for rule in self.rules]


def event_actors(event: Mapping[str, Any]) -> set[str]:
    """Every actor of an event: actor1, actor2 and the associated actors ("a; b")."""
    names = {event.get("actor1"), event.get("actor2")}
    for key in ("assoc_actor_1", "assoc_actor_2"):
        names.update(part.strip() for part in str(event.get(key) or "").split(";"))
    return {n for n in names if n}


def actor_pair(event: Mapping[str, Any]) -> tuple[str, str] | None:
    """The two main actors, sorted, or None when the event has fewer than two."""
    a, b = event.get("actor1"), event.get("actor2")
    return (min(a, b), max(a, b)) if a and b else None


def _within(event: Mapping[str, Any], near: Near) -> bool:
    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None or lon is None:
        return False
    return distance_km(near.place.latitude, near.place.longitude, float(lat), float(lon)) <= near.km


# --- reading a rules file --------------------------------------------------------------


def load_rules(path: str | Path, *, gazetteer: Gazetteer | None = None) -> AlertRules:
    """Read and check a rules file; raise ``InputError`` naming the file, the rule and the problem."""
    path = Path(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such rules file") from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: not a readable YAML rules file ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or not data["rules"]:
        raise InputError(f"{path}: expected a mapping with a non-empty 'rules' list")
    unknown = set(data) - {"rules", "webhook", "log"}
    if unknown:
        raise InputError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))} (expected rules, webhook, log)")
    resolver = _Resolver(gazetteer or Gazetteer.default())
    rules = tuple(_rule(raw, n, path, resolver) for n, raw in enumerate(data["rules"], start=1))
    names = [r.name for r in rules]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"{path}: rule names must be unique ({', '.join(twice)} used twice)")
    return AlertRules(path, rules, _webhook(data.get("webhook"), path), _log_path(data.get("log"), path))


def _rule(raw: Any, number: int, path: Path, resolver: "_Resolver") -> Rule:
    where = f"{path}: rule {number}"
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a mapping of conditions")
    name = str(raw.get("name") or "").strip()
    if not _NAME.match(name):
        raise InputError(f"{where}: needs a 'name' of letters, digits, '-', '_' or '.' (got {name!r})")
    where = f"{path}: rule {number} ({name})"
    unknown = set(raw) - set(CONDITIONS) - {"name", "description"}
    if unknown:
        close = {u: difflib.get_close_matches(u, CONDITIONS, n=1) for u in unknown}
        hints = ", ".join(f"{u!r}" + (f" (did you mean {c[0]!r}?)" if c else "") for u, c in sorted(close.items()))
        raise InputError(f"{where}: unknown condition {hints}; conditions: {', '.join(CONDITIONS)}")
    if not set(raw) & set(CONDITIONS):
        raise InputError(f"{where}: no condition (use one or more of {', '.join(CONDITIONS)})")
    values = _conditions(raw, where, resolver)
    return Rule(name=name, description=str(raw.get("description") or describe(values)), **values)


def _conditions(raw: dict[str, Any], where: str, resolver: "_Resolver") -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "fatalities_at_least" in raw:
        values["fatalities_at_least"] = _count(raw["fatalities_at_least"], where)
    if raw.get("governorate") is not None:
        values["governorate"] = resolver.governorate(str(raw["governorate"]), where)
    if raw.get("actor") is not None:
        values["actor"] = resolver.actor(str(raw["actor"]), where)
    if "within_km" in raw and raw.get("near") is None:
        raise InputError(f"{where}: 'within_km' needs 'near' (the place to measure from)")
    if raw.get("near") is not None:
        km = _km(raw.get("within_km", DEFAULT_KM), where)
        values["near"] = Near(str(raw["near"]), resolver.place(str(raw["near"]), where), km)
    if raw.get("event_type") is not None:
        types = raw["event_type"] if isinstance(raw["event_type"], list) else [raw["event_type"]]
        values["event_types"] = tuple(str(t) for t in types)
    if raw.get("new_actor_pair") is not None:
        if not isinstance(raw["new_actor_pair"], bool):
            raise InputError(f"{where}: 'new_actor_pair' must be true or false")
        values["new_actor_pair"] = raw["new_actor_pair"]
    return values


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"{where}: 'fatalities_at_least' must be a whole number, 0 or more (got {value!r})")
    return value


def _km(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 2000:
        raise InputError(f"{where}: 'within_km' must be a distance in km above 0 (got {value!r})")
    return float(value)


def _webhook(value: Any, path: Path) -> str | None:
    if value is None:
        return None
    url = str(value).strip()
    if not url.startswith(("http://", "https://")):
        raise InputError(f"{path}: webhook must be an http(s) URL (got {url!r})")
    return url


def _log_path(value: Any, path: Path) -> Path:
    target = Path(str(value)) if value else Path("alerts.jsonl")
    return target if target.is_absolute() else (path.parent / target).resolve()


def describe(values: Mapping[str, Any]) -> str:
    """A rule's conditions in words: "fatalities >= 10 in Deir ez-Zor"."""
    parts = []
    if values.get("fatalities_at_least") is not None:
        parts.append(f"fatalities >= {values['fatalities_at_least']}")
    if values.get("event_types"):
        parts.append(" or ".join(values["event_types"]))
    if values.get("actor"):
        parts.append(f"with {values['actor']}")
    if values.get("governorate"):
        parts.append(f"in {values['governorate']}")
    if values.get("near"):
        near = values["near"]
        parts.append(f"within {near.km:g} km of {near.place.name} ({near.place.admin1})")
    if values.get("new_actor_pair"):
        parts.append("a new actor pair")
    return "any event " + " ".join(parts) if parts else "any event"


class _Resolver:
    """Names in rules -> the names events carry: governorates and places from the gazetteer,
    actors from actors.yaml (canonical names or aliases, Arabic or English)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def governorate(self, name: str, where: str) -> str:
        found = [p for p, _kind in self.gazetteer.lookup(name) if p.feature == "admin1"]
        if not found:
            raise InputError(f"{where}: governorate {name!r} is not in the gazetteer")
        return found[0].admin1 or found[0].name

    def place(self, name: str, where: str) -> Place:
        found = self.gazetteer.lookup(name)
        if not found:
            raise InputError(f"{where}: place {name!r} is not in the gazetteer (try: marsad geocode {name!r})")
        ranked = sorted(found, key=lambda pk: (pk[0].feature not in SETTLEMENTS, pk[1], -pk[0].population))
        return ranked[0][0]

    def actor(self, name: str, where: str) -> str:
        names = _actor_names()
        found = names.get(normalize_key(name))
        if found:
            return found
        close = difflib.get_close_matches(name, sorted(set(names.values())), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise InputError(f"{where}: actor {name!r} is not in actors.yaml{hint}")


@functools.cache
def _actor_names() -> dict[str, str]:
    """Folded canonical names and aliases -> canonical actor names (loaded once)."""
    from marsad.extract.knowledge import load_actors

    actors, entries = load_actors()
    names = {normalize_key(name): name for name in actors}
    for lang_entries in entries.values():
        for alias, meaning in lang_entries:
            if meaning.actor is not None and meaning.role == "name":
                names.setdefault(normalize_key(alias), meaning.actor.name)
    return names


# --- firing and delivering -----------------------------------------------------------


def payload(rule: Rule, event: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON an alert delivers (``kind`` and ``alert_id`` are added when it is recorded)."""
    fields = {key: event.get(key) for key in _PAYLOAD_FIELDS}
    fields.update(id=event.get("id"), article_urls=event.get("article_urls") or [])
    return {"rule": rule.name, "description": rule.description,
            "fired_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "event": fields}


def drafts_for(rules: AlertRules, event: Mapping[str, Any], *, pair_seen: PairSeen,
               only: Sequence[str] | None = None) -> list[Draft]:
    """The alerts an event fires (among the rules named in ``only``)."""
    if event.get("status") == "rejected":
        return []
    out = []
    for rule in rules.rules:
        if only is not None and rule.name not in only:
            continue
        if rule.matches(event, pair_seen=pair_seen):
            out.append(Draft(rule.name, str(event["id"]), rule.fingerprint(event), payload(rule, event),
                             rules.webhook, str(rules.log)))
    return out


@dataclass(frozen=True, slots=True)
class Firing:
    """A stored event a rule would have fired on (``marsad alerts test``)."""

    rule: str
    event: dict[str, Any]


def past_firings(store: Any, rules: AlertRules) -> list[Firing]:
    """Which stored events each rule would have fired on, in the order the events were first stored."""
    alerts = AlertStore(store)
    firings = []
    with store.lock:
        records = all_event_records(store.conn)
    for event in records:
        def seen(e: dict[str, Any]) -> bool:
            return alerts.pair_seen_before(str(e["id"]), int(e["rowid"]), actor_pair(e))  # type: ignore[arg-type]
        for draft in drafts_for(rules, event, pair_seen=seen):
            firings.append(Firing(draft.rule, event))
    return firings


class AlertEngine:
    """Reads the event feed for a rules file, records alerts, delivers them (log, then webhook)."""

    def __init__(self, store: Any, rules: AlertRules, *, transport: httpx.BaseTransport | None = None,
                 timeout: float = 10.0, user_agent: str = USER_AGENT) -> None:
        self.rules = rules
        self.alerts = AlertStore(store)
        self._logs: dict[str, AlertLog] = {}
        self.client = httpx.Client(timeout=timeout, transport=transport, headers={"User-Agent": user_agent})
        self.fault: Callable[[str, str], None] = lambda kind, reason: None

    def close(self) -> None:
        self.client.close()

    def evaluate(self, *, batch: int = 500) -> int:
        """Record the alerts fired by events changed since each rule's cursor; return how many."""
        added = 0
        while True:
            cursors = self.alerts.cursors(self.rules.names)
            last, changes = self.alerts.changes(min(cursors.values()), limit=batch)
            if not changes and last <= min(cursors.values()):
                return added
            drafts = [d for change in changes if change.record is not None
                      for d in drafts_for(self.rules, change.record, pair_seen=self._pair_seen,
                                          only=[n for n, seq in cursors.items() if change.seq > seq])]
            added += self.alerts.record(drafts, {name: last for name in cursors})

    def _pair_seen(self, event: dict[str, Any]) -> bool:
        return self.alerts.pair_seen_before(str(event["id"]), int(event["rowid"]), actor_pair(event))  # type: ignore[arg-type]

    def deliver(self, owner: str, *, lease_s: float = 300.0) -> int:
        """Deliver what is due: each alert to its log (once) and its webhook; return deliveries made."""
        rows = self.alerts.claim(owner, now=time.time(), lease_s=lease_s)
        done = 0
        try:
            for row in rows:
                done += self._deliver(row)
        finally:
            self.alerts.release([r.id for r in rows], owner)
        return done

    def _deliver(self, row: AlertRow) -> int:
        done = 0
        if row.log_state == "pending" and row.log_path:
            self._logs.setdefault(row.log_path, AlertLog(Path(row.log_path))).append(row.payload)
            self.alerts.log_written(row.id)
            done += 1
        if row.webhook_state == "pending" and row.webhook:
            done += self._post(row)
        return done

    def _post(self, row: AlertRow) -> int:
        """POST the alert; on failure schedule another attempt, or give up after ``WEBHOOK_ATTEMPTS``."""
        try:
            post_json(self.client, row.webhook or "", row.payload)
        except WebhookError as exc:
            attempts = row.webhook_attempts + 1
            if attempts >= WEBHOOK_ATTEMPTS:
                self.alerts.webhook_done(row.id, state="failed", error=str(exc))
                self.fault("alert-webhook", f"alert {row.payload.get('alert_id')}: given up after {attempts}"
                           f" attempts: {exc}")
            else:
                pause = min(3600.0, WEBHOOK_BACKOFF * 2 ** (attempts - 1))
                self.alerts.webhook_done(row.id, state="pending", error=str(exc), next_at=time.time() + pause)
                self.fault("alert-webhook", f"alert {row.payload.get('alert_id')}: {exc}; next try in {pause:.0f} s")
            return 0
        self.alerts.webhook_done(row.id, state="sent")
        return 1


class WebhookError(Exception):
    """A webhook did not take an alert (network fault or non-2xx answer)."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def post_json(client: httpx.Client, url: str, body: dict[str, Any], *, attempts: int = 3) -> None:
    """POST ``body`` as JSON, quick retries on network faults, 429 and 5xx; raise ``WebhookError``."""
    headers = {"Idempotency-Key": str(body.get("alert_id") or ""), "Content-Type": "application/json"}
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    for attempt in stamina.retry_context(on=lambda e: isinstance(e, WebhookError) and e.retryable,
                                         attempts=attempts, wait_initial=0.2, wait_max=2.0, wait_jitter=0.2,
                                         timeout=None, name="marsad.alerts.webhook"):
        with attempt:
            try:
                response = client.post(url, content=data, headers=headers)
            except httpx.HTTPError as exc:
                raise WebhookError(f"{url}: {type(exc).__name__}: {exc}", retryable=True) from exc
            if not response.is_success:
                code = response.status_code
                raise WebhookError(f"{url}: HTTP {code}", retryable=code == 429 or code >= 500)


@dataclass
class AlertLog:
    """The local alert log: one JSON line per alert, each written once even across a crash
    (an alert already in the log's tail is not written again)."""

    path: Path
    tail_bytes: int = 1_000_000
    _ids: set[str] = field(default_factory=set)

    def append(self, body: dict[str, Any]) -> bool:
        """Append ``body``; False when its ``alert_id`` is in the log already."""
        alert_id = str(body.get("alert_id"))
        if alert_id in self._ids or alert_id in self._tail_ids():
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(body, ensure_ascii=False) + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)  # one write on an O_APPEND file: lines of two watchers never interleave
            os.fsync(fd)
        finally:
            os.close(fd)
        self._ids.add(alert_id)
        return True

    def _tail_ids(self) -> set[str]:
        try:
            with self.path.open("rb") as fh:
                fh.seek(max(0, self.path.stat().st_size - self.tail_bytes))
                tail = fh.read().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return set()
        return set(re.findall(r'"alert_id": "([^"]+)"', tail))

    def lines(self) -> Iterator[dict[str, Any]]:
        """Every alert in the log (for tests and ``alerts`` tooling)."""
        if not self.path.exists():
            return
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)
