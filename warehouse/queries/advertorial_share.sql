-- What share of each outlet's election coverage is advertorial?
--
-- Articles per outlet split into advertorials (paid or government content marked with credit tags
-- such as `(ADV)`) and independent coverage, with each part's share of the outlet's articles; the
-- row with outlet '(all outlets)' gives the overall share. Feeds the report's "advertorial share" chart.
--
-- Columns:
--   outlet     news outlet as printed, '(outlet not named)', or '(all outlets)' for the total
--   coverage   'advertorial' or 'independent'
--   articles   number of articles
--   share_pct  percent of the outlet's articles
WITH per_outlet AS (
    SELECT coalesce(outlet, '(outlet not named)')                              AS outlet,
           CASE WHEN is_advertorial THEN 'advertorial' ELSE 'independent' END  AS coverage,
           count(*)                                                            AS articles
    FROM articles
    GROUP BY ALL
    UNION ALL
    SELECT '(all outlets)', CASE WHEN is_advertorial THEN 'advertorial' ELSE 'independent' END, count(*)
    FROM articles
    GROUP BY ALL
)
SELECT outlet,
       coverage,
       articles,
       round(100.0 * articles / sum(articles) OVER (PARTITION BY outlet), 1) AS share_pct
FROM per_outlet
ORDER BY outlet = '(all outlets)' DESC, outlet, coverage;
