#!/usr/bin/env bash
# pg_dump/restore keeps tables of score summaries and quantile sketches
# bit-identical, the extension's own tables (events, user rows of the
# configuration tables), and views and a materialized view over the funnel
# aggregates, in plain and custom format.  Runs against the server of test/suite (PG* set).
set -euo pipefail
PSQL="psql -X -q -v ON_ERROR_STOP=1"
for db in jr_src jr_plain jr_custom; do dropdb --if-exists "$db" 2>/dev/null; createdb "$db"; done
trap 'for db in jr_src jr_plain jr_custom; do dropdb --if-exists "$db" 2>/dev/null; done' EXIT

$PSQL -d jr_src <<'SQL'
CREATE EXTENSION journey;
CREATE TABLE summaries (id int PRIMARY KEY, s journey.score_summary);
INSERT INTO summaries VALUES
	(1, '{}'), (2, '{0:1,9:2,10:3}'), (3, '{1:5,7:2}/7'), (4, '{10:9223372036854775807}'),
	(5, NULL), (6, '{1:1,5:3}/5');
INSERT INTO summaries
SELECT 100 + g, journey.score_summary((hashint4(i) & 2147483647) % 11)
FROM generate_series(1, 50000) i, LATERAL (SELECT i % 97 AS g) x GROUP BY g;
CREATE TABLE sketches (id int PRIMARY KEY, sk journey.quantile_sketch);
INSERT INTO sketches
SELECT i % 50, journey.percentile_agg(exp(sin(i) * 5) * (CASE WHEN i % 7 = 0 THEN -1 ELSE 1 END))
FROM generate_series(1, 20000) i GROUP BY i % 50;
INSERT INTO sketches VALUES (1000, NULL);
-- extension-owned tables: events and user rows of the configuration tables
INSERT INTO journey.events (customer_id, occurred_at, touchpoint, nps, properties)
SELECT 'c' || i, timestamptz '2026-01-01 00:00+00' + i * interval '1 hour', 'checkout',
       i % 11, jsonb_build_object('i', i)
FROM generate_series(1, 1000) i;
INSERT INTO journey.stages (stage, position, description) VALUES ('renewal', 6, 'user stage');
INSERT INTO journey.emotions (emotion, valence) VALUES ('boredom', 'negative');
INSERT INTO journey.channels (channel, kind) VALUES ('kiosk', 'physical');
-- views over the funnel aggregates (boolean, VARIADIC and event-value
-- forms) and a materialized view of a stored funnel_summary: their
-- definitions must restore and give the same rows
INSERT INTO journey.events (customer_id, occurred_at, touchpoint)
SELECT 'c' || (i % 40), timestamptz '2026-02-01 00:00+00' + i * interval '7 minutes',
       (ARRAY['home', 'cart', 'checkout'])[1 + i % 3]
FROM generate_series(1, 600) i;
CREATE VIEW funnel_levels AS
SELECT customer_id,
       journey.window_funnel('1 day', occurred_at, touchpoint = 'home', touchpoint = 'cart', touchpoint = 'checkout') AS l_bool,
       journey.window_funnel('2 hours', 'strict_order', occurred_at, VARIADIC ARRAY[touchpoint = 'home', touchpoint = 'checkout']) AS l_var,
       journey.window_funnel_events('1 day', occurred_at, touchpoint, 'home', 'cart', 'checkout') AS l_ev,
       journey.window_funnel_events_times('1 hour', 'strict_increase', occurred_at, touchpoint, 'cart', 'checkout') AS t_ev
FROM journey.events GROUP BY customer_id;
CREATE MATERIALIZED VIEW funnel_mv AS SELECT journey.funnel_summary(l_ev, 3) AS s FROM funnel_levels;
SQL

snapshot() {
	psql -X -At -d "$1" -c "SELECT id, s::text, encode(journey.score_summary_send(s), 'hex'), CASE WHEN journey.score_scale(s) IS NULL THEN journey.nps(s) END
	                         FROM summaries ORDER BY id"
	psql -X -At -d "$1" -c "SELECT id, sk::text, encode(journey.quantile_sketch_send(sk), 'hex'),
	                         journey.approx_percentiles(sk, '{0.1,0.5,0.99}') FROM sketches ORDER BY id"
	psql -X -At -d "$1" -c "SELECT event_id, customer_id, occurred_at, nps, properties FROM journey.events ORDER BY 1"
	psql -X -At -d "$1" -c "SELECT stage, position, builtin FROM journey.stages ORDER BY 1"
	psql -X -At -d "$1" -c "SELECT emotion, valence, builtin FROM journey.emotions ORDER BY 1"
	psql -X -At -d "$1" -c "SELECT channel, kind, builtin FROM journey.channels ORDER BY 1"
	psql -X -At -d "$1" -c "SELECT * FROM funnel_levels ORDER BY customer_id"
	psql -X -At -d "$1" -c "SELECT s::text FROM funnel_mv"
	# the identity sequence carries on after the restored rows
	psql -X -At -d "$1" -c "SELECT pg_sequence_last_value(pg_get_serial_sequence('journey.events', 'event_id'))"
}
want=$(snapshot jr_src)

pg_dump -d jr_src | $PSQL -d jr_plain >/dev/null
pg_dump -Fc -d jr_src -f /tmp/journey_dump_test.dump
pg_restore -d jr_custom /tmp/journey_dump_test.dump
rm -f /tmp/journey_dump_test.dump

status=0
for db in jr_plain jr_custom; do
	got=$(snapshot "$db")
	if [ "$got" = "$want" ]; then
		echo "dump/restore into $db: $(echo "$got" | wc -l) rows identical"
	else
		echo "dump/restore into $db differs:"; diff <(echo "$want") <(echo "$got") | head -20
		status=1
	fi
done
exit $status
