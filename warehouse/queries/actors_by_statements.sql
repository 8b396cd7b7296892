-- Which actors are quoted most, directly or in reported speech?
--
-- One row per resolved actor with at least one statement, most statements first.
--
-- Columns:
--   actor               canonical name
--   kind                person or organization
--   role                office held, when known
--   region              region the actor belongs to, when known
--   statements          statements attributed to the actor
--   direct              of which direct quotes (inside quote marks)
--   indirect            of which reported speech
--   articles_quoted_in  distinct articles with at least one statement by the actor
--   articles_named_in   distinct articles that name the actor at all
SELECT a.name                                          AS actor,
       a.kind,
       a.role,
       a.region,
       count(*)                                        AS statements,
       count(*) FILTER (WHERE s.kind = 'direct')       AS direct,
       count(*) FILTER (WHERE s.kind = 'indirect')     AS indirect,
       count(DISTINCT s.article_id)                    AS articles_quoted_in,
       a.article_count                                 AS articles_named_in
FROM actors a
JOIN statements s ON s.speaker_actor_id = a.actor_id
GROUP BY ALL
ORDER BY statements DESC, actor;
