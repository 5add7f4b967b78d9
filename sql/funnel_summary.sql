-- journey.funnel_summary: drop-off summary, report and chart (funnels.md 4).

-- ten customers of a 3-step funnel: level -1 (excluded) x1, 0 x2, 1 x3,
-- 2 x2, 3 x2, and one NULL level (ignored)
CREATE TABLE fs_levels (cust int, level int);
INSERT INTO fs_levels VALUES (1, -1), (2, 0), (3, 0), (4, 1), (5, 1), (6, 1), (7, 2), (8, 2),
	(9, 3), (10, 3), (11, NULL);
SELECT journey.funnel_summary(level, 3) FROM fs_levels;
-- reached: step 1 = 3 + 2 + 2 = 7, step 2 = 4, step 3 = 2; of first 100,
-- 400/7, 200/7; of previous -, 400/7, 50; dropped -, 3, 2; drop rate -,
-- 300/7, 50; never started 2 and excluded 1 on every row
SELECT * FROM journey.funnel_report((SELECT journey.funnel_summary(level, 3) FROM fs_levels),
                                    ARRAY['visit', 'cart', 'order']);
SELECT 400.0::float8 / 7 AS four_sevenths, 200.0::float8 / 7 AS two_sevenths, 300.0::float8 / 7 AS three_sevenths;
-- accessors
SELECT journey.funnel_steps(s), journey.funnel_level_count(s, -1) AS excluded,
       journey.funnel_level_count(s, 0) AS never_started, journey.funnel_reached(s, 1) AS reached_1,
       journey.funnel_reached(s, 3) AS reached_3
FROM (SELECT journey.funnel_summary(level, 3) AS s FROM fs_levels) x;
-- the chart: bars of round(40 reached / 7) = 40, 23, 11; missing labels
-- default to "step k"
SELECT * FROM journey.funnel_chart((SELECT journey.funnel_summary(level, 3) FROM fs_levels),
                                   ARRAY['visit', 'cart', 'order']);
SELECT * FROM journey.funnel_chart('{1:1,2:1}/3', NULL, 10);
-- a NULL summary (rollup of no rows) gives no rows, not a crash
SELECT * FROM journey.funnel_report(NULL);
SELECT * FROM journey.funnel_chart(NULL);
SELECT count(*) AS report_rows FROM (SELECT journey.rollup(s) AS s FROM (VALUES (NULL::journey.funnel_summary)) v(s)) x,
     journey.funnel_report(x.s);
-- nobody started: percentages NULL, no bars
SELECT * FROM journey.funnel_report('{0:5}/2');
SELECT * FROM journey.funnel_chart('{0:5}/2');

-- empty input gives NULL; rollups add exactly (two days of the same funnel)
SELECT journey.funnel_summary(level, 3) IS NULL AS empty_null FROM fs_levels WHERE false;
SELECT journey.rollup(s) FROM (VALUES ('{0:1,1:2}/3'::journey.funnel_summary), ('{-1:1,1:1,3:4}/3'), (NULL)) v(s);

-- random levels: the summary equals counting per level, serially, in
-- parallel and through rollups of daily summaries
SELECT setseed(0.1618);
CREATE TABLE fs_ev AS
SELECT i % 30 AS day, floor(random() * 7)::int - 1 AS level FROM generate_series(1, 60000) i;
CREATE TABLE fs_expected AS SELECT level, count(*) AS n FROM fs_ev GROUP BY level;
SELECT count(*) AS levels, count(*) FILTER (WHERE journey.funnel_level_count(s, level) = n) AS same
FROM fs_expected, (SELECT journey.funnel_summary(level, 5) AS s FROM fs_ev) x;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT plan_nodes('SELECT journey.funnel_summary(level, 5) FROM fs_ev');
SELECT journey.funnel_summary(level, 5)::text = (SELECT journey.rollup(s)::text
       FROM (SELECT day, journey.funnel_summary(level, 5) AS s FROM fs_ev GROUP BY day) d) AS parallel_equals_rollup
FROM fs_ev;
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;
SELECT (SELECT journey.funnel_summary(level, 5) FROM fs_ev)::text
       = '{' || string_agg(level || ':' || n, ',' ORDER BY level) || '}/5' AS same_text
FROM fs_expected;

-- text and binary round trips
CREATE TABLE fs_io (id int, s journey.funnel_summary);
INSERT INTO fs_io VALUES (1, '{}/1'), (2, '{-1:3,0:2,1:9223372036854775800}/1'), (3, '{ 5 : 1 , 0:2 }/32'), (4, NULL);
SELECT id, s, s::text::journey.funnel_summary::text = s::text AS text_roundtrip FROM fs_io ORDER BY id;
COPY fs_io TO '/tmp/journey_funnel_io.bin' (FORMAT binary);
CREATE TABLE fs_io2 (LIKE fs_io);
COPY fs_io2 FROM '/tmp/journey_funnel_io.bin' (FORMAT binary);
SELECT a.id, a.s::text IS NOT DISTINCT FROM b.s::text AS binary_roundtrip
FROM fs_io a JOIN fs_io2 b USING (id) ORDER BY id;
SELECT encode(journey.funnel_summary_send('{-1:1,2:3}/2'), 'hex') =
       '0102' || '0000000000000001' || '0000000000000000' || '0000000000000000' || '0000000000000003' AS layout_ok;

-- malformed text
SELECT ''::journey.funnel_summary;
SELECT '{1:2}'::journey.funnel_summary;
SELECT '{1:2}/0'::journey.funnel_summary;
SELECT '{1:2}/33'::journey.funnel_summary;
SELECT '{4:2}/3'::journey.funnel_summary;
SELECT '{-2:2}/3'::journey.funnel_summary;
SELECT '{1:-2}/3'::journey.funnel_summary;
SELECT '{1:2,1:3}/3'::journey.funnel_summary;
SELECT '{1:9223372036854775807,2:1}/3'::journey.funnel_summary;
SELECT '{1:2}/3x'::journey.funnel_summary;
SELECT '{1 2}/3'::journey.funnel_summary;

-- errors
SELECT journey.funnel_summary(l, 3) FROM (VALUES (4)) v(l);
SELECT journey.funnel_summary(l, 3) FROM (VALUES (-2)) v(l);
SELECT journey.funnel_summary(l, 0) FROM (VALUES (1)) v(l);
SELECT journey.funnel_summary(l, 33) FROM (VALUES (1)) v(l);
SELECT journey.funnel_summary(l, NULL) FROM (VALUES (1)) v(l);
SELECT journey.funnel_summary(l, n) FROM (VALUES (1, 3), (1, 4)) v(l, n);
SELECT journey.rollup(s) FROM (VALUES ('{1:1}/3'::journey.funnel_summary), ('{1:1}/4')) v(s);
SELECT journey.rollup(s) FROM (VALUES ('{1:9223372036854775807}/3'::journey.funnel_summary), ('{1:1}/3')) v(s);
SELECT journey.funnel_reached('{1:1}/3', 4);
SELECT journey.funnel_level_count('{1:1}/3', -2);
SELECT * FROM journey.funnel_chart('{1:1}/3', NULL, 0);
SELECT * FROM journey.funnel_chart('{1:1}/3', NULL, NULL);
SELECT * FROM journey.funnel_report('{1:1}/3', '{{a}}');
