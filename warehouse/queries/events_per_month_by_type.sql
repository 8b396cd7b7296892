-- How many events of each type happened per month?
--
-- Events by the month they started in (events whose date the text does not give are counted
-- under 'undated'), with the people taking part when the articles say.
--
-- Columns:
--   month         start month as YYYY-MM, or 'undated'
--   event_type    controlled vocabulary (outreach, training, coordination_meeting, voting, ...)
--   events        number of distinct events
--   participants  sum of stated participant counts (null when no article states one)
--   regions       number of distinct regions the events took place in
SELECT coalesce(strftime(start_date, '%Y-%m'), 'undated') AS month,
       event_type,
       count(*)                                           AS events,
       sum(participant_count)::BIGINT                     AS participants,
       count(DISTINCT region)                             AS regions
FROM events
GROUP BY ALL
ORDER BY month, event_type;
