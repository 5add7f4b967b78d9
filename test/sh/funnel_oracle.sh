#!/usr/bin/env bash
# Differential test of journey.window_funnel and journey.window_funnel_times
# (with exclusion steps) against the brute-force oracle
# test/fixtures/funnel_oracle.py (derived from the funnels specification
# only): random small customers, all 24 mode combinations, dense timestamp
# ties, NULL timestamps and steps, timestamps before 1970, timestamptz and
# timestamp, the long and the short (VARIADIC) forms, rows fed in several
# orders.  Every customer is compared, not a histogram.
# Runs against the server of test/suite (PG* set).
# FUNNEL_SEED (default 1) and FUNNEL_CUSTOMERS (default 3000) override the case.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
oracle=$here/../fixtures/funnel_oracle.py
seed=${FUNNEL_SEED:-1}
customers=${FUNNEL_CUSTOMERS:-3000}
db=jr_funnel_oracle
PSQL="psql -X -q -v ON_ERROR_STOP=1"
tmp=$(mktemp -d)
dropdb --if-exists "$db" 2>/dev/null
createdb "$db"
trap 'dropdb --if-exists "$db" 2>/dev/null; rm -rf "$tmp"' EXIT

if ! python3 "$oracle" --selftest >"$tmp/selftest.log"; then
	grep -v '^ok' "$tmp/selftest.log"
	exit 1
fi
echo "oracle $(tail -1 "$tmp/selftest.log")"
python3 "$oracle" "$tmp" --seed "$seed" --customers "$customers"

$PSQL -d "$db" <<'SQL'
CREATE EXTENSION journey;
-- columns: see the header of events.tsv / expected.tsv / ambiguous.tsv
CREATE TABLE ev (c int, n int, w bigint, mode text, xsteps int[], rn int, t bigint,
                 steps bool[], excl bool[]);
CREATE TABLE expected (c int PRIMARY KEY, level int, times bigint[]);
CREATE TABLE ambiguous (c int, kind text, level int, times bigint[]);
SQL
grep -v '^#' "$tmp/events.tsv" | $PSQL -d "$db" -c '\copy ev FROM pstdin'
grep -v '^#' "$tmp/expected.tsv" | $PSQL -d "$db" -c '\copy expected FROM pstdin'
grep -v '^#' "$tmp/ambiguous.tsv" | $PSQL -d "$db" -c '\copy ambiguous FROM pstdin'

$PSQL -d "$db" <<'SQL'
-- microseconds <-> timestamps, exactly (|t| < 2^51, so the float8 factor of
-- float8 * interval is exact; extract() returns numeric since PostgreSQL 14)
CREATE FUNCTION us2tz(bigint) RETURNS timestamptz IMMUTABLE LANGUAGE sql
	AS $$ SELECT 'epoch'::timestamptz + $1 * interval '1 microsecond' $$;
CREATE FUNCTION us2ts(bigint) RETURNS timestamp IMMUTABLE LANGUAGE sql
	AS $$ SELECT 'epoch'::timestamp + $1 * interval '1 microsecond' $$;
CREATE FUNCTION us2tz(bigint[]) RETURNS timestamptz[] IMMUTABLE LANGUAGE sql
	AS $$ SELECT CASE WHEN $1 IS NOT NULL THEN
	        ARRAY(SELECT us2tz(x) FROM unnest($1) WITH ORDINALITY u(x, o) ORDER BY o) END $$;
CREATE FUNCTION us2ts(bigint[]) RETURNS timestamp[] IMMUTABLE LANGUAGE sql
	AS $$ SELECT CASE WHEN $1 IS NOT NULL THEN
	        ARRAY(SELECT us2ts(x) FROM unnest($1) WITH ORDINALITY u(x, o) ORDER BY o) END $$;
CREATE FUNCTION tz2us(timestamptz[]) RETURNS text IMMUTABLE LANGUAGE sql
	AS $$ SELECT CASE WHEN $1 IS NOT NULL THEN '{' || coalesce(
	        (SELECT string_agg(CASE WHEN x IS NULL THEN 'NULL' WHEN isfinite(x)
	                 THEN ((extract(epoch FROM x) * 1000000)::bigint)::text ELSE x::text END, ',' ORDER BY o)
	         FROM unnest($1) WITH ORDINALITY u(x, o)), '') || '}' END $$;
CREATE FUNCTION ts2us(timestamp[]) RETURNS text IMMUTABLE LANGUAGE sql
	AS $$ SELECT CASE WHEN $1 IS NOT NULL THEN '{' || coalesce(
	        (SELECT string_agg(CASE WHEN x IS NULL THEN 'NULL' WHEN isfinite(x)
	                 THEN ((extract(epoch FROM x) * 1000000)::bigint)::text ELSE x::text END, ',' ORDER BY o)
	         FROM unnest($1) WITH ORDINALITY u(x, o)), '') || '}' END $$;

-- stored in a scrambled order: a customer's rows are spread over the table,
-- so a scan without ORDER BY feeds them in no particular order and parallel
-- workers see parts of the same customer (combine, serialisation)
CREATE TABLE e AS
	SELECT ev.*, us2tz(t) AS ts, us2ts(t) AS tsl, w * interval '1 microsecond' AS win FROM ev
	ORDER BY md5(c || '/' || rn);
CREATE INDEX ON e (c);
ANALYZE e;

-- the conversion is exact both ways
DO $$
DECLARE bad bigint;
BEGIN
	SELECT count(*) INTO bad FROM e
	WHERE (extract(epoch FROM ts) * 1000000)::bigint IS DISTINCT FROM t
	   OR (extract(epoch FROM tsl) * 1000000)::bigint IS DISTINCT FROM t
	   OR (extract(epoch FROM win) * 1000000)::bigint IS DISTINCT FROM w;
	IF bad > 0 THEN RAISE EXCEPTION '% rows: timestamp conversion not exact', bad; END IF;
END $$;

-- results: one row per (variant, customer).  dir says which order the rows
-- of a customer reach the aggregate in: fwd = row number order, rev =
-- reverse row number order, any = unspecified (matters only for the
-- customers listed in ambiguous.tsv).  kind: tz / ts = level and times
-- compared (timestamptz / timestamp), level = level only.
CREATE TABLE got (v text, dir text, kind text, c int, level int,
                  times_tz timestamptz[], times_ts timestamp[], err text, id bigserial);

CREATE FUNCTION run_variant(v text, dir text, kind text, pred text, q text) RETURNS void
LANGUAGE plpgsql AS $f$
DECLARE
	cc int;
	nerr int := 0;
	sel text := CASE kind WHEN 'tz' THEN 'c, level, times, NULL::timestamp[]'
	                      WHEN 'ts' THEN 'c, level, NULL::timestamptz[], times'
	                      ELSE 'c, level, NULL::timestamptz[], NULL::timestamp[]' END;
BEGIN
	BEGIN
		EXECUTE format('INSERT INTO got SELECT %L, %L, %L, %s, NULL FROM (%s) s',
		               v, dir, kind, sel, format(q, pred));
	EXCEPTION WHEN others THEN
		-- find the customers that fail, one by one
		RAISE NOTICE 'variant %: % -- retrying customer by customer', v, SQLERRM;
		FOR cc IN EXECUTE format('SELECT DISTINCT c FROM e WHERE %s ORDER BY c', pred) LOOP
			IF nerr >= 100 THEN
				INSERT INTO got (v, dir, kind, c, err) VALUES (v, dir, kind, cc, 'not run: 100 customers failed already');
				CONTINUE;
			END IF;
			BEGIN
				EXECUTE format('INSERT INTO got SELECT %L, %L, %L, %s, NULL FROM (%s) s',
				               v, dir, kind, sel, format(q, pred || ' AND c = $1')) USING cc;
			EXCEPTION WHEN others THEN
				INSERT INTO got (v, dir, kind, c, err) VALUES (v, dir, kind, cc, SQLSTATE || ': ' || SQLERRM);
				nerr := nerr + 1;
			END;
		END LOOP;
	END;
END $f$;
SQL

run() {   # name dir kind predicate query-with-%s-for-the-predicate
	$PSQL -d "$db" -v v="$1" -v dir="$2" -v kind="$3" -v pred="$4" -v q="$5" >/dev/null <<EOF
${SETTINGS:-}
SELECT run_variant(:'v', :'dir', :'kind', :'pred', :'q');
EOF
}

long='journey.window_funnel(win, mode, TS, steps, excl, xsteps ORD) AS level,
      journey.window_funnel_times(win, mode, TS, steps, excl, xsteps ORD) AS times'
variant() {   # name dir ts-column aggregate-order-by-clause
	local kind=tz q
	[ "$3" = tsl ] && kind=ts
	q=${long//TS/$3}
	q=${q//ORD/$4}
	run "$1" "$2" "$kind" true "SELECT c, $q FROM e WHERE %s GROUP BY c"
}

# long form (exclusions; '{}' for none), timestamptz, several input orders
variant tz_plain      any ts ''
variant tz_rn         fwd ts ' ORDER BY rn'
variant tz_rn_desc    rev ts ' ORDER BY rn DESC'
variant tz_sorted     fwd ts ' ORDER BY ts, rn'
variant tz_sorted_rev rev ts ' ORDER BY ts, rn DESC'
variant tz_ts_desc    fwd ts ' ORDER BY ts DESC, rn'
# same data as timestamp
variant ts_rn         fwd tsl ' ORDER BY rn'
variant ts_rn_desc    rev tsl ' ORDER BY rn DESC'
variant ts_sorted     fwd tsl ' ORDER BY tsl, rn'
# rows fed in reverse row order by a subquery (no aggregate ORDER BY)
run tz_subq_desc rev tz true \
	"SELECT c, journey.window_funnel(win, mode, ts, steps, excl, xsteps) AS level,
	        journey.window_funnel_times(win, mode, ts, steps, excl, xsteps) AS times
	 FROM (SELECT * FROM e WHERE %s ORDER BY c, rn DESC OFFSET 0) s GROUP BY c"
# parallel plan (partial aggregation if the aggregate allows it)
SETTINGS="SET max_parallel_workers_per_gather = 4; SET parallel_setup_cost = 0;
          SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
          SET enable_indexscan = off; SET enable_bitmapscan = off;" \
	variant tz_parallel any ts ''
# short forms, customers without exclusions
run short_mode_tz     fwd level 'cardinality(xsteps) = 0' \
	"SELECT c, journey.window_funnel(win, mode, ts, VARIADIC steps ORDER BY rn) AS level FROM e WHERE %s GROUP BY c"
run short_mode_ts     rev level 'cardinality(xsteps) = 0' \
	"SELECT c, journey.window_funnel(win, mode, tsl, VARIADIC steps ORDER BY rn DESC) AS level FROM e WHERE %s GROUP BY c"
run short_default_tz  any level $'cardinality(xsteps) = 0 AND mode = \'\'' \
	"SELECT c, journey.window_funnel(win, ts, VARIADIC steps) AS level FROM e WHERE %s GROUP BY c"
run short_default_ts  rev level $'cardinality(xsteps) = 0 AND mode = \'\'' \
	"SELECT c, journey.window_funnel(win, tsl, VARIADIC steps ORDER BY rn DESC) AS level FROM e WHERE %s GROUP BY c"
# short forms of the times function, where they exist (spec 2: same arguments as window_funnel)
has_short_times=$(psql -X -At -d "$db" -c "SELECT to_regprocedure('journey.window_funnel_times(interval,text,timestamptz,bool[])') IS NOT NULL")
if [ "$has_short_times" = t ]; then
	run short_times_mode_tz fwd tz 'cardinality(xsteps) = 0' \
		"SELECT c, journey.window_funnel(win, mode, ts, VARIADIC steps ORDER BY rn) AS level,
		        journey.window_funnel_times(win, mode, ts, VARIADIC steps ORDER BY rn) AS times FROM e WHERE %s GROUP BY c"
	run short_times_default_ts any ts $'cardinality(xsteps) = 0 AND mode = \'\'' \
		"SELECT c, journey.window_funnel(win, tsl, VARIADIC steps) AS level,
		        journey.window_funnel_times(win, tsl, VARIADIC steps) AS times FROM e WHERE %s GROUP BY c"
else
	echo "note: no short form of journey.window_funnel_times; not compared"
fi

plan=$(psql -X -At -d "$db" <<'SQL'
SET max_parallel_workers_per_gather = 4; SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET enable_indexscan = off; SET enable_bitmapscan = off;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
	SELECT c, journey.window_funnel(win, mode, ts, steps, excl, xsteps) FROM e GROUP BY c;
SQL
)
if echo "$plan" | grep -q 'Partial' && echo "$plan" | grep -qE 'Workers Launched: [1-9]'; then
	echo "parallel variant: partial aggregation, $(echo "$plan" | grep -oE 'Workers Launched: [0-9]+' | head -1)"
else
	echo "parallel variant: no partial aggregation with launched workers in the plan"
fi

out=$(psql -X -q -At -F ' ' -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
CREATE TEMP TABLE cmp AS
WITH allowed AS (   -- every acceptable (level, times) of a customer
	SELECT c, level, times FROM expected WHERE c NOT IN (SELECT c FROM ambiguous)
	UNION ALL
	SELECT c, level, times FROM ambiguous WHERE kind = 'any'
), own AS (         -- the result for the order the rows were fed in
	SELECT g.v, g.c, CASE WHEN g.dir = 'rev' AND a.c IS NOT NULL THEN a.level ELSE x.level END AS level,
	       CASE WHEN g.dir = 'rev' AND a.c IS NOT NULL THEN a.times ELSE x.times END AS times
	FROM got g JOIN expected x USING (c) LEFT JOIN ambiguous a ON a.c = g.c AND a.kind = 'rev'
)
SELECT g.*,
	g.err IS NULL AND EXISTS (SELECT 1 FROM allowed l WHERE l.c = g.c
		AND l.level IS NOT DISTINCT FROM g.level
		AND (g.kind = 'level'
		     OR (g.kind = 'tz' AND us2tz(l.times) IS NOT DISTINCT FROM g.times_tz)
		     OR (g.kind = 'ts' AND us2ts(l.times) IS NOT DISTINCT FROM g.times_ts))) AS ok,
	g.dir <> 'any' AND g.err IS NULL AND NOT (o.level IS NOT DISTINCT FROM g.level
		AND (g.kind = 'level'
		     OR (g.kind = 'tz' AND us2tz(o.times) IS NOT DISTINCT FROM g.times_tz)
		     OR (g.kind = 'ts' AND us2ts(o.times) IS NOT DISTINCT FROM g.times_ts))) AS off_order
FROM got g JOIN own o ON o.v = g.v AND o.c = g.c;

SELECT format(E'MISMATCH %s customer %s: N=%s window=%sus mode=''%s'' exclusion_steps=%s\n'
              '  expected level %s times %s%s\n  got      level %s times %s%s\n  rows (rn t_us steps exclusions): %s',
	m.v, m.c, r.n, r.w, r.mode, r.xsteps,
	coalesce(x.level::text, 'NULL'), coalesce(x.times::text, 'NULL'),
	coalesce((SELECT '  (tie-order dependent; also allowed: ' || string_agg(coalesce(a.level::text, 'NULL') || ' ' || coalesce(a.times::text, 'NULL'), ', ') || ')'
	          FROM ambiguous a WHERE a.c = m.c AND a.kind = 'any'), ''),
	coalesce(m.level::text, 'NULL'),
	CASE m.kind WHEN 'tz' THEN coalesce(tz2us(m.times_tz), 'NULL') WHEN 'ts' THEN coalesce(ts2us(m.times_ts), 'NULL') ELSE '(not compared)' END,
	coalesce('  ERROR ' || m.err, ''),
	r.rows)
FROM (SELECT *, row_number() OVER (PARTITION BY c ORDER BY v) AS k FROM cmp WHERE NOT ok) m
JOIN expected x USING (c)
JOIN LATERAL (SELECT min(n) AS n, min(w) AS w, min(mode) AS mode, min(xsteps::text) AS xsteps,
                     string_agg(format('%s %s %s %s', rn, coalesce(t::text, 'NULL'), steps, excl), '; ' ORDER BY rn) AS rows
              FROM ev WHERE ev.c = m.c) r ON true
ORDER BY m.k, m.c LIMIT 20;

SELECT format('WARNING tie order: %s customer %s (rows fed %s): got level %s times %s; the oracle gives that only for another order of equal (t, step) entries',
	v, c, dir, coalesce(level::text, 'NULL'),
	CASE kind WHEN 'tz' THEN coalesce(tz2us(times_tz), 'NULL') WHEN 'ts' THEN coalesce(ts2us(times_ts), 'NULL') ELSE '-' END)
FROM cmp WHERE ok AND off_order ORDER BY c, v LIMIT 5;

SELECT format('%-22s %6s customers  %4s mismatches  %3s errors  %3s tie-order deviations', v, count(*),
              count(*) FILTER (WHERE NOT ok), count(*) FILTER (WHERE err IS NOT NULL),
              count(*) FILTER (WHERE ok AND off_order))
FROM cmp GROUP BY v ORDER BY min(id);   -- in run order

SELECT format('TOTAL %s comparisons, %s mismatches on %s customers (%s customers, %s tie-order dependent per the oracle)',
	count(*), count(*) FILTER (WHERE NOT ok), count(DISTINCT c) FILTER (WHERE NOT ok),
	(SELECT count(*) FROM expected), (SELECT count(DISTINCT c) FROM ambiguous))
FROM cmp;
SQL
)
echo "$out"
echo "$out" | grep -q '^TOTAL .*, 0 mismatches on' || exit 1
