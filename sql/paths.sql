-- journey.path_edges and journey.paths: next-step and path analysis
-- (funnels.md 7).  Expected rows are derived by hand in the comments, and
-- on random data from an independent plain-SQL formulation (zero
-- differences expected).  pg_regress created the extension; earlier test
-- files may have left rows in journey.events, so the part that reads it
-- runs in a transaction that empties the table first and is rolled back.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\set SHOW_CONTEXT never

-- ---------------------------------------------------------------------
-- path_edges: one customer's events as two arrays
-- ---------------------------------------------------------------------

-- ties and NULLs.  Usable rows, in journey order: 10:00 home, then the two
-- rows of 10:01 by event text in byte order (FAQ before cart: 'F' = 0x46 <
-- 'c' = 0x63), then 10:03 checkout; the row with a NULL event (10:02) and
-- the one with a NULL time are ignored.  Forward from home, depth 4: home
-- -> FAQ -> cart -> checkout, then the journey ends (NULL) at depth 4.
SELECT * FROM journey.path_edges(
  ARRAY['2026-03-01 10:01', '2026-03-01 10:00', '2026-03-01 10:01', '2026-03-01 10:02', NULL, '2026-03-01 10:03']::timestamptz[],
  ARRAY['cart', 'home', 'FAQ', NULL, 'x', 'checkout'], 'home', 4);
-- the input order does not matter, nor does the collation of the events
-- (under the ICU root collation 'cart' sorts before 'FAQ'; the journey
-- order stays byte order)
SELECT 'cart' < 'FAQ' COLLATE "und-x-icu" AS icu_puts_cart_first;
SELECT array_agg(row(path, depth, from_event, to_event)::text ORDER BY path, depth) AS reversed_input_icu
FROM journey.path_edges(
  ARRAY['2026-03-01 10:03', NULL, '2026-03-01 10:02', '2026-03-01 10:01', '2026-03-01 10:00', '2026-03-01 10:01']::timestamptz[],
  ARRAY['checkout', 'x', NULL, 'FAQ', 'home', 'cart'] COLLATE "und-x-icu", 'home', 4);

-- occurrences.  Sequence: 1 home 10:00, 2 product 10:05, 3 product 10:06,
-- 4 cart 10:07, 5 home 10:08, 6 cart 10:09.  The anchor cart occurs at 4
-- (occurrence 1) and 6 (occurrence 2).
--   first, forward, depth 3: cart(4) -> home -> cart -> end at depth 3
--   last: cart(6) -> end at depth 1
--   every: both paths, numbered 1 and 2 with their anchor times
SELECT 'first' AS occurrence, * FROM journey.path_edges(
  ARRAY['2026-03-01 10:00', '2026-03-01 10:05', '2026-03-01 10:06', '2026-03-01 10:07', '2026-03-01 10:08', '2026-03-01 10:09']::timestamptz[],
  ARRAY['home', 'product', 'product', 'cart', 'home', 'cart'], 'cart', 3, 'forward', 'first')
UNION ALL
SELECT 'last', * FROM journey.path_edges(
  ARRAY['2026-03-01 10:00', '2026-03-01 10:05', '2026-03-01 10:06', '2026-03-01 10:07', '2026-03-01 10:08', '2026-03-01 10:09']::timestamptz[],
  ARRAY['home', 'product', 'product', 'cart', 'home', 'cart'], 'cart', 3, 'forward', 'last')
UNION ALL
SELECT 'every', * FROM journey.path_edges(
  ARRAY['2026-03-01 10:00', '2026-03-01 10:05', '2026-03-01 10:06', '2026-03-01 10:07', '2026-03-01 10:08', '2026-03-01 10:09']::timestamptz[],
  ARRAY['home', 'product', 'product', 'cart', 'home', 'cart'], 'cart', 3, 'forward', 'every')
ORDER BY 1, 2, 4;

-- backward from the first cart (position 4), depth 3: cart <- product(3)
-- <- product(2) <- home(1).  Collapsing repeats first turns the sequence
-- into home, product, cart, home, cart: cart <- product <- home <- start
-- of the journey (NULL at depth 3).
SELECT collapse, p.* FROM (VALUES (false), (true)) v(collapse),
  journey.path_edges(
    ARRAY['2026-03-01 10:00', '2026-03-01 10:05', '2026-03-01 10:06', '2026-03-01 10:07', '2026-03-01 10:08', '2026-03-01 10:09']::timestamptz[],
    ARRAY['home', 'product', 'product', 'cart', 'home', 'cart'], 'cart', 3, 'backward',
    collapse_repeats => v.collapse) p
ORDER BY 1, p.depth;

-- session cut: cart 10:00, product 10:30 (gap 30 min, equal to the
-- timeout: same session), checkout 11:01 (gap 31 min: new session).  With
-- a 30-minute timeout the path is cart -> product -> end; without one,
-- cart -> product -> checkout -> end.
SELECT t.timeout, p.depth, p.from_event, p.to_event
FROM (VALUES (NULL::interval), ('30 minutes')) t(timeout),
  journey.path_edges(ARRAY['2026-03-01 10:00', '2026-03-01 10:30', '2026-03-01 11:01']::timestamptz[],
                     ARRAY['cart', 'product', 'checkout'], 'cart', 3, session_timeout => t.timeout) p
ORDER BY 1 NULLS FIRST, 2;

-- window after the anchor (inclusive): cart 10:07, home 10:08 (1 min),
-- cart 10:09 (2 min).  A 1-minute window keeps home and ends the path
-- before the second cart; a 2-minute window keeps both.  Backward, the
-- window counts before the anchor: from the last cart (10:09), product
-- 10:06 is 3 minutes back, so a 2-minute window ends at depth 3.
SELECT w.win, w.dir, p.depth, p.from_event, p.to_event
FROM (VALUES ('1 minute'::interval, 'forward', 'first'), ('2 minutes', 'forward', 'first'),
             ('2 minutes', 'backward', 'last')) w(win, dir, occ),
  journey.path_edges(
    ARRAY['2026-03-01 10:00', '2026-03-01 10:05', '2026-03-01 10:06', '2026-03-01 10:07', '2026-03-01 10:08', '2026-03-01 10:09']::timestamptz[],
    ARRAY['home', 'product', 'product', 'cart', 'home', 'cart'], 'cart', 3, w.dir, w.occ, path_window => w.win) p
ORDER BY 1, 2 DESC, 3;

-- anchor NULL = any event: the first event (the head of the journey), the
-- last one (backward: the tail), or every event (every transition once)
SELECT occ, dir, p.path, p.depth, p.from_event, p.to_event
FROM (VALUES ('first', 'forward'), ('last', 'backward'), ('every', 'forward')) v(occ, dir),
  journey.path_edges(ARRAY['2026-03-01 10:00', '2026-03-01 10:01', '2026-03-01 10:02']::timestamptz[],
                     ARRAY['home', 'cart', 'checkout'], NULL, 2, v.dir, v.occ) p
ORDER BY 1 DESC, 2 DESC, 3, 4;

-- infinite timestamps sort last; under a session timeout their gap is
-- infinite (a new session), without one they are ordinary rows
SELECT t.timeout, p.depth, p.from_event, p.to_event
FROM (VALUES (NULL::interval), ('1 hour')) t(timeout),
  journey.path_edges(ARRAY['infinity', '2026-03-01 10:00']::timestamptz[], ARRAY['b', 'a'], 'a', 2,
                     session_timeout => t.timeout) p
ORDER BY 1 NULLS FIRST, 2;

-- no anchor, empty or NULL arrays: no rows
SELECT count(*) AS no_rows FROM (
  SELECT * FROM journey.path_edges(ARRAY['2026-03-01 10:00']::timestamptz[], ARRAY['home'], 'cart')
  UNION ALL SELECT * FROM journey.path_edges('{}', '{}', 'cart')
  UNION ALL SELECT * FROM journey.path_edges(NULL, NULL, 'cart')
  UNION ALL SELECT * FROM journey.path_edges(ARRAY[NULL]::timestamptz[], ARRAY['cart'], 'cart')) x;

-- any table: array_agg per customer, then LATERAL; here with a segment
-- (country) kept through to the counts.  a (DE): search -> product ->
-- cart; b (DE): search -> cart; c (FR): search -> product.  Next steps
-- after the first search: DE product 1, cart 1; FR product 1.
CREATE TEMP TABLE web_clicks (visitor text, clicked_at timestamptz, page text, country text);
INSERT INTO web_clicks VALUES
  ('a', '2026-03-01 09:00', 'search', 'DE'), ('a', '2026-03-01 09:01', 'product', 'DE'), ('a', '2026-03-01 09:02', 'cart', 'DE'),
  ('b', '2026-03-01 09:00', 'search', 'DE'), ('b', '2026-03-01 09:03', 'cart', 'DE'),
  ('c', '2026-03-01 09:00', 'search', 'FR'), ('c', '2026-03-01 09:04', 'product', 'FR');
SELECT v.country, p.depth, p.from_event, p.to_event, count(*) AS customers
FROM (SELECT visitor, country, array_agg(clicked_at) AS ts, array_agg(page) AS pages
      FROM web_clicks GROUP BY visitor, country) v
CROSS JOIN LATERAL journey.path_edges(v.ts, v.pages, 'search', 1) p
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4;

-- ---------------------------------------------------------------------
-- errors: 22023, naming the bad value and what is accepted
-- ---------------------------------------------------------------------

SELECT * FROM journey.paths('cart', direction => 'sideways');
SELECT * FROM journey.path_edges(ARRAY[now()], ARRAY['a'], 'a', session_timeout => '1 month');

CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT q AS call, pg_temp.error_of('SELECT * FROM ' || q) AS error
FROM (VALUES
  ('journey.paths(''cart'', 0)'),
  ('journey.paths(''cart'', 1001)'),
  ('journey.paths(''cart'', NULL)'),
  ('journey.paths(''cart'', direction => NULL)'),
  ('journey.paths(''cart'', occurrence => ''all'')'),
  ('journey.paths(''cart'', session_timeout => ''-5 minutes'')'),
  ('journey.paths(''cart'', path_window => ''1 year'')'),
  ('journey.paths(''cart'', collapse_repeats => NULL)'),
  ('journey.paths(''cart'', event_column => ''customer_id'')'),
  ('journey.paths(''cart'', event_column => ''touchpoint; DROP TABLE x'')'),
  ('journey.paths(''cart'', from_time => ''2026-03-02'', to_time => ''2026-03-01'')'),
  ('journey.path_edges(ARRAY[now()], ARRAY[''a'', ''b''], ''a'')'),
  ('journey.path_edges(ARRAY[now()], ARRAY[''a''], ''a'', occurrence => ''First'')')) v(q);

-- ---------------------------------------------------------------------
-- journey.paths over journey.events
-- ---------------------------------------------------------------------

BEGIN;
DELETE FROM journey.events;

-- p1 home 10:00, search 10:01, product 10:02, cart 10:03, checkout 10:04
--    (channels web, web, email, web, store)
-- p2 home 10:00, product 10:05, product 10:06, cart 10:07, home 10:08, cart 10:09
-- p3 home 10:00, cart 10:01, FAQ 10:01, checkout 10:02  (order: home, FAQ, cart, checkout)
-- p4 home 10:00, (NULL touchpoint) 10:01, cart 10:02
-- p5 cart 10:00, product 10:30, checkout 11:01
-- p6 home 10:00, search 10:01  (never reaches cart)
-- p7 cart 10:00, checkout 10:01, cart 10:02, checkout 10:03
INSERT INTO journey.events (customer_id, occurred_at, touchpoint, channel) VALUES
  ('p1', '2026-03-01 10:00', 'home', 'web'), ('p1', '2026-03-01 10:01', 'search', 'web'),
  ('p1', '2026-03-01 10:02', 'product', 'email'), ('p1', '2026-03-01 10:03', 'cart', 'web'),
  ('p1', '2026-03-01 10:04', 'checkout', 'store'),
  ('p2', '2026-03-01 10:00', 'home', NULL), ('p2', '2026-03-01 10:05', 'product', NULL),
  ('p2', '2026-03-01 10:06', 'product', NULL), ('p2', '2026-03-01 10:07', 'cart', NULL),
  ('p2', '2026-03-01 10:08', 'home', NULL), ('p2', '2026-03-01 10:09', 'cart', NULL),
  ('p3', '2026-03-01 10:00', 'home', NULL), ('p3', '2026-03-01 10:01', 'cart', NULL),
  ('p3', '2026-03-01 10:01', 'FAQ', NULL), ('p3', '2026-03-01 10:02', 'checkout', NULL),
  ('p4', '2026-03-01 10:00', 'home', NULL), ('p4', '2026-03-01 10:01', NULL, NULL),
  ('p4', '2026-03-01 10:02', 'cart', NULL),
  ('p5', '2026-03-01 10:00', 'cart', NULL), ('p5', '2026-03-01 10:30', 'product', NULL),
  ('p5', '2026-03-01 11:01', 'checkout', NULL),
  ('p6', '2026-03-01 10:00', 'home', NULL), ('p6', '2026-03-01 10:01', 'search', NULL),
  ('p7', '2026-03-01 10:00', 'cart', NULL), ('p7', '2026-03-01 10:01', 'checkout', NULL),
  ('p7', '2026-03-01 10:02', 'cart', NULL), ('p7', '2026-03-01 10:03', 'checkout', NULL);

-- forward from the first cart, depth 3.  Paths:
--   p1 cart -> checkout -> end          p2 cart -> home -> cart -> end
--   p3 cart -> checkout -> end          p4 cart -> end (the NULL row is skipped)
--   p5 cart -> product -> checkout -> end
--   p7 cart -> checkout -> cart -> checkout (depth 3 reached: no end marker)
-- depth 1: cart->checkout p1 p3 p7 = 3, cart->home p2 = 1, cart->product
-- p5 = 1, cart->end p4 = 1 (6 customers with a cart); depth 2:
-- checkout->cart p7, checkout->end p1 p3, home->cart p2, product->checkout
-- p5; depth 3: cart->checkout p7, cart->end p2, checkout->end p5
SELECT * FROM journey.paths('cart');

-- with a 30-minute session timeout only p5 changes (its 31-minute gap
-- before checkout): product->checkout becomes product->end, and its
-- depth-3 checkout->end disappears
SELECT * FROM journey.paths('cart', session_timeout => '30 minutes');

-- every cart, depth 1: p2 has two (-> home, -> end), p7 two (-> checkout
-- twice).  cart->checkout: customers p1 p3 p7 = 3, paths 4; cart->end:
-- customers p2 p4 = 2, paths 2
SELECT * FROM journey.paths('cart', 1, occurrence => 'every');

-- the last cart, depth 2: p1 -> checkout -> end, p2 -> end, p3 ->
-- checkout -> end, p4 -> end, p5 -> product -> checkout, p7 (cart at
-- 10:02) -> checkout -> end
SELECT * FROM journey.paths('cart', 2, occurrence => 'last');

-- backward from the first checkout, depth 2: p1 checkout <- cart <-
-- product; p3 checkout <- cart <- FAQ (byte order put FAQ before cart);
-- p5 checkout <- product <- cart; p7 checkout <- cart <- start (NULL)
SELECT * FROM journey.paths('checkout', 2, 'backward');

-- another event column: channels exist for p1 only (NULL rows are
-- ignored): web, web, email, web, store.  From email: email -> web ->
-- store; from the head (anchor NULL): web -> web -> email
SELECT 'email' AS anchor, * FROM journey.paths('email', 2, event_column => 'channel')
UNION ALL
SELECT 'any', * FROM journey.paths(NULL, 2, event_column => 'channel');

-- time range [10:02, 10:04): p1 keeps product 10:02, cart 10:03 (its
-- checkout at 10:04 is outside); p4 keeps cart 10:02; p7 keeps cart
-- 10:02, checkout 10:03; p3 keeps only checkout.  Paths from cart: p1
-- cart -> end, p4 cart -> end, p7 cart -> checkout -> end
SELECT * FROM journey.paths('cart', from_time => '2026-03-01 10:02', to_time => '2026-03-01 10:04');

-- the depth-1 rows are the next-step distribution: they add up to one
-- path per anchor
SELECT sum(paths) AS anchors FROM journey.paths('cart', occurrence => 'every') WHERE depth = 1;
SELECT count(*) AS carts FROM journey.events WHERE touchpoint = 'cart';

-- ---------------------------------------------------------------------
-- random data against an independent plain-SQL formulation
-- ---------------------------------------------------------------------

-- 200 customers, 1..15 events each on a 10-minute grid over 4 hours (ties
-- and gaps around the 30-minute timeout are common), touchpoints where
-- byte order and linguistic order differ, some NULL touchpoints
DELETE FROM journey.events;
SELECT setseed(0.271);
INSERT INTO journey.events (customer_id, occurred_at, touchpoint)
SELECT 'r' || c, timestamptz '2026-03-01 08:00+00' + (random() * 24)::int * interval '10 minutes',
       (ARRAY['a', 'B', 'b', 'C', NULL])[1 + (random() * 4.6)::int]
FROM generate_series(1, 200) c, generate_series(1, 1 + (random() * 14)::int) i;

-- the oracle: rows numbered per customer in (time, byte order); a session
-- starts at a row whose gap to the previous row exceeds the timeout, and
-- a row's session is the number of the latest start at or before it; runs
-- of one event inside a session are collapsed by keeping rows that differ
-- from their predecessor; each anchor's next (or previous) k rows are
-- joined by number, the path length L is the number of rows before the
-- first one that is missing, in another session or outside the window,
-- and the path array (anchor, e1 .. eL) gives edge d as (path[d],
-- path[d + 1]) for d = 1 .. min(L + 1, k)
CREATE FUNCTION pg_temp.oracle_paths(anc text, k int, dir text, occ text, tmo interval, win interval, col boolean)
RETURNS TABLE (depth int, from_event text, to_event text, customers bigint, paths bigint)
LANGUAGE sql AS $$
WITH base AS (
  SELECT customer_id AS c, occurred_at AS t, touchpoint AS e,
         row_number() OVER (PARTITION BY customer_id ORDER BY occurred_at, touchpoint COLLATE "C") AS i
  FROM journey.events WHERE touchpoint IS NOT NULL
), starts AS (
  SELECT b.*, (b.i = 1 OR (tmo IS NOT NULL AND b.t - p.t > tmo)) AS is_start, p.e AS prev_e
  FROM base b LEFT JOIN base p ON p.c = b.c AND p.i = b.i - 1
), sess AS (
  SELECT s.*, max(CASE WHEN s.is_start THEN s.i END) OVER (PARTITION BY s.c ORDER BY s.i) AS sid
  FROM starts s
), kept AS (
  SELECT c, t, e, sid, row_number() OVER (PARTITION BY c ORDER BY i) AS j
  FROM sess WHERE NOT (col AND NOT is_start AND e = prev_e)
), anchors AS (
  SELECT c, t, e, sid, j FROM (
    SELECT kept.*, min(j) OVER (PARTITION BY c) AS jmin, max(j) OVER (PARTITION BY c) AS jmax
    FROM kept WHERE anc IS NULL OR e = anc) a
  WHERE occ = 'every' OR (occ = 'first' AND j = jmin) OR (occ = 'last' AND j = jmax)
), steps AS (
  SELECT a.c, a.j AS aj, a.e AS ae, g.d, r.e,
         r.sid = a.sid AND (win IS NULL OR abs(extract(epoch FROM r.t - a.t)) <= extract(epoch FROM win)) AS good
  FROM anchors a CROSS JOIN generate_series(1, k) g(d)
  JOIN kept r ON r.c = a.c AND r.j = a.j + CASE WHEN dir = 'forward' THEN g.d ELSE -g.d END
), lens AS (
  SELECT a.c, a.j, a.e,
         LEAST(k, COALESCE(min(s.d) FILTER (WHERE NOT s.good) - 1, count(s.d))) AS l
  FROM anchors a LEFT JOIN steps s ON s.c = a.c AND s.aj = a.j
  GROUP BY a.c, a.j, a.e
), arr AS (
  SELECT l.c, l.j, l.l,
         ARRAY[l.e] || COALESCE(array_agg(s.e ORDER BY s.d) FILTER (WHERE s.d <= l.l), '{}') AS path
  FROM lens l LEFT JOIN steps s ON s.c = l.c AND s.aj = l.j
  GROUP BY l.c, l.j, l.l, l.e
)
SELECT g.d, arr.path[g.d], arr.path[g.d + 1], count(DISTINCT arr.c), count(*)
FROM arr CROSS JOIN generate_series(1, LEAST(arr.l + 1, k)) g(d)
GROUP BY 1, 2, 3
$$;

-- every combination of anchor (any / 'b'), depth (1, 3), direction,
-- occurrence, collapse, timeout (none / 30 min) and window (none / 40 min)
CREATE TEMP TABLE path_combos AS
SELECT anc, k, dir, occ, tmo, win, col
FROM unnest(ARRAY[NULL, 'b']) anc, unnest(ARRAY[1, 3]) k, unnest(ARRAY['forward', 'backward']) dir,
     unnest(ARRAY['first', 'last', 'every']) occ, unnest(ARRAY[NULL, '30 minutes']::interval[]) tmo,
     unnest(ARRAY[NULL, '40 minutes']::interval[]) win, unnest(ARRAY[false, true]) col;
SELECT count(*) AS combinations, sum(x.n_rows) AS edge_rows, sum(x.differences) AS differences
FROM path_combos pc, LATERAL (
  WITH a AS MATERIALIZED (SELECT * FROM journey.paths(pc.anc, pc.k, pc.dir, pc.occ, pc.tmo, pc.win, pc.col)),
       o AS MATERIALIZED (SELECT * FROM pg_temp.oracle_paths(pc.anc, pc.k, pc.dir, pc.occ, pc.tmo, pc.win, pc.col))
  SELECT (SELECT count(*) FROM a) AS n_rows,
         (SELECT count(*) FROM ((TABLE a EXCEPT ALL TABLE o) UNION ALL (TABLE o EXCEPT ALL TABLE a)) d) AS differences) x;
-- the data exercises what it should: ties, several anchors per customer,
-- end markers, session breaks and repeats
SELECT count(*) FILTER (WHERE n > 1) > 0 AS has_ties,
       count(*) FILTER (WHERE n = 1) > 0 AS has_single_rows
FROM (SELECT customer_id, occurred_at, count(*) AS n FROM journey.events
      WHERE touchpoint IS NOT NULL GROUP BY 1, 2) x;
SELECT count(*) FILTER (WHERE a.customers < a.paths) > 0 AS customers_differ_from_paths,
       count(*) FILTER (WHERE a.to_event IS NULL) > 0 AS has_end_markers
FROM journey.paths('b', 3, occurrence => 'every') a;
SELECT (SELECT count(*) FROM journey.paths('b', 3, session_timeout => '30 minutes'))
       <> (SELECT count(*) FROM journey.paths('b', 3)) AS timeout_changes_paths,
       (SELECT sum(paths) FROM journey.paths(NULL, 1, occurrence => 'every', collapse_repeats => true))
       < (SELECT sum(paths) FROM journey.paths(NULL, 1, occurrence => 'every')) AS collapse_removes_repeats;

-- the per-customer function agrees with the aggregate when called through
-- array_agg on the same rows
SELECT count(*) AS differences FROM (
  (SELECT depth, from_event, to_event, count(DISTINCT customer_id), count(*)
   FROM (SELECT customer_id, array_agg(occurred_at) AS ts, array_agg(touchpoint) AS es
         FROM journey.events GROUP BY customer_id) c,
        LATERAL journey.path_edges(c.ts, c.es, 'b', 3, 'backward', 'every', '30 minutes', NULL, true) p
   GROUP BY 1, 2, 3)
  EXCEPT ALL
  SELECT * FROM journey.paths('b', 3, 'backward', 'every', '30 minutes', NULL, true)) d;

ROLLBACK;
