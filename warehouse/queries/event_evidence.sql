-- Which sentences report this event? Every article's mention of every event, with the words around it.
--
-- The evidence behind `events` (table `event_mentions`): for each article that reports an event, the trigger
-- words cut out of articles.body by their offsets with up to 80 characters either side, and the date words the
-- event's date was taken from. An event several articles report has one row per article, so a cross-article
-- merge can be checked by reading its rows side by side. Triggers standing only in a photo caption have no
-- offsets and show the trigger alone.
--
-- Columns:
--   event_id      the resolved event (key into events)
--   event_type    controlled vocabulary (coordination_meeting, training, voting, ...)
--   start_date    the event's resolved start date
--   article_id    the article that reports it (key into articles)
--   outlet        outlet that printed it
--   trigger       body[char_start:char_end], the trigger words exactly as stored in event_mentions.text
--   context       up to 80 characters before and after the trigger, trigger included
--   date_text     the date words the event's date was taken from, if any
--   matches_text  true when the cut-out equals event_mentions.text (it always should; null without offsets)
--   articles      number of articles that report the event
SELECT m.event_id,
       m.event_type,
       e.start_date,
       m.article_id,
       ar.outlet,
       coalesce(substr(ar.body, m.char_start + 1, m.char_end - m.char_start), m.text)          AS trigger,
       coalesce(substr(ar.body, greatest(m.char_start - 80, 0) + 1,
                       m.char_end + 80 - greatest(m.char_start - 80, 0)), m.text)              AS context,
       m.date_text,
       substr(ar.body, m.char_start + 1, m.char_end - m.char_start) = m.text                  AS matches_text,
       len(e.article_ids)                                                                      AS articles
FROM event_mentions m
JOIN events e ON e.event_id = m.event_id
JOIN articles ar ON ar.article_id = m.article_id
ORDER BY e.start_date NULLS LAST, m.event_id, m.article_id, m.char_start;
