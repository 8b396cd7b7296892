-- Who said what about the neutrality of civil servants (netralitas ASN)?
--
-- Every statement whose words mention ASN, PNS, aparatur sipil negara or neutrality (netral,
-- netralitas), with the resolved speaker and where it was published. Follow article_id and the
-- offsets back to the sentence: substr(articles.body, char_start + 1, char_end - char_start).
--
-- Columns:
--   speaker       canonical name of the resolved speaker; the words of the text when unresolved
--   speaker_role  office the speaker holds (null when the articles name none)
--   kind          direct (inside quote marks) or indirect (reported speech)
--   said          the words said, without quote marks
--   outlet        news outlet that printed it (null when the text names none)
--   article_id    the article (key into articles)
--   char_start    start offset of `said` in articles.body
--   char_end      end offset (exclusive) of `said` in articles.body
SELECT coalesce(a.name, s.speaker_label) AS speaker,
       a.role                            AS speaker_role,
       s.kind,
       s.text                            AS said,
       ar.outlet,
       s.article_id,
       s.char_start,
       s.char_end
FROM statements s
LEFT JOIN actors a ON a.actor_id = s.speaker_actor_id
JOIN articles ar ON ar.article_id = s.article_id
WHERE regexp_matches(s.text, '\b(ASN|PNS|aparatur sipil negara|netral\w*)\b', 'i')
ORDER BY speaker, s.article_id, s.char_start;
