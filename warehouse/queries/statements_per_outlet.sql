-- How much does each outlet quote, and how many different voices does it carry?
--
-- One row per outlet (articles whose text names no outlet are grouped as '(outlet not named)').
-- Feeds the report's "statements per outlet" chart.
--
-- Columns:
--   outlet                  news outlet as printed
--   articles                articles from the outlet
--   statements              statements in them
--   direct                  of which direct quotes
--   indirect                of which reported speech
--   statements_per_article  statements per article
--   distinct_speakers       different resolved speakers quoted
SELECT coalesce(ar.outlet, '(outlet not named)')                    AS outlet,
       count(DISTINCT ar.article_id)                                 AS articles,
       count(s.statement_id)                                         AS statements,
       count(s.statement_id) FILTER (WHERE s.kind = 'direct')        AS direct,
       count(s.statement_id) FILTER (WHERE s.kind = 'indirect')      AS indirect,
       round(count(s.statement_id) / count(DISTINCT ar.article_id), 2) AS statements_per_article,
       count(DISTINCT s.speaker_actor_id)                            AS distinct_speakers
FROM articles ar
LEFT JOIN statements s ON s.article_id = ar.article_id
GROUP BY ALL
ORDER BY statements DESC, outlet;
