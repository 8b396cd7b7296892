-- Which actors appear together in the same articles?
--
-- Pairs of resolved actors named in the same article, with how many articles name both: the
-- network of who is covered alongside whom.
--
-- Columns:
--   actor_a           one actor's canonical name (alphabetically first of the pair)
--   actor_b           the other actor's canonical name
--   articles_together number of articles that name both
--   example_article   one such article (key into articles)
WITH named AS (
    SELECT DISTINCT m.article_id, a.name
    FROM actor_mentions m JOIN actors a ON a.actor_id = m.actor_id
)
SELECT x.name                     AS actor_a,
       y.name                     AS actor_b,
       count(*)                   AS articles_together,
       min(x.article_id)          AS example_article
FROM named x
JOIN named y ON y.article_id = x.article_id AND x.name < y.name
GROUP BY ALL
ORDER BY articles_together DESC, actor_a, actor_b;
