-- Every journey aggregate used as a window function: over running frames
-- the final function runs again and again on a state that keeps growing;
-- over sliding frames (ROWS n PRECEDING) the state is rebuilt, or, for
-- rollup(score_summary), shrunk by the inverse transition.  Each row must
-- equal the plain aggregate over the rows of its frame (stored types
-- compared by their text form, which round-trips exactly).
-- window_funnel's window use is in window_funnel.sql, percentile_agg's
-- running frame in sketch.sql.
CREATE TABLE wu_rows AS SELECT i AS rn, i % 7 AS g, exp(((hashint4(i) & 65535) / 65535.0 - 0.5) * 6) AS v,
  (hashint4(i + 3) & 3) - 1 AS lvl, (hashint4(i + 9) % 11 + 11) % 11 AS score,
  (hashint4(i+1) & 1) = 0 AS c1, (hashint4(i+2) & 1) = 0 AS c2, (hashint4(i+4) & 3) = 0 AS c3
FROM generate_series(1, 400) i;
CREATE TABLE wu_stored AS SELECT g, journey.percentile_agg(v) AS sk, journey.score_summary(score::int2) AS ss,
  journey.funnel_summary(lvl, 2) AS fs FROM wu_rows GROUP BY g;
SELECT 'retention' AS agg, count(*) AS rows, count(*) FILTER (WHERE w.r = (SELECT journey.retention(c1, c2, c3) FROM wu_rows x WHERE x.rn <= w.rn)) AS ok
FROM (SELECT rn, journey.retention(c1, c2, c3) OVER (ORDER BY rn) AS r FROM wu_rows) w
UNION ALL
SELECT 'funnel_summary', count(*), count(*) FILTER (WHERE w.r::text = (SELECT journey.funnel_summary(lvl, 2)::text FROM wu_rows x WHERE x.rn <= w.rn))
FROM (SELECT rn, journey.funnel_summary(lvl, 2) OVER (ORDER BY rn) AS r FROM wu_rows) w
UNION ALL
SELECT 'approx_percentile', count(*), count(*) FILTER (WHERE w.r = (SELECT journey.approx_percentile(v, 0.9) FROM wu_rows x WHERE x.rn <= w.rn))
FROM (SELECT rn, journey.approx_percentile(v, 0.9) OVER (ORDER BY rn) AS r FROM wu_rows) w
UNION ALL
SELECT 'approx_percentile sliding', count(*), count(*) FILTER (WHERE w.r = (SELECT journey.approx_percentile(v, 0.9) FROM wu_rows x WHERE x.rn BETWEEN w.rn - 9 AND w.rn))
FROM (SELECT rn, journey.approx_percentile(v, 0.9) OVER (ORDER BY rn ROWS 9 PRECEDING) AS r FROM wu_rows) w
UNION ALL
SELECT 'rollup sketch', count(*), count(*) FILTER (WHERE w.r::text = (SELECT journey.rollup(sk)::text FROM wu_stored x WHERE x.g <= w.g))
FROM (SELECT g, journey.rollup(sk) OVER (ORDER BY g) AS r FROM wu_stored) w
UNION ALL
SELECT 'rollup sketch sliding', count(*), count(*) FILTER (WHERE w.r::text = (SELECT journey.rollup(sk)::text FROM wu_stored x WHERE x.g BETWEEN w.g - 2 AND w.g))
FROM (SELECT g, journey.rollup(sk) OVER (ORDER BY g ROWS 2 PRECEDING) AS r FROM wu_stored) w
UNION ALL
SELECT 'rollup score', count(*), count(*) FILTER (WHERE w.r::text = (SELECT journey.rollup(ss)::text FROM wu_stored x WHERE x.g BETWEEN w.g - 2 AND w.g))
FROM (SELECT g, journey.rollup(ss) OVER (ORDER BY g ROWS 2 PRECEDING) AS r FROM wu_stored) w
UNION ALL
SELECT 'rollup funnel_summary', count(*), count(*) FILTER (WHERE w.r::text = (SELECT journey.rollup(fs)::text FROM wu_stored x WHERE x.g BETWEEN w.g - 2 AND w.g))
FROM (SELECT g, journey.rollup(fs) OVER (ORDER BY g ROWS 2 PRECEDING) AS r FROM wu_stored) w
UNION ALL
SELECT 'percentile_agg sliding', count(*), count(*) FILTER (WHERE w.r::text = (SELECT journey.percentile_agg(v)::text FROM wu_rows x WHERE x.rn BETWEEN w.rn - 9 AND w.rn))
FROM (SELECT rn, journey.percentile_agg(v) OVER (ORDER BY rn ROWS 9 PRECEDING) AS r FROM wu_rows) w;
-- the stored values are unchanged by all that (the window functions'
-- transitions start from them)
SELECT count(*) FILTER (WHERE a.sk::text = b.sk::text AND a.ss::text = b.ss::text AND a.fs::text = b.fs::text) AS unchanged
FROM wu_stored a JOIN (SELECT g, journey.percentile_agg(v) AS sk, journey.score_summary(score::int2) AS ss, journey.funnel_summary(lvl, 2) AS fs FROM wu_rows GROUP BY g) b USING (g);
