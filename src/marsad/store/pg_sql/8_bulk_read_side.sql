-- Migration 8 on PostgreSQL: a bulk import files the read side and the event feed at once.
-- While the transaction-local setting marsad.bulk is 'on' (SET LOCAL, see marsad.store.bulk) the row
-- triggers on events do not fire; bulk_file_events(after) and bulk_file_counts(after) then do their
-- work, set-based, for every event stored after that rowid: the same rows read_model_add and
-- event_feed_note would have written (each event's JSON parsed once, as jsonb: the names and numbers
-- read from it come out as json gives them).
CREATE OR REPLACE FUNCTION bulk_import_on() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('marsad.bulk', true), '') = 'on'
$$;

-- Not even queued while it is on (a WHEN false AFTER trigger leaves no event to fire at statement end).
CREATE OR REPLACE TRIGGER events_read AFTER INSERT OR UPDATE OR DELETE ON events
  FOR EACH ROW WHEN (NOT bulk_import_on()) EXECUTE FUNCTION events_read();
CREATE OR REPLACE TRIGGER event_feed_note AFTER INSERT OR UPDATE OR DELETE ON events
  FOR EACH ROW WHEN (NOT bulk_import_on()) EXECUTE FUNCTION event_feed_note();

CREATE OR REPLACE FUNCTION jsonb_items(v jsonb) RETURNS SETOF jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(v) = 'array' THEN v ELSE '[]'::jsonb END)
$$;

-- read_model_add and event_feed_note for every event after after_rowid, in statements over all of them:
-- bulk_file_events(after) files each event's own rows (facts, source names, feed) and can run per chunk;
-- bulk_file_counts(after) adds them all to the day and month counts at once, after the last chunk.
CREATE OR REPLACE FUNCTION bulk_file_events(after_rowid bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- each new event's facts row, and the parts of its JSON the sources come from (the JSON parsed once)
  CREATE TEMP TABLE bulk_new ON COMMIT DROP AS
    SELECT e.rowid, e.id, e.event_date, nullif(read_model_day(e), '') AS day, e.event_type, e.sub_event_type,
      e.actor1, e.actor2, e.admin1, e.admin2, e.location, e.latitude, e.longitude, e.fatalities,
      e.number_of_sources, e.status, e.first_reported, e.last_updated,
      coalesce((j.d ->> 'geo_precision')::double precision::bigint, e.geo_precision) AS geo_precision,
      j.d ->> 'source' AS source, j.d ->> 'country' AS country, j.d -> 'sources' AS claims,
      j.d -> 'source_summary' -> 'named' AS named
    FROM events e, LATERAL (SELECT e.data_json::jsonb AS d OFFSET 0) j  -- (OFFSET 0: parsed once, not per use)
    WHERE e.rowid > after_rowid;
  INSERT INTO event_facts (id, event_date, day, event_type, sub_event_type, actor1, actor2, admin1, admin2, location,
    latitude, longitude, fatalities, number_of_sources, status, first_reported, last_updated, geo_precision, source,
    country)
  SELECT id, event_date, day, event_type, sub_event_type, actor1, actor2, admin1, admin2, location, latitude,
    longitude, fatalities, number_of_sources, status, first_reported, last_updated, geo_precision, source, country
  FROM bulk_new;
  INSERT INTO event_sources (event_id, name, kind)
  SELECT DISTINCT b.id, s.name, s.kind FROM bulk_new b, LATERAL (
    SELECT j ->> 'source' AS name, 'claim' AS kind FROM jsonb_items(b.claims) j
    UNION ALL SELECT j ->> 'via', 'via' FROM jsonb_items(b.claims) j
    UNION ALL SELECT trim(p), 'named' FROM unnest(string_to_array(coalesce(b.source, ''), ';')) p
    UNION ALL SELECT m #>> '{}', 'summary' FROM jsonb_items(b.named) m
  ) s WHERE s.name IS NOT NULL AND trim(s.name) != '';
  INSERT INTO event_feed (event_id, kind, at)
  SELECT id, 'new', extract(epoch FROM clock_timestamp()) FROM bulk_new ORDER BY rowid;
  DROP TABLE bulk_new;
END $$;

CREATE OR REPLACE FUNCTION bulk_file_counts(after_rowid bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- (dim, key) of every count each new event is in, as read_model_keys gives them (from its facts row)
  CREATE TEMP TABLE bulk_keys ON COMMIT DROP AS
    WITH fresh AS (
      SELECT f.id, coalesce(f.day, '') AS day, coalesce(f.event_type, '') AS event_type, f.status,
             coalesce(f.fatalities, 0) AS fatalities, f.admin1, f.actor1, f.actor2
      FROM events e JOIN event_facts f ON f.id = e.id WHERE e.rowid > after_rowid)
    SELECT b.day, b.event_type, b.status, b.fatalities, k.dim, k.k
    FROM fresh b, LATERAL (
      SELECT 'all' AS dim, '' AS k UNION ALL SELECT 'admin1', coalesce(b.admin1, '')
      UNION ALL SELECT 'actor', a FROM (SELECT b.actor1 AS a UNION SELECT b.actor2) x WHERE a IS NOT NULL AND a != ''
    ) k
    UNION ALL
    SELECT b.day, b.event_type, b.status, b.fatalities, 'source', s.name
    FROM fresh b JOIN (SELECT DISTINCT event_id, name FROM event_sources WHERE kind = 'summary') s
      ON s.event_id = b.id;
  INSERT INTO stats_day AS t (dim, day, key, event_type, status, n, fatalities)
  SELECT dim, day, k, event_type, status, count(*), sum(fatalities) FROM bulk_keys GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (dim, day, key, event_type, status) DO UPDATE SET n = t.n + excluded.n,
    fatalities = t.fatalities + excluded.fatalities;
  INSERT INTO stats_month AS t (dim, month, key, event_type, status, n, fatalities)
  SELECT dim, substr(day, 1, 7), k, event_type, status, count(*), sum(fatalities) FROM bulk_keys GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (dim, month, key, event_type, status) DO UPDATE SET n = t.n + excluded.n,
    fatalities = t.fatalities + excluded.fatalities;
  UPDATE meta SET value = (CAST(value AS BIGINT) + 1)::text WHERE key = 'events_version';
  DROP TABLE bulk_keys;
END $$;

-- Every write transaction counts itself here, under the store's write lock (marsad.store.connection):
-- a writer that finds the count moved by more than its own transactions knows another one wrote
-- (what SQLite's PRAGMA data_version tells; the store's cache of decoded mentions relies on it).
CREATE TABLE IF NOT EXISTS write_count (n BIGINT NOT NULL);
INSERT INTO write_count SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM write_count);
