-- = and <> of the stored types (quantile_sketch, score_summary,
-- funnel_summary) and their hash operator classes: two values are equal
-- when they summarize the same, and DISTINCT, UNION, GROUP BY, IS DISTINCT
-- FROM and hash joins work on them.
SET search_path = journey, public;

-- 1. quantile_sketch, field by field.  -0 and 0 compare equal (as in
-- float8), in min, max and in the sum that format 1 could store as -0;
-- the relative error, the counts and the buckets all count.
SELECT label, a::quantile_sketch = b::quantile_sketch AS eq, a::quantile_sketch <> b::quantile_sketch AS ne
FROM (VALUES
  ('same zeros', 'ddsketch/2 alpha=0.01 count=2 zeros=2 min=0 max=0 sum=0', 'ddsketch/2 alpha=0.01 count=2 zeros=2 min=0 max=0 sum=0'),
  ('min -0', 'ddsketch/2 alpha=0.01 count=2 zeros=2 min=0 max=0 sum=0', 'ddsketch/2 alpha=0.01 count=2 zeros=2 min=-0 max=0 sum=0'),
  ('min and max -0', 'ddsketch/2 alpha=0.01 count=2 zeros=2 min=0 max=0 sum=0', 'ddsketch/2 alpha=0.01 count=2 zeros=2 min=-0 max=-0 sum=0'),
  ('format 1, sum -0', 'ddsketch/2 alpha=0.01 count=2 zeros=2 min=0 max=0 sum=0', 'ddsketch/1 alpha=0.01 count=2 zeros=2 min=0 max=0 sum=-0'),
  ('alpha', 'ddsketch/2 alpha=0.01 count=2 zeros=2 min=0 max=0 sum=0', 'ddsketch/2 alpha=0.02 count=2 zeros=2 min=0 max=0 sum=0'),
  ('count', 'ddsketch/2 alpha=0.01 count=2 zeros=2 min=0 max=0 sum=0', 'ddsketch/2 alpha=0.01 count=3 zeros=3 min=0 max=0 sum=0'),
  ('format 1 = format 2', 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=0:1', 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=0:1'),
  -- 2 is in bucket ceil(log2(2) / ln(1.01 / 0.99)) = ceil(49.993) = 50
  ('bucket', 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=0:1', 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=2 max=2 sum=2 pos=50:1'),
  ('store', 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=0:1', 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=-1 max=-1 sum=-1 neg=0:1'),
  ('zeros', 'ddsketch/2 alpha=0.01 count=2 zeros=1 min=0 max=1 sum=1 pos=0:1', 'ddsketch/2 alpha=0.01 count=2 zeros=0 min=1 max=1 sum=2 pos=0:2')
) t(label, a, b);

-- min, max and the exact sum each count on their own: three values in
-- bucket 1 ((1, 1.02]), dyadic so that the sums are exact
SELECT label, a = b AS eq, a::text AS a, b::text AS b
FROM (SELECT label, (SELECT percentile_agg(x) FROM unnest(av) x) a, (SELECT percentile_agg(x) FROM unnest(bv) x) b
      FROM (VALUES
        ('min only', '{1.0078125, 1.01171875, 1.015625}'::float8[], '{1.009765625, 1.009765625, 1.015625}'::float8[]),
        ('max only', '{1.0078125, 1.01171875, 1.015625}', '{1.0078125, 1.013671875, 1.013671875}'),
        ('sum only', '{1.0078125, 1.01171875, 1.015625}', '{1.0078125, 1.0078125, 1.015625}'),
        ('order only', '{1.0078125, 1.01171875, 1.015625}', '{1.015625, 1.0078125, 1.01171875}')
      ) v(label, av, bv)) t;

-- 2. the same values make equal sketches whatever the order of the rows
-- and of the merges; equal sketches hash alike
CREATE TEMP TABLE sk_vals AS
  SELECT g, ((g * 7919) % 2001 - 1000)::float8 / 8 AS x FROM generate_series(1, 4000) g;
SELECT a = b AS eq, a <> b AS ne, quantile_sketch_hash(a) = quantile_sketch_hash(b) AS same_hash
FROM (SELECT percentile_agg(x ORDER BY g) a, percentile_agg(x ORDER BY g DESC) b FROM sk_vals) s;
SELECT w = r AS eq, quantile_sketch_hash(w) = quantile_sketch_hash(r) AS same_hash
FROM (SELECT percentile_agg(x) w FROM sk_vals) a,
     (SELECT rollup(p) r FROM (SELECT percentile_agg(x) p FROM sk_vals GROUP BY g % 7) q) b;
-- one value more, or another relative error: not equal
SELECT (SELECT percentile_agg(x) FROM sk_vals) = (SELECT percentile_agg(x) FROM sk_vals WHERE g > 1) AS one_less,
       (SELECT percentile_agg(x) FROM sk_vals) = (SELECT percentile_agg(x, 0.02) FROM sk_vals) AS other_alpha;
-- strict: NULL in, NULL out; IS DISTINCT FROM
SELECT (NULL::quantile_sketch = percentile_agg(1)) IS NULL AS null_eq,
       percentile_agg(1) IS DISTINCT FROM percentile_agg(2) AS distinct_12,
       percentile_agg(1) IS NOT DISTINCT FROM percentile_agg(1.0) AS same_1,
       NULL::quantile_sketch IS NOT DISTINCT FROM NULL AS nulls;

-- 3. against the values themselves.  Small integers each fall in a bucket
-- of their own (2 % wide buckets, integers at least 10 % apart up to 10),
-- so two sketches of integers in -3..3 are equal exactly when their sorted
-- values are; zeros come as 0 or -0 at random.  The same for score_summary
-- (scores 0..3) and funnel_summary (levels -1..2 of 2 steps).
SELECT setseed(0.5);
CREATE TEMP TABLE eq_rows AS
  SELECT floor(random() * 250)::int AS grp, floor(random() * 7)::int - 3 AS v, random() < 0.5 AS negzero
  FROM generate_series(1, 900);
CREATE TEMP TABLE eq_groups AS
  SELECT grp,
         percentile_agg(CASE WHEN v = 0 AND negzero THEN '-0'::float8 ELSE v END) AS sk,
         score_summary(abs(v)) AS ss,
         funnel_summary((v + 3) % 4 - 1, 2) AS fs,
         array_agg(v ORDER BY v) AS vals,
         array_agg(abs(v) ORDER BY abs(v)) AS scores,
         array_agg((v + 3) % 4 - 1 ORDER BY (v + 3) % 4 - 1) AS levels
  FROM eq_rows GROUP BY grp;
-- the levels cover -1..2 and the scores 0..3
SELECT min((v + 3) % 4 - 1) AS min_level, max((v + 3) % 4 - 1) AS max_level,
       min(abs(v)) AS min_score, max(abs(v)) AS max_score FROM eq_rows;
-- every pair of groups: = and <> agree with the values, equal values hash
-- alike, and there are pairs of both kinds
SELECT count(*) FILTER (WHERE (a.sk = b.sk) <> (a.vals = b.vals) OR (a.sk <> b.sk) = (a.sk = b.sk)) AS sketch_disagree,
       count(*) FILTER (WHERE (a.ss = b.ss) <> (a.scores = b.scores) OR (a.ss <> b.ss) = (a.ss = b.ss)) AS scores_disagree,
       count(*) FILTER (WHERE (a.fs = b.fs) <> (a.levels = b.levels) OR (a.fs <> b.fs) = (a.fs = b.fs)) AS funnel_disagree,
       count(*) FILTER (WHERE a.sk = b.sk AND quantile_sketch_hash(a.sk) <> quantile_sketch_hash(b.sk)) +
       count(*) FILTER (WHERE a.ss = b.ss AND score_summary_hash(a.ss) <> score_summary_hash(b.ss)) +
       count(*) FILTER (WHERE a.fs = b.fs AND funnel_summary_hash(a.fs) <> funnel_summary_hash(b.fs)) AS hash_differs,
       count(*) FILTER (WHERE a.grp <> b.grp AND a.vals = b.vals) > 0 AS equal_sketch_pairs,
       count(*) FILTER (WHERE a.grp <> b.grp AND a.scores = b.scores) > 0 AS equal_score_pairs,
       count(*) FILTER (WHERE a.grp <> b.grp AND a.levels = b.levels) > 0 AS equal_level_pairs,
       count(*) FILTER (WHERE a.vals <> b.vals) > 0 AS unequal_pairs
FROM eq_groups a, eq_groups b;
-- DISTINCT, GROUP BY and UNION find as many values as there are distinct
-- value lists; a hash join matches the same pairs as the values do
SELECT (SELECT count(*) FROM (SELECT DISTINCT sk FROM eq_groups) d) = (SELECT count(DISTINCT vals) FROM eq_groups) AS sketch_distinct,
       (SELECT count(*) FROM (SELECT sk FROM eq_groups GROUP BY sk) d) = (SELECT count(DISTINCT vals) FROM eq_groups) AS sketch_group_by,
       (SELECT count(*) FROM (SELECT sk FROM eq_groups UNION SELECT sk FROM eq_groups) d) = (SELECT count(DISTINCT vals) FROM eq_groups) AS sketch_union,
       (SELECT count(*) FROM (SELECT DISTINCT ss FROM eq_groups) d) = (SELECT count(DISTINCT scores) FROM eq_groups) AS scores_distinct,
       (SELECT count(*) FROM (SELECT ss FROM eq_groups UNION SELECT ss FROM eq_groups) d) = (SELECT count(DISTINCT scores) FROM eq_groups) AS scores_union,
       (SELECT count(*) FROM (SELECT DISTINCT fs FROM eq_groups) d) = (SELECT count(DISTINCT levels) FROM eq_groups) AS funnel_distinct,
       (SELECT count(*) FROM (SELECT fs FROM eq_groups UNION SELECT fs FROM eq_groups) d) = (SELECT count(DISTINCT levels) FROM eq_groups) AS funnel_union;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM eq_groups a JOIN eq_groups b ON a.sk = b.sk;
SELECT (SELECT count(*) FROM eq_groups a JOIN eq_groups b ON a.sk = b.sk) =
       (SELECT count(*) FROM eq_groups a JOIN eq_groups b ON a.vals = b.vals) AS sketch_join,
       (SELECT count(*) FROM eq_groups a JOIN eq_groups b ON a.ss = b.ss) =
       (SELECT count(*) FROM eq_groups a JOIN eq_groups b ON a.scores = b.scores) AS scores_join,
       (SELECT count(*) FROM eq_groups a JOIN eq_groups b ON a.fs = b.fs) =
       (SELECT count(*) FROM eq_groups a JOIN eq_groups b ON a.levels = b.levels) AS funnel_join;
RESET enable_mergejoin;
RESET enable_nestloop;

-- the seeded 64-bit hashes: at seed 0 their low 32 bits are the hash;
-- equal values hash alike at any seed; the seed changes the hash
SELECT count(*) FILTER (WHERE (quantile_sketch_hash_extended(sk, 0) & 4294967295) <> (quantile_sketch_hash(sk) & 4294967295::bigint)) +
       count(*) FILTER (WHERE (score_summary_hash_extended(ss, 0) & 4294967295) <> (score_summary_hash(ss) & 4294967295::bigint)) +
       count(*) FILTER (WHERE (funnel_summary_hash_extended(fs, 0) & 4294967295) <> (funnel_summary_hash(fs) & 4294967295::bigint)) AS low_half_differs,
       count(*) FILTER (WHERE quantile_sketch_hash_extended(sk, 7) = quantile_sketch_hash_extended(sk, 8)) +
       count(*) FILTER (WHERE score_summary_hash_extended(ss, 7) = score_summary_hash_extended(ss, 8)) +
       count(*) FILTER (WHERE funnel_summary_hash_extended(fs, 7) = funnel_summary_hash_extended(fs, 8)) AS seed_ignored
FROM eq_groups;
SELECT count(*) FILTER (WHERE a.sk = b.sk AND quantile_sketch_hash_extended(a.sk, 42) <> quantile_sketch_hash_extended(b.sk, 42)) +
       count(*) FILTER (WHERE a.ss = b.ss AND score_summary_hash_extended(a.ss, 42) <> score_summary_hash_extended(b.ss, 42)) +
       count(*) FILTER (WHERE a.fs = b.fs AND funnel_summary_hash_extended(a.fs, 42) <> funnel_summary_hash_extended(b.fs, 42)) AS extended_hash_differs
FROM eq_groups a, eq_groups b;
-- hash partitioning by a sketch: every row lands in a partition, equal
-- sketches in the same one
CREATE TEMP TABLE sk_parts (sk quantile_sketch) PARTITION BY HASH (sk);
CREATE TEMP TABLE sk_part0 PARTITION OF sk_parts FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TEMP TABLE sk_part1 PARTITION OF sk_parts FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO sk_parts SELECT sk FROM eq_groups;
SELECT (SELECT count(*) FROM sk_parts) = (SELECT count(*) FROM eq_groups) AS all_rows,
       (SELECT count(*) FROM sk_part0) > 0 AND (SELECT count(*) FROM sk_part1) > 0 AS both_used,
       (SELECT count(*) FROM (SELECT sk FROM (SELECT DISTINCT sk, tableoid FROM sk_parts) d
                              GROUP BY sk HAVING count(*) > 1) x) AS split_values;

-- 4. score_summary and funnel_summary on literals: the scale and the
-- number of steps count
SELECT '{9:1}'::score_summary = '{9:1}' AS same, '{9:1}/10'::score_summary = '{9:1}' AS scale,
       '{9:1}'::score_summary = '{9:2}' AS count, '{9:1}'::score_summary <> '{8:1}' AS ne;
SELECT '{1:2}/3'::funnel_summary = '{1:2}/3' AS same, '{1:2}/3'::funnel_summary = '{1:2}/4' AS steps,
       '{1:2}/3'::funnel_summary = '{1:2,-1:1}/3' AS excluded, '{1:2}/3'::funnel_summary <> '{2:2}/3' AS ne;

-- 5. no ordering: a clear error, as for any type without one
SELECT sk FROM eq_groups ORDER BY sk LIMIT 1;
RESET search_path;
