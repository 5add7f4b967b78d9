-- journey.retention: ClickHouse retention semantics (funnels.md 5.1),
-- r[1] = c1 true on some row, r[i] = r[1] AND ci true on some row.

CREATE TABLE visits (uid int, day date);
INSERT INTO visits VALUES
	(1, '2026-01-01'), (1, '2026-01-03'),			-- day 1 and day 3
	(2, '2026-01-02'), (2, '2026-01-03'),			-- not on day 1
	(3, '2026-01-01'), (3, '2026-01-02'), (3, '2026-01-03'),
	(4, '2026-01-01');
-- uid 1: {t,f,t}; uid 2: c1 never true, so {f,f,f} although c2 and c3 were;
-- uid 3: {t,t,t}; uid 4: {t,f,f}
SELECT uid, journey.retention(day = '2026-01-01', day = '2026-01-02', day = '2026-01-03') AS r
FROM visits GROUP BY uid ORDER BY uid;
-- summed over customers: the day-1 cohort of 3 has 1 return on day 2 and 2 on day 3
SELECT sum((r[1])::int) AS day1, sum((r[2])::int) AS day2, sum((r[3])::int) AS day3
FROM (SELECT journey.retention(day = '2026-01-01', day = '2026-01-02', day = '2026-01-03') AS r
      FROM visits GROUP BY uid) x;

-- order does not matter (c2 before c1 counts); NULL counts as false;
-- a NULL array is no row; an empty group gives NULL
SELECT journey.retention(c1, c2) AS r
FROM (VALUES (false, true), (true, false)) v(c1, c2);
SELECT journey.retention(c1, c2, c3) AS r
FROM (VALUES (true, NULL::bool, true), (NULL, NULL, NULL)) v(c1, c2, c3);
SELECT journey.retention(VARIADIC a) AS r
FROM (VALUES (NULL::bool[]), ('{t,t}')) v(a);
SELECT journey.retention(VARIADIC a) IS NULL AS empty_null
FROM (VALUES (NULL::bool[])) v(a);
SELECT journey.retention(true, true) IS NULL AS empty_null FROM visits WHERE false;
-- 32 conditions, all seen
SELECT journey.retention(VARIADIC array_fill(true, ARRAY[32])) = array_fill(true, ARRAY[32]) AS all32;

-- random data against bool_or per condition, serial and in parallel
SELECT setseed(0.5772);
CREATE TABLE ret_ev AS
SELECT (random() * 500)::int AS uid, (random() * 8)::int AS d FROM generate_series(1, 50000);
CREATE TABLE ret_expected AS
SELECT uid, ARRAY[bool_or(d = 0), bool_or(d = 0) AND bool_or(d = 1), bool_or(d = 0) AND bool_or(d = 2),
                  bool_or(d = 0) AND bool_or(d = 5)] AS r
FROM ret_ev GROUP BY uid;
SELECT count(*) AS customers, count(*) FILTER (WHERE j.r = e.r) AS same
FROM (SELECT uid, journey.retention(d = 0, d = 1, d = 2, d = 5) AS r FROM ret_ev GROUP BY uid) j
JOIN ret_expected e USING (uid);
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT plan_nodes('SELECT journey.retention(d = 0, d = 1) FROM ret_ev');
SELECT journey.retention(d = 0, d = 1) = ARRAY[bool_or(d = 0), bool_or(d = 0) AND bool_or(d = 1)] AS parallel_same
FROM ret_ev;
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;

-- errors: 2..32 conditions, the same number on every row
SELECT journey.retention(true);
SELECT journey.retention(VARIADIC array_fill(true, ARRAY[33]));
SELECT journey.retention(VARIADIC a) FROM (VALUES ('{t,t}'::bool[]), ('{t,t,t}')) v(a);
SELECT journey.retention(VARIADIC '{{t,t},{t,t}}'::bool[]);
SELECT journey.retention(VARIADIC '{}'::bool[]);
-- the final function refuses states no aggregate makes
SELECT journey.retention_final(7);
SELECT journey.retention_final((2::bigint << 32) | 4);
