-- quantile_sketch text and binary I/O: exact round trips and a clear error
-- for every malformed value.

-- canonical text: shortest exact doubles, runs of empty buckets as ~N
SELECT journey.percentile_agg(x) FROM (VALUES (1.0), (2.0), (3.0), (0), (-5)) v(x);
SELECT journey.percentile_agg(x, 0.05) FROM generate_series(1, 10) x;
-- 0.1 + 1e-310 rounds to 0.1: the rest of the exact sum is the double
-- nearest 1e-310, printed in its shortest 15..17-digit form
SELECT journey.percentile_agg(x) FROM (VALUES (0.1), (1e-310), (-0.0)) v(x);
-- 1 - 2^-60 rounds to 1, the rest is -2^-60 = -8.673617379884035e-19; the
-- bucket of 2^-60 is ceil(-60 M) = ceil(-2999.8999) = -2999
SELECT sk, journey.sketch_sum(sk), journey.sketch_mean(sk)
FROM (SELECT journey.percentile_agg(x) AS sk FROM (VALUES (1.0::float8), (-power(2::float8, -60))) v(x)) t;
-- the text form of journey builds before the exact sum (ddsketch/1) is read
SELECT 'ddsketch/1 alpha=0.01 count=2 zeros=0 min=1 max=2 sum=3 pos=0:1,~49,1'::journey.quantile_sketch;
-- input accepts extra white space and gives the same value
SELECT '  ddsketch/1 alpha=0.01  count=2 zeros=0 min=1 max=2 sum=3 pos=0:1,~49,1  '::journey.quantile_sketch;

-- round trips: text, and binary through COPY, keep every value exactly
CREATE TABLE sk_src (id int, sk journey.quantile_sketch);
INSERT INTO sk_src
SELECT g, journey.percentile_agg(v, CASE WHEN g % 2 = 0 THEN 0.01 ELSE 0.02 END)
FROM (SELECT i % 7 AS g, sin(i) * 10 ^ (i % 9 - 3) AS v FROM generate_series(1, 5000) i) x
GROUP BY g;
INSERT INTO sk_src VALUES (100, NULL),
	(101, (SELECT journey.percentile_agg(x) FROM (VALUES (1e-300), (1e300)) v(x)));
SELECT id, sk::text::journey.quantile_sketch::text = sk::text AS text_roundtrip,
       journey.sketch_mean(sk::text::journey.quantile_sketch) = journey.sketch_mean(sk) AS mean_exact
FROM sk_src ORDER BY id;
COPY sk_src TO '/tmp/journey_sketch_io.bin' (FORMAT binary);
CREATE TABLE sk_dst (LIKE sk_src);
COPY sk_dst FROM '/tmp/journey_sketch_io.bin' (FORMAT binary);
SELECT a.id, b.sk::text IS NOT DISTINCT FROM a.sk::text AS binary_roundtrip,
       journey.quantile_sketch_send(a.sk) IS NOT DISTINCT FROM journey.quantile_sketch_send(b.sk) AS same_bytes
FROM sk_src a JOIN sk_dst b USING (id) ORDER BY id;

-- the binary layout (FORMAT.md) of {1, 2}: version 2, flags 0, alpha, count 2,
-- zeros 0, min 1, max 2, sum 3, no further sum terms, pos offset 0 length 51
-- (buckets 0 and 50), neg offset 0 length 0, then 51 big-endian int64
-- counts (1, 49 zeros, 1)
SELECT encode(journey.quantile_sketch_send(journey.percentile_agg(x)), 'hex') =
       '0200' || '3f847ae147ae147b' || '0000000000000002' || '0000000000000000' ||
       '3ff0000000000000' || '4000000000000000' || '4008000000000000' || '00' ||
       '00000000' || '00000033' || '00000000' || '00000000' ||
       '0000000000000001' || repeat('0000000000000000', 49) || '0000000000000001' AS layout_ok
FROM (VALUES (1.0), (2.0)) v(x);
-- {1, -2^-60}: min -2^-60, max 1, sum 1, one further term -2^-60, pos
-- offset 0 length 1, neg offset -2999 (fffff449) length 1, counts 1 and 1
SELECT encode(journey.quantile_sketch_send(journey.percentile_agg(x)), 'hex') =
       '0200' || '3f847ae147ae147b' || '0000000000000002' || '0000000000000000' ||
       'bc30000000000000' || '3ff0000000000000' || '3ff0000000000000' ||
       '01' || 'bc30000000000000' ||
       '00000000' || '00000001' || 'fffff449' || '00000001' ||
       '0000000000000001' || '0000000000000001' AS layout_rest_ok
FROM (VALUES (1.0::float8), (-power(2::float8, -60))) v(x);

-- malformed text, one line per class
\set VERBOSITY sqlstate
SELECT 'junk'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.5 count=1 zeros=1 min=0 max=0 sum=0'::journey.quantile_sketch;
\set VERBOSITY default
SELECT ''::journey.quantile_sketch;
SELECT 'junk'::journey.quantile_sketch;
SELECT 'ddsketch/3 alpha=0.01 count=1 zeros=1 min=0 max=0 sum=0'::journey.quantile_sketch;
-- the further terms of the sum must be exactly what rounding the sum left
SELECT 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 sum_rest=1 pos=0:1'::journey.quantile_sketch;
SELECT 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 sum_rest=0 pos=0:1'::journey.quantile_sketch;
SELECT 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 sum_rest=1e-300,1e-300 pos=0:1'::journey.quantile_sketch;
SELECT 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 sum_rest=nan pos=0:1'::journey.quantile_sketch;
SELECT 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 sum_rest= pos=0:1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 sum_rest=1e-300 pos=0:1'::journey.quantile_sketch;
-- and 1 + 2e-300 is 1 and 2e-300
SELECT 'ddsketch/2 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 sum_rest=2e-300 pos=0:1'::journey.quantile_sketch;
SELECT 'ddsketch/1 count=1 zeros=1 min=0 max=0 sum=0'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=x count=1 zeros=1 min=0 max=0 sum=0'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=1 min=nan max=0 sum=0'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=1 min=0 max=0 sum=1e999'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.5 count=1 zeros=1 min=0 max=0 sum=0'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=0 zeros=0 min=0 max=0 sum=0'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=2 zeros=1 min=0 max=0 sum=0'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=1 min=0 max=0 sum=0 extra'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=0:-1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=0:0,1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=0:1,'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=0:1,~0,1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=2 zeros=0 min=1 max=1 sum=1 pos=0:1,~20000,1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=99999999:1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=5:1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=2 max=1 sum=1 pos=0:1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=-1 max=-1 sum=-1 pos=0:1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=9223372036854775807 zeros=0 min=1 max=2 sum=3 pos=0:9223372036854775807,~48,1'::journey.quantile_sketch;
SELECT 'ddsketch/1 alpha=0.01 count=1 zeros=0 min=1 max=1 sum=1 pos=0:1 neg=0:1'::journey.quantile_sketch;

-- corrupted binary values, read through binary COPY into a sketch column
CREATE TABLE sk_bad (sk journey.quantile_sketch);
-- a valid value of one zero, then variations of it
CREATE FUNCTION zero_sketch(version text DEFAULT '01', flags text DEFAULT '00',
	alpha text DEFAULT '3f847ae147ae147b', cnt text DEFAULT '0000000000000001',
	zeros text DEFAULT '0000000000000001', mn text DEFAULT '0000000000000000',
	mx text DEFAULT '0000000000000000', sm text DEFAULT '0000000000000000',
	stores text DEFAULT '00000000000000000000000000000000', tail text DEFAULT '',
	rest text DEFAULT '')
RETURNS bytea LANGUAGE sql IMMUTABLE
RETURN decode(version || flags || alpha || cnt || zeros || mn || mx || sm || rest || stores || tail, 'hex');
SELECT try_recv('sk_bad', zero_sketch());
SELECT sk::text FROM sk_bad;
SELECT label, try_recv('sk_bad', b) AS result FROM (VALUES
  ('empty', '\x'::bytea),
  ('version 3', zero_sketch(version => '03')),
  ('version 2', zero_sketch(version => '02', rest => '00')),
  ('version 2, no term count', zero_sketch(version => '02')),
  ('version 2, term cut off', zero_sketch(version => '02', rest => '01')),
  ('version 2, 42 terms', zero_sketch(version => '02', rest => '2a' || repeat('3ff0000000000000', 42))),
  ('version 2, bad term', zero_sketch(version => '02', rest => '01' || '3ff0000000000000')),
  ('version 2, NaN term', zero_sketch(version => '02', rest => '01' || '7ff8000000000000')),
  ('header cut short', substring(zero_sketch() from 1 for 40)),
  ('unknown flag', zero_sketch(flags => '04')),
  ('dense flag', zero_sketch(flags => '01')),
  ('alpha NaN', zero_sketch(alpha => '7ff8000000000000')),
  ('alpha 0.5', zero_sketch(alpha => '3fe0000000000000')),
  ('count 0', zero_sketch(cnt => '0000000000000000', zeros => '0000000000000000')),
  ('count mismatch', zero_sketch(cnt => '0000000000000002')),
  ('negative zeros', zero_sketch(cnt => 'ffffffffffffffff', zeros => 'ffffffffffffffff')),
  ('min infinite', zero_sketch(mn => 'fff0000000000000')),
  ('min above max', zero_sketch(mn => '3ff0000000000000')),
  ('sum NaN', zero_sketch(sm => '7ff8000000000000')),
  ('bucket length -1', zero_sketch(stores => '00000000ffffffff0000000000000000')),
  ('bucket length 20000', zero_sketch(stores => '00000000' || '00004e20' || '0000000000000000')),
  ('counts missing', zero_sketch(stores => '00000000000000010000000000000000')),
  ('trailing bytes', zero_sketch(tail => '00')),
  ('negative bucket', zero_sketch(cnt => '0000000000000001', zeros => '0000000000000000',
                                  mn => '3ff0000000000000', mx => '3ff0000000000000',
                                  stores => '00000000000000010000000000000000', tail => 'ffffffffffffffff'))
) t(label, b);
SELECT count(*) AS rows_loaded FROM sk_bad;
