-- journey.window_funnel and window_funnel_times (funnels.md 1 to 3).
-- Every expected value is derived by hand in the comment above its query;
-- the randomized comparison with a brute-force oracle is test/sh/funnel_oracle.sh.

-- events of small cases: case id, time in seconds, event name
CREATE TABLE wf (c int, t numeric, e text);
CREATE FUNCTION wts(numeric) RETURNS timestamptz LANGUAGE sql IMMUTABLE
	AS $$ SELECT 'epoch'::timestamptz + $1 * interval '1 second' $$;

-- one funnel a -> b -> c over wf per case, in a mode, window 10 s
CREATE FUNCTION wf3(mode text, w interval DEFAULT '10 s')
RETURNS TABLE (c int, level int) LANGUAGE sql AS $$
	SELECT c, journey.window_funnel(w, mode, wts(t), e = 'a', e = 'b', e = 'c')
	FROM wf GROUP BY c ORDER BY c $$;

-- 1. Default mode
INSERT INTO wf VALUES
	(1, 0, 'a'), (1, 30, 'a'), (1, 38, 'b'),		-- Example 1: second a rescues: 2
	(2, 7, 'b'), (2, 7, 'a'),						-- tie: a before b at 7: 2
	(3, 0, 'a'), (3, 10, 'b'), (3, 10, 'c'),		-- window inclusive, b and c at 10: 3
	(4, 0, 'a'), (4, 10.000001, 'b'),				-- one microsecond late: 1
	(5, 0, 'b'), (5, 1, 'c'), (5, 2, 'x'),			-- no step 1: 0
	(6, 2, 'a'), (6, 3, 'b'), (6, 6, 'b'), (6, 8, 'c'),	-- Example 2: 3
	(7, 0, 'a'), (7, 5, 'c'), (7, 6, 'b'),			-- c before b: 2
	(8, 0, 'a'), (8, 1, 'b'), (8, 15, 'a'), (8, 16, 'b'), (8, 17, 'c'),	-- 3 (second chain)
	(9, 0, 'a'), (9, 1, NULL), (9, 2, 'c');			-- NULL event: step conditions NULL = false: 1
SELECT * FROM wf3('');
-- the three-argument form is the default mode
SELECT c, journey.window_funnel('10 s', wts(t), e = 'a', e = 'b', e = 'c') AS level
FROM wf GROUP BY c ORDER BY c;
-- and the timestamp form gives the same
SELECT c, journey.window_funnel('10 s', wts(t)::timestamp, e = 'a', e = 'b', e = 'c') AS level
FROM wf WHERE c <= 4 GROUP BY c ORDER BY c;

-- 2. strict_deduplication: a repeated step 2.. ends the funnel, repeats of
-- step 1 do not.  1: a a b: 2.  2: 2.  3: 3.  4: 1.  5: 0.  6 (Example 2):
-- b@6 repeats level 2: 2.  7: 2.  8: b@16 repeats level 2 (reached at 1,
-- even though its chain expired): 2.  9: 1.
SELECT * FROM wf3('strict_deduplication');

-- 3. strict_order: a row matching no step interrupts a started funnel.
-- 1: a a b: 2.  2: 2.  3: 3.  4: 1.  5: rows before step 1 are ignored: 0.
-- 6: b b c: repeats of reached steps allowed: 3.  7: c@5 before b, level 2
-- never reached: stop: 1.  8: 3 (no foreign rows).  9: NULL row is a
-- no-step row: stop at 1: 1.
SELECT * FROM wf3('strict_order');

-- 4. strict_increase: consecutive steps need strictly later times.
-- 1: 2.  2: a and b both at 7: 1.  3: b and c both at 10: 2.  4: 1.
-- 5: 0.  6: 3.  7: 2.  8: 3.  9: 1.
SELECT * FROM wf3('strict_increase');

-- 5. strict_once equals the default when no row matches two steps
SELECT * FROM wf3('strict_once');

-- 6. The funnels.md examples on strict_order and allow_reentry (Examples 2, 4)
TRUNCATE wf;
INSERT INTO wf VALUES
	(1, 1, 'a'), (1, 4, 'b'), (1, 4, 'y'),			-- y sorts before b: 1
	(2, 0, 'y'), (2, 1, 'a'), (2, 2, 'b'),			-- noise before step 1: 2
	(3, 0, 'a'), (3, 3, 'c'), (3, 5, 'b'), (3, 6, 'c'),	-- 1, with allow_reentry 3
	(4, 0, 'a'), (4, 3, 'c'), (4, 4, 'y'), (4, 5, 'b');	-- 1 even with allow_reentry
SELECT o.c, o.level AS strict_order, r.level AS with_reentry
FROM wf3('strict_order') o JOIN wf3('strict_order,allow_reentry') r USING (c) ORDER BY c;

-- 7. Example 3: strict_increase is correct where ClickHouse returns 2:
-- p0@1, p1 p2 p3 at each of 2, 3, 4: p0@1 p1@2 p2@3 p3@4: 4
SELECT journey.window_funnel('100 s', 'strict_increase', wts(t), e = 'p0', e = 'p1', e = 'p2', e = 'p3') AS level
FROM (VALUES (1, 'p0'), (2, 'p1'), (2, 'p2'), (2, 'p3'), (3, 'p1'), (3, 'p2'), (3, 'p3'),
             (4, 'p1'), (4, 'p2'), (4, 'p3')) v(t, e);

-- 8. One row matching several steps.  Rows are (time, steps matched).
CREATE FUNCTION multi(mode text, rows text) RETURNS int LANGUAGE sql AS $$
	SELECT journey.window_funnel('10 s', mode, wts(r.t), 'a' = ANY(r.m), 'b' = ANY(r.m), 'c' = ANY(r.m))
	FROM jsonb_to_recordset(rows::jsonb) AS r(t numeric, m text[]) $$;
-- a row matching a and b: default fills both (2), strict_once and
-- strict_increase only a (1)
SELECT multi('', '[{"t":0,"m":["a","b"]}]'), multi('strict_once', '[{"t":0,"m":["a","b"]}]'),
       multi('strict_increase', '[{"t":0,"m":["a","b"]}]');
-- steps (a, a) and one row a: default 2, strict_once 1 (Example 1)
SELECT journey.window_funnel('10 s', '', wts(3), true, true) AS "default",
       journey.window_funnel('10 s', 'strict_once', wts(3), true, true) AS strict_once;
-- strict_once needs distinct rows at one instant: rows {a,b} and {b,c} at 0:
-- a(r1) b(r2), then c only on r2: 2; a third row {c} at 0 completes: 3
SELECT multi('strict_once', '[{"t":0,"m":["a","b"]},{"t":0,"m":["b","c"]}]') AS two_rows,
       multi('strict_once', '[{"t":0,"m":["a","b"]},{"t":0,"m":["b","c"]},{"t":0,"m":["c"]}]') AS three_rows;
-- a matching that must move a row: r1 {a}, r2 {b,c}, r3 {b} at 0: a r1, b r3,
-- c r2: 3, whatever the input order of r2 and r3
SELECT multi('strict_once', '[{"t":0,"m":["a"]},{"t":0,"m":["b","c"]},{"t":0,"m":["b"]}]') AS r2_first,
       multi('strict_once', '[{"t":0,"m":["a"]},{"t":0,"m":["b"]},{"t":0,"m":["b","c"]}]') AS r3_first;
-- strict_once across instants: {a,b}@0 then {c}@1: a r1@0, b? only r1 at 0,
-- so b must wait; no b later: 1.  Add {b}@1: a@0 b@1 c@1 (distinct rows): 3
SELECT multi('strict_once', '[{"t":0,"m":["a","b"]},{"t":1,"m":["c"]}]') AS no_b,
       multi('strict_once', '[{"t":0,"m":["a","b"]},{"t":1,"m":["c"]},{"t":1,"m":["b"]}]') AS with_b;

-- 9. Window 0: all steps at the same instant.  a@5 b@5: 2; b one
-- microsecond later: 1
SELECT journey.window_funnel('0', wts(t), e = 'a', e = 'b') AS level
FROM (VALUES (5, 'a'), (5, 'b')) v(t, e);
SELECT journey.window_funnel('0', wts(t), e = 'a', e = 'b') AS level
FROM (VALUES (5, 'a'), (5.000001, 'b')) v(t, e);
-- 1 day is exactly 24 hours: a and b 86 400 s apart fit '1 day'
SELECT journey.window_funnel('1 day', wts(t), e = 'a', e = 'b') AS level
FROM (VALUES (0, 'a'), (86400, 'b')) v(t, e);

-- 10. NULLs and empty groups.  NULL timestamp rows are skipped (b@NULL
-- does not count): 1.  A group of only NULL-timestamp rows, or no rows: NULL.
-- Rows but no step 1: 0.
SELECT journey.window_funnel('10 s', ts, e = 'a', e = 'b') AS level
FROM (VALUES (wts(0), 'a'), (NULL, 'b')) v(ts, e);
SELECT journey.window_funnel('10 s', ts, e = 'a', e = 'b') IS NULL AS null_only_rows
FROM (VALUES (NULL::timestamptz, 'a')) v(ts, e);
SELECT journey.window_funnel('10 s', now(), true) IS NULL AS no_rows WHERE false;
SELECT journey.window_funnel('10 s', now(), false, true) AS no_step_1;
-- a NULL steps array is a row that matches no step (it ends a strict_order funnel)
SELECT journey.window_funnel('10 s', 'strict_order', wts(t), VARIADIC s) AS level
FROM (VALUES (0, '{t,f}'::bool[]), (1, NULL), (2, '{f,t}')) v(t, s);
SELECT journey.window_funnel('10 s', '', wts(t), VARIADIC s) AS level
FROM (VALUES (0, '{t,f}'::bool[]), (1, NULL), (2, '{f,t}')) v(t, s);

-- 11. One step: 1 exactly when step 1 happened, in every mode
SELECT m, journey.window_funnel('1 s', m, wts(0), true) AS yes,
       journey.window_funnel('1 s', m, wts(0), false) AS no
FROM unnest(ARRAY['', 'strict_deduplication', 'strict_order', 'strict_increase',
                  'strict_once', 'strict_order,allow_reentry']) m GROUP BY m ORDER BY m;

-- 12. 32 steps: step k at time k.  All 32: 32; without step 17: 16
SELECT journey.window_funnel('1 min', wts(k), VARIADIC array(SELECT i = k FROM generate_series(1, 32) i)) AS all_32,
       journey.window_funnel('1 min', wts(k), VARIADIC array(SELECT i = k AND k <> 17 FROM generate_series(1, 32) i)) AS gap_at_17
FROM generate_series(1, 32) k;

-- 13. Infinite timestamps are extreme values; the window of an infinite
-- start is that infinity.  a@-infinity b@0: 1.  a@0 b@+infinity with a
-- 100 000 day window: 1.  a and b at +infinity: 2.
SELECT journey.window_funnel('10 s', ts, e = 'a', e = 'b') AS level
FROM (VALUES ('-infinity'::timestamptz, 'a'), (wts(0), 'b')) v(ts, e);
SELECT journey.window_funnel('100000 days', ts, e = 'a', e = 'b') AS level
FROM (VALUES (wts(0), 'a'), ('infinity', 'b')) v(ts, e);
SELECT journey.window_funnel('10 s', ts, e = 'a', e = 'b') AS level
FROM (VALUES ('infinity'::timestamptz, 'a'), ('infinity', 'b')) v(ts, e);

-- 14. Time to convert (funnels.md 2).  Example 5: a@0 a@2 b@3 b@4 c@5
-- a@20 b@21 c@25: attempts from 0 and 2 both complete at 5, the later start
-- wins, b at its first time after it: {2, 3, 5}
SELECT journey.window_funnel_times('10 s', wts(t), e = 'a', e = 'b', e = 'c') AS times
FROM (VALUES (0, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'c'), (20, 'a'), (21, 'b'), (25, 'c')) v(t, e);
-- the same, for timestamp input
SELECT journey.window_funnel_times('10 s', wts(t)::timestamp, e = 'a', e = 'b', e = 'c') AS times
FROM (VALUES (0, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'c'), (20, 'a'), (21, 'b'), (25, 'c')) v(t, e);
-- level 2 reached first by the attempt from 30 (b@38): {30, 38}; level 0:
-- {}; no rows: NULL
SELECT journey.window_funnel_times('10 s', wts(t), e = 'a', e = 'b') AS times
FROM (VALUES (0, 'a'), (30, 'a'), (38, 'b')) v(t, e);
SELECT journey.window_funnel_times('10 s', wts(t), e = 'a', e = 'b') AS times
FROM (VALUES (0, 'b')) v(t, e);
SELECT journey.window_funnel_times('10 s', now(), true) IS NULL AS no_rows WHERE false;
-- strict_increase: p0@1 p1@2 p2@3 p3@4 (Example 3)
SELECT journey.window_funnel_times('100 s', 'strict_increase', wts(t), e = 'p0', e = 'p1', e = 'p2', e = 'p3') AS times
FROM (VALUES (1, 'p0'), (2, 'p1'), (2, 'p2'), (2, 'p3'), (3, 'p1'), (3, 'p2'), (3, 'p3'),
             (4, 'p1'), (4, 'p2'), (4, 'p3')) v(t, e);
-- strict_once: {a,b}@0 {c}@1 {b}@1: a@0, b@1, c@1
SELECT journey.window_funnel_times('10 s', 'strict_once', wts(r.t), 'a' = ANY(r.m), 'b' = ANY(r.m), 'c' = ANY(r.m)) AS times
FROM jsonb_to_recordset('[{"t":0,"m":["a","b"]},{"t":1,"m":["c"]},{"t":1,"m":["b"]}]') AS r(t numeric, m text[]);
-- durations between steps are one query away
SELECT x[2] - x[1] AS to_b, x[3] - x[2] AS to_c
FROM (SELECT journey.window_funnel_times('10 s', wts(t), e = 'a', e = 'b', e = 'c') AS x
      FROM (VALUES (0, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'c')) v(t, e)) s;

-- 15. Exclusion steps (funnels.md 3), x excluded between steps 1 and 2.
-- Example 6: 1: a@0 x@1 b@2 c@3: -1.  2: a@0 x@1 a@2 b@3 c@4: the attempt
-- from 2 is clean: 3, {2,3,4}.  3: a@0 x@5: -1.  4: a@0 x@5 a@20: 1, {20}.
-- 5: a@0 x@15 (outside the window): 1, {0}.  6: x at the instant of step 1
-- or 2 is not between: a@0 x@0 b@2 x@2 c@3: 3.  7: x between 2 and 3
-- only: not excluded by (1, 2): 3.  8: rows without step 1: 0, {}.
TRUNCATE wf;
INSERT INTO wf VALUES
	(1, 0, 'a'), (1, 1, 'x'), (1, 2, 'b'), (1, 3, 'c'),
	(2, 0, 'a'), (2, 1, 'x'), (2, 2, 'a'), (2, 3, 'b'), (2, 4, 'c'),
	(3, 0, 'a'), (3, 5, 'x'),
	(4, 0, 'a'), (4, 5, 'x'), (4, 20, 'a'),
	(5, 0, 'a'), (5, 15, 'x'),
	(6, 0, 'a'), (6, 0, 'x'), (6, 2, 'b'), (6, 2, 'x'), (6, 3, 'c'),
	(7, 0, 'a'), (7, 1, 'b'), (7, 2, 'x'), (7, 3, 'c'),
	(8, 0, 'x'), (8, 1, 'b');
SELECT c, journey.window_funnel('10 s', '', wts(t), ARRAY[e = 'a', e = 'b', e = 'c'], ARRAY[e = 'x'], '{1,2}') AS level,
       array(SELECT extract(epoch FROM u)::int
             FROM unnest(journey.window_funnel_times('10 s', '', wts(t), ARRAY[e = 'a', e = 'b', e = 'c'], ARRAY[e = 'x'], '{1,2}')) u) AS times,
       journey.window_funnel_times('10 s', '', wts(t), ARRAY[e = 'a', e = 'b', e = 'c'], ARRAY[e = 'x'], '{1,2}') IS NULL AS times_null
FROM wf GROUP BY c ORDER BY c;
-- with x excluded between steps 2 and 3 instead: 1: x@1 is before b: 3.
-- 2: 3.  3, 4, 5: level 1 < 2: not concerned: 1.  6: x@2 at the instant of
-- b is not between: 3.  7: x@2 between b@1 and c@3: -1.  8: 0.
SELECT c, journey.window_funnel('10 s', '', wts(t), ARRAY[e = 'a', e = 'b', e = 'c'], ARRAY[e = 'x'], '{2,3}') AS level
FROM wf GROUP BY c ORDER BY c;
-- no exclusion pairs: the plain funnel
SELECT c, journey.window_funnel('10 s', '', wts(t), ARRAY[e = 'a', e = 'b', e = 'c'], '{}', '{}') AS level
FROM wf GROUP BY c ORDER BY c;

-- 16. Input order never matters: every case above, rows reversed
SELECT count(*) AS cases, count(*) FILTER (WHERE f.level = r.level) AS same
FROM (SELECT c, journey.window_funnel('10 s', 'strict_once', wts(t), e = 'a', e = 'b', e = 'c') AS level
      FROM wf GROUP BY c) f
JOIN (SELECT c, journey.window_funnel('10 s', 'strict_once', wts(t), e = 'a', e = 'b', e = 'c' ORDER BY t DESC) AS level
      FROM wf GROUP BY c) r USING (c);

-- 17. One customer with 10^6 events: step k on event i when i % 4 = k - 1,
-- event i at i seconds.  Window 2 s: a@0 b@1 c@2, d@3 is late: 3.
-- Window 3 s: 4.  Times: {0, 1, 2} (first chain).
SELECT journey.window_funnel('2 s', wts(i), i % 4 = 0, i % 4 = 1, i % 4 = 2, i % 4 = 3) AS w2,
       journey.window_funnel('3 s', wts(i), i % 4 = 0, i % 4 = 1, i % 4 = 2, i % 4 = 3) AS w3,
       array(SELECT extract(epoch FROM u)::int FROM unnest(
         journey.window_funnel_times('2 s', wts(i), i % 4 = 0, i % 4 = 1, i % 4 = 2, i % 4 = 3)) u) AS times
FROM generate_series(999999, 0, -1) i;

-- 18. Parallel plans combine exactly: 20 000 customers, Partial Aggregate,
-- same per-customer result as a serial plan (and the summary over them)
CREATE TABLE wf_big AS
SELECT (i % 20000) AS c, wts((i * 7919) % 600 / 10) AS ts, (i / 20000 * 3 + i) % 5 AS e
FROM generate_series(1, 200000) i;
ANALYZE wf_big;
CREATE TABLE wf_serial AS
SELECT c, journey.window_funnel('30 s', 'strict_order,allow_reentry', ts, e = 0, e = 1, e = 2) AS level,
       journey.window_funnel_times('30 s', ts, e = 0, e = 1, e = 2) AS times
FROM wf_big GROUP BY c;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
SELECT plan_nodes('SELECT journey.window_funnel(''30 s'', ts, e = 0, e = 1, e = 2) FROM wf_big');
SELECT plan_nodes('SELECT c, journey.window_funnel(''30 s'', ts, e = 0, e = 1, e = 2) FROM wf_big GROUP BY c');
SELECT count(*) AS customers, count(*) FILTER (WHERE p.level = s.level AND p.times = s.times) AS same
FROM (SELECT c, journey.window_funnel('30 s', 'strict_order,allow_reentry', ts, e = 0, e = 1, e = 2) AS level,
             journey.window_funnel_times('30 s', ts, e = 0, e = 1, e = 2) AS times
      FROM wf_big GROUP BY c) p JOIN wf_serial s USING (c);
-- one group split across workers (all 200 000 rows as one customer):
-- the serial plan's result, computed first
SET max_parallel_workers_per_gather = 0;
CREATE TABLE wf_one AS
SELECT journey.window_funnel_times('1 s', 'strict_once', ts, e = 0, e = 1, e = 2, e = 3) AS times FROM wf_big;
SET max_parallel_workers_per_gather = 2;
SELECT plan_nodes('SELECT journey.window_funnel_times(''1 s'', ''strict_once'', ts, e = 0, e = 1, e = 2, e = 3) FROM wf_big');
SELECT (SELECT journey.window_funnel_times('1 s', 'strict_once', ts, e = 0, e = 1, e = 2, e = 3) FROM wf_big)
       = times AS same, cardinality(times) AS level FROM wf_one;
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;
-- the fixed-arity forms (up to 8 separate boolean steps) equal the
-- VARIADIC array forms, for every mode, with times
SELECT count(*) AS customer_modes,
       count(*) FILTER (WHERE fixed = arr AND fixed_t IS NOT DISTINCT FROM arr_t) AS same
FROM (SELECT c, m,
             journey.window_funnel('20 s', m, ts, e = 0, e = 1, e = 2, e <= 1) AS fixed,
             journey.window_funnel('20 s', m, ts, VARIADIC ARRAY[e = 0, e = 1, e = 2, e <= 1]) AS arr,
             journey.window_funnel_times('20 s', m, ts, e = 0, e = 1, e = 2, e <= 1) AS fixed_t,
             journey.window_funnel_times('20 s', m, ts, VARIADIC ARRAY[e = 0, e = 1, e = 2, e <= 1]) AS arr_t
      FROM wf_big CROSS JOIN unnest(ARRAY['', 'strict_deduplication', 'strict_order', 'strict_increase',
                                          'strict_once', 'strict_order,allow_reentry']) m
      WHERE c < 2000 GROUP BY c, m) x;
-- and they are what a call with separate steps resolves to (no VARIADIC
-- ARRAY in the plan), up to 8 steps
SET max_parallel_workers_per_gather = 0;
EXPLAIN (VERBOSE, COSTS OFF) SELECT journey.window_funnel('1 s', ts, e = 0, e = 1) FROM wf_big;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT journey.window_funnel('1 s', ts, e = 0, e = 1, e = 2, e = 3, e = 4, e = 5, e = 6, e = 7, e = 8) FROM wf_big;
RESET max_parallel_workers_per_gather;

-- the drop-off report over the customers
SELECT step, reached, dropped FROM journey.funnel_report(
	(SELECT journey.funnel_summary(level, 3) FROM wf_serial), '{view,cart,buy}');
SELECT count(*) FILTER (WHERE level >= 1) AS r1, count(*) FILTER (WHERE level >= 2) AS r2,
       count(*) FILTER (WHERE level >= 3) AS r3 FROM wf_serial;

-- 19. States that grow across their capacity steps (6, 14, 30, 62 … kept
-- rows, doubling above 8 kB; the exclusion form has a longer header).
-- Customer (n, late, rev) has n rows: row 1 at 0 s is step 1, rows
-- 2 .. n-1 at 1 .. n-2 ms are step 2, row n is step 3 at 3600 s, or at
-- 3600.000001 s when late.  Window 1 hour (inclusive): level 3, or 2 when
-- late; losing row 1 would give 0, losing row n 2 for every customer.  rev
-- stores the rows in descending time.  The times of a level-3 chain are
-- row 1's and row n's.  The exclusion form has 32 pairs (1, 2) whose
-- conditions are never true.
CREATE TABLE wf_grow AS
SELECT n, late, rev, i,
       CASE WHEN i = 1 THEN wts(0) WHEN i < n THEN wts((i - 1) / 1000.0)
            ELSE wts(3600 + CASE WHEN late THEN 0.000001 ELSE 0 END) END AS ts
FROM unnest('{3,6,7,14,15,30,31,62,63,509,510,511,1020,1021,3000}'::int[]) n,
     (VALUES (false), (true)) l(late), (VALUES (false), (true)) r(rev),
     generate_series(1, n) i
ORDER BY n, late, rev, CASE WHEN rev THEN -i ELSE i END;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE plain = 3 - late::int) AS plain_ok,
       count(*) FILTER (WHERE excl = 3 - late::int) AS excl_ok,
       count(*) FILTER (WHERE late OR times = ARRAY[wts(0), wts(1 / 1000.0), wts(3600)]) AS times_ok
FROM (SELECT n, late, rev,
             journey.window_funnel('1 hour', ts, i = 1, i > 1 AND i < n, i = n) AS plain,
             journey.window_funnel('1 hour', '', ts, ARRAY[i = 1, i > 1 AND i < n, i = n],
                                   array_fill(false, ARRAY[32]),
                                   '{1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2,1,2}'::int[]) AS excl,
             journey.window_funnel_times('1 hour', ts, i = 1, i > 1 AND i < n, i = n) AS times
      FROM wf_grow GROUP BY n, late, rev) g;

-- 20. As window functions: the final function runs again and again on a
-- state that keeps growing (running frame), or is rebuilt (sliding frame),
-- or gets rows in descending time.  Each row must equal the plain
-- aggregate over the rows of its frame.
CREATE TABLE wf_win AS
SELECT i % 50 AS c, wts((hashint4(i) & 1023) * 60) AS ts, hashint4(i + 5) & 7 AS e,
       row_number() OVER (PARTITION BY i % 50 ORDER BY wts((hashint4(i) & 1023) * 60), hashint4(i + 5) & 7, i) AS rn
FROM generate_series(1, 3000) i;
SELECT count(*) AS rows, count(*) FILTER (WHERE w.lvl = p.lvl AND w.t IS NOT DISTINCT FROM p.t) AS running_ok
FROM (SELECT c, rn,
             journey.window_funnel('2 hours', 'strict_order', ts, e = 1, e = 2, e = 3) OVER f AS lvl,
             journey.window_funnel_times('2 hours', ts, e = 1, e = 2, e = 3) OVER f AS t
      FROM wf_win WINDOW f AS (PARTITION BY c ORDER BY rn ROWS UNBOUNDED PRECEDING)) w,
     LATERAL (SELECT journey.window_funnel('2 hours', 'strict_order', x.ts, x.e = 1, x.e = 2, x.e = 3) AS lvl,
                     journey.window_funnel_times('2 hours', x.ts, x.e = 1, x.e = 2, x.e = 3) AS t
              FROM wf_win x WHERE x.c = w.c AND x.rn <= w.rn) p;
SELECT count(*) AS rows, count(*) FILTER (WHERE w.lvl = p.lvl) AS sliding_ok
FROM (SELECT c, rn, journey.window_funnel('2 hours', ts, e = 1, e = 2, e = 3)
                    OVER (PARTITION BY c ORDER BY rn ROWS 5 PRECEDING) AS lvl
      FROM wf_win) w,
     LATERAL (SELECT journey.window_funnel('2 hours', x.ts, x.e = 1, x.e = 2, x.e = 3) AS lvl
              FROM wf_win x WHERE x.c = w.c AND x.rn BETWEEN w.rn - 5 AND w.rn) p;
SELECT count(*) AS rows, count(*) FILTER (WHERE w.lvl = p.lvl) AS descending_ok
FROM (SELECT c, rn, journey.window_funnel('2 hours', ts, e = 1, e = 2, e = 3)
                    OVER (PARTITION BY c ORDER BY rn DESC ROWS UNBOUNDED PRECEDING) AS lvl
      FROM wf_win) w,
     LATERAL (SELECT journey.window_funnel('2 hours', x.ts, x.e = 1, x.e = 2, x.e = 3) AS lvl
              FROM wf_win x WHERE x.c = w.c AND x.rn >= w.rn) p;

-- 21. Row widths.  A state keeps 8-byte rows while every kept row matches
-- only steps 1 to 8, no exclusion, and lies within 2^55 microseconds of
-- 2000-01-01 (from 0858-04-17 to 3141-09-15); the first row that does not
-- turns it into 16-byte rows.  wf_edge is 2000-01-01 + 2^55 microseconds,
-- the first time that does not fit; 2000-01-01 - 2^55 microseconds is the
-- earliest time that does.
CREATE FUNCTION wf_edge() RETURNS timestamptz LANGUAGE sql IMMUTABLE
	AS $$ SELECT timestamptz '2000-01-01 00:00:00+00' + interval '36028797018.963968 s' $$;
SELECT (extract(epoch FROM wf_edge() - timestamptz '2000-01-01 00:00:00+00') * 1000000)::int8
       = 2 ^ 55::numeric AS edge_is_2_55;
-- a@edge - 1 us (fits), b@edge (does not): level 2 within 1 microsecond,
-- times {edge - 1 us, edge}; level 1 with window 0.  Input order reversed: the same.
SELECT journey.window_funnel('1 microsecond', ts, e = 'a', e = 'b') AS level,
       journey.window_funnel('0 s', ts, e = 'a', e = 'b') AS level_w0,
       journey.window_funnel_times('1 microsecond', ts, e = 'a', e = 'b')
         = ARRAY[wf_edge() - interval '1 microsecond', wf_edge()] AS times_ok,
       journey.window_funnel('1 microsecond', ts, e = 'a', e = 'b' ORDER BY ts DESC) AS level_desc
FROM (VALUES (wf_edge() - interval '1 microsecond', 'a'), (wf_edge(), 'b')) v(ts, e);
-- at the low edge: a@(2000-01-01 - 2^55 - 1 us) does not fit, b@(2000-01-01 - 2^55) does: 2
SELECT journey.window_funnel('1 microsecond', ts, e = 'a', e = 'b') AS level,
       journey.window_funnel_times('1 microsecond', ts, e = 'a', e = 'b')
         = ARRAY[ts0 - interval '1 microsecond', ts0] AS times_ok
FROM (SELECT timestamptz '2000-01-01 00:00:00+00' - interval '36028797018.963968 s' AS ts0) z,
     LATERAL (VALUES (ts0 - interval '1 microsecond', 'a'), (ts0, 'b')) v(ts, e)
GROUP BY ts0;
-- 9 steps at 1 .. 9 s: step 9 does not fit in 8 bits.  20 rows of step 1
-- first (0.001 .. 0.020 s), so 20 packed rows are widened: level 9, and the
-- chain reported starts at the last step 1 (0.020 s).  The same with the
-- rows in descending time (step 9 first: widened at the first row).
SELECT journey.window_funnel('10 s', ts, VARIADIC array(SELECT i = k FROM generate_series(1, 9) i)) AS level,
       journey.window_funnel_times('10 s', ts, VARIADIC array(SELECT i = k FROM generate_series(1, 9) i))
         = array(SELECT wts(CASE WHEN i = 1 THEN 0.020 ELSE i END) FROM generate_series(1, 9) i) AS times_ok,
       journey.window_funnel('10 s', ts, VARIADIC array(SELECT i = k FROM generate_series(1, 9) i) ORDER BY ts DESC) AS level_desc
FROM (SELECT 1 AS k, wts(j / 1000.0) AS ts FROM generate_series(1, 20) j
      UNION ALL SELECT k, wts(k) FROM generate_series(2, 9) k) r;
-- Random customers whose rows are shifted to four places: around
-- 2000-01-01 (8-byte rows until a row matches step 9 or the exclusion),
-- across the upper and the lower edge (the earlier or the later rows do
-- not fit), and around 3500-01-01 (no row fits).  A shift changes no
-- level, and moves the times by the shift: every customer must give the
-- same result at all four places, in serial and in parallel plans (where
-- the rows of a customer are spread over the workers, whose partial states
-- may be of different widths).
CREATE TABLE wf_width AS
SELECT c, i, (i * 2 + (hashint4(c * 100 + i) & 2047) / 1000.0)::numeric AS t,
       ((hashint4(c * 100 + i + 7) & 2147483647) % 12) - 2 AS e
FROM generate_series(1, 400) c, generate_series(1, 30) i;
CREATE TABLE wf_place (place text, base timestamptz);
INSERT INTO wf_place VALUES
	('2000', timestamptz '2000-01-01 00:00:00+00'),
	('upper_edge', wf_edge() - interval '30 s'),
	('lower_edge', timestamptz '2000-01-01 00:00:00+00' - interval '36028797018.963968 s' - interval '30 s'),
	('3500', timestamptz '3500-01-01 00:00:00+00');
CREATE TABLE wf_width_rows AS
SELECT place, c, i, base + t * interval '1 s' AS ts, e, base FROM wf_width CROSS JOIN wf_place
ORDER BY hashint4(c * 100 + i), place;	-- every customer's rows spread over the table
ANALYZE wf_width_rows;
CREATE FUNCTION wf_shift(timestamptz[], timestamptz) RETURNS interval[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array(SELECT u - $2 FROM unnest($1) u) $$;
CREATE VIEW wf_width_results AS
SELECT place, c,
       journey.window_funnel('20 s', ts, e = 1, e = 2, e = 3, e = 4, e = 5, e = 6, e = 7, e = 8) AS l8,
       journey.window_funnel('20 s', 'strict_increase', ts, e = 1, e = 2, e = 3, e = 4, e = 5, e = 6, e = 7, e = 8, e = 9) AS l9,
       journey.window_funnel('20 s', '', ts, ARRAY[e = 1, e = 2, e = 3, e = 4], ARRAY[e = -1], '{2,3}'::int[]) AS lx,
       wf_shift(journey.window_funnel_times('20 s', ts, e = 1, e = 2, e = 3, e = 4, e = 5, e = 6, e = 7, e = 8, e = 9), min(base)) AS t9
FROM wf_width_rows GROUP BY place, c;
CREATE TABLE wf_width_serial AS SELECT * FROM wf_width_results;
SELECT s.place, count(*) AS customers,
       count(*) FILTER (WHERE s.l8 = r.l8 AND s.l9 = r.l9 AND s.lx = r.lx AND s.t9 = r.t9) AS same_as_2000
FROM wf_width_serial s JOIN wf_width_serial r USING (c)
WHERE r.place = '2000' GROUP BY s.place ORDER BY s.place;
-- the funnels go deep enough to mean something
SELECT count(*) FILTER (WHERE l9 >= 3) > 100 AS deep_9, count(*) FILTER (WHERE lx = -1) > 0 AS some_excluded
FROM wf_width_serial WHERE place = '2000';
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
SELECT plan_nodes('SELECT * FROM wf_width_results');
SELECT count(*) AS customers,
       count(*) FILTER (WHERE p.l8 = s.l8 AND p.l9 = s.l9 AND p.lx = s.lx AND p.t9 = s.t9) AS same
FROM wf_width_results p JOIN wf_width_serial s USING (place, c);
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;
-- as a window function over rows in no time order (the final function
-- sorts the 8-byte rows in place, then more rows arrive, then step 9)
SELECT count(*) AS rows, count(*) FILTER (WHERE w.lvl = p.lvl) AS running_ok
FROM (SELECT c, i, journey.window_funnel('20 s', ts, e = 1, e = 2, e = 3, e = 4, e = 5, e = 6, e = 7, e = 8, e = 9)
                   OVER (PARTITION BY c ORDER BY hashint4(i) ROWS UNBOUNDED PRECEDING) AS lvl
      FROM wf_width_rows WHERE place = '2000' AND c <= 40) w,
     LATERAL (SELECT journey.window_funnel('20 s', x.ts, x.e = 1, x.e = 2, x.e = 3, x.e = 4, x.e = 5, x.e = 6, x.e = 7, x.e = 8, x.e = 9) AS lvl
              FROM wf_width_rows x WHERE x.place = '2000' AND x.c = w.c AND hashint4(x.i) <= hashint4(w.i)) p;

-- 22. Event values: window_funnel_events(window, [mode,] ts, event,
-- VARIADIC steps) equals window_funnel with the steps event = steps[i]
-- (NULL = false), for every mode, with times, on wf_big: integers (compared
-- by value), text (by bytes) and numeric (by its equality function), a
-- repeated step value (a row matching two steps), a NULL step and NULL
-- events (every 7th row)
CREATE TABLE wf_ev AS
SELECT c, ts, CASE WHEN (c + e) % 7 = 0 THEN NULL ELSE e END AS e FROM wf_big WHERE c < 3000;
SELECT count(*) AS customer_modes,
       count(*) FILTER (WHERE i = b AND it IS NOT DISTINCT FROM bt) AS int_same,
       count(*) FILTER (WHERE t = b AND tt IS NOT DISTINCT FROM bt) AS text_same,
       count(*) FILTER (WHERE n = b) AS numeric_same,
       count(*) FILTER (WHERE r = br AND rn = bn) AS repeated_and_null_same,
       count(*) FILTER (WHERE d = b) AS timestamp_same
FROM (SELECT c, m,
             journey.window_funnel('20 s', m, ts, e = 0, e = 1, e = 2, e = 3) AS b,
             journey.window_funnel_times('20 s', m, ts, e = 0, e = 1, e = 2, e = 3) AS bt,
             journey.window_funnel_events('20 s', m, ts, e, 0, 1, 2, 3) AS i,
             journey.window_funnel_events_times('20 s', m, ts, e, 0, 1, 2, 3) AS it,
             journey.window_funnel_events('20 s', m, ts, 'e' || e, 'e0', 'e1', 'e2', 'e3') AS t,
             journey.window_funnel_events_times('20 s', m, ts, 'e' || e, 'e0', 'e1', 'e2', 'e3') AS tt,
             journey.window_funnel_events('20 s', m, ts, e::numeric, 0.0, 1, 2.00, 3) AS n,
             journey.window_funnel_events('20 s', m, ts::timestamp, e, 0, 1, 2, 3) AS d,
             journey.window_funnel('20 s', m, ts, e = 0, e = 1, e = 0, e = 2) AS br,
             journey.window_funnel_events('20 s', m, ts, e, 0, 1, 0, 2) AS r,
             journey.window_funnel('20 s', m, ts, e = 0, NULL, e = 1) AS bn,
             journey.window_funnel_events('20 s', m, ts, e, 0, NULL, 1) AS rn
      FROM wf_ev CROSS JOIN unnest(ARRAY['', 'strict_deduplication', 'strict_order', 'strict_increase',
                                         'strict_once', 'strict_order,allow_reentry']) m
      GROUP BY c, m) x;
-- the default mode form equals the '' mode form
SELECT count(*) AS customers, count(*) FILTER (WHERE a = b) AS same
FROM (SELECT c, journey.window_funnel_events('20 s', ts, e, 0, 1, 2) AS a,
             journey.window_funnel_events('20 s', '', ts, e, 0, 1, 2) AS b
      FROM wf_ev GROUP BY c) x;
-- steps that are not constants: read per row, the same result
SELECT count(*) AS customers, count(*) FILTER (WHERE a = b) AS same
FROM (SELECT c, journey.window_funnel_events('20 s', ts, e, VARIADIC ARRAY[0, 1, 2]) AS a,
             journey.window_funnel_events('20 s', ts, e, VARIADIC ARRAY[0, 1, c % 1 + 2]) AS b
      FROM wf_ev GROUP BY c) x;
-- parallel plans combine exactly
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
SELECT plan_nodes('SELECT c, journey.window_funnel_events(''20 s'', ts, e, 0, 1, 2) FROM wf_big GROUP BY c');
SELECT count(*) AS customers, count(*) FILTER (WHERE p.level = s.level) AS same
FROM (SELECT c, journey.window_funnel_events('30 s', 'strict_order,allow_reentry', ts, e, 0, 1, 2) AS level
      FROM wf_big GROUP BY c) p JOIN wf_serial s USING (c);
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;
-- as a window function (no constant steps there: the steps are read per
-- row): each row equals the boolean form over its frame, running and sliding
SELECT count(*) AS rows, count(*) FILTER (WHERE w.lvl = p.lvl AND w.t IS NOT DISTINCT FROM p.t) AS running_ok
FROM (SELECT c, rn,
             journey.window_funnel_events('2 hours', 'strict_order', ts, e, 1, 2, 3) OVER f AS lvl,
             journey.window_funnel_events_times('2 hours', ts, e, 1, 2, 3) OVER f AS t
      FROM wf_win WINDOW f AS (PARTITION BY c ORDER BY rn ROWS UNBOUNDED PRECEDING)) w,
     LATERAL (SELECT journey.window_funnel('2 hours', 'strict_order', x.ts, x.e = 1, x.e = 2, x.e = 3) AS lvl,
                     journey.window_funnel_times('2 hours', x.ts, x.e = 1, x.e = 2, x.e = 3) AS t
              FROM wf_win x WHERE x.c = w.c AND x.rn <= w.rn) p;
SELECT count(*) AS rows, count(*) FILTER (WHERE w.lvl = p.lvl) AS sliding_ok
FROM (SELECT c, rn, journey.window_funnel_events('2 hours', ts, e, 1, 2, 3)
                    OVER (PARTITION BY c ORDER BY rn ROWS 5 PRECEDING) AS lvl
      FROM wf_win) w,
     LATERAL (SELECT journey.window_funnel('2 hours', x.ts, x.e = 1, x.e = 2, x.e = 3) AS lvl
              FROM wf_win x WHERE x.c = w.c AND x.rn BETWEEN w.rn - 5 AND w.rn) p;
-- the type's own equality: a case-insensitive collation matches A with a
-- (a then B: 2), bpchar ignores trailing spaces ('b ' = 'b': 2); under the
-- default collation A is not a (0)
CREATE COLLATION wf_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
SELECT journey.window_funnel_events('1 h', ts, e COLLATE wf_ci, 'a', 'B') AS ci,
       journey.window_funnel_events('1 h', ts, e, 'a', 'B') AS default_collation,
       journey.window_funnel_events('1 h', ts, e::char(2), 'A', 'b ') AS bpchar
FROM (VALUES (wts(0), 'A'), (wts(1), 'b')) v(ts, e);
-- integers are compared as values, whatever the upper bits of their Datum:
-- hashtext() returns int4 Datums zero-extended (a then b: 2), an oid cast
-- to int4 keeps its zero-extended bits (4294967295 is -1: 1), negative
-- int2 and int8 (-1 then -2: 2)
SELECT journey.window_funnel_events('1 day', ts, hashtext(e), hashtext('a'), hashtext('b')) AS hashed,
       journey.window_funnel('1 day', ts, hashtext(e) = hashtext('a'), hashtext(e) = hashtext('b')) AS hashed_bool
FROM (VALUES (wts(0), 'a'), (wts(3600), 'b')) v(ts, e);
SELECT journey.window_funnel_events('1 day', ts, o::int4, -1) AS oid_as_int4
FROM (VALUES (wts(0), 4294967295::oid)) v(ts, o);
SELECT journey.window_funnel_events('1 day', ts, e::int2, -1, -2) AS int2,
       journey.window_funnel_events('1 day', ts, e::int8, -1, -2) AS int8
FROM (VALUES (wts(0), -1), (wts(1), -2)) v(ts, e);
-- an empty group is NULL; rows with NULL events only: 0
SELECT journey.window_funnel_events('1 h', now(), 1, 1) FROM wf_ev WHERE false;
SELECT journey.window_funnel_events('1 h', ts, e, 1, 2) AS level,
       journey.window_funnel_events_times('1 h', ts, e, 1, 2) AS times
FROM (VALUES (wts(0), NULL::int), (wts(1), NULL)) v(ts, e);
-- errors: no steps, 33 steps, NULL steps, 2-D steps (22023, 22004), a
-- type without equality (42883)
\set VERBOSITY sqlstate
SELECT journey.window_funnel_events('1 h', now(), 1, VARIADIC '{}'::int[]);
SELECT journey.window_funnel_events('1 h', now(), 1, VARIADIC array(SELECT generate_series(1, 33)));
SELECT journey.window_funnel_events('1 h', now(), 1, VARIADIC NULL::int[]);
SELECT journey.window_funnel_events('1 h', now(), 1, VARIADIC '{{1},{2}}'::int[]);
SELECT journey.window_funnel_events('1 h', now(), point '(1,1)', point '(1,1)');
SELECT journey.window_funnel_events('1 h', 'bogus', now(), 1, 1);
\set VERBOSITY default
SELECT journey.window_funnel_events('1 h', now(), point '(1,1)', point '(1,1)');

-- 23. Errors (22023 unless stated)
\set VERBOSITY sqlstate
SELECT journey.window_funnel('10 s', 'strict', now(), true);
SELECT journey.window_funnel('10 s', 'allow_reentry', now(), true);
SELECT journey.window_funnel('10 s', 'strict_order,bogus', now(), true);
SELECT journey.window_funnel('10 s', 'strict_order,', now(), true);
SELECT journey.window_funnel('1 mon', now(), true);
SELECT journey.window_funnel('-1 s', now(), true);
SELECT journey.window_funnel(NULL, now(), true);
SELECT journey.window_funnel('1 s', NULL, now(), true);
SELECT journey.window_funnel('1 s', now(), VARIADIC '{}'::bool[]);
SELECT journey.window_funnel('1 s', now(), VARIADIC array_fill(true, ARRAY[33]));
SELECT journey.window_funnel('1 s', now(), VARIADIC '{{t}}'::bool[]);
SELECT journey.window_funnel(w, now(), true) FROM (VALUES ('1 s'::interval), ('2 s')) v(w);
SELECT journey.window_funnel('1 s', m, now(), true) FROM (VALUES ('strict_order'), ('strict_once')) v(m);
SELECT journey.window_funnel('1 s', now(), VARIADIC s) FROM (VALUES ('{t}'::bool[]), ('{t,t}')) v(s);
SELECT journey.window_funnel('1 s', '', now(), '{t,t}'::bool[], '{t}'::bool[], '{1}'::int[]);
SELECT journey.window_funnel('1 s', '', now(), '{t,t}'::bool[], '{t}'::bool[], '{2,1}'::int[]);
SELECT journey.window_funnel('1 s', '', now(), '{t,t}'::bool[], '{t}'::bool[], '{1,3}'::int[]);
SELECT journey.window_funnel('1 s', '', now(), '{t,t}'::bool[], '{t}'::bool[], '{1,NULL}'::int[]);
SELECT journey.window_funnel('1 s', '', now(), '{t,t}'::bool[], '{t,t}'::bool[], '{1,2}'::int[]);
SELECT journey.window_funnel('1 s', '', now(), '{t,t}'::bool[], '{t}'::bool[], NULL::int[]);
SELECT journey.window_funnel('1 s', '', now(), '{t,t}'::bool[], '{t}'::bool[], p) FROM (VALUES ('{1,2}'::int[]), ('{1,2,1,2}')) v(p);
\set VERBOSITY default
-- untyped array literals are ambiguous between the exclusion form and the
-- VARIADIC one: cast them (or use ARRAY[...])
SELECT journey.window_funnel('1 s', '', now(), '{t,t}', '{t}', '{1,2}');
-- the messages name the bad value
SELECT journey.window_funnel('10 s', 'strict_order, bogus', now(), true);
SELECT journey.window_funnel('10 s', 'strict', now(), true);
SELECT journey.window_funnel('1 year', now(), true);
-- a repeated word, spaces and '' are accepted
SELECT journey.window_funnel('10 s', ' strict_order , strict_order ', now(), true) AS level;
