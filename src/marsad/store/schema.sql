-- marsad store, schema version 1. The contract between store/ (writes, merging),
-- dedup/ and api/ (reads). Columns may be added by numbered migrations; none renamed.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per report. doc_json is Document.to_dict(): text once, every span.
CREATE TABLE IF NOT EXISTS articles (
  id            TEXT PRIMARY KEY,
  url           TEXT,
  outlet        TEXT,
  language      TEXT,
  title         TEXT,
  published     TEXT,               -- ISO date or NULL
  content_hash  TEXT NOT NULL,      -- sha1 of the cleaned text
  duplicate_of  TEXT REFERENCES articles(id),  -- near-duplicate (reprint) of another report
  similarity    REAL,               -- MinHash Jaccard estimate with duplicate_of
  doc_json      TEXT NOT NULL,
  ingested_at   TEXT NOT NULL
);

-- One row per merged incident. data_json is Event.to_dict() of the merged event
-- (sources with claims, article_ids, evidence keyed by article). Indexed columns
-- mirror it for filtering.
CREATE TABLE IF NOT EXISTS events (
  id                TEXT PRIMARY KEY,
  event_date        TEXT,
  year              INTEGER,
  event_type        TEXT,
  sub_event_type    TEXT,
  actor1            TEXT,
  actor2            TEXT,
  admin1            TEXT,
  admin2            TEXT,
  location          TEXT,
  latitude          REAL,
  longitude         REAL,
  fatalities        INTEGER,
  number_of_sources INTEGER NOT NULL DEFAULT 1,
  status            TEXT NOT NULL DEFAULT 'auto',   -- auto | reviewed | rejected
  first_reported    TEXT,
  last_updated      TEXT,
  data_json         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events(event_date);
CREATE INDEX IF NOT EXISTS events_admin1 ON events(admin1);
CREATE INDEX IF NOT EXISTS events_type ON events(event_type, sub_event_type);
CREATE INDEX IF NOT EXISTS events_latlon ON events(latitude, longitude);

-- One row per event as extracted from one report: the unit that merges.
CREATE TABLE IF NOT EXISTS mentions (
  id           TEXT PRIMARY KEY,     -- article_id + '#' + index in doc.events
  article_id   TEXT NOT NULL REFERENCES articles(id),
  event_id     TEXT NOT NULL REFERENCES events(id),
  merge_score  REAL,                 -- NULL for the mention that created the event
  merge_reason TEXT,
  data_json    TEXT NOT NULL         -- Event.to_dict() as extracted
);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);

CREATE TABLE IF NOT EXISTS tallies (
  id           INTEGER PRIMARY KEY,
  article_id   TEXT NOT NULL REFERENCES articles(id),
  count        INTEGER NOT NULL,
  what         TEXT,
  whose        TEXT,
  period_start TEXT,
  period_end   TEXT,
  source       TEXT,
  data_json    TEXT NOT NULL
);

-- Everything that happened to an event: created, merged, updated (rising toll), split, corrected, reviewed.
CREATE TABLE IF NOT EXISTS event_history (
  id          INTEGER PRIMARY KEY,
  event_id    TEXT NOT NULL,
  at          TEXT NOT NULL,
  kind        TEXT NOT NULL,
  who         TEXT,
  detail_json TEXT
);

-- A split a person made: these mentions must never be merged with each other again.
CREATE TABLE IF NOT EXISTS cannot_link (
  mention_a TEXT NOT NULL,
  mention_b TEXT NOT NULL,
  who       TEXT,
  at        TEXT NOT NULL,
  PRIMARY KEY (mention_a, mention_b)
);

-- A field a person corrected: applied after every re-extraction and merge.
CREATE TABLE IF NOT EXISTS corrections (
  event_id   TEXT NOT NULL,
  field      TEXT NOT NULL,
  value_json TEXT NOT NULL,
  who        TEXT,
  at         TEXT NOT NULL,
  PRIMARY KEY (event_id, field)
);

CREATE TABLE IF NOT EXISTS audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  who         TEXT,
  action      TEXT NOT NULL,
  target      TEXT,
  detail_json TEXT
);

CREATE TABLE IF NOT EXISTS tokens (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,   -- sha256 of the token; the token itself is shown once
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- Full-text search over events (Arabic and English): notes, actors, places, report text.
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(event_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
