-- What happened when, and where? Every event on a timeline, by type.
--
-- One row per event (several articles reporting the same event are one row), earliest first;
-- events whose date the text does not give come last. Feeds the report's timeline chart.
--
-- Columns:
--   event_id           stable id (key into events)
--   event_type         controlled vocabulary (outreach, training, coordination_meeting, voting, ...)
--   name               theme or title of the event, or '(unnamed <type>)'
--   start_date         first day (null when the text gives no date)
--   end_date           last day (the start day for one-day events)
--   date_precision     day, month, year or unknown
--   venue              building or hotel
--   place              town, district or city
--   region             regency or city the place lies in
--   participant_count  participants when stated
--   organizers         resolved organizing actors, '; '-separated
--   articles           number of articles that report the event
SELECT e.event_id,
       e.event_type,
       coalesce(e.name, '(unnamed ' || e.event_type || ')')          AS name,
       e.start_date,
       coalesce(e.end_date, e.start_date)                             AS end_date,
       e.date_precision,
       e.venue,
       e.place,
       e.region,
       e.participant_count,
       (SELECT string_agg(a.name, '; ' ORDER BY a.name)
          FROM actors a WHERE list_contains(e.organizer_actor_ids, a.actor_id)) AS organizers,
       len(e.article_ids)                                             AS articles
FROM events e
ORDER BY e.start_date NULLS LAST, e.event_type, name;
