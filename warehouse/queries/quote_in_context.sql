-- Where exactly was each direct quote said? Every quote with the text around it.
--
-- The evidence behind `statements`: each direct quote cut out of articles.body by its offsets,
-- with up to 80 characters before and after, so a reader can check speaker and words.
--
-- Columns:
--   speaker       canonical name of the resolved speaker; the words of the text when unresolved
--   outlet        outlet that printed it
--   before        up to 80 characters of the body before the quote
--   quote         body[char_start:char_end], the quoted words exactly as stored in statements.text
--   after         up to 80 characters of the body after the quote (usually the cue: `ujarnya`)
--   matches_text  true when the cut-out equals statements.text (it always should)
--   article_id    the article (key into articles)
--   char_start    start offset of the quote in articles.body
SELECT coalesce(a.name, s.speaker_label)                                             AS speaker,
       ar.outlet,
       substr(ar.body, greatest(s.char_start - 80, 0) + 1, s.char_start - greatest(s.char_start - 80, 0)) AS before,
       substr(ar.body, s.char_start + 1, s.char_end - s.char_start)                AS quote,
       substr(ar.body, s.char_end + 1, 80)                                           AS after,
       substr(ar.body, s.char_start + 1, s.char_end - s.char_start) = s.text        AS matches_text,
       s.article_id,
       s.char_start
FROM statements s
JOIN articles ar ON ar.article_id = s.article_id
LEFT JOIN actors a ON a.actor_id = s.speaker_actor_id
WHERE s.kind = 'direct'
ORDER BY s.article_id, s.char_start;
