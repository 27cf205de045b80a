ALTER TABLE events ADD COLUMN IF NOT EXISTS date_wide BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN IF NOT EXISTS geo_precision BIGINT;
UPDATE events SET date_lo = substr(event_date, 1, 10), date_hi = substr(event_date, 1, 10)
  WHERE date_lo IS NULL AND event_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}';
UPDATE events SET date_wide = CASE WHEN date_lo IS NULL OR date_hi::date - date_lo::date <= 1 THEN 0
  WHEN date_hi::date - date_lo::date <= 7 THEN 1 ELSE 2 END;
UPDATE events SET geo_precision = CAST(json_extract(data_json, '$.geo_precision') AS DOUBLE PRECISION);
DROP INDEX IF EXISTS events_date_lo;
DROP INDEX IF EXISTS events_location_key;
CREATE INDEX IF NOT EXISTS events_window ON events(date_wide, date_lo, date_hi, event_type, latitude,
  longitude, geo_precision, admin1, location_key, id);
