-- Which regions report election violations (pelanggaran), how many, and who said so?
--
-- Indicators counted in cases or whose metric names a violation (kasus pelanggaran, peringkat
-- kerawanan pelanggaran), one row per region and metric. When several articles repeat a figure the
-- largest value is shown and the repeats are counted.
--
-- Columns:
--   region          region the figure is about ('(region not stated)' when the text gives none)
--   region_code     Kemendagri code of the region
--   metric          what is measured, in the article's words
--   unit            case, rank, percent, ... (see the indicators table's unit vocabulary)
--   value           the figure (largest when reported more than once)
--   times_reported  how many times the figure appears across all articles
--   articles        number of distinct articles reporting it
--   stated_by       who stated it (resolved actors, '; '-separated)
SELECT coalesce(i.region, '(region not stated)')   AS region,
       i.region_code,
       i.metric,
       i.unit,
       max(i.value)                                AS value,
       count(*)                                    AS times_reported,
       count(DISTINCT i.article_id)                AS articles,
       string_agg(DISTINCT a.name, '; ' ORDER BY a.name) AS stated_by
FROM indicators i
LEFT JOIN actors a ON a.actor_id = i.source_actor_id
WHERE i.unit = 'case' OR i.metric ILIKE '%pelanggaran%'
GROUP BY ALL
ORDER BY region, i.metric;
