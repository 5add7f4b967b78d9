#!/usr/bin/env bash
# test/bench/funnel_parts.sh: where the time of journey.window_funnel over
# the group-by floor goes, and how much of it depends on the physical order
# of the events.  On 2 M events of 100 000 customers, stored twice: in time
# order (an event log, as in test/bench/funnel.sh) and in customer order,
# it times with parallel query off, in BENCH_ROUNDS alternating rounds:
#   floor   count(*) GROUP BY customer
#   max_ts  max(ts) GROUP BY customer (the floor plus reading ts)
#   conds   count(*) FILTER (four step conditions, and ts) GROUP BY customer:
#           everything the executor does for window_funnel's arguments,
#           without the funnel
#   funnel  journey.window_funnel(interval '1 day', ts, event = 1 .. 4)
#   floor_4MB, funnel_4MB  the floor and the funnel with work_mem 4MB
#           (PostgreSQL's default), where the hash aggregate spills to disk
#           and aggregates the customers in batches
# Each query is summed so that nothing is planned away.  It prints the
# medians and the median of the per-round ratios to the floor of the same
# table, then the hash aggregate's batches, peak memory and disk use of the
# floor and the funnel (EXPLAIN ANALYZE) at the session's work_mem and at
# 4MB.  Run it inside a throwaway cluster, with journey installed:
#
#   pg_virtualenv -t -v 15 -o work_mem=256MB bash test/bench/funnel_parts.sh
set -euo pipefail
rounds=${BENCH_ROUNDS:-7}
psql=(psql -X -q -v ON_ERROR_STOP=1)

"${psql[@]}" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
DROP TABLE IF EXISTS parts_time, parts_customer, parts_ms;
CREATE TABLE parts_time AS
SELECT (hashint4(i) & 2147483647) % 100000 AS customer,
       timestamptz '2026-01-01' + (i * 259200.0 / 2000000) * interval '1 second' AS ts,
       1 + (hashint4(i + 2) & 2147483647) % 6 AS event
FROM generate_series(1, 2000000) i;
CREATE TABLE parts_customer AS SELECT * FROM parts_time ORDER BY customer, ts;
VACUUM ANALYZE parts_time;
VACUUM ANALYZE parts_customer;
CREATE TABLE parts_ms (tab text, q text, round int, ms float8);
CREATE OR REPLACE FUNCTION funnel_parts_ms(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz;
BEGIN
	t0 := clock_timestamp();
	EXECUTE q;
	RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;
SQL

# the same levels from both tables, or the comparison means nothing
diff=$("${psql[@]}" -At -c "SELECT count(*) FROM (
	SELECT customer, journey.window_funnel(interval '1 day', ts, event = 1, event = 2, event = 3, event = 4) FROM parts_time GROUP BY customer
	EXCEPT SELECT customer, journey.window_funnel(interval '1 day', ts, event = 1, event = 2, event = 3, event = 4) FROM parts_customer GROUP BY customer) d")
if [ "$diff" != 0 ]; then
	echo "funnel_parts: the two orders give different levels for $diff customers" >&2
	exit 1
fi

"${psql[@]}" <<SQL
SET max_parallel_workers_per_gather = 0;
DO \$\$
DECLARE
	tab text;
	q text;
	wm text := current_setting('work_mem');
	queries text[][] := ARRAY[
		ARRAY['floor', 'SELECT sum(n) FROM (SELECT customer, count(*) n FROM %s GROUP BY customer) q'],
		ARRAY['max_ts', 'SELECT count(m) FROM (SELECT customer, max(ts) m FROM %s GROUP BY customer) q'],
		ARRAY['conds', 'SELECT sum(n) FROM (SELECT customer, count(*) FILTER (WHERE event = 1 OR event = 2 OR event = 3 OR event = 4 OR ts IS NULL) n FROM %s GROUP BY customer) q'],
		ARRAY['funnel', 'SELECT sum(l) FROM (SELECT customer, journey.window_funnel(interval ''1 day'', ts, event = 1, event = 2, event = 3, event = 4) l FROM %s GROUP BY customer) q']];
BEGIN
	FOR r IN 0..$rounds LOOP		-- round 0 warms up
		FOREACH tab IN ARRAY CASE WHEN r % 2 = 0 THEN ARRAY['parts_time', 'parts_customer']
								  ELSE ARRAY['parts_customer', 'parts_time'] END LOOP
			FOR i IN 1..4 LOOP
				INSERT INTO parts_ms SELECT tab, queries[i][1], r, funnel_parts_ms(format(queries[i][2], tab));
			END LOOP;
			PERFORM set_config('work_mem', '4MB', true);
			INSERT INTO parts_ms SELECT tab, 'floor_4MB', r, funnel_parts_ms(format(queries[1][2], tab));
			INSERT INTO parts_ms SELECT tab, 'funnel_4MB', r, funnel_parts_ms(format(queries[4][2], tab));
			PERFORM set_config('work_mem', wm, true);
		END LOOP;
	END LOOP;
END \$\$;
SQL

"${psql[@]}" -P footer=off <<'SQL'
SELECT m.tab AS "table", m.q AS query,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY m.ms)::numeric, 1) AS median_ms,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY m.ms / f.ms)::numeric, 2) AS ratio_to_floor
FROM parts_ms m JOIN parts_ms f ON f.tab = m.tab AND f.round = m.round AND f.q = 'floor'
WHERE m.round > 0
GROUP BY m.tab, m.q
ORDER BY m.tab DESC, median_ms;
SQL

# the hash aggregate's memory: its peak, and its batches and disk use when
# the groups do not fit in work_mem (hash_mem_multiplier times work_mem)
session_wm=$("${psql[@]}" -At -c 'SHOW work_mem')
for tab in parts_time parts_customer; do
	for wm in "$session_wm" 4MB; do
		for q in "count(*)" "journey.window_funnel(interval '1 day', ts, event = 1, event = 2, event = 3, event = 4)"; do
			line=$("${psql[@]}" -At -c "SET max_parallel_workers_per_gather = 0" -c "SET work_mem = '$wm'" \
				-c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) SELECT customer, $q FROM $tab GROUP BY customer" |
				grep -o 'Batches:.*' | tr -s ' ')
			printf '%-15s work_mem %-6s %-22s %s\n' "$tab" "$wm" "${q%%(*}" "$line"
		done
	done
done
