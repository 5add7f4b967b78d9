-- Survey score aggregates and accessors on small hand-checked samples.
-- Expected values are derived in the comments, not taken from the code.

CREATE TABLE resp (id int, score int);
-- 10 9 9 8 7 6 0 NULL 5 10: promoters 4 (10 9 9 10), passives 2 (8 7),
-- detractors 3 (6 0 5), n = 9 (NULL ignored); NPS = 100 (4 - 3) / 9
INSERT INTO resp VALUES (1, 10), (2, 9), (3, 9), (4, 8), (5, 7), (6, 6),
	(7, 0), (8, NULL), (9, 5), (10, 10);

SELECT journey.score_summary(score) FROM resp;
SELECT journey.nps(score), 100.0::float8 / 9 AS expected FROM resp;
SELECT journey.responses(s), journey.promoters(s), journey.passives(s),
       journey.detractors(s), journey.score_count(s, 9), journey.score_count(s, 1),
       journey.score_scale(s)
FROM (SELECT journey.score_summary(score) AS s FROM resp) x;
-- mean 64 / 9; sample SD: sum of squares 536, 536 - 64^2/9 = 80.888...,
-- / 8 = 10.111..., sqrt = 3.179797...
SELECT journey.mean_score(s) = 64.0::float8 / 9 AS mean_ok,
       round(journey.score_stddev(s)::numeric, 10) AS sd,
       round(sqrt((536 - 64.0 * 64 / 9) / 8), 10) AS expected_sd
FROM (SELECT journey.score_summary(score) AS s FROM resp) x;

-- exact percentiles; sorted: 0 5 6 7 8 9 9 10 10 (n = 9)
-- disc(0.5): k = ceil(4.5) = 5 -> 8; cont(0.1): pos 0.8 -> 0 + 0.8 (5 - 0) = 4
SELECT journey.score_percentile_disc(s, 0.5) AS disc50,
       journey.score_percentile_cont(s, 0.1) AS cont10,
       journey.score_percentile_disc(s, 0) AS disc0,
       journey.score_percentile_cont(s, 1) AS cont100
FROM (SELECT journey.score_summary(score) AS s FROM resp) x;
-- and equal to the built-in ordered-set aggregates for every p
SELECT p, journey.score_percentile_disc(s, p) = d AS disc_ok,
       journey.score_percentile_cont(s, p) = c AS cont_ok
FROM (SELECT journey.score_summary(score) AS s FROM resp) x,
     unnest(ARRAY[0, 0.01, 0.1, 0.125, 0.25, 0.3333, 0.5, 0.75, 0.9, 0.99, 1]::float8[]) p,
     LATERAL (SELECT percentile_disc(p) WITHIN GROUP (ORDER BY score) AS d,
                     percentile_cont(p) WITHIN GROUP (ORDER BY score) AS c FROM resp) o;
SELECT journey.score_percentile_cont('{1:1}'::journey.score_summary, 1.5);

-- empty input and all-NULL input give NULL
SELECT journey.nps(score) IS NULL AS nps_null, journey.score_summary(score) IS NULL AS summary_null,
       journey.csat(score) IS NULL AS csat_null, journey.ces(score) IS NULL AS ces_null
FROM resp WHERE false;
SELECT journey.nps(score) IS NULL AS nps_null FROM resp WHERE score IS NULL;
SELECT journey.nps('{}'::journey.score_summary), journey.responses('{}'::journey.score_summary), journey.mean_score('{}'::journey.score_summary), journey.csat('{}'::journey.score_summary);

-- out-of-range scores name the value and the range (SQLSTATE 22003)
\set VERBOSITY sqlstate
SELECT journey.nps(s) FROM (VALUES (10), (11)) v(s);
\set VERBOSITY default
SELECT journey.nps(s) FROM (VALUES (10), (11)) v(s);
SELECT journey.nps(s) FROM (VALUES (-1)) v(s);
SELECT journey.score_summary(s) FROM (VALUES (12)) v(s);
SELECT journey.csat(s) FROM (VALUES (0)) v(s);
SELECT journey.csat(s) FROM (VALUES (6)) v(s);
SELECT journey.csat(s, 7) FROM (VALUES (8)) v(s);
SELECT journey.csat(s, 10) FROM (VALUES (0)) v(s);
SELECT journey.ces(s) FROM (VALUES (8)) v(s);
SELECT journey.ces(s) FROM (VALUES (0)) v(s);
-- unsupported or varying scales (22023)
SELECT journey.csat(s, 6) FROM (VALUES (3)) v(s);
SELECT journey.csat(s, NULL) FROM (VALUES (3)) v(s);
SELECT journey.csat(s, k) FROM (VALUES (3, 5), (4, 7)) v(s, k);

-- CSAT top-2-box: 5 4 4 3 1 2 5 -> 4 of 7 satisfied
SELECT journey.csat(s), 400.0::float8 / 7 AS expected
FROM (VALUES (5), (4), (4), (3), (1), (2), (5), (NULL)) v(s);
-- 7-point: 7 6 5 1 -> 2 of 4; 10-point: 10 9 8 -> 2 of 3
SELECT journey.csat(s, 7) FROM (VALUES (7), (6), (5), (1)) v(s);
SELECT journey.csat(s, 10), 200.0::float8 / 3 AS expected FROM (VALUES (10), (9), (8)) v(s);
-- the scale is recorded in the summary
SELECT journey.score_summary(s, 7) FROM (VALUES (7), (6), (5), (1)) v(s);
-- CES 2.0 percent agree: 7 6 5 4 3 1 -> 3 of 6
SELECT journey.ces(s) FROM (VALUES (7), (6), (5), (4), (3), (1)) v(s);

-- accessors on stored summaries: the scale comes from the summary, else 5
SELECT journey.csat('{1:3,4:10,5:2}/5'::journey.score_summary) AS csat_80,
       journey.csat('{4:1,5:1}'::journey.score_summary) AS csat_100,
       journey.csat('{4:1,5:1}/7'::journey.score_summary) AS csat7_0,
       journey.csat('{6:1,9:3}'::journey.score_summary, 10) AS csat10_75,
       journey.ces('{1:1,5:1,7:2}'::journey.score_summary) AS ces_75,
       journey.score_scale('{4:1}/10'::journey.score_summary) AS scale10;
SELECT journey.csat('{4:1,5:1}/7'::journey.score_summary, 5);
SELECT journey.csat('{0:1,5:1}'::journey.score_summary);
SELECT journey.csat('{1:1}'::journey.score_summary, 8);
SELECT journey.ces('{4:1}/5'::journey.score_summary);
SELECT journey.nps('{4:1}/5'::journey.score_summary);
SELECT journey.promoters('{9:1}/10'::journey.score_summary);
SELECT journey.score_count('{9:1}'::journey.score_summary, 11);

-- rollup pools counts: {9:1} with {0:3} is NPS 100 (1 - 3) / 4 = -50,
-- not the average (100 + -100) / 2 = 0 of the two NPS values
SELECT journey.rollup(s), journey.nps(journey.rollup(s))
FROM (VALUES ('{9:1}'::journey.score_summary), ('{0:3}'), (NULL)) v(s);
SELECT journey.rollup(s) IS NULL AS rollup_null FROM (VALUES (NULL::journey.score_summary)) v(s);
SELECT journey.rollup(s) FROM (VALUES ('{9:1}'::journey.score_summary), ('{4:1}/5')) v(s);
SELECT journey.rollup(s) FROM (VALUES ('{4:2}/7'::journey.score_summary), ('{7:1}/7')) v(s);
-- int64 counters never wrap
SELECT journey.rollup(s) FROM (VALUES ('{9:9223372036854775807}'::journey.score_summary), ('{9:1}')) v(s);
SELECT journey.rollup(s) FROM (VALUES ('{9:9223372036854775806}'::journey.score_summary), ('{9:1}')) v(s);

-- moving-aggregate window frames (inverse transition); frame = previous and
-- current row: {10} 100, {10,0} 0, {0,NULL} -100, {NULL,8} 0, {8,9} 50
SELECT i, journey.nps(s) OVER w AS nps, journey.score_summary(s) OVER w AS summary,
       journey.score_summary(s) OVER (ORDER BY i ROWS CURRENT ROW) AS this_row
FROM (VALUES (1, 10), (2, 0), (3, NULL), (4, 8), (5, 9)) v(i, s)
WINDOW w AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY i;
-- the same frames through rollup of per-row summaries (100 0 -100 0 50), and
-- CSAT frames {5} {5,1} {1} {4} {4,3} -> 100 50 0 100 50, CES frames
-- {7} {7,1} {1} {5} {5,4} -> 100 50 0 100 50
SELECT i, journey.nps(journey.rollup(ss) OVER w) AS nps,
       journey.csat(c) OVER w AS csat, journey.ces(e) OVER w AS ces
FROM (SELECT i, journey.score_summary(s) OVER (ORDER BY i ROWS CURRENT ROW) AS ss, c, e
      FROM (VALUES (1, 10, 5, 7), (2, 0, 1, 1), (3, NULL, NULL, NULL), (4, 8, 4, 5),
                   (5, 9, 3, 4)) v(i, s, c, e)) x
WINDOW w AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY i;

-- support functions refuse to run outside an aggregate
SELECT journey.nps_trans(NULL, 5);
SELECT journey.score_summary_combine('{1:1}', '{2:1}');
