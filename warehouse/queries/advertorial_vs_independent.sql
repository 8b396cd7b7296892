-- How does paid or government advertorial coverage differ from independent coverage?
--
-- Articles split by the advertorial flag (credit tags such as `(ADV)`, `(ADV/DiskomKukar)`): how
-- many, how much quoting, whose voices, and how many figures and events each kind carries. A
-- government voice is a statement by an actor whose name or role names a local government or one
-- of its offices (Pemerintah, Pemkab, Bupati, Sekretaris Daerah, Camat, Asisten, ...).
--
-- Columns:
--   coverage               'advertorial' or 'independent'
--   articles               number of articles
--   share_of_articles_pct  percent of all articles
--   statements             statements in these articles
--   statements_per_article statements per article
--   direct_quote_pct       percent of the statements that are direct quotes
--   government_voice_pct   percent of the statements spoken by local government actors
--   indicators             numeric facts in these articles
--   events_reported        distinct events these articles report
WITH coverage AS (
    SELECT article_id, CASE WHEN is_advertorial THEN 'advertorial' ELSE 'independent' END AS coverage
    FROM articles
),
st AS (
    SELECT c.coverage,
           count(*)                                   AS statements,
           count(*) FILTER (WHERE s.kind = 'direct')  AS direct,
           count(*) FILTER (WHERE regexp_matches(coalesce(a.name, '') || ' ' || coalesce(a.role, ''),
               '(Pemerintah|Pemkab|Pemkot|Pemprov|Bupati|Wali ?[Kk]ota|Gubernur|Sekretaris|Sekda|Camat|Asisten|Dinas|Diskominfo)'))
                                                      AS government
    FROM statements s
    JOIN coverage c ON c.article_id = s.article_id
    LEFT JOIN actors a ON a.actor_id = s.speaker_actor_id
    GROUP BY c.coverage
),
ind AS (
    SELECT c.coverage, count(*) AS indicators
    FROM indicators i JOIN coverage c ON c.article_id = i.article_id
    GROUP BY c.coverage
),
ev AS (
    SELECT c.coverage, count(DISTINCT r.event_id) AS events_reported
    FROM event_reports r JOIN coverage c ON c.article_id = r.article_id
    GROUP BY c.coverage
),
art AS (
    SELECT coverage, count(*) AS articles FROM coverage GROUP BY coverage
)
SELECT art.coverage,
       art.articles,
       round(100.0 * art.articles / sum(art.articles) OVER (), 1)       AS share_of_articles_pct,
       coalesce(st.statements, 0)                                        AS statements,
       round(coalesce(st.statements, 0) / art.articles, 2)               AS statements_per_article,
       round(100.0 * st.direct / nullif(st.statements, 0), 1)            AS direct_quote_pct,
       round(100.0 * st.government / nullif(st.statements, 0), 1)        AS government_voice_pct,
       coalesce(ind.indicators, 0)                                       AS indicators,
       coalesce(ev.events_reported, 0)                                   AS events_reported
FROM art
LEFT JOIN st USING (coverage)
LEFT JOIN ind USING (coverage)
LEFT JOIN ev USING (coverage)
ORDER BY art.coverage;
