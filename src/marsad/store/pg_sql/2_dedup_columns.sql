ALTER TABLE articles ADD COLUMN IF NOT EXISTS minhash BYTEA;
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_lo TEXT;
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_hi TEXT;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_key TEXT;
ALTER TABLE events ADD COLUMN IF NOT EXISTS event_id_cnty TEXT;
ALTER TABLE events ADD COLUMN IF NOT EXISTS fts_rowid BIGINT;
CREATE INDEX IF NOT EXISTS events_date_lo ON events(date_lo);
CREATE INDEX IF NOT EXISTS events_location_key ON events(location_key);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX IF NOT EXISTS tallies_article ON tallies(article_id);
CREATE INDEX IF NOT EXISTS event_history_event ON event_history(event_id);
CREATE INDEX IF NOT EXISTS cannot_link_b ON cannot_link(mention_b);
CREATE TABLE IF NOT EXISTS paragraphs (
  article_id TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
  idx        BIGINT NOT NULL,
  start      BIGINT NOT NULL,
  "end"      BIGINT NOT NULL,
  hash       TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS paragraphs_hash ON paragraphs(hash);
