-- Which figures do the articles give for each region?
--
-- Numeric facts (vulnerability index, rankings, violation counts, participants, days left ...) per
-- region and metric. A figure repeated by several articles is one row: its largest value, and how
-- often it was reported. Feeds the report's "indicators by region" chart.
--
-- Columns:
--   region          region the figure is about ('(region not stated)' when the text gives none)
--   metric          what is measured, in the article's words
--   unit            percent, rank, case, day, person, count, ...
--   value           the figure (largest when reported more than once)
--   times_reported  how many times it appears across all articles
--   articles        number of distinct articles reporting it
SELECT coalesce(region, '(region not stated)') AS region,
       metric,
       unit,
       max(value)                              AS value,
       count(*)                                AS times_reported,
       count(DISTINCT article_id)              AS articles
FROM indicators
GROUP BY ALL
ORDER BY region, unit, metric;
