"""The read side of the store, kept up to date by SQLite triggers on ``events``.

``events`` rows are wide (``data_json`` carries every claim and evidence span, several kB), so
listing and counting scan a narrow copy instead:

- ``event_facts``: one row per event with the columns a listing shows and every filter uses,
  each filter column indexed (case-insensitively where the API compares so);
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
CREATE INDEX IF NOT EXISTS facts_sources_n ON event_facts(number_of_sources, id);
CREATE INDEX IF NOT EXISTS facts_first_reported ON event_facts(first_reported, id);
CREATE INDEX IF NOT EXISTS facts_last_updated ON event_facts(last_updated, id);
CREATE INDEX IF NOT EXISTS facts_admin1_order ON event_facts(admin1, id);
CREATE INDEX IF NOT EXISTS facts_type_order ON event_facts(event_type, id);
CREATE TABLE IF NOT EXISTS event_sources (event_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_sources_name ON event_sources(name COLLATE NOCASE, event_id);
CREATE INDEX IF NOT EXISTS event_sources_event ON event_sources(event_id, kind);
CREATE TABLE IF NOT EXISTS stats_day (
  dim TEXT NOT NULL, day TEXT NOT NULL, key TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL,
  n INTEGER NOT NULL, fatalities INTEGER NOT NULL, PRIMARY KEY (dim, day, key, event_type, status)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stats_month (
  dim TEXT NOT NULL, month TEXT NOT NULL, key TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL,
  n INTEGER NOT NULL, fatalities INTEGER NOT NULL, PRIMARY KEY (dim, month, key, event_type, status)
) WITHOUT ROWID;
"""


def _json(row: str) -> str:
    return f"(CASE WHEN json_valid({row}.data_json) THEN {row}.data_json ELSE '{{}}' END)"


def _day(row: str) -> str:
    return f"coalesce(CASE WHEN {row}.event_date GLOB {_FULL_DATE} THEN substr({row}.event_date, 1, 10) END, '')"


def _fact_values(row: str) -> str:
    data = _json(row)
    return (f"{row}.id, {row}.event_date, nullif({_day(row)}, ''), {row}.event_type, {row}.sub_event_type, "
            f"{row}.actor1, {row}.actor2, {row}.admin1, {row}.admin2, {row}.location, {row}.latitude, "
            f"{row}.longitude, {row}.fatalities, {row}.number_of_sources, {row}.status, {row}.first_reported, "
            f"{row}.last_updated, json_extract({data}, '$.geo_precision'), json_extract({data}, '$.source'), "
            f"json_extract({data}, '$.country')")


def _source_rows(row: str, joined: str = "") -> str:
    """SELECTs of (event id, name, kind) for an event's sources: its claims' sources, the outlets that
    relayed them, the names in its ACLED ``source`` text ("SOHR; AFP"). ``joined``: "events e, "."""
    data = _json(row)
    named = f"json_each('[' || replace(json_quote(coalesce(json_extract({data}, '$.source'), '')), ';', '\",\"') || ']')"
    return (f"SELECT {row}.id AS event_id, json_extract(j.value, '$.source') AS name, 'claim' AS kind"
            f" FROM {joined}json_each({data}, '$.sources') j"
            f" UNION SELECT {row}.id, json_extract(j.value, '$.via'), 'via' FROM {joined}json_each({data}, '$.sources') j"
            f" UNION SELECT {row}.id, trim(p.value), 'named' FROM {joined}{named} p")


def _keys(dim: str, row: str) -> str:
    """SQL giving the keys (column ``k``) one event counts under in ``dim``."""
    if dim == "all":
        return "SELECT '' AS k"
    if dim == "admin1":
        return f"SELECT coalesce({row}.admin1, '') AS k"
    if dim == "actor":
        return (f"SELECT k FROM (SELECT {row}.actor1 AS k UNION SELECT {row}.actor2)"
                " WHERE k IS NOT NULL AND k != ''")
    return f"SELECT DISTINCT name AS k FROM event_sources WHERE event_id = {row}.id AND kind = 'claim'"


def _bucket(table: str, row: str) -> str:
    return _day(row) if table == "stats_day" else f"substr({_day(row)}, 1, 7)"


def _add_counts(row: str) -> str:
    statements = []
    for table, column in (("stats_day", "day"), ("stats_month", "month")):
        for dim in DIMENSIONS:
            statements.append(
                f"INSERT INTO {table} (dim, {column}, key, event_type, status, n, fatalities)"
                f" SELECT '{dim}', {_bucket(table, row)}, k, coalesce({row}.event_type, ''), {row}.status, 1,"
                f" coalesce({row}.fatalities, 0) FROM ({_keys(dim, row)}) WHERE 1"
                f" ON CONFLICT (dim, {column}, key, event_type, status) DO UPDATE SET n = n + 1,"
                f" fatalities = fatalities + excluded.fatalities;")
    return "\n  ".join(statements)


def _remove_counts(row: str) -> str:
    statements = []
    for table, column in (("stats_day", "day"), ("stats_month", "month")):
        for dim in DIMENSIONS:
            where = (f"dim = '{dim}' AND {column} = {_bucket(table, row)} AND event_type = coalesce({row}.event_type,"
                     f" '') AND status = {row}.status AND key IN ({_keys(dim, row)})")
            statements.append(f"UPDATE {table} SET n = n - 1, fatalities = fatalities - coalesce({row}.fatalities, 0)"
                              f" WHERE {where};")
            statements.append(f"DELETE FROM {table} WHERE {where} AND n <= 0;")
    return "\n  ".join(statements)


def _add(row: str) -> str:
    return (f"INSERT INTO event_facts ({', '.join(FACT_COLUMNS)}) VALUES ({_fact_values(row)});\n  "
            f"INSERT INTO event_sources (event_id, name, kind) SELECT DISTINCT event_id, name, kind"
            f" FROM ({_source_rows(row)}) WHERE name IS NOT NULL AND trim(name) != '';\n  "
            + _add_counts(row))


def _remove(row: str) -> str:
    return (_remove_counts(row) + f"\n  DELETE FROM event_sources WHERE event_id = {row}.id;"
            f"\n  DELETE FROM event_facts WHERE id = {row}.id;")


def triggers() -> str:
    """The triggers that keep the read side in step with ``events``."""
    return (f"CREATE TRIGGER IF NOT EXISTS events_read_insert AFTER INSERT ON events BEGIN\n  {_add('NEW')}\nEND;\n"
            f"CREATE TRIGGER IF NOT EXISTS events_read_delete AFTER DELETE ON events BEGIN\n  {_remove('OLD')}\nEND;\n"
            f"CREATE TRIGGER IF NOT EXISTS events_read_update AFTER UPDATE ON events BEGIN\n  {_remove('OLD')}\n"
            f"  {_add('NEW')}\nEND;\n")


def _backfill() -> str:
    """Fill the read side from the events already stored (a store made before migration 5)."""
    counts = []
    for table, column, bucket in (("stats_day", "day", "coalesce(f.day, '')"),
                                  ("stats_month", "month", "substr(coalesce(f.day, ''), 1, 7)")):
        keyed = {"all": "SELECT f.*, '' AS k FROM event_facts f",
                 "admin1": "SELECT f.*, coalesce(f.admin1, '') AS k FROM event_facts f",
                 "actor": ("SELECT f.*, f.actor1 AS k FROM event_facts f WHERE f.actor1 IS NOT NULL AND f.actor1 != ''"
                           " UNION ALL SELECT f.*, f.actor2 FROM event_facts f WHERE f.actor2 IS NOT NULL"
                           " AND f.actor2 != '' AND f.actor2 != coalesce(f.actor1, '')"),
                 "source": ("SELECT f.*, s.name AS k FROM event_facts f JOIN (SELECT DISTINCT event_id, name"
                            " FROM event_sources WHERE kind = 'claim') s ON s.event_id = f.id")}
        for dim, source in keyed.items():
            counts.append(f"INSERT INTO {table} (dim, {column}, key, event_type, status, n, fatalities)"
                          f" SELECT '{dim}', {bucket}, k, coalesce(f.event_type, ''), f.status, count(*),"
                          f" sum(coalesce(f.fatalities, 0)) FROM ({source}) f GROUP BY 2, 3, 4, 5;")
    return (f"INSERT INTO event_facts ({', '.join(FACT_COLUMNS)}) SELECT {_fact_values('e')} FROM events e;\n"
            "INSERT INTO event_sources (event_id, name, kind) SELECT DISTINCT event_id, name, kind FROM"
            f" ({_source_rows('e', 'events e, ')}) WHERE name IS NOT NULL AND trim(name) != '';\n" + "\n".join(counts))


def migration_sql() -> str:
    """Tables, triggers and the backfill of existing events (part of migration 5)."""
    return TABLES + triggers() + _backfill() + "\n"
