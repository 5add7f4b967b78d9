-- quantile_sketch: accuracy against exact order statistics on generated
-- data, exact merges (serial = parallel = rollup), the accessors, and
-- errors.  Every estimate is checked against percentile_disc, the exact
-- order statistic it estimates: |estimate - exact| <= alpha |exact| (plus
-- 1e-9 alpha for floating rounding at bucket boundaries).

SELECT setseed(0.2718);
CREATE TABLE dist AS
SELECT d, v FROM (
  SELECT 'lognormal' AS d, exp(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) AS v
  FROM generate_series(1, 20000)
  UNION ALL
  SELECT 'uniform', random() * 1000 FROM generate_series(1, 20000)
  UNION ALL
  SELECT 'bimodal', CASE WHEN random() < 0.3 THEN 0.05 + random() * 0.01 ELSE 500 + random() * 50 END
  FROM generate_series(1, 20000)
  UNION ALL
  SELECT 'constant', 42.5 FROM generate_series(1, 5000)
  UNION ALL
  SELECT 'pareto', 1 / power(1 - random(), 1 / 1.2) FROM generate_series(1, 20000)
  UNION ALL
  SELECT 'negative', -exp(random() * 10) FROM generate_series(1, 10000)
  UNION ALL
  SELECT 'mixed', CASE WHEN random() < 0.1 THEN 0 ELSE (random() - 0.4) * 1e6 END FROM generate_series(1, 20000)
  UNION ALL
  SELECT 'tiny', random() * 1e-200 FROM generate_series(1, 5000)
) x;
ANALYZE dist;

CREATE FUNCTION within(est float8, exact float8, alpha float8) RETURNS boolean
LANGUAGE sql IMMUTABLE
RETURN abs(est - exact) <= alpha * (1 + 1e-9) * abs(exact);

CREATE TABLE levels AS
SELECT unnest('{0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1}'::float8[]) AS p;

-- exact order statistics
CREATE TABLE exact AS
SELECT d, p, percentile_disc(p) WITHIN GROUP (ORDER BY v) AS x
FROM dist, levels GROUP BY d, p;

-- every estimate within alpha, for three relative errors
SELECT d, alpha, count(*) AS estimates, count(*) FILTER (WHERE within(est, x, alpha)) AS within_alpha
FROM (
  SELECT s.d, s.alpha, e.p, e.x, journey.approx_percentile(s.sk, e.p) AS est
  FROM (SELECT d, a AS alpha, journey.percentile_agg(v, a) AS sk
        FROM dist, unnest('{0.01, 0.05, 0.001}'::float8[]) a GROUP BY d, a) s
  JOIN exact e USING (d)
) r
GROUP BY d, alpha ORDER BY d, alpha;

-- p = 0 and 1 are the exact min and max; count, min, max exact; mean close
SELECT d, journey.sketch_count(sk) = n AS count_ok,
       journey.sketch_min(sk) = lo AND journey.approx_percentile(sk, 0) = lo AS min_ok,
       journey.sketch_max(sk) = hi AND journey.approx_percentile(sk, 1) = hi AS max_ok,
       abs(journey.sketch_mean(sk) - mean) <= 1e-12 * greatest(abs(mean), maxabs) AS mean_ok
FROM (SELECT d, count(*) AS n, min(v) AS lo, max(v) AS hi, avg(v::numeric)::float8 AS mean,
             max(abs(v)) AS maxabs, journey.percentile_agg(v) AS sk
      FROM dist GROUP BY d) s
ORDER BY d;

-- the one-step aggregate and the array accessor agree with the two-step one
SELECT d, bool_and(one = two) AS same
FROM (SELECT d, p, journey.approx_percentile(v, p) AS one FROM dist, levels GROUP BY d, p) a
JOIN (SELECT d, p, journey.approx_percentile(journey.percentile_agg(v), p) AS two
      FROM dist, levels GROUP BY d, p) b USING (d, p)
GROUP BY d ORDER BY d;
SELECT d, journey.approx_percentiles(sk, (SELECT array_agg(p ORDER BY p) FROM levels))
          = (SELECT array_agg(journey.approx_percentile(sk, p) ORDER BY p) FROM levels) AS same
FROM (SELECT d, journey.percentile_agg(v) AS sk FROM dist GROUP BY d) s ORDER BY d;

-- compact storage: 10 000 lognormal values at 1 % fit in 1 KB
SELECT pg_column_size(journey.percentile_agg(v)) <= 1024 AS under_1kb
FROM (SELECT v FROM dist WHERE d = 'lognormal' LIMIT 10000) x;

-- merges are exact: serial, forced parallel and rollups of stored daily
-- sketches give the same value, text for text: the same buckets and the
-- same exact sum (so the same sketch_sum and sketch_mean)
CREATE TABLE serial AS SELECT d, journey.percentile_agg(v) AS sk FROM dist GROUP BY d;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT plan_nodes('SELECT d, journey.percentile_agg(v) FROM dist GROUP BY d');
SELECT plan_nodes('SELECT journey.percentile_agg(v) FROM dist');
SELECT count(*) AS groups, count(*) FILTER (WHERE p.sk::text = s.sk::text) AS parallel_same
FROM (SELECT d, journey.percentile_agg(v) AS sk FROM dist GROUP BY d) p JOIN serial s USING (d);
SELECT journey.percentile_agg(v)::text = (SELECT journey.rollup(sk)::text FROM serial) AS all_same
FROM dist;
CREATE TABLE daily_sk AS
SELECT d, day, journey.percentile_agg(v) AS sk
FROM (SELECT d, (row_number() OVER ()) % 500 AS day, v FROM dist) x GROUP BY d, day;
SELECT plan_nodes('SELECT d, journey.rollup(sk) FROM daily_sk GROUP BY d');
SELECT count(*) AS groups, count(*) FILTER (WHERE r.sk::text = s.sk::text) AS rollup_same
FROM (SELECT d, journey.rollup(sk) AS sk FROM daily_sk GROUP BY d) r JOIN serial s USING (d);
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;
SELECT count(*) AS groups, count(*) FILTER (WHERE r.sk::text = s.sk::text) AS rollup_same
FROM (SELECT d, journey.rollup(sk) AS sk FROM daily_sk GROUP BY d) r JOIN serial s USING (d);

-- working states start as a short list of buckets and turn dense after 32
-- buckets or 256 values: every case gives the same sketch as the rollup of
-- one-value sketches (which merges into dense states only); spread 1400
-- (e^-700 .. e^700) needs more than 16384 buckets and collapses
CREATE TABLE sparse_cases AS
SELECT n, spread, i,
       CASE WHEN i % 7 = 0 THEN 0
            ELSE (CASE WHEN i % 3 = 0 THEN -1 ELSE 1 END)
                 * exp(((hashint4(i * 31 + n) & 1023) / 1023.0 - 0.5) * spread) END AS v
FROM (VALUES (5), (31), (33), (255), (256), (600)) a(n), (VALUES (0.1), (8), (1400)) b(spread),
     generate_series(1, n) i;
SELECT n, spread, a.sk::text = b.sk::text AS same, journey.sketch_collapsed(a.sk) AS collapsed
FROM (SELECT n, spread, journey.percentile_agg(v) AS sk FROM sparse_cases GROUP BY n, spread) a
JOIN (SELECT n, spread, journey.rollup(sk) AS sk
      FROM (SELECT n, spread, i, journey.percentile_agg(v) AS sk FROM sparse_cases GROUP BY n, spread, i) x
      GROUP BY n, spread) b USING (n, spread)
ORDER BY n, spread;
-- and in parallel: the groups' rows interleaved, so that both workers hold
-- partial states of most groups, sparse ones among them
CREATE TABLE sparse_mixed AS SELECT n, spread, v FROM sparse_cases ORDER BY i, n, spread;
ANALYZE sparse_mixed;
CREATE TABLE sparse_serial AS SELECT n, spread, journey.percentile_agg(v) AS sk FROM sparse_mixed GROUP BY n, spread;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT plan_nodes('SELECT n, spread, journey.percentile_agg(v) FROM sparse_mixed GROUP BY n, spread');
SELECT count(*) AS groups, count(*) FILTER (WHERE p.sk::text = s.sk::text) AS parallel_same
FROM (SELECT n, spread, journey.percentile_agg(v) AS sk FROM sparse_mixed GROUP BY n, spread) p
JOIN sparse_serial s USING (n, spread);
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;

-- the per-row fast path (a dense state, a nonzero normal value inside its
-- store's window) hands every other row to the full transition: zeros,
-- subnormals, values off the windows, in every variant of the aggregate.
-- 3000 rows per group, so most rows are added to dense states; each variant
-- must equal the rollup of one-value sketches, which take neither path for
-- all but their first value.
CREATE TABLE fast_path_cases AS
SELECT g, i,
       CASE i % 11
            WHEN 0 THEN 0
            WHEN 1 THEN (i % 5 - 2) * 1e-310              -- subnormals, zeros
            WHEN 2 THEN -exp(((hashint4(i) & 1023) / 1023.0 - 0.5) * 20 * g)
            ELSE exp(((hashint4(i + 5) & 1023) / 1023.0 - 0.5) * 4 * g * (1 + i / 1000))
       END::float8 AS v
FROM generate_series(1, 3) g, generate_series(1, 3000) i;
SELECT g,
       a.sk::text = b.sk::text AS same,
       a.sk2::text = b.sk2::text AS same_alpha,
       a.p = journey.approx_percentile(b.sk, 0.75) AS same_p,
       journey.sketch_count(a.sk) AS n,
       journey.sketch_min(a.sk) = min_v AND journey.sketch_max(a.sk) = max_v AS min_max
FROM (SELECT g, journey.percentile_agg(v) AS sk, journey.percentile_agg(v, 0.02) AS sk2,
             journey.approx_percentile(v, 0.75) AS p, min(v) AS min_v, max(v) AS max_v
      FROM fast_path_cases GROUP BY g) a
JOIN (SELECT g, journey.rollup(sk) AS sk, journey.rollup(sk2) AS sk2
      FROM (SELECT g, i, journey.percentile_agg(v) AS sk, journey.percentile_agg(v, 0.02) AS sk2
            FROM fast_path_cases GROUP BY g, i) x
      GROUP BY g) b USING (g)
ORDER BY g;

-- the sum is exact, then correctly rounded.  Oracle: numeric arithmetic on
-- values k 2^j (k < 2^53, so each is a float8 exactly), with signs mixed and
-- magnitudes 2^0 .. 2^115 apart, so that a float8 running sum would lose
-- most of the small ones; numeric -> float8 rounds correctly (strtod).
CREATE TABLE exact_sum AS
SELECT g, x::float8 AS v, x
FROM (SELECT g, (CASE WHEN random() < 0.5 THEN -1 ELSE 1 END)
                * (floor(random() * 9007199254740992)::int8)::numeric
                * (1::int8 << (floor(random() * 63)::int))::numeric AS x
      FROM generate_series(1, 40) g, generate_series(1, 1000)) r;
-- plus cancellations: 2^115 - 2^115 + 1 = 1 in group 41
INSERT INTO exact_sum
SELECT 41, x::float8, x
FROM unnest(ARRAY[41538374868278621028243970633760768, 1, -41538374868278621028243970633760768]::numeric[]) x;
ANALYZE exact_sum;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE journey.sketch_sum(sk) = s::float8) AS sum_exact,
       count(*) FILTER (WHERE journey.sketch_mean(sk) = s::float8 / n) AS mean_exact,
       count(*) FILTER (WHERE naive <> s::float8) AS naive_float8_sum_differs
FROM (SELECT g, journey.percentile_agg(v) AS sk, sum(x) AS s, count(*) AS n, sum(v) AS naive
      FROM exact_sum GROUP BY g) t;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SELECT plan_nodes('SELECT journey.percentile_agg(v) FROM exact_sum');
SELECT journey.sketch_sum(journey.percentile_agg(v)) = sum(x)::float8 AS parallel_sum_exact
FROM exact_sum;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;
SELECT journey.sketch_sum(journey.rollup(sk)) = (SELECT sum(x)::float8 FROM exact_sum) AS rollup_sum_exact
FROM (SELECT journey.percentile_agg(v) AS sk FROM exact_sum GROUP BY g) t;

-- small hand-checked sketch: -5, 0, 1, 2, 3 (NULL ignored)
CREATE TABLE small AS
SELECT journey.percentile_agg(x) AS sk FROM (VALUES (1.0), (2.0), (3.0), (0), (-5), (NULL)) v(x);
-- bucket of 1 is 0 (log2 1 = 0), of 2 is ceil(M) = 50 with M = 1/ln(1.01/0.99)
-- = 49.9983; of 3: ceil((1 + 0.5) M) = 75; of 5: ceil((2 + 0.25) M) = 113
SELECT sk FROM small;
SELECT journey.sketch_count(sk), journey.sketch_min(sk), journey.sketch_max(sk), journey.sketch_sum(sk),
       journey.sketch_mean(sk), journey.sketch_relative_error(sk), journey.sketch_collapsed(sk)
FROM small;
-- k = ceil(p 5): p 0.25 -> 2nd value 0; p 0.5 -> 3rd value 1; p 0.75 -> 4th value 2
SELECT journey.approx_percentiles(sk, '{0.25, NULL}') AS p25,
       within(journey.approx_percentile(sk, 0.5), 1, 0.01) AS p50_ok,
       within(journey.approx_percentile(sk, 0.75), 2, 0.01) AS p75_ok
FROM small;
-- mid-rank at bucket resolution: 2 has 3 values below its bucket and 1 in
-- it -> (3 + 0.5) / 5; 2.5 is alone in its bucket -> 4 / 5; outside the
-- range 0 and 1; 0 -> (1 + 0.5) / 5
SELECT journey.approx_percentile_rank(sk, 2) AS r2, journey.approx_percentile_rank(sk, 2.5) AS r25,
       journey.approx_percentile_rank(sk, -6) AS below, journey.approx_percentile_rank(sk, 3.5) AS above,
       journey.approx_percentile_rank(sk, 0) AS r0, journey.benchmark_percentile(2.5, sk) AS pct25
FROM small;

-- empty input gives NULL, NULLs are ignored
SELECT journey.percentile_agg(v) IS NULL AS empty_null, journey.approx_percentile(v, 0.5) IS NULL AS one_step_null
FROM dist WHERE false;
SELECT journey.percentile_agg(v) IS NULL AS all_null FROM (VALUES (NULL::float8)) x(v);

-- values too far apart for 16384 buckets: the smallest are folded, and the
-- sketch says so; the largest stay within alpha
SELECT journey.sketch_collapsed(sk) AS collapsed,
       within(journey.approx_percentile(sk, 0.99), 1e300, 0.01) AS high_ok,
       journey.sketch_min(sk) AS min
FROM (SELECT journey.percentile_agg(x) AS sk
      FROM (SELECT 1e-300 AS x UNION ALL SELECT 1e300 FROM generate_series(1, 100)) y) z;

-- a store that must collapse does not make the other store fold values it
-- still has room for (alpha 0.001: the negative store collapses; the
-- positive one spans 15 967 buckets and must keep 7.69e-4 within alpha)
-- (7.69e-4 is the 4th of the 7 values)
SELECT within(journey.approx_percentile(sk, 4.0 / 7), 7.69e-4, 0.001) AS kept_within_alpha
FROM (SELECT journey.percentile_agg(v, 0.001 ORDER BY o) AS sk
      FROM (VALUES (1, -1e-5), (2, -1e6), (3, -1e-9), (4, 1e-3), (5, 1e6), (6, 10 ^ 6.5), (7, 7.69e-4)) x(o, v)) y;
-- buckets next to DBL_MAX still give finite estimates within alpha
SELECT within(journey.approx_percentile(sk, 0.5), 1.6e308, 0.01) AS near_max_ok
FROM (SELECT journey.percentile_agg(v ORDER BY o) AS sk
      FROM (VALUES (1, -1.79e308), (2, 1.6e308), (3, 1.79e308)) x(o, v)) y;
-- p = 1 on a count next to 2^63 is the max, not the min
SELECT journey.approx_percentile('ddsketch/1 alpha=0.01 count=9223372036854775807 zeros=0 min=1 max=2 sum=3 pos=0:9223372036854775806,~49,1'::journey.quantile_sketch, 1) AS p100;

-- errors
SELECT journey.approx_percentile(v, 'NaN') FROM (VALUES (1)) x(v);
SELECT journey.approx_percentile(v, p) FROM (VALUES (1, 0.5), (2, 'NaN')) x(v, p);
SELECT journey.percentile_agg(v) FROM (VALUES (1), ('NaN'::float8)) x(v);
SELECT journey.percentile_agg(v) FROM (VALUES ('Infinity'::float8)) x(v);
SELECT journey.percentile_agg(v) FROM (VALUES ('-Infinity'::float8)) x(v);
SELECT journey.percentile_agg(v, 0.5) FROM (VALUES (1)) x(v);
SELECT journey.percentile_agg(v, 0.0001) FROM (VALUES (1)) x(v);
SELECT journey.percentile_agg(v, NULL) FROM (VALUES (1)) x(v);
SELECT journey.percentile_agg(v, a) FROM (VALUES (1, 0.01), (2, 0.02)) x(v, a);
SELECT journey.approx_percentile(v, p) FROM (VALUES (1, 0.5), (2, 0.6)) x(v, p);
SELECT journey.approx_percentile(v, 1.5) FROM (VALUES (1)) x(v);
SELECT journey.approx_percentile(sk, -0.1) FROM small;
SELECT journey.approx_percentiles(sk, '{{0.5}}') FROM small;
SELECT journey.approx_percentile_rank(sk, 'NaN') FROM small;
SELECT journey.rollup(sk) FROM (SELECT journey.percentile_agg(v, 0.01) FROM dist
                                UNION ALL SELECT journey.percentile_agg(v, 0.02) FROM dist) x(sk);
SELECT journey.percentile_agg(v) FROM (VALUES (1e308), (1e308)) x(v);
SELECT journey.quantile_sketch_trans(NULL, 1.0);
-- a stored sketch is never changed in place by a direct call
SELECT journey.quantile_sketch_trans(sk, 1.0) FROM small;
SELECT journey.quantile_sketch_trans(sk, 1.0, 0.01) FROM small;
SELECT journey.quantile_sketch_combine(sk, sk) FROM small;
SELECT sk FROM small;
-- nor when it is stored with a 1-byte header (small values are packed:
-- 96 - 4 header bytes + 1 count byte + 1 length byte = 94), nor when it is
-- itself a working state, which an aggregate without a final function
-- returns as is: only calls from an aggregate may change a state
CREATE TABLE one_packed AS SELECT journey.percentile_agg(v) AS sk FROM (VALUES (1.0)) x(v);
SELECT pg_column_size(sk) AS stored_bytes FROM one_packed;
CREATE AGGREGATE working_state(float8) (sfunc = journey.quantile_sketch_trans, stype = journey.quantile_sketch);
CREATE TABLE stored_working AS SELECT working_state(v) AS sk FROM (VALUES (1.0), (2.0)) x(v);
SELECT journey.quantile_sketch_trans(sk, 3.0) FROM one_packed;
SELECT journey.quantile_sketch_trans(sk, 3.0, 0.01) FROM one_packed;
SELECT journey.quantile_sketch_trans_p(sk, 3.0, 0.5) FROM one_packed;
SELECT journey.quantile_sketch_trans(sk, 3.0) FROM stored_working;
SELECT journey.quantile_sketch_trans(sk, 1.5) FROM stored_working;
SELECT sk FROM one_packed;
SELECT sk::text = (SELECT journey.percentile_agg(v)::text FROM (VALUES (1.0), (2.0)) x(v)) AS unchanged
FROM stored_working;
DROP TABLE one_packed, stored_working;
DROP AGGREGATE working_state(float8);
-- as a window aggregate (the state is kept and read after every row):
-- counts 1..5, sums 1, 3, 6, 10, 15
SELECT i, journey.sketch_count(s) AS n, journey.sketch_sum(s) AS sum
FROM (SELECT i, journey.percentile_agg(i::float8) OVER (ORDER BY i) AS s FROM generate_series(1, 5) i) x;
