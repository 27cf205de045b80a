-- marsad store, migration 6: watching news sources (marsad watch), alerts and the live event feed.
-- Times are Unix seconds (REAL): leases, schedules and back-off are arithmetic on them.

-- A feed, news sitemap or listing page to poll.
CREATE TABLE IF NOT EXISTS watch_sources (
  id            INTEGER PRIMARY KEY,
  url           TEXT NOT NULL UNIQUE,
  outlet        TEXT NOT NULL,
  lang          TEXT,                          -- ar | en | NULL (detected per report)
  kind          TEXT NOT NULL DEFAULT 'auto',  -- auto | feed | sitemap | listing
  every_s       REAL NOT NULL,                 -- poll interval in seconds
  match         TEXT,                          -- listing pages: a regex article URLs must match
  added_at      REAL NOT NULL,
  etag          TEXT,                          -- conditional requests: what the last answer said
  last_modified TEXT,
  last_poll_at  REAL,
  last_ok_at    REAL,
  next_poll_at  REAL NOT NULL DEFAULT 0,
  failures      INTEGER NOT NULL DEFAULT 0,    -- consecutive failed polls (drives the back-off)
  polls         INTEGER NOT NULL DEFAULT 0,
  errors        INTEGER NOT NULL DEFAULT 0,    -- every fault counted against the source
  new_reports   INTEGER NOT NULL DEFAULT 0,    -- reports coded from it (new or changed)
  last_error    TEXT,
  last_error_at REAL,
  lease_owner   TEXT,                          -- the watcher polling it now
  lease_until   REAL
);

-- One report URL found in a source: queued -> fetched (body kept) -> done, or skipped / failed.
CREATE TABLE IF NOT EXISTS watch_items (
  url           TEXT PRIMARY KEY,
  source_id     INTEGER NOT NULL,
  host          TEXT NOT NULL,
  state         TEXT NOT NULL,                 -- queued | fetched | done | skipped | failed
  signature     TEXT,                          -- what the listing said last (a change re-queues it)
  item_json     TEXT NOT NULL DEFAULT '{}',    -- title, date, guid and text the listing gave
  etag          TEXT,
  last_modified TEXT,
  body          BLOB,                          -- fetched bytes, kept until coded
  content_type  TEXT,
  final_url     TEXT,
  body_hash     TEXT,
  coded_hash    TEXT,                          -- body_hash of the last coded version
  article_id    TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_try_at   REAL NOT NULL DEFAULT 0,
  lease_owner   TEXT,
  lease_until   REAL,
  seen_at       REAL NOT NULL,                 -- first found in a listing
  queued_at     REAL NOT NULL,                 -- last (re)queued
  fetched_at    REAL,
  coded_at      REAL,
  error         TEXT
);
CREATE INDEX IF NOT EXISTS watch_items_todo ON watch_items(state, next_try_at);
CREATE INDEX IF NOT EXISTS watch_items_source ON watch_items(source_id, state);

-- Every fault, with the source and the reason (sources status, /api/health).
CREATE TABLE IF NOT EXISTS watch_faults (
  id        INTEGER PRIMARY KEY,
  at        REAL NOT NULL,
  source_id INTEGER,
  url       TEXT,
  kind      TEXT NOT NULL,
  reason    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS watch_faults_source ON watch_faults(source_id, at);

-- Running watchers (heartbeats); a lease whose owner is gone is taken over.
CREATE TABLE IF NOT EXISTS watchers (
  owner        TEXT PRIMARY KEY,
  host         TEXT NOT NULL,
  pid          INTEGER NOT NULL,
  started_at   REAL NOT NULL,
  heartbeat_at REAL NOT NULL,
  stopped_at   REAL
);

-- Every change to an event, in order, whoever wrote it: the dashboard's live stream and the alerts read it.
CREATE TABLE IF NOT EXISTS event_feed (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  kind     TEXT NOT NULL,                      -- new | updated | deleted
  at       REAL NOT NULL
);
CREATE TRIGGER IF NOT EXISTS event_feed_new AFTER INSERT ON events BEGIN
  INSERT INTO event_feed (event_id, kind, at) VALUES (new.id, 'new', (julianday('now') - 2440587.5) * 86400.0);
END;
CREATE TRIGGER IF NOT EXISTS event_feed_updated AFTER UPDATE ON events
  WHEN old.data_json IS NOT new.data_json OR old.status IS NOT new.status BEGIN
  INSERT INTO event_feed (event_id, kind, at) VALUES (new.id, 'updated', (julianday('now') - 2440587.5) * 86400.0);
END;
CREATE TRIGGER IF NOT EXISTS event_feed_deleted AFTER DELETE ON events BEGIN
  INSERT INTO event_feed (event_id, kind, at) VALUES (old.id, 'deleted', (julianday('now') - 2440587.5) * 86400.0);
END;

-- How far each alert rule has read the event feed.
CREATE TABLE IF NOT EXISTS alert_cursors (
  rule TEXT PRIMARY KEY,
  seq  INTEGER NOT NULL
);

-- One alert per rule, event and version of the event's coded fields: delivered once.
CREATE TABLE IF NOT EXISTS alerts (
  id               INTEGER PRIMARY KEY,
  rule             TEXT NOT NULL,
  event_id         TEXT NOT NULL,
  fingerprint      TEXT NOT NULL,
  kind             TEXT NOT NULL,              -- new | updated
  created_at       REAL NOT NULL,
  payload_json     TEXT NOT NULL,
  webhook          TEXT,
  webhook_state    TEXT NOT NULL,              -- none | pending | sent | failed
  webhook_attempts INTEGER NOT NULL DEFAULT 0,
  webhook_next_at  REAL NOT NULL DEFAULT 0,
  webhook_error    TEXT,
  sent_at          REAL,
  log_path         TEXT,
  log_state        TEXT NOT NULL,              -- none | pending | written
  lease_owner      TEXT,
  lease_until      REAL,
  UNIQUE (rule, event_id, fingerprint)
);
CREATE INDEX IF NOT EXISTS alerts_todo ON alerts(webhook_state, log_state);
