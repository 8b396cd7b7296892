-- Where do election events take place, and of what kind?
--
-- Events per province and regency/city and type, grouped at one level so a province and a city in it
-- never compete in one ranking: an event placed in a whole province (`DKI Jakarta`) is its province's
-- '(province-wide)' row, beside the cities of that province (`Jakarta Pusat`), never one of them.
-- Provinces are ranked by their number of events; events whose region was inferred from the article's
-- dateline (the text names no place) are counted separately.
--
-- Columns:
--   province         province name when a row names the province itself, else its code ('(region not stated)')
--   province_code    Kemendagri code of the province (`64`)
--   province_events  events in the province, all types (the ranking)
--   regency          regency or city ('(province-wide)' for an event placed in the whole province)
--   regency_code     Kemendagri code of the regency or city (`64.72`); null for province-wide events
--   event_type       controlled vocabulary (outreach, training, coordination_meeting, voting, ...)
--   events           number of distinct events
--   inferred         how many of them took the region from the article's dateline (region_inferred)
--   participants     sum of stated participant counts (null when none is stated)
--   places           towns or districts named, '; '-separated
--   venues           buildings or hotels named, '; '-separated
WITH province_names AS (
    SELECT province_code, min(region) AS province
    FROM (SELECT province_code, region_code, region FROM events
          UNION ALL SELECT province_code, region_code, region FROM articles
          UNION ALL SELECT province_code, region_code, region FROM actors
          UNION ALL SELECT province_code, region_code, region FROM indicators)
    WHERE region_code = province_code AND region IS NOT NULL
    GROUP BY province_code
),
ranked AS (
    SELECT e.*, count(*) OVER (PARTITION BY e.province_code) AS province_events
    FROM events e
)
SELECT coalesce(p.province, r.province_code, '(region not stated)')             AS province,
       r.province_code,
       max(r.province_events)                                               AS province_events,
       CASE WHEN r.province_code IS NULL THEN NULL
            WHEN r.regency_code IS NULL THEN '(province-wide)'
            ELSE r.region END                                               AS regency,
       r.regency_code,
       r.event_type,
       count(*)                                                             AS events,
       count(*) FILTER (WHERE r.region_inferred)                            AS inferred,
       sum(r.participant_count)::BIGINT                                     AS participants,
       string_agg(DISTINCT r.place, '; ' ORDER BY r.place)                  AS places,
       string_agg(DISTINCT r.venue, '; ' ORDER BY r.venue)                  AS venues
FROM ranked r
LEFT JOIN province_names p ON p.province_code = r.province_code
GROUP BY ALL
ORDER BY province_events DESC, province, regency_code NULLS FIRST, event_type;
