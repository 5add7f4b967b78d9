-- demo/report.sql: the short report the demo prints.
\pset footer off
\echo
\echo 'Sample: events and survey responses'
SELECT count(*) AS events, count(DISTINCT customer_id) AS customers,
       count(nps) AS nps_responses, count(csat) AS csat_responses
FROM journey.events;

\echo 'NPS and CSAT by touchpoint, with 95% confidence intervals'
\echo '(NPS: adjusted-Wald interval, points; CSAT: top-2-box on 1..5, Wilson interval, percent)'
SELECT coalesce(touchpoint, '(all touchpoints)') AS touchpoint,
       journey.responses(s) AS n,
       round(journey.nps(s)::numeric, 1) AS nps,
       format('%s .. %s', round(ci.low::numeric, 1), round(ci.high::numeric, 1)) AS nps_95ci,
       round(journey.csat(c)::numeric, 1) AS csat,
       format('%s .. %s', round(cc.low::numeric, 1), round(cc.high::numeric, 1)) AS csat_95ci
FROM (SELECT touchpoint, journey.score_summary(nps) AS s, journey.score_summary(csat, 5) AS c
      FROM journey.events GROUP BY GROUPING SETS ((touchpoint), ())) t,
     LATERAL journey.nps_ci(s) ci, LATERAL journey.csat_ci(c) cc
ORDER BY touchpoint IS NULL, journey.nps(s) DESC;

\echo 'Is February better than January? (two-sample z test, adjusted-Wald)'
WITH m AS (
	SELECT date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS month,
	       journey.score_summary(nps) AS s
	FROM journey.events GROUP BY 1
)
SELECT to_char(a.month, 'Mon') AS first, to_char(b.month, 'Mon') AS second,
       round(journey.nps(a.s)::numeric, 1) AS nps_first,
       round(journey.nps(b.s)::numeric, 1) AS nps_second,
       round(t.difference::numeric, 1) AS difference,
       round(t.z::numeric, 2) AS z, round(t.p_value::numeric, 3) AS p_value
FROM m a JOIN m b ON b.month = a.month + interval '1 month',
     LATERAL journey.nps_test(a.s, b.s) t
WHERE a.month = '2026-01-01';
