"""The read side of the store, kept up to date by SQLite triggers on ``events``.

``events`` rows are wide (``data_json`` carries every claim and evidence span, several kB), so
listing and counting scan a narrow copy instead:

- ``event_facts``: one row per event with the columns a listing shows and every filter uses,
  each filter column indexed (case-insensitively where the API compares so), and the default
  sort (date) and the fatalities sort; rarer sorts sort the matching rows;
- ``event_sources``: the source names of each event (``claim``: a claim's source; ``via``: the
  outlet that relayed it; ``named``: a name in ACLED's ``source`` text), indexed by name;
- ``stats_day`` / ``stats_month``: event counts and fatality sums per day and per month by
  dimension (``all``, ``admin1``, ``actor``, ``source``), event type and review status.

Triggers keep all of them right on every insert, update and delete of an event, whoever writes
(merging, reviewing, bulk import, raw SQL), inside the writer's transaction. The statistics of the
whole store, or of a date range, type or status, are then a few thousand rows away, not 100,000.
"""

from __future__ import annotations

DIMENSIONS = ("all", "admin1", "actor", "source")
SOURCE_KIND = "summary"  # the sources statistics count per event: those its source summary names
FACT_COLUMNS = ("id", "event_date", "day", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2",
                "location", "latitude", "longitude", "fatalities", "number_of_sources", "status", "first_reported",
                "last_updated", "geo_precision", "source", "country")
_FULL_DATE = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"

TABLES = """
CREATE TABLE IF NOT EXISTS event_facts (
  id TEXT PRIMARY KEY, event_date TEXT, day TEXT, event_type TEXT, sub_event_type TEXT, actor1 TEXT, actor2 TEXT,
  admin1 TEXT, admin2 TEXT, location TEXT, latitude REAL, longitude REAL, fatalities INTEGER,
  number_of_sources INTEGER, status TEXT, first_reported TEXT, last_updated TEXT, geo_precision INTEGER,
  source TEXT, country TEXT
);
CREATE INDEX IF NOT EXISTS facts_date ON event_facts(event_date, id);
CREATE INDEX IF NOT EXISTS facts_admin1 ON event_facts(admin1 COLLATE NOCASE, event_date);
CREATE INDEX IF NOT EXISTS facts_admin2 ON event_facts(admin2 COLLATE NOCASE, event_date);
CREATE INDEX IF NOT EXISTS facts_type ON event_facts(event_type COLLATE NOCASE, event_date);
CREATE INDEX IF NOT EXISTS facts_sub_type ON event_facts(sub_event_type COLLATE NOCASE, event_date);
CREATE INDEX IF NOT EXISTS facts_actor1 ON event_facts(actor1 COLLATE NOCASE, event_date);
CREATE INDEX IF NOT EXISTS facts_actor2 ON event_facts(actor2 COLLATE NOCASE, event_date);
CREATE INDEX IF NOT EXISTS facts_status ON event_facts(status, event_date);
CREATE INDEX IF NOT EXISTS facts_point ON event_facts(latitude, longitude);
CREATE INDEX IF NOT EXISTS facts_fatalities ON event_facts(fatalities, id);
CREATE TABLE IF NOT EXISTS event_sources (event_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_sources_name ON event_sources(name COLLATE NOCASE, event_id);
CREATE INDEX IF NOT EXISTS event_sources_event ON event_sources(event_id, kind, name);
CREATE TABLE IF NOT EXISTS stats_day (
  dim TEXT NOT NULL, day TEXT NOT NULL, key TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL,
  n INTEGER NOT NULL, fatalities INTEGER NOT NULL, PRIMARY KEY (dim, day, key, event_type, status)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stats_month (
  dim TEXT NOT NULL, month TEXT NOT NULL, key TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL,
  n INTEGER NOT NULL, fatalities INTEGER NOT NULL, PRIMARY KEY (dim, month, key, event_type, status)
) WITHOUT ROWID;
"""


def _day(row: str) -> str:
    return f"coalesce(CASE WHEN {row}.event_date GLOB {_FULL_DATE} THEN substr({row}.event_date, 1, 10) END, '')"


def _parsed(row: str, paths: str, backfill: bool, events: str = "events") -> tuple[str, str, str]:
    """(FROM item, row name, value) that parses the event's JSON once and pulls ``paths`` as an array.

    In a trigger the row is NEW or OLD; the backfill reads every stored event instead, a malformed
    JSON read as {} (in a trigger a writer of malformed JSON is refused)."""
    if backfill:
        data = "CASE WHEN json_valid(data_json) THEN data_json ELSE '{}' END"
        return f"(SELECT *, json_extract({data}, {paths}) AS v FROM {events}) e", "e", "e.v"
    return f"(SELECT json_extract({row}.data_json, {paths}) AS v) x", row, "x.v"


def _fact_select(row: str, backfill: bool = False, events: str = "events") -> str:
    """SELECT of an event's ``event_facts`` row."""
    source, r, v = _parsed(row, "'$.source', '$.country', '$.geo_precision'", backfill, events)
    return (f"SELECT {r}.id, {r}.event_date, nullif({_day(r)}, ''), {r}.event_type, {r}.sub_event_type, "
            f"{r}.actor1, {r}.actor2, {r}.admin1, {r}.admin2, {r}.location, {r}.latitude, "
            f"{r}.longitude, {r}.fatalities, {r}.number_of_sources, {r}.status, {r}.first_reported, "
            f"{r}.last_updated, coalesce(json_extract({v}, '$[2]'), {r}.geo_precision), json_extract({v}, '$[0]'), "
            f"json_extract({v}, '$[1]') "
            f"FROM {source}")


def _source_rows(row: str, backfill: bool = False, events: str = "events") -> str:
    """SELECT of (event id, name, kind) for an event's sources: its claims' sources, the outlets that
    relayed them, the names in its ACLED ``source`` text ("SOHR; AFP"), and the sources its source
    summary names (``summary``: what statistics count, each once)."""
    source, r, v = _parsed(row, "'$.source', '$.sources', '$.source_summary.named'", backfill, events)
    named = f"json_each('[' || replace(json_quote(coalesce(json_extract({v}, '$[0]'), '')), ';', '\",\"') || ']') p"
    claims = f"json_each({v}, '$[1]') j"
    summary = f"json_each(coalesce(json_extract({v}, '$[2]'), '[]')) m"
    return (f"SELECT {r}.id AS event_id, json_extract(j.value, '$.source') AS name, 'claim' AS kind"
            f" FROM {source}, {claims}"
            f" UNION ALL SELECT {r}.id, json_extract(j.value, '$.via'), 'via' FROM {source}, {claims}"
            f" UNION ALL SELECT {r}.id, trim(p.value), 'named' FROM {source}, {named}"
            f" UNION ALL SELECT {r}.id, m.value, '{SOURCE_KIND}' FROM {source}, {summary}")


def _keys(row: str) -> str:
    """SQL giving (dim, k) for every key one event counts under."""
    return (f"SELECT 'all' AS dim, '' AS k UNION ALL SELECT 'admin1', coalesce({row}.admin1, '')"
            f" UNION ALL SELECT 'actor', k FROM (SELECT {row}.actor1 AS k UNION SELECT {row}.actor2)"
            " WHERE k IS NOT NULL AND k != ''"
            f" UNION ALL SELECT DISTINCT 'source', name FROM event_sources WHERE event_id = {row}.id AND kind = '{SOURCE_KIND}'")


def _bucket(table: str, row: str) -> str:
    return _day(row) if table == "stats_day" else f"substr({_day(row)}, 1, 7)"


_TABLES = (("stats_day", "day"), ("stats_month", "month"))


def _add_counts(row: str) -> str:
    return "\n  ".join(
        f"INSERT INTO {table} (dim, {column}, key, event_type, status, n, fatalities)"
        f" SELECT dim, {_bucket(table, row)}, k, coalesce({row}.event_type, ''), {row}.status, 1,"
        f" coalesce({row}.fatalities, 0) FROM ({_keys(row)}) WHERE 1"
        f" ON CONFLICT (dim, {column}, key, event_type, status) DO UPDATE SET n = n + 1,"
        f" fatalities = fatalities + excluded.fatalities;" for table, column in _TABLES)


def _remove_counts(row: str) -> str:
    statements = []
    for table, column in _TABLES:
        where = (f"{column} = {_bucket(table, row)} AND event_type = coalesce({row}.event_type, '')"
                 f" AND status = {row}.status AND (dim, key) IN (SELECT dim, k FROM ({_keys(row)}))")
        statements.append(f"UPDATE {table} SET n = n - 1, fatalities = fatalities - coalesce({row}.fatalities, 0)"
                          f" WHERE {where};")
        statements.append(f"DELETE FROM {table} WHERE {where} AND n <= 0;")
    return "\n  ".join(statements)


_BUMP = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'events_version';"


def _add(row: str) -> str:
    return (f"INSERT INTO event_facts ({', '.join(FACT_COLUMNS)}) {_fact_select(row)};\n  "
            f"INSERT INTO event_sources (event_id, name, kind) SELECT DISTINCT event_id, name, kind"
            f" FROM ({_source_rows(row)}) WHERE name IS NOT NULL AND trim(name) != '';\n  "
            + _add_counts(row))


def _remove(row: str) -> str:
    return (_remove_counts(row) + f"\n  DELETE FROM event_sources WHERE event_id = {row}.id;"
            f"\n  DELETE FROM event_facts WHERE id = {row}.id;")


def triggers() -> str:
    """The triggers that keep the read side in step with ``events`` (and count every change in
    ``meta.events_version``, which keys the read caches)."""
    return (f"{insert_trigger()};\n"
            f"CREATE TRIGGER IF NOT EXISTS events_read_delete AFTER DELETE ON events BEGIN\n  {_remove('OLD')}\n"
            f"  {_BUMP}\nEND;\n"
            f"CREATE TRIGGER IF NOT EXISTS events_read_update AFTER UPDATE ON events BEGIN\n  {_remove('OLD')}\n"
            f"  {_add('NEW')}\n  {_BUMP}\nEND;\n")


def fill_statements(after_rowid: int = 0) -> list[str]:
    """Statements that add the read side of the events stored after ``after_rowid`` (all of them by
    default: the migration of an older store), set-based: for a bulk import with the row trigger off."""
    events = f"(SELECT * FROM events WHERE rowid > {int(after_rowid)})"
    facts = f"(SELECT f.* FROM event_facts f WHERE f.id IN (SELECT id FROM {events}))"
    counts = []
    for table, column, bucket in (("stats_day", "day", "coalesce(f.day, '')"),
                                  ("stats_month", "month", "substr(coalesce(f.day, ''), 1, 7)")):
        keyed = {"all": f"SELECT f.*, '' AS k FROM {facts} f",
                 "admin1": f"SELECT f.*, coalesce(f.admin1, '') AS k FROM {facts} f",
                 "actor": (f"SELECT f.*, f.actor1 AS k FROM {facts} f WHERE f.actor1 IS NOT NULL AND f.actor1 != ''"
                           f" UNION ALL SELECT f.*, f.actor2 FROM {facts} f WHERE f.actor2 IS NOT NULL"
                           " AND f.actor2 != '' AND f.actor2 != coalesce(f.actor1, '')"),
                 "source": (f"SELECT f.*, s.name AS k FROM {facts} f JOIN (SELECT DISTINCT event_id, name"
                            f" FROM event_sources WHERE kind = '{SOURCE_KIND}') s ON s.event_id = f.id")}
        for dim, source in keyed.items():
            counts.append(f"INSERT INTO {table} (dim, {column}, key, event_type, status, n, fatalities)"
                          f" SELECT '{dim}', {bucket}, k, coalesce(f.event_type, ''), f.status, count(*),"
                          f" sum(coalesce(f.fatalities, 0)) FROM ({source}) f WHERE 1 GROUP BY 2, 3, 4, 5"
                          f" ON CONFLICT (dim, {column}, key, event_type, status) DO UPDATE SET n = n + excluded.n,"
                          " fatalities = fatalities + excluded.fatalities")
    return [f"INSERT INTO event_facts ({', '.join(FACT_COLUMNS)}) {_fact_select('', True, events)}",
            "INSERT INTO event_sources (event_id, name, kind) SELECT DISTINCT event_id, name, kind FROM"
            f" ({_source_rows('', True, events)}) WHERE name IS NOT NULL AND trim(name) != ''",
            *counts, _BUMP.rstrip(";")]


def insert_trigger() -> str:
    """The trigger that files one inserted event (dropped and re-made around a bulk import)."""
    return f"CREATE TRIGGER IF NOT EXISTS events_read_insert AFTER INSERT ON events BEGIN\n  {_add('NEW')}\n  {_BUMP}\nEND"


def migration_sql() -> str:
    """Tables, triggers and the backfill of existing events (part of migration 7)."""
    version = "INSERT OR IGNORE INTO meta (key, value) VALUES ('events_version', '0');\n"
    return TABLES + version + triggers() + ";\n".join(fill_statements()) + ";\n"
