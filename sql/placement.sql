-- Benchmark placement: journey.benchmark_percentile against peer values and
-- against published quantiles, and the journey.benchmarks table.
-- Expected values were derived independently with python3 fractions
-- (percentile ranks: the correctly rounded exact fraction) and the
-- metrics.md 3.3 formula evaluated in python floats (interpolation); the
-- large cases are checked against plain-SQL count oracles.

-- ---------------------------------------------------------------------
-- Percentile rank among peers: the three tie rules
-- ---------------------------------------------------------------------

-- Peer arrays are typed literals ('{...}'::float8[]), as users must write
-- them: an untyped '{...}' second argument would also fit
-- benchmark_percentile(float8, quantile_sketch), so the call is ambiguous.

-- peers 1 2 2 2 3 5 5 8 (N = 8); x = 2 has 1 below and 3 equal
SELECT x,
       journey.benchmark_percentile(x, '{1,2,2,2,3,5,5,8}'::float8[]) AS mid_default,
       journey.benchmark_percentile(x, '{1,2,2,2,3,5,5,8}'::float8[], 'mid') AS mid,
       journey.benchmark_percentile(x, '{1,2,2,2,3,5,5,8}'::float8[], 'below') AS below,
       journey.benchmark_percentile(x, '{1,2,2,2,3,5,5,8}'::float8[], 'at-or-below') AS at_or_below
FROM (VALUES (0::float8), (1), (1.5), (2), (2.5), (3), (4), (5), (8), (9)) v(x)
ORDER BY x;

-- fractions that do not terminate: peers 1 2 3 (N = 3), 1 4 4 4 4 9 9 (N = 7)
SELECT journey.benchmark_percentile(1, '{1,2,3}'::float8[]) AS mid_1,
       journey.benchmark_percentile(3, '{1,2,3}'::float8[], 'below') AS below_3,
       journey.benchmark_percentile(2, '{3,1,2}'::float8[], 'at-or-below') AS unsorted_at_or_below_2;
SELECT journey.benchmark_percentile(4, '{1,4,4,4,4,9,9}'::float8[]) AS mid_4,
       journey.benchmark_percentile(9, '{1,4,4,4,4,9,9}'::float8[]) AS mid_9,
       journey.benchmark_percentile(5, '{1,4,4,4,4,9,9}'::float8[], 'below') AS below_5;

-- named arguments; the tie rule may change from row to row
SELECT journey.benchmark_percentile(value => 2, peers => '{1,2,3,4}'::float8[], ties => 'below') AS named;
SELECT t, journey.benchmark_percentile(2, '{1,2,2,3}'::float8[], t) AS pct
FROM (VALUES (1, 'at-or-below'), (2, 'mid'), (3, 'below'), (4, 'mid')) v(i, t)
ORDER BY i;

-- one peer; an array with a lower bound other than 1
SELECT journey.benchmark_percentile(7, '{7}'::float8[]) AS one_peer_equal,
       journey.benchmark_percentile(6, '{7}'::float8[]) AS one_peer_above,
       journey.benchmark_percentile(2, '[0:3]={1,2,3,4}'::float8[]) AS lower_bound_0;

-- -0 equals 0
SELECT journey.benchmark_percentile(0, '{-0,0,1}'::float8[]) AS zero_ties,
       journey.benchmark_percentile('-0', '{0}'::float8[]) AS minus_zero;

-- ---------------------------------------------------------------------
-- NULLs, empty peers, infinities
-- ---------------------------------------------------------------------

-- NULL peers are ignored: N counts the non-NULL ones
SELECT journey.benchmark_percentile(2, '{NULL,1,NULL,3}'::float8[]) AS null_peers,
       journey.benchmark_percentile(3, '{NULL,3,NULL}'::float8[], 'below') AS null_peers_below;
-- no non-NULL peer: NULL, never 0 or NaN
SELECT journey.benchmark_percentile(1, '{}'::float8[]) IS NULL AS empty_is_null,
       journey.benchmark_percentile(1, '{NULL,NULL}'::float8[]) IS NULL AS all_null_is_null,
       journey.benchmark_percentile(1, '{}'::float8[], 'at-or-below') IS NULL AS empty_at_or_below_is_null;
-- STRICT: a NULL argument gives NULL
SELECT journey.benchmark_percentile(NULL, '{1,2}'::float8[]) IS NULL AS null_value,
       journey.benchmark_percentile(1, NULL::float8[]) IS NULL AS null_peers,
       journey.benchmark_percentile(1, '{1,2}'::float8[], NULL) IS NULL AS null_ties;

-- the infinities order normally, as values and as peers
SELECT journey.benchmark_percentile('Infinity', '{-Infinity,0,Infinity,Infinity}'::float8[]) AS pos_inf,
       journey.benchmark_percentile('-Infinity', '{-Infinity,0,Infinity,Infinity}'::float8[]) AS neg_inf,
       journey.benchmark_percentile(1e308, '{-Infinity,0,Infinity,Infinity}'::float8[]) AS huge,
       journey.benchmark_percentile('Infinity', '{-Infinity,0,Infinity,Infinity}'::float8[], 'below') AS pos_inf_below,
       journey.benchmark_percentile('-Infinity', '{1,2}'::float8[]) AS below_all,
       journey.benchmark_percentile('Infinity', '{1,2}'::float8[]) AS above_all;

-- ---------------------------------------------------------------------
-- Errors
-- ---------------------------------------------------------------------

-- NaN, as the value or as a peer (even when there are no peers)
SELECT journey.benchmark_percentile('NaN', '{1,2,3}'::float8[]);
SELECT journey.benchmark_percentile('NaN', '{}'::float8[]);
SELECT journey.benchmark_percentile(1, '{1,NULL,NaN}'::float8[]);
-- unknown tie rules name the valid ones
SELECT journey.benchmark_percentile(1, '{1,2,3}'::float8[], 'above');
SELECT journey.benchmark_percentile(1, '{1,2,3}'::float8[], 'MID');
-- an untyped array literal in third place resolves to the peers form
SELECT journey.benchmark_percentile(15, '{0.1,0.9}', '{10,20}');
-- multi-dimensional peers
SELECT journey.benchmark_percentile(1, '{{1,2},{3,4}}'::float8[]);

-- ---------------------------------------------------------------------
-- Arrays that change between calls
-- ---------------------------------------------------------------------

-- a different inline array on each row, and the same bytes again: every
-- row matches a one-pass count
SELECT i, journey.benchmark_percentile(3, p) AS pct
FROM (VALUES (1, '{1,2,3,4}'::float8[]), (2, '{3,3}'), (3, '{3,3}'), (4, '{1,2,3,4}'),
             (5, '{5,6}'), (6, '{}'), (7, '{1,2,3,4}'), (8, '{1,2,3,4}')) v(i, p)
ORDER BY i;

-- PL/pgSQL: an array variable changed in place between calls (expanded
-- arrays) must not reuse the previous contents
DO $$
DECLARE
	a float8[] := '{}';
	r text := '';
BEGIN
	FOR i IN 1..5 LOOP
		a := a || i::float8;
		r := r || journey.benchmark_percentile(3, a) || ' ';
	END LOOP;
	a[1] := 3;
	r := r || journey.benchmark_percentile(3, a);
	RAISE NOTICE 'ranks: %', r;
END
$$;

-- ---------------------------------------------------------------------
-- A large, TOASTed peer array against plain-SQL oracles
-- ---------------------------------------------------------------------

-- 100 000 peers in multiples of 1/16 (each value about 10 times, so ties
-- everywhere), every 1 000th NULL, plus both infinities
CREATE TABLE placement_peer_rows AS
SELECT g, CASE WHEN g % 1000 = 0 THEN NULL ELSE ((g * 7919) % 10007) / 16.0::float8 END AS v
FROM generate_series(1, 100000) g
UNION ALL VALUES (0, '-Infinity'::float8), (100001, 'Infinity');
CREATE TABLE placement_bench (id int PRIMARY KEY, peers float8[]);
INSERT INTO placement_bench
SELECT 1, array_agg(v ORDER BY g) FROM placement_peer_rows;
-- two more, smaller TOASTed arrays, to interleave with the first
INSERT INTO placement_bench
SELECT 2, array_agg(v / 2 ORDER BY v) FROM placement_peer_rows WHERE v < 200;
INSERT INTO placement_bench
SELECT 3, array_agg(-v) FROM placement_peer_rows WHERE v > 300;
SELECT id, array_length(peers, 1) AS elements,
       (SELECT count(*) FROM unnest(peers) u WHERE u IS NULL) AS nulls
FROM placement_bench ORDER BY id;
-- the arrays are stored out of line: the heap is one small page
SELECT pg_relation_size('placement_bench') = 8192 AS one_heap_page,
       pg_relation_size(reltoastrelid) > 100000 AS toast_holds_the_arrays
FROM pg_class WHERE oid = 'placement_bench'::regclass;

-- x on peer values, between them, outside, and infinite
CREATE TABLE placement_xs AS
SELECT k / 32.0::float8 AS x FROM generate_series(-40, 20100, 253) k
UNION ALL VALUES ('-Infinity'::float8), ('Infinity'), (0), (625.375), (1e300);
SELECT count(*) AS xs FROM placement_xs;

-- oracle: the plain count over the rows, float8 arithmetic as metrics.md 3.2
CREATE TABLE placement_oracle AS
SELECT x, o.*
FROM placement_xs CROSS JOIN LATERAL (
    SELECT 100.0::float8 * (count(*) FILTER (WHERE v < x) + 0.5::float8 * count(*) FILTER (WHERE v = x)) / count(v) AS mid,
           100.0::float8 * count(*) FILTER (WHERE v < x) / count(v) AS below,
           100.0::float8 * count(*) FILTER (WHERE v <= x) / count(v) AS at_or_below
    FROM placement_peer_rows) o;

-- exact equality for every x and every tie rule
SELECT count(*) AS compared,
       count(*) FILTER (WHERE journey.benchmark_percentile(o.x, b.peers) = o.mid) AS mid_equal,
       count(*) FILTER (WHERE journey.benchmark_percentile(o.x, b.peers, 'below') = o.below) AS below_equal,
       count(*) FILTER (WHERE journey.benchmark_percentile(o.x, b.peers, 'at-or-below') = o.at_or_below) AS at_or_below_equal
FROM placement_oracle o, placement_bench b
WHERE b.id = 1;
-- the oracle is not trivial: it spans the range and has ties
SELECT min(mid) AS min_mid, max(mid) AS max_mid,
       count(*) FILTER (WHERE below < at_or_below) AS xs_with_ties
FROM placement_oracle;

-- 10 000 rows ranked against the one TOASTed array (detoasted and sorted
-- once per query), checked against a second plain-SQL oracle: cumulative
-- counts per distinct peer value, looked up by index
CREATE TABLE placement_cum AS
SELECT v, count(*) AS eq, (sum(count(*)) OVER (ORDER BY v))::bigint - count(*) AS below
FROM placement_peer_rows WHERE v IS NOT NULL GROUP BY v;
CREATE UNIQUE INDEX ON placement_cum (v);
CREATE TABLE placement_rows AS
SELECT i, ((i * 37) % 20100) / 32.0::float8 - 2 AS x FROM generate_series(1, 10000) i;
ANALYZE placement_cum, placement_rows, placement_bench;
CREATE TABLE placement_rows_oracle AS
SELECT r.i, r.x,
       100.0::float8 * (coalesce(lt.below + lt.eq, 0) + 0.5::float8 * coalesce(eq.eq, 0))
           / (SELECT count(v) FROM placement_peer_rows) AS mid
FROM placement_rows r
LEFT JOIN LATERAL (SELECT c.below, c.eq FROM placement_cum c WHERE c.v < r.x ORDER BY c.v DESC LIMIT 1) lt ON true
LEFT JOIN placement_cum eq ON eq.v = r.x;

SELECT count(*) AS rows_ranked,
       count(*) FILTER (WHERE journey.benchmark_percentile(o.x, b.peers) = o.mid) AS equal,
       count(DISTINCT o.mid) AS distinct_ranks
FROM placement_rows_oracle o, placement_bench b
WHERE b.id = 1;

-- the same in a forced parallel plan (each worker keeps its own cache)
BEGIN;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT count(*) AS rows_ranked,
       count(*) FILTER (WHERE journey.benchmark_percentile(o.x, (SELECT peers FROM placement_bench WHERE id = 1)) = o.mid) AS equal
FROM placement_rows_oracle o;
COMMIT;

-- three TOASTed arrays, interleaved call by call (a new key on every call)
-- and grouped (the cached sorted array reused): both match the count oracle
CREATE TABLE placement_oracle3 AS
SELECT b.id, x.x, o.mid
FROM placement_bench b
CROSS JOIN (SELECT x FROM placement_xs WHERE x BETWEEN -400 AND 700 ORDER BY x LIMIT 16) x
CROSS JOIN LATERAL (
    SELECT 100.0::float8 * (count(*) FILTER (WHERE u < x.x) + 0.5::float8 * count(*) FILTER (WHERE u = x.x)) / count(u) AS mid
    FROM unnest(b.peers) u) o;
SELECT count(*) AS compared,
       count(*) FILTER (WHERE journey.benchmark_percentile(x.x, b.peers) =
                              (SELECT o.mid FROM placement_oracle3 o WHERE o.id = b.id AND o.x = x.x)) AS equal
FROM (SELECT x FROM placement_xs WHERE x BETWEEN -400 AND 700 ORDER BY x LIMIT 16) x
CROSS JOIN LATERAL (SELECT id, peers FROM placement_bench WHERE x.x IS NOT NULL ORDER BY id) b;
SELECT count(*) AS compared,
       count(*) FILTER (WHERE journey.benchmark_percentile(x.x, b.peers) =
                              (SELECT o.mid FROM placement_oracle3 o WHERE o.id = b.id AND o.x = x.x)) AS equal
FROM placement_bench b
CROSS JOIN LATERAL (SELECT x FROM placement_xs WHERE x BETWEEN -400 AND 700 AND b.id IS NOT NULL
                    ORDER BY x LIMIT 16) x;

DROP TABLE placement_peer_rows, placement_bench, placement_xs, placement_oracle,
           placement_cum, placement_rows, placement_rows_oracle, placement_oracle3;

-- ---------------------------------------------------------------------
-- Placement from quantiles (metrics.md 3.3)
-- ---------------------------------------------------------------------

-- levels 0.1 0.25 0.5 0.75 0.9 with values 10 20 20 35 50: a flat run at 20
SELECT x,
       journey.benchmark_percentile(x, '{0.1,0.25,0.5,0.75,0.9}', '{10,20,20,35,50}'::float8[]) AS pct,
       journey.benchmark_percentile(x, '{0.1,0.25,0.5,0.75,0.9}', '{10,20,20,35,50}'::float8[], 'clamp') AS clamped
FROM (VALUES ('-Infinity'::float8), (5), (9.999), (10), (15), (19), (20), (21), (30),
             (35), (49), (50), (50.001), (60), ('Infinity')) v(x)
ORDER BY x;

-- levels 0 and 1 cover the whole range; outside it is still NULL
SELECT x, journey.benchmark_percentile(x, '{0,0.5,1}', '{0,10,100}'::float8[]) AS pct
FROM (VALUES (-1::float8), (0), (2.5), (10), (55), (100), (101)) v(x)
ORDER BY x;

-- flat runs at the start, at the end, and over the whole table
SELECT journey.benchmark_percentile(5, '{0.2,0.4,0.6}', '{5,5,10}'::float8[]) AS run_at_start,
       journey.benchmark_percentile(7.5, '{0.2,0.4,0.6}', '{5,5,10}'::float8[]) AS after_start_run,
       journey.benchmark_percentile(3, '{0.1,0.5,0.9}', '{1,3,3}'::float8[]) AS run_at_end,
       journey.benchmark_percentile(5, '{0.1,0.9}', '{5,5}'::float8[]) AS all_flat,
       journey.benchmark_percentile(4, '{0.1,0.9}', '{5,5}'::float8[], 'clamp') AS all_flat_below,
       journey.benchmark_percentile(6, '{0.1,0.9}', '{5,5}'::float8[], 'clamp') AS all_flat_above,
       journey.benchmark_percentile(2, '{0.1,0.3,0.5,0.7}', '{1,2,2,2}'::float8[]) AS run_of_three;

-- named arguments; a span too wide for float8 subtraction; a negative scale
SELECT journey.benchmark_percentile(value => 60, quantile_levels => '{0.1,0.5,0.9}',
                                    quantile_values => '{10,30,50}', outside => 'clamp') AS named_clamp,
       journey.benchmark_percentile(0, '{0,1}', '{-1e308,1e308}'::float8[]) AS wide_span,
       journey.benchmark_percentile(-20, '{0.1,0.5,0.9}', '{-60,-10,40}'::float8[]) AS negative_values;

-- a different table on each row
SELECT i, journey.benchmark_percentile(25, l, q) AS pct
FROM (VALUES (1, '{0.1,0.9}'::float8[], '{0,50}'::float8[]),
             (2, '{0.1,0.9}', '{0,100}'),
             (3, '{0.25,0.5,0.75}', '{20,25,30}'),
             (4, '{0.1,0.9}', '{0,50}'),
             (5, '{0.1,0.9}', '{30,50}')) v(i, l, q)
ORDER BY i;

-- STRICT
SELECT journey.benchmark_percentile(NULL, '{0.1,0.9}', '{1,2}'::float8[]) IS NULL AS null_value,
       journey.benchmark_percentile(1, '{0.1,0.9}', NULL::float8[]) IS NULL AS null_values,
       journey.benchmark_percentile(1, '{0.1,0.9}', '{1,2}'::float8[], NULL) IS NULL AS null_outside;

-- malformed tables: each names the problem
SELECT journey.benchmark_percentile(1, '{0.5,0.25}', '{1,2}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.25,0.5,0.5}', '{1,2,3}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.25,0.5}', '{2,1}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.25,0.5,0.75}', '{1,2}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.25,NULL}', '{1,2}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.25,0.5}', '{1,NULL}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.5}', '{1}'::float8[]);
SELECT journey.benchmark_percentile(1, '{}', '{}'::float8[]);
SELECT journey.benchmark_percentile(1, '{-0.1,0.5}', '{1,2}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.5,1.5}', '{1,2}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.5,NaN}', '{1,2}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.25,0.5}', '{1,NaN}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.25,0.5}', '{1,Infinity}'::float8[]);
SELECT journey.benchmark_percentile(1, '{{0.25,0.5}}', '{1,2}'::float8[]);
SELECT journey.benchmark_percentile('NaN', '{0.25,0.5}', '{1,2}'::float8[]);
SELECT journey.benchmark_percentile(1, '{0.25,0.5}', '{1,2}'::float8[], 'extrapolate');

-- ---------------------------------------------------------------------
-- journey.benchmarks
-- ---------------------------------------------------------------------

-- the published facts of metrics.md 3.6, all built in, all means
SELECT benchmark_id, metric, segment, region, value, scale, period
FROM journey.benchmarks ORDER BY benchmark_id;
SELECT benchmark_id, source, aggregation, note
FROM journey.benchmarks ORDER BY benchmark_id;
SELECT count(*) AS seeded, bool_and(builtin) AS all_builtin, bool_and(statistic = 'mean') AS all_means,
       bool_and(source IS NOT NULL AND period IS NOT NULL AND aggregation IS NOT NULL) AS all_labelled
FROM journey.benchmarks;

-- the table and its identity sequence are registered for pg_dump: user
-- rows only, and the sequence position
SELECT x.cfg::regclass AS config, x.cond AS condition,
       obj_description(x.cfg, 'pg_class') IS NOT NULL AS commented
FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(cfg, cond)
WHERE e.extname = 'journey'
  AND x.cfg IN ('journey.benchmarks'::regclass,
                pg_get_serial_sequence('journey.benchmarks', 'benchmark_id')::regclass)
ORDER BY x.cfg::regclass::text;

-- a row must be consistent with its statistic
\set VERBOSITY terse
INSERT INTO journey.benchmarks (metric, source, statistic) VALUES ('NPS', 'x', 'mean');
INSERT INTO journey.benchmarks (metric, source, statistic, value) VALUES ('NPS', 'x', 'median', 10);
INSERT INTO journey.benchmarks (metric, source, statistic, value) VALUES ('NPS', 'x', NULL, 10);
INSERT INTO journey.benchmarks (metric, statistic, value) VALUES ('NPS', 'mean', 10);
INSERT INTO journey.benchmarks (metric, source, statistic) VALUES ('NPS', 'x', 'quantiles');
INSERT INTO journey.benchmarks (metric, source, statistic, quantile_levels) VALUES ('NPS', 'x', 'quantiles', '{0.1,0.9}');
INSERT INTO journey.benchmarks (metric, source, statistic, quantile_levels, quantile_values)
VALUES ('NPS', 'x', 'quantiles', '{0.1,0.5,0.9}', '{1,2}');
INSERT INTO journey.benchmarks (metric, source, statistic, quantile_levels, quantile_values)
VALUES ('NPS', 'x', 'quantiles', '{0.5}', '{1}');
INSERT INTO journey.benchmarks (metric, source, statistic, quantile_levels, quantile_values)
VALUES ('NPS', 'x', 'quantiles', '{}', '{}');
INSERT INTO journey.benchmarks (metric, source, statistic, quantile_levels, quantile_values)
VALUES ('NPS', 'x', 'quantiles', '{{0.1,0.9}}', '{{1,2}}');
INSERT INTO journey.benchmarks (metric, source, statistic) VALUES ('NPS', 'x', 'peers');
\set VERBOSITY default

BEGIN;
-- user rows: builtin defaults to false, ids come from 1001 on (built-in
-- rows keep 1..1000)
INSERT INTO journey.benchmarks (metric, segment, region, source, period, statistic, aggregation, scale,
                                quantile_levels, quantile_values, note)
VALUES ('NPS', 'B2B software', 'EU', 'own licensed survey', '2025', 'quantiles', 'company NPS quartiles',
        '-100..100', '{0.25,0.5,0.75}', '{10,30,45}', 'example row');
INSERT INTO journey.benchmarks (metric, segment, source, period, statistic, scale, peer_values)
VALUES ('CSAT', 'own stores', 'own data', '2025-Q4', 'peers', 'percent', '{71.5,80,80,84.2,90,NULL}');
SELECT metric, statistic, builtin, benchmark_id > 1000 AS user_id FROM journey.benchmarks WHERE NOT builtin ORDER BY metric;
-- pg_dump selects the table through its extcondition: only the user rows
SELECT pg_catalog.format('SELECT %L AS config_table, count(*) AS dumped_rows FROM %s %s',
                         x.cfg::regclass, x.cfg::regclass, x.cond)
FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(cfg, cond)
WHERE e.extname = 'journey' AND x.cfg = 'journey.benchmarks'::regclass
\gexec
-- placing values against stored benchmarks
SELECT b.metric, b.statistic, v.x,
       CASE b.statistic
           WHEN 'quantiles' THEN journey.benchmark_percentile(v.x, b.quantile_levels, b.quantile_values)
           WHEN 'peers' THEN journey.benchmark_percentile(v.x, b.peer_values)
       END AS percentile
FROM journey.benchmarks b
CROSS JOIN (VALUES (20::float8), (80), (45)) v(x)
WHERE NOT b.builtin
ORDER BY b.metric, v.x;
ROLLBACK;
