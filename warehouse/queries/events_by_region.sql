-- Where do election events take place, and of what kind?
--
-- Events per region and type, with the stated participants and the venues used.
--
-- Columns:
--   region        regency or city ('(region not stated)' when the text gives none)
--   region_code   Kemendagri code of the region
--   event_type    controlled vocabulary (outreach, training, coordination_meeting, voting, ...)
--   events        number of distinct events
--   participants  sum of stated participant counts (null when none is stated)
--   places        towns or districts named, '; '-separated
--   venues        buildings or hotels named, '; '-separated
SELECT coalesce(region, '(region not stated)')              AS region,
       region_code,
       event_type,
       count(*)                                            AS events,
       sum(participant_count)::BIGINT                      AS participants,
       string_agg(DISTINCT place, '; ' ORDER BY place)     AS places,
       string_agg(DISTINCT venue, '; ' ORDER BY venue)     AS venues
FROM events
GROUP BY ALL
ORDER BY region, event_type;
