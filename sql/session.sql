-- journey.session_number: sessionisation window function (funnels.md 6).
-- Expected numbers are derived by hand in the comments, and on random data
-- from the plain-SQL formulation (LAG + running sum).

-- events at minutes 0, 25, 50, 75, 100: a 30-minute timeout keeps one
-- session; with a 60-minute maximum the row at 75 (75 - 0 > 60) opens
-- session 2, and 100 - 75 = 25 stays in it
SELECT m, journey.session_number(ts, interval '30 minutes') OVER w AS by_gap,
       journey.session_number(ts, interval '30 minutes', interval '60 minutes') OVER w AS with_max
FROM (SELECT m, timestamptz '2026-03-01 10:00+00' + m * interval '1 minute' AS ts
      FROM unnest('{0,25,50,75,100}'::int[]) m) e
WINDOW w AS (ORDER BY ts) ORDER BY m;

-- a gap equal to the timeout stays (strictly greater opens a session); a
-- session may last exactly max_length; equal timestamps share a session
SELECT s, journey.session_number(ts, interval '30 minutes', interval '60 minutes') OVER (ORDER BY ts, s) AS n
FROM (VALUES (1, timestamptz '2026-03-01 10:00:00+00'), (2, '2026-03-01 10:30:00+00'),
             (3, '2026-03-01 11:00:00+00'), (4, '2026-03-01 11:00:00+00'),
             (5, '2026-03-01 11:30:00.000001+00'), (6, '2026-03-01 12:00:00.000002+00')) v(s, ts)
ORDER BY s;
-- 1 at 10:00 opens 1; 2 at 10:30 (gap 30 min) stays; 3 and 4 at 11:00 (60
-- min after the start) stay; 5 (gap 30 min + 1 us) opens 2; 6 (gap 30 min +
-- 1 us) opens 3

-- NULL timestamps get NULL and change nothing; partitions are independent;
-- max_length NULL means no maximum
SELECT c, s, journey.session_number(ts, interval '1 hour', NULL) OVER (PARTITION BY c ORDER BY ts NULLS LAST, s) AS n
FROM (VALUES ('a', 1, timestamptz '2026-03-01 10:00+00'), ('a', 2, NULL), ('a', 3, '2026-03-01 10:59+00'),
             ('a', 4, '2026-03-01 12:00+00'), ('b', 1, '2026-03-01 10:00+00'), ('b', 2, '2026-03-05 10:00+00')) v(c, s, ts)
ORDER BY c, s;

-- timestamp without time zone, and the infinities (differences saturate)
SELECT ts, journey.session_number(ts, interval '1 day') OVER (ORDER BY ts) AS n
FROM (VALUES (timestamp '-infinity'), ('2026-01-01'), ('2026-01-01 23:59'), ('2026-01-03'), ('infinity'), ('infinity')) v(ts);

-- random data against the plain-SQL formulation, 20 000 events of 200
-- customers on a coarse grid (many equal timestamps)
SELECT setseed(0.314);
CREATE TABLE sess_ev AS
SELECT (random() * 200)::int AS c,
       timestamptz '2026-01-01 00:00+00' + (random() * 2000)::int * interval '5 minutes' AS ts
FROM generate_series(1, 20000);
SELECT count(*) AS rows, count(*) FILTER (WHERE n = plain) AS same
FROM (
  SELECT journey.session_number(ts, interval '40 minutes') OVER (PARTITION BY c ORDER BY ts) AS n,
         1 + sum(CASE WHEN ts - prev > interval '40 minutes' THEN 1 ELSE 0 END)
               OVER (PARTITION BY c ORDER BY ts ROWS UNBOUNDED PRECEDING) AS plain
  FROM (SELECT c, ts, lag(ts) OVER (PARTITION BY c ORDER BY ts) AS prev FROM sess_ev) x
) y;
-- the frame clause does not matter
SELECT count(*) FILTER (WHERE a = b) = count(*) AS frame_independent
FROM (SELECT journey.session_number(ts, interval '40 minutes') OVER (PARTITION BY c ORDER BY ts) AS a,
             journey.session_number(ts, interval '40 minutes')
               OVER (PARTITION BY c ORDER BY ts ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS b
      FROM sess_ev) z;

-- errors
SELECT journey.session_number(ts, interval '1 hour') OVER (ORDER BY ts DESC)
FROM (VALUES (timestamptz '2026-03-01 10:00+00'), ('2026-03-01 11:00+00')) v(ts);
SELECT journey.session_number(ts, NULL) OVER (ORDER BY ts)
FROM (VALUES (timestamptz '2026-03-01 10:00+00')) v(ts);
SELECT journey.session_number(ts, interval '-5 minutes') OVER (ORDER BY ts)
FROM (VALUES (timestamptz '2026-03-01 10:00+00')) v(ts);
SELECT journey.session_number(ts, interval '1 month') OVER (ORDER BY ts)
FROM (VALUES (timestamptz '2026-03-01 10:00+00')) v(ts);
SELECT journey.session_number(ts, interval '1 hour', interval '1 year') OVER (ORDER BY ts)
FROM (VALUES (timestamptz '2026-03-01 10:00+00')) v(ts);
