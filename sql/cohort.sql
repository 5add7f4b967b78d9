-- journey.cohort_retention: cohort retention matrix (funnels.md 5.2).
-- Expected rows are derived by hand in the comments, and on random data
-- from an independent plain-SQL formulation (zero differences expected).
-- pg_regress created the extension; earlier test files may have left rows
-- in journey.events, so the part that reads it runs in a transaction that
-- empties the table first and is rolled back.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\set SHOW_CONTEXT never

-- ---------------------------------------------------------------------
-- errors: 22023, naming the bad value and what is accepted (an unknown
-- time zone gets PostgreSQL's own 22023 error)
-- ---------------------------------------------------------------------

SELECT * FROM journey.cohort_retention(granularity => 'fortnight');
SELECT * FROM journey.cohort_retention(time_zone => 'Mars/Olympus_Mons');

CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT q AS call, pg_temp.error_of('SELECT * FROM journey.cohort_retention(' || q || ')') AS error
FROM (VALUES
  ('granularity => NULL'),
  ('granularity => ''1 month'''),
  ('granularity => ''0 hours'''),
  ('granularity => ''Day'''),
  ('cohort_by => ''year'''),
  ('periods => -1'),
  ('periods => 10001'),
  ('periods => NULL'),
  ('bounded => NULL'),
  ('first_time => NULL'),
  ('cutoff => ''infinity'''),
  ('cutoff => ''2026-03-01'', from_time => ''2026-03-01'''),
  ('event_column => ''emotion'''),
  ('event_column => NULL'),
  ('time_zone => NULL')) v(q);

BEGIN;
DELETE FROM journey.events;

-- ---------------------------------------------------------------------
-- the funnels.md 5.2 example: rolling and calendar days
-- ---------------------------------------------------------------------

-- both sign up on Monday 2026-03-02 at 23:00 UTC.  c1 orders on Tuesday
-- at 01:00: 2 hours later, rolling day 0, but the next calendar day
-- (calendar day 1).  c2 orders on Tuesday at 23:30: 24.5 hours later,
-- day 1 in both.  Calendar: day 0 nobody, day 1 both (100 %).  Rolling:
-- day 0 c1, day 1 c2 (50 % each).
INSERT INTO journey.events (customer_id, occurred_at, event_type) VALUES
  ('c1', '2026-03-02 23:00+00', 'signup'), ('c1', '2026-03-03 01:00+00', 'order'),
  ('c2', '2026-03-02 23:00+00', 'signup'), ('c2', '2026-03-03 23:30+00', 'order');
SELECT * FROM journey.cohort_retention('signup', 'order', 'day', 1, cutoff => '2026-03-10', time_zone => 'UTC',
                                       event_column => 'event_type');
SELECT * FROM journey.cohort_retention('signup', 'order', '1 day', 1, cutoff => '2026-03-10', time_zone => 'UTC',
                                       event_column => 'event_type');

-- ---------------------------------------------------------------------
-- a DST change and the local calendar: Europe/Berlin moves from UTC+1 to
-- UTC+2 at 02:00 on Sunday 2026-03-29, so that local day has 23 hours
-- ---------------------------------------------------------------------

-- c3 signs up on Saturday 03-28 at 12:00 Berlin (11:00 UTC) and orders on
-- Sunday at 12:30 Berlin (10:30 UTC): 23.5 hours later, rolling day 0 but
-- calendar day 1.  c4 signs up at the same time and orders on Monday at
-- 11:30 Berlin (09:30 UTC): 46.5 hours, rolling day 1, calendar day 2.  c5
-- signs up on Friday 03-27 at 23:30 UTC, which is already Saturday 00:30 in
-- Berlin, and never orders.
DELETE FROM journey.events;
INSERT INTO journey.events (customer_id, occurred_at, event_type) VALUES
  ('c3', '2026-03-28 11:00+00', 'signup'), ('c3', '2026-03-29 10:30+00', 'order'),
  ('c4', '2026-03-28 11:00+00', 'signup'), ('c4', '2026-03-30 09:30+00', 'order'),
  ('c5', '2026-03-27 23:30+00', 'signup');
-- cutoff: Tuesday 03-31 00:00 Berlin = 03-30 22:00 UTC.
-- Calendar days in Berlin: one cohort 03-28 of 3; day 1 c3, day 2 c4:
-- 0, 1/3, 1/3.  Day 2 ends at 03-31 00:00 Berlin, exactly the cutoff:
-- complete.
SELECT * FROM journey.cohort_retention('signup', 'order', 'day', 2, cutoff => '2026-03-31 00:00 Europe/Berlin',
                                       time_zone => 'Europe/Berlin', event_column => 'event_type');
-- Rolling days of 24 hours ('1 day' and '24 hours' are the same): day 0
-- c3, day 1 c4.  The latest birth is 03-28 11:00 UTC, so day 2 ends at
-- 03-31 11:00 UTC, after the cutoff: not complete, NULL.
SELECT * FROM journey.cohort_retention('signup', 'order', '24 hours', 2, cutoff => '2026-03-31 00:00 Europe/Berlin',
                                       time_zone => 'Europe/Berlin', event_column => 'event_type');
-- Calendar days in UTC: c5 is alone in cohort 03-27 (all days complete:
-- its day 2 ends 03-30 00:00 UTC); c3 and c4 form cohort 03-28 with day 1
-- c3 (03-29 10:30) and day 2 c4 (03-30 09:30), but day 2 ends 03-31 00:00
-- UTC, after the cutoff (03-30 22:00 UTC): NULL.
SELECT * FROM journey.cohort_retention('signup', 'order', 'day', 2, cutoff => '2026-03-31 00:00 Europe/Berlin',
                                       time_zone => 'UTC', event_column => 'event_type');

-- ---------------------------------------------------------------------
-- ISO weeks, bounded and unbounded, rolling weeks, any event, cutoff
-- ---------------------------------------------------------------------

-- 2026-03-02 is a Monday.
-- d1 signup Sun 03-08 23:00, visit Mon 03-09 01:00
-- d2 signup Mon 03-02 00:00, visit Sun 03-08 23:59, visit Mon 03-16 10:00
-- d3 newsletter Wed 03-04 12:00, signup Wed 03-11 12:00
DELETE FROM journey.events;
INSERT INTO journey.events (customer_id, occurred_at, event_type) VALUES
  ('d1', '2026-03-08 23:00+00', 'signup'), ('d1', '2026-03-09 01:00+00', 'visit'),
  ('d2', '2026-03-02 00:00+00', 'signup'), ('d2', '2026-03-08 23:59+00', 'visit'), ('d2', '2026-03-16 10:00+00', 'visit'),
  ('d3', '2026-03-04 12:00+00', 'newsletter'), ('d3', '2026-03-11 12:00+00', 'signup');
-- calendar weeks, cutoff Monday 03-23.  Cohort 03-02 = {d1, d2}: week 0
-- d2 (Sunday 03-08), week 1 d1 (Monday 03-09), week 2 d2 (03-16): 1, 1, 1
-- of 2; its week 2 ends 03-23 = cutoff: complete.  Cohort 03-09 = {d3},
-- no visit: 0, 0, and week 2 (ends 03-30) NULL.
SELECT * FROM journey.cohort_retention('signup', 'visit', 'week', 2, cutoff => '2026-03-23',
                                       time_zone => 'UTC', event_column => 'event_type');
-- unbounded ("on or after"): d1's last visit is in week 1, d2's in week
-- 2: cohort 03-02 has 2, 2, 1 of 2; cohort 03-09 0, 0, NULL
SELECT cohort, cohort_size, period, retained, rate, complete, definition
FROM journey.cohort_retention('signup', 'visit', 'week', 2, bounded => false, cutoff => '2026-03-23',
                              time_zone => 'UTC', event_column => 'event_type');
-- rolling 7 days, cohorts by ISO week: d1 visits 2 hours after signing up
-- (week 0); d2 after 6 days 23:59 (week 0) and 14 days 10 hours (week 2).
-- Cohort 03-02: 2, 0 of 2; its week 2 ends 7 * 3 days after the latest
-- birth (03-08 23:00), 03-29 23:00, after the cutoff: NULL.  Cohort 03-09
-- (d3, born 03-11 12:00): week 0 ends 03-18 12:00, complete, 0; weeks 1
-- and 2 NULL.
SELECT cohort, cohort_size, period, retained, rate, complete, definition
FROM journey.cohort_retention('signup', 'visit', '7 days', 2, cohort_by => 'week', cutoff => '2026-03-23',
                              time_zone => 'UTC', event_column => 'event_type');
-- any event starts and any event returns (NULL conditions): births are
-- the first events, d1 03-08, d2 03-02, d3 03-04 (newsletter), all in week
-- 03-02.  Returns: d2 week 0 (03-08) and week 2 (03-16), d1 week 1, d3
-- week 1 (its signup 03-11): 1, 2, 1 of 3
SELECT cohort, cohort_size, period, retained, rate, complete
FROM journey.cohort_retention(NULL, NULL, 'week', 2, cutoff => '2026-03-23', time_zone => 'UTC',
                              event_column => 'event_type');
-- an earlier cutoff (Monday 03-16) hides later events (d2's visit of
-- 03-16) and leaves later periods incomplete: cohort 03-02 has 1, 1, NULL;
-- cohort 03-09 has 0 (week 0 ended 03-16), NULL, NULL
SELECT cohort, cohort_size, period, retained, rate, complete, as_of
FROM journey.cohort_retention('signup', 'visit', 'week', 2, cutoff => '2026-03-16', time_zone => 'UTC',
                              event_column => 'event_type');
-- from_time 03-05 drops d2's signup (03-02) and d3's newsletter: d2 is no
-- longer a member (it never signs up again), d1 and d3 remain, each alone
-- in its week: 03-02 {d1} week 1 = 1; 03-09 {d3} nothing
SELECT cohort, cohort_size, period, retained, rate, complete
FROM journey.cohort_retention('signup', 'visit', 'week', 1, cutoff => '2026-03-23', time_zone => 'UTC',
                              event_column => 'event_type', from_time => '2026-03-05');

-- ---------------------------------------------------------------------
-- recurring cohorts by month, and the month boundary in a time zone
-- ---------------------------------------------------------------------

-- e1 orders 01-31 23:30 UTC (02-01 00:30 in Berlin), 02-15 12:00, 03-10 12:00
-- e2 orders 01-10 12:00, 01-20 12:00, 03-05 12:00
-- cutoff 05-01 00:00 Berlin (04-30 22:00 UTC).  Start = return = order.
DELETE FROM journey.events;
INSERT INTO journey.events (customer_id, occurred_at, event_type) VALUES
  ('e1', '2026-01-31 23:30+00', 'order'), ('e1', '2026-02-15 12:00+00', 'order'), ('e1', '2026-03-10 12:00+00', 'order'),
  ('e2', '2026-01-10 12:00+00', 'order'), ('e2', '2026-01-20 12:00+00', 'order'), ('e2', '2026-03-05 12:00+00', 'order');
-- recurring, Berlin: memberships e2 Jan (born 01-10), e1 Feb (born 01-31
-- 23:30 UTC, a February order in Berlin), e1 Mar (03-10), e2 Mar (03-05).
-- Jan {e2}: month 0 (01-20), month 2 (03-05): 1, 0, 1.  Feb {e1}: month 0
-- (02-15), month 1 (03-10): 1, 1, 0 (month 2 ends 05-01 00:00 Berlin =
-- cutoff: complete).  Mar {e1, e2}: no later orders: 0, 0, and month 2
-- (ends 06-01) NULL.
SELECT cohort, cohort_size, period, retained, rate, complete, definition
FROM journey.cohort_retention('order', 'order', 'month', 2, first_time => false,
                              cutoff => '2026-05-01 00:00 Europe/Berlin', time_zone => 'Europe/Berlin',
                              event_column => 'event_type');
-- first-time, Berlin: only the first memberships, Jan {e2} and Feb {e1},
-- with the same rows as above
SELECT cohort, cohort_size, period, retained, rate, complete
FROM journey.cohort_retention('order', 'order', 'month', 2,
                              cutoff => '2026-05-01 00:00 Europe/Berlin', time_zone => 'Europe/Berlin',
                              event_column => 'event_type');
-- recurring, unbounded, Berlin: Jan {e2} last order in month 2: 1, 1, 1;
-- Feb {e1} last order in month 1: 1, 1, 0; Mar 0, 0, NULL
SELECT cohort, cohort_size, period, retained, rate, complete
FROM journey.cohort_retention('order', 'order', 'month', 2, bounded => false, first_time => false,
                              cutoff => '2026-05-01 00:00 Europe/Berlin', time_zone => 'Europe/Berlin',
                              event_column => 'event_type');
-- recurring, UTC: e1's first order is now in January.  Jan {e1 born 01-31
-- 23:30, e2 born 01-10}: e2 month 0 (01-20); e1 month 1 (02-15); both
-- month 2 (03-10, 03-05): 1, 1, 2 of 2.  Feb {e1 born 02-15}: month 1
-- (03-10); month 2 ends 05-01 00:00 UTC, after the cutoff: 0, 1, NULL.
-- Mar {e1, e2}: 0, then NULL.
SELECT cohort, cohort_size, period, retained, rate, complete
FROM journey.cohort_retention('order', 'order', 'month', 2, first_time => false,
                              cutoff => '2026-05-01 00:00 Europe/Berlin', time_zone => 'UTC',
                              event_column => 'event_type');

-- the defaults: calendar days in the session time zone, 7 periods,
-- bounded, first-time, any event on touchpoint
SET TimeZone = 'America/New_York';
SELECT count(*) AS rows, min(definition) AS definition
FROM journey.cohort_retention(cutoff => '2026-06-01');
SET TimeZone = 'UTC';

-- ---------------------------------------------------------------------
-- random data against an independent plain-SQL formulation
-- ---------------------------------------------------------------------

-- 150 customers with 1..12 events at random minutes from 02-15 to 04-15
-- (both DST changes: New York 03-08, Berlin 03-29), some NULL event types
DELETE FROM journey.events;
SELECT setseed(0.577);
INSERT INTO journey.events (customer_id, occurred_at, event_type)
SELECT 'r' || c, timestamptz '2026-02-15 00:00+00' + (random() * 60 * 24 * 60)::int * interval '1 minute',
       (ARRAY['signup', 'order', 'visit', NULL])[1 + (random() * 3.6)::int]
FROM generate_series(1, 150) c, generate_series(1, 1 + (random() * 11)::int) i;

-- the oracle: members by DISTINCT ON (first start event per customer, or
-- per customer and cohort period); for each member and n, the explicit
-- bounds of period n, [b + n P, b + (n + 1) P) rolling (P a number of
-- hours) or the local calendar unit n after the one holding b; retained if
-- a return event lies after b inside the bounds (bounded) or after the
-- lower bound (unbounded); a cell is complete when every member's upper
-- bound is at or before the cutoff
CREATE FUNCTION pg_temp.oracle_cohort(s text, r text, gran text, np int, bnd boolean, ft boolean,
                                      cut timestamptz, tz text, cb text)
RETURNS TABLE (cohort date, cohort_size bigint, period int, retained bigint, rate float8, complete boolean)
LANGUAGE sql AS $$
WITH ev AS (
  SELECT customer_id AS c, occurred_at AS t, event_type AS e FROM journey.events WHERE occurred_at < cut
), cal AS (
  SELECT gran IN ('day', 'week', 'month') AS is_cal,
         COALESCE(cb, CASE WHEN gran IN ('day', 'week', 'month') THEN gran ELSE 'day' END) AS cunit,
         CASE gran WHEN 'day' THEN interval '1 day' WHEN 'week' THEN interval '7 days'
                   WHEN 'month' THEN interval '1 month' END AS unit_len
), mem AS (
  SELECT DISTINCT ON (ev.c, CASE WHEN NOT ft THEN date_trunc(cal.cunit, ev.t AT TIME ZONE tz) END)
         ev.c, ev.t AS b, date_trunc(cal.cunit, ev.t AT TIME ZONE tz)::date AS cohort
  FROM ev, cal
  WHERE s IS NULL OR ev.e = s
  ORDER BY ev.c, CASE WHEN NOT ft THEN date_trunc(cal.cunit, ev.t AT TIME ZONE tz) END, ev.t
), bounds AS (
  SELECT m.c, m.b, m.cohort, g.n,
         CASE WHEN cal.is_cal THEN (date_trunc(gran, m.b AT TIME ZONE tz) + g.n * cal.unit_len) AT TIME ZONE tz
              ELSE m.b + g.n * gran::interval END AS lo,
         CASE WHEN cal.is_cal THEN (date_trunc(gran, m.b AT TIME ZONE tz) + (g.n + 1) * cal.unit_len) AT TIME ZONE tz
              ELSE m.b + (g.n + 1) * gran::interval END AS hi
  FROM mem m, cal, generate_series(0, np) g(n)
), member_cells AS (
  SELECT bd.c, bd.cohort, bd.n, bd.hi, count(x.t) > 0 AS hit
  FROM bounds bd
  LEFT JOIN ev x ON x.c = bd.c AND (r IS NULL OR x.e = r) AND x.t > bd.b AND x.t >= bd.lo
                AND (NOT bnd OR x.t < bd.hi)
  GROUP BY bd.c, bd.cohort, bd.n, bd.hi
)
SELECT cohort, count(*), n,
       CASE WHEN bool_and(hi <= cut) THEN count(*) FILTER (WHERE hit) END,
       CASE WHEN bool_and(hi <= cut) THEN (100 * count(*) FILTER (WHERE hit))::float8 / count(*) END,
       bool_and(hi <= cut)
FROM member_cells
GROUP BY cohort, n
$$;

-- granularity x bounded x first-time x time zone, each with one of the
-- four start/return combinations and with and without cohorts by week
CREATE TEMP TABLE cohort_combos AS
SELECT g.gran, g.np, bnd, ft, tz, sr.s, sr.r, cb
FROM (VALUES ('day', 10), ('week', 4), ('month', 2), ('24 hours', 10), ('36 hours', 6)) g(gran, np),
     unnest(ARRAY[true, false]) bnd, unnest(ARRAY[true, false]) ft,
     unnest(ARRAY['Europe/Berlin', 'America/New_York']) tz,
     (VALUES ('signup', 'order'), (NULL, NULL)) sr(s, r),
     unnest(ARRAY[NULL, 'week']) cb;
SELECT count(*) AS combinations, sum(x.n_rows) AS cells, sum(x.n_complete) AS complete_cells,
       sum(x.differences) AS differences
FROM cohort_combos cc, LATERAL (
  WITH a AS MATERIALIZED (
         SELECT cohort, cohort_size, period, retained, rate, complete
         FROM journey.cohort_retention(cc.s, cc.r, cc.gran, cc.np, cc.bnd, cc.ft, '2026-04-10 00:00+00', cc.tz,
                                       cc.cb, 'event_type')),
       o AS MATERIALIZED (
         SELECT * FROM pg_temp.oracle_cohort(cc.s, cc.r, cc.gran, cc.np, cc.bnd, cc.ft, '2026-04-10 00:00+00',
                                             cc.tz, cc.cb))
  SELECT (SELECT count(*) FROM a) AS n_rows, (SELECT count(*) FROM a WHERE complete) AS n_complete,
         (SELECT count(*) FROM ((TABLE a EXCEPT ALL TABLE o) UNION ALL (TABLE o EXCEPT ALL TABLE a)) d) AS differences) x;
-- the data exercises what it should: rolling and calendar days disagree,
-- bounded and unbounded disagree, recurring cohorts are larger
SELECT
  (SELECT array_agg(retained ORDER BY cohort, period) FROM journey.cohort_retention('signup', 'order', 'day', 10,
     cutoff => '2026-04-10', time_zone => 'Europe/Berlin', event_column => 'event_type'))
  IS DISTINCT FROM
  (SELECT array_agg(retained ORDER BY cohort, period) FROM journey.cohort_retention('signup', 'order', '24 hours', 10,
     cutoff => '2026-04-10', time_zone => 'Europe/Berlin', event_column => 'event_type')) AS rolling_differs,
  (SELECT sum(retained) FROM journey.cohort_retention('signup', 'order', 'week', 4, bounded => false,
     cutoff => '2026-04-10', time_zone => 'Europe/Berlin', event_column => 'event_type'))
  > (SELECT sum(retained) FROM journey.cohort_retention('signup', 'order', 'week', 4,
     cutoff => '2026-04-10', time_zone => 'Europe/Berlin', event_column => 'event_type')) AS unbounded_larger,
  (SELECT sum(cohort_size) FILTER (WHERE period = 0) FROM journey.cohort_retention('signup', 'order', 'week', 4,
     first_time => false, cutoff => '2026-04-10', time_zone => 'Europe/Berlin', event_column => 'event_type'))
  > (SELECT sum(cohort_size) FILTER (WHERE period = 0) FROM journey.cohort_retention('signup', 'order', 'week', 4,
     cutoff => '2026-04-10', time_zone => 'Europe/Berlin', event_column => 'event_type')) AS recurring_larger;

ROLLBACK;
