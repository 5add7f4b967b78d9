-- Event model: score domains, configuration tables, journey.events.
-- pg_regress created the extension (--load-extension); earlier test files
-- ran in the same database, so the queries below look only at this file's
-- rows, and the rows it adds are rolled back.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

-- score domains: the bounds are accepted
SELECT 0::journey.nps_score AS nps_min, 10::journey.nps_score AS nps_max,
       1::journey.csat_score AS csat_min, 10::journey.csat_score AS csat_max,
       1::journey.ces_score AS ces_min, 7::journey.ces_score AS ces_max,
       NULL::journey.nps_score IS NULL AS null_ok;
-- and every value outside them is rejected
SELECT 11::journey.nps_score;
SELECT (-1)::journey.nps_score;
SELECT 0::journey.csat_score;
SELECT 11::journey.csat_score;
SELECT 0::journey.ces_score;
SELECT 8::journey.ces_score;
-- the constraints have meaningful names and comments
SELECT t.typname AS domain, c.conname, pg_get_constraintdef(c.oid) AS definition,
       obj_description(c.oid, 'pg_constraint') IS NOT NULL AS commented
FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid
WHERE t.typnamespace = 'journey'::regnamespace
  AND t.typname IN ('nps_score', 'csat_score', 'ces_score')
ORDER BY 1;

-- seeded configuration rows
SELECT stage, position, description FROM journey.stages WHERE builtin ORDER BY position;
SELECT emotion, valence FROM journey.emotions WHERE builtin ORDER BY valence, emotion;
SELECT channel, kind, description FROM journey.channels WHERE builtin ORDER BY kind, channel;

-- the configuration tables check what they can
INSERT INTO journey.emotions (emotion, valence) VALUES ('meh', 'lukewarm');
INSERT INTO journey.stages (stage, position) VALUES ('advocacy', 5);
INSERT INTO journey.stages (stage, position) VALUES ('awareness', 9);

-- a score out of range is rejected during COPY too
COPY journey.events (customer_id, occurred_at, nps) FROM STDIN;
ev-x	2026-03-01 00:00:00+00	11
\.

BEGIN;
-- user rows: builtin defaults to false
INSERT INTO journey.stages (stage, position, description) VALUES ('renewal', 6, 'subscription renewal');
INSERT INTO journey.emotions (emotion, valence, description) VALUES ('reassurance', 'positive', 'doubts answered by a person');
SELECT stage, position, builtin FROM journey.stages ORDER BY position;
SELECT emotion, valence, builtin FROM journey.emotions WHERE NOT builtin;
-- pg_dump selects each configuration table through its extcondition: only
-- the user rows
SELECT pg_catalog.format('SELECT %L AS config_table, count(*) AS dumped_rows FROM %s %s',
                         x.cfg::regclass, x.cfg::regclass, x.cond)
FROM pg_extension e, unnest(e.extconfig, e.extcondition) WITH ORDINALITY AS x(cfg, cond, n)
WHERE e.extname = 'journey'
  AND x.cfg IN ('journey.stages'::regclass, 'journey.emotions'::regclass, 'journey.channels'::regclass)
ORDER BY x.n
\gexec

-- bulk load in COPY text format: \N is NULL, event_id comes from the
-- identity, and stage/channel/emotion need not be configured (no foreign
-- keys): 'checkout', 'kiosk' and 'boredom' are not
COPY journey.events (customer_id, occurred_at, touchpoint, stage, channel, event_type,
                     nps, csat, ces, emotion, value, session_id, feedback, properties) FROM STDIN;
ev-a	2026-03-02 09:15:00+00	product finding	consideration	web	page_view	\N	\N	\N	curiosity	\N	s1	\N	{"page": "/shoes"}
ev-a	2026-03-02 09:20:00+00	checkout	purchase	web	order	\N	\N	\N	anxiety	49.90	s1	\N	\N
ev-a	2026-03-09 18:00:00+00	post-purchase follow-up	loyalty	email	survey_response	10	5	7	delight	\N	\N	fast and friendly	\N
ev-b	2026-03-03 11:00:00+00	support call	delivery	call_centre	survey_response	3	2	2	frustration	\N	\N	parcel late\tagain	\N
ev-b	2026-04-01 08:30:00+00	renewal reminder	renewal	store	call	\N	10	\N	reassurance	\N	\N	\N	{"agent": 17}
ev-c	2026-03-05 12:00:00+00	checkout	checkout	kiosk	order	0	\N	\N	boredom	0	\N	\N	\N
\.
SELECT customer_id, occurred_at, stage, channel, event_type, nps, csat, ces, emotion, value, properties
FROM journey.events WHERE customer_id LIKE 'ev-_' ORDER BY customer_id, occurred_at;
SELECT count(*) AS events, count(nps) AS nps, count(csat) AS csat, count(ces) AS ces,
       count(value) AS with_value, count(session_id) AS with_session,
       count(feedback) AS with_feedback, count(properties) AS with_properties,
       count(DISTINCT event_id) = count(*) AS ids_unique,
       bool_or(feedback = E'parcel late\tagain') AS tab_escape_read
FROM journey.events WHERE customer_id LIKE 'ev-_';
-- the values are matched to the configuration tables by joins, as reports
-- do; unconfigured values find no match
SELECT e.customer_id, e.occurred_at::date AS day, e.stage, s.position, e.channel, c.kind,
       e.emotion, m.valence
FROM journey.events e
     LEFT JOIN journey.stages s ON s.stage = e.stage
     LEFT JOIN journey.channels c ON c.channel = e.channel
     LEFT JOIN journey.emotions m ON m.emotion = e.emotion
WHERE e.customer_id LIKE 'ev-_'
ORDER BY e.customer_id, e.occurred_at;
ROLLBACK;

-- both secondary indexes of journey.events exist
SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = 'journey' AND tablename = 'events' ORDER BY indexname;

-- every column and index of the event model has a comment
SELECT a.attrelid::regclass AS "table", a.attname AS uncommented_column
FROM pg_attribute a
WHERE a.attrelid IN ('journey.stages'::regclass, 'journey.emotions'::regclass,
                     'journey.channels'::regclass, 'journey.events'::regclass)
  AND a.attnum > 0 AND NOT a.attisdropped
  AND col_description(a.attrelid, a.attnum) IS NULL
ORDER BY 1, 2;
SELECT i.indexrelid::regclass AS uncommented_index
FROM pg_index i
WHERE i.indrelid IN ('journey.stages'::regclass, 'journey.emotions'::regclass,
                     'journey.channels'::regclass, 'journey.events'::regclass)
  AND obj_description(i.indexrelid, 'pg_class') IS NULL
ORDER BY 1;

-- pg_dump keeps the user rows of the configuration tables and all of
-- journey.events and its identity sequence: each is registered in
-- pg_extension with its filter condition
SELECT o.obj AS object, c.relkind, x.cfg IS NOT NULL AS registered,
       pg_catalog.quote_nullable(x.cond) AS condition
FROM (VALUES (1, 'journey.stages'), (2, 'journey.emotions'), (3, 'journey.channels'),
             (4, 'journey.events'), (5, pg_get_serial_sequence('journey.events', 'event_id')))
       AS o(n, obj)
     JOIN pg_class c ON c.oid = o.obj::regclass
     LEFT JOIN (SELECT u.cfg, u.cond
                FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(cfg, cond)
                WHERE e.extname = 'journey') x ON x.cfg = c.oid
ORDER BY o.n;
