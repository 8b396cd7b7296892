-- How has each figure (vulnerability index, violation count, ...) moved over time in each region?
--
-- Every indicator that names its region, in date order per region and metric. The date is the
-- article's publication date; when the input carried none, the earliest dated event the same article
-- reports stands in for it (as_of_source says which), and figures with neither come last.
--
-- Columns:
--   region        region the figure is about
--   region_code   Kemendagri code of the region
--   metric        what is measured, in the article's words
--   unit          percent, rank, case, day, person, count, ...
--   value         the figure
--   as_of         date the figure was reported (see as_of_source)
--   as_of_source  'published' (article date), 'event' (date of an event the article reports) or 'unknown'
--   outlet        outlet that printed it
--   article_id    the article (key into articles)
--   text          the clause the figure came from
WITH article_event_date AS (
    SELECT r.article_id, min(r.start_date) AS event_date
    FROM event_reports r
    GROUP BY r.article_id
)
SELECT i.region,
       i.region_code,
       i.metric,
       i.unit,
       i.value,
       coalesce(ar.published_date, d.event_date)                 AS as_of,
       CASE WHEN ar.published_date IS NOT NULL THEN 'published'
            WHEN d.event_date IS NOT NULL THEN 'event'
            ELSE 'unknown' END                                   AS as_of_source,
       ar.outlet,
       i.article_id,
       i.text
FROM indicators i
JOIN articles ar ON ar.article_id = i.article_id
LEFT JOIN article_event_date d ON d.article_id = i.article_id
WHERE i.region IS NOT NULL
ORDER BY i.region, i.metric, as_of NULLS LAST, i.article_id, i.char_start;
