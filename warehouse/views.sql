-- Views over the pantau tables. Loaded into pantau.duckdb by `pantau build`.

-- Who said what: each statement with its speaker's name, role and the article's outlet.
CREATE OR REPLACE VIEW statements_with_speakers AS
SELECT s.statement_id, s.kind, a.name AS speaker, a.role AS speaker_role, s.speaker_label, s.text,
       ar.outlet, ar.title, ar.dateline, s.article_id, s.char_start, s.char_end
FROM statements s
LEFT JOIN actors a ON a.actor_id = s.speaker_actor_id
JOIN articles ar ON ar.article_id = s.article_id;

-- Indicators with who stated them and where the article came from.
CREATE OR REPLACE VIEW indicators_with_sources AS
SELECT i.indicator_id, i.metric, i.value, i.unit, i.region, i.region_code, a.name AS source, a.role AS source_role,
       i.text, ar.outlet, i.article_id
FROM indicators i
LEFT JOIN actors a ON a.actor_id = i.source_actor_id
JOIN articles ar ON ar.article_id = i.article_id;

-- One row per (event, reporting article).
CREATE OR REPLACE VIEW event_reports AS
SELECT e.event_id, e.event_type, e.name, e.start_date, e.end_date, e.venue, e.place, e.region,
       UNNEST(e.article_ids) AS article_id
FROM events e;

-- Actors with how often they are named and quoted.
CREATE OR REPLACE VIEW actor_activity AS
SELECT a.actor_id, a.name, a.kind, a.role, a.region,
       (SELECT count(*) FROM actor_mentions m WHERE m.actor_id = a.actor_id) AS mentions,
       (SELECT count(*) FROM statements s WHERE s.speaker_actor_id = a.actor_id) AS statements,
       a.article_count
FROM actors a;

-- Descriptions of the views, for analysts browsing the warehouse (`.tables` in `pantau sql`, duckdb_views()).
COMMENT ON VIEW statements_with_speakers IS 'Who said what: each statement with its resolved speaker''s name and role, and the article''s outlet, title and dateline.';
COMMENT ON VIEW indicators_with_sources IS 'Numeric facts with the name and role of whoever stated them and the outlet that printed them.';
COMMENT ON VIEW event_reports IS 'One row per (event, reporting article): join events to articles.';
COMMENT ON VIEW actor_activity IS 'Actors with how often they are named (mentions), quoted (statements) and in how many articles.';
