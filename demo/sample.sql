-- demo/sample.sql: a deterministic sample of customer journeys in
-- journey.events (same rows on every run: the generator is seeded).
-- 3 000 customers over Q1 2026; each passes some of six touchpoints and
-- answers a survey (NPS 0..10, CSAT 1..5) at some of them.

SELECT setseed(0.2026) \g /dev/null

WITH touchpoints(tp, stage, channel, base, ord) AS (
	VALUES ('website_navigation', 'awareness', 'web', 8.1, 1),
	       ('product_finding', 'consideration', 'web', 7.6, 2),
	       ('checkout', 'purchase', 'web', 7.2, 3),
	       ('delivery', 'delivery', 'email', 6.3, 4),
	       ('support_call', 'delivery', 'call_centre', 5.6, 5),
	       ('post_purchase_followup', 'loyalty', 'email', 8.4, 6)
), customers AS (
	SELECT c, timestamptz '2026-01-01 08:00+00' + (random() * 80) * interval '1 day' AS start
	FROM generate_series(1, 3000) c
), visits AS (
	SELECT c, tp, stage, channel, base, ord,
	       start + ord * (random() * 20) * interval '1 hour' AS at,
	       random() AS r_visit, random() AS r_survey,
	       -- a normal deviate (Box-Muller) for the score
	       sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
	FROM customers, touchpoints
)
INSERT INTO journey.events (customer_id, occurred_at, touchpoint, stage, channel,
                            event_type, nps, csat, emotion)
SELECT 'C' || lpad(c::text, 5, '0'), at, tp, stage, channel,
       CASE WHEN r_survey < 0.45 THEN 'survey' ELSE 'visit' END,
       CASE WHEN r_survey < 0.45 THEN least(10, greatest(0, round(base + 2.1 * z)))::int END,
       CASE WHEN r_survey < 0.45 THEN least(5, greatest(1, round((base + 2.1 * z) / 2.2 + 0.4)))::int END,
       CASE WHEN r_survey < 0.45 THEN
         CASE WHEN base + 2.1 * z < 5 THEN 'frustration'
              WHEN base + 2.1 * z < 7 THEN 'anxiety'
              WHEN base + 2.1 * z < 9 THEN 'anticipation'
              ELSE 'joy' END END
FROM visits
WHERE r_visit < 0.9 - 0.1 * ord;

ANALYZE journey.events;
