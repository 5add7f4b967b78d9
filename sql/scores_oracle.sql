-- Randomized cross-checks of the score aggregates against plain SQL:
-- serial, forced-parallel, partitionwise, rollups of stored summaries and
-- moving window frames.  NPS is compared with the float8 formula exactly
-- (metrics.md 1.1: one IEEE division of two integers) and with the numeric
-- formula after rounding.

SELECT setseed(0.4242);
CREATE TABLE oracle AS
SELECT i,
       (random() * 40)::int AS grp,
       (i / 5000) AS day,
       CASE WHEN random() < 0.05 THEN NULL ELSE floor(random() * 11)::int END AS score,
       CASE WHEN random() < 0.05 THEN NULL ELSE 1 + floor(random() * 5)::int END AS csat5,
       CASE WHEN random() < 0.05 THEN NULL ELSE 1 + floor(random() * 7)::int END AS ces7
FROM generate_series(1, 200000) i;
ANALYZE oracle;

-- the plain-SQL oracle, computed serially and kept
SET max_parallel_workers_per_gather = 0;
CREATE TABLE expected_grp AS
SELECT grp,
       (100 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)))::float8
         / count(score)::float8 AS nps_f8,
       100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) AS nps_num,
       (100 * count(*) FILTER (WHERE csat5 >= 4))::float8 / count(csat5)::float8 AS csat,
       (100 * count(*) FILTER (WHERE ces7 >= 5))::float8 / count(ces7)::float8 AS ces,
       count(score) AS n, avg(score) AS mean, stddev_samp(score) AS sd,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY score) AS disc50,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY score) AS cont90,
       percentile_cont(0.25) WITHIN GROUP (ORDER BY score) AS cont25
FROM oracle GROUP BY grp;

-- serial
SELECT count(*) AS groups,
       count(*) FILTER (WHERE j.nps = e.nps_f8) AS nps_exact,
       count(*) FILTER (WHERE round(j.nps::numeric, 10) = round(e.nps_num, 10)) AS nps_numeric,
       count(*) FILTER (WHERE j.csat = e.csat) AS csat_exact,
       count(*) FILTER (WHERE j.ces = e.ces) AS ces_exact
FROM (SELECT grp, journey.nps(score), journey.csat(csat5), journey.ces(ces7) FROM oracle GROUP BY grp) j
JOIN expected_grp e USING (grp);

SELECT count(*) AS groups,
       count(*) FILTER (WHERE journey.responses(s) = e.n) AS n_ok,
       count(*) FILTER (WHERE round(journey.mean_score(s)::numeric, 12) = round(e.mean, 12)) AS mean_ok,
       count(*) FILTER (WHERE round(journey.score_stddev(s)::numeric, 10) = round(e.sd::numeric, 10)) AS sd_ok,
       count(*) FILTER (WHERE journey.score_percentile_disc(s, 0.5) = e.disc50
                          AND journey.score_percentile_cont(s, 0.9) = e.cont90
                          AND journey.score_percentile_cont(s, 0.25) = e.cont25) AS percentiles_ok
FROM (SELECT grp, journey.score_summary(score) AS s FROM oracle GROUP BY grp) j
JOIN expected_grp e USING (grp);

-- ungrouped, serial
SELECT journey.nps(score) = (100 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)))::float8
         / count(score)::float8 AS nps_exact
FROM oracle;

-- forced parallel plans: Partial Aggregate in the plan, identical answers
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT plan_nodes($q$SELECT journey.nps(score) FROM oracle$q$);
SELECT plan_nodes($q$SELECT grp, journey.score_summary(score) FROM oracle GROUP BY grp$q$);
SELECT journey.nps(score) = (SELECT (100 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)))::float8
         / count(score)::float8 FROM oracle) AS parallel_nps_exact
FROM oracle;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE j.nps = e.nps_f8) AS nps_exact,
       count(*) FILTER (WHERE j.csat = e.csat) AS csat_exact,
       count(*) FILTER (WHERE j.ces = e.ces) AS ces_exact,
       count(*) FILTER (WHERE journey.responses(j.s) = e.n) AS n_ok
FROM (SELECT grp, journey.nps(score), journey.csat(csat5), journey.ces(ces7),
             journey.score_summary(score) AS s
      FROM oracle GROUP BY grp) j
JOIN expected_grp e USING (grp);

-- rollups of stored daily summaries equal the direct summary, in parallel too
CREATE TABLE daily AS
SELECT grp, day, journey.score_summary(score) AS s FROM oracle GROUP BY grp, day;
SELECT plan_nodes($q$SELECT grp, journey.rollup(s) FROM daily GROUP BY grp$q$);
SELECT count(*) AS groups,
       count(*) FILTER (WHERE r.s::text = d.s::text) AS same_summary,
       count(*) FILTER (WHERE journey.nps(r.s) = e.nps_f8) AS nps_exact
FROM (SELECT grp, journey.rollup(s) AS s FROM daily GROUP BY grp) r
JOIN (SELECT grp, journey.score_summary(score) AS s FROM oracle GROUP BY grp) d USING (grp)
JOIN expected_grp e USING (grp);
-- a rollup of rollups (day -> week -> all) is the same again
SELECT journey.rollup(w)::text = (SELECT journey.score_summary(score)::text FROM oracle) AS two_level_rollup
FROM (SELECT journey.rollup(s) AS w FROM daily GROUP BY day / 7) x;

-- partitionwise aggregation over a partitioned table
CREATE TABLE oracle_part (grp int, score int) PARTITION BY HASH (grp);
CREATE TABLE oracle_part_0 PARTITION OF oracle_part FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE oracle_part_1 PARTITION OF oracle_part FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO oracle_part SELECT grp, score FROM oracle;
ANALYZE oracle_part;
SET enable_partitionwise_aggregate = on;
SELECT plan_nodes($q$SELECT day_bucket, journey.nps(score)
FROM (SELECT grp % 3 AS day_bucket, score FROM oracle_part) x GROUP BY day_bucket$q$);
SELECT count(*) FILTER (WHERE a.nps = b.nps) AS same, count(*) AS buckets
FROM (SELECT grp % 3 AS k, journey.nps(score) FROM oracle_part GROUP BY 1) a
JOIN (SELECT grp % 3 AS k,
             (100 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)))::float8
               / count(score)::float8 AS nps
      FROM oracle GROUP BY 1) b USING (k);
RESET enable_partitionwise_aggregate;
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;

-- moving window frames equal plain windowed counts on every row
SELECT count(*) AS frames,
       count(*) FILTER (WHERE nps IS NOT DISTINCT FROM plain) AS same
FROM (
  SELECT journey.nps(score) OVER w AS nps,
         CASE WHEN count(score) OVER w > 0 THEN
           (100 * (count(*) FILTER (WHERE score >= 9) OVER w
                   - count(*) FILTER (WHERE score <= 6) OVER w))::float8
           / (count(score) OVER w)::float8 END AS plain
  FROM (SELECT * FROM oracle WHERE i <= 20000) o
  WINDOW w AS (ORDER BY i ROWS BETWEEN 37 PRECEDING AND CURRENT ROW)
) x;
