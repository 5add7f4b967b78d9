#!/usr/bin/env bash
# test/bench/funnel.sh: benchmark journey.window_funnel (default mode, 4
# steps, 1 day window) on 2 M events against
#   - the group-by floor   SELECT customer, count(*) FROM ev GROUP BY customer
#   - the fastest plain-SQL formulation with the same semantics we know: for
#     every step-1 event, LATERAL find the earliest step-2 event at or after
#     it inside the window, then step 3 at or after that, step 4 likewise
#     (ties count as in order, window inclusive and measured from the step-1
#     time); level = max over the step-1 events, 0 for a customer with rows
#     but no step 1
#   - the full drop-off query: funnel_report(funnel_summary(window_funnel))
#   - the event-value form journey.window_funnel_events(..., event, 1, 2, 3, 4)
#   - ClickHouse windowFunnel (npm package chdb 3.4.0, ClickHouse 26.7, in
#     process) on the same events, and its own GROUP BY count floor
# on two data sets of the same size: 100 k customers (~20 events each, over 3
# days) and a heavy-user variant with 1 k customers (~2000 events each, over
# 30 days).  Targets (issue): journey >= 10x faster than the plain SQL and
# <= 1.3x the group-by floor; the ratio to ClickHouse is reported.
#
#   bash test/bench/funnel.sh                   # from the repo root, as root or a sudo user
#   JOURNEY_BUILD=1 bash test/bench/funnel.sh   # run test/deps and test/build first
#
# Without JOURNEY_BUILD it uses the journey installed in the system
# PostgreSQL 15 (it must have window_funnel).  It installs chdb into
# ${JOURNEY_CACHE:-~/.cache/journey}/chdb when missing (test/diff/chdb_lib.sh;
# BENCH_CH=0 leaves ClickHouse out), starts a throwaway PostgreSQL 15 with
# pg_virtualenv, and in it: generates the events deterministically in SQL
# (hash functions; the table in time order, as an event log), builds the
# indexes the plain SQL needs ((customer, event, ts) and (event, customer,
# ts): every probe is one index-only descent, and the step-1 events are read
# in customer order so the probes stay local), VACUUM ANALYZE; then checks,
# before any timing, that the plain SQL, journey with parallel off and on,
# funnel_summary and ClickHouse give the same level for every customer;
# records the plans; runs one warm-up round and BENCH_ROUNDS timed rounds and
# prints a markdown table of medians and ratios.  Raw timings, plans and the
# table go to test/bench/out/ (git-ignored).
#
# Timing: PostgreSQL server-side with bench_ms (test/bench/lib.sh: EXECUTE
# between two clock_timestamp(), no result transfer); ClickHouse in process
# (hrtime around the query, output format Null).  Each round runs every
# PostgreSQL query with parallel off and on back to back (the order flips
# every round), then the ClickHouse queries with max_threads 1 and 2 (shown
# as parallel off / on).  Ratios are medians over the rounds of the ratio of
# two queries in the same round and mode, so slow drift cancels out.
#
# Environment knobs (defaults in brackets):
#   BENCH_EVENTS [2000000]  BENCH_CUSTOMERS [100000]  BENCH_HEAVY_CUSTOMERS [1000]
#   BENCH_ROUNDS [9, min 5] BENCH_JIT [off]  BENCH_CH [1]  JOURNEY_BUILD [unset]
#
# Exit status 1 when a correctness check fails (the timings are still taken
# and printed); missed performance targets are reported, not failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
self="$root/test/bench/funnel.sh"

BENCH_EVENTS=${BENCH_EVENTS:-2000000}
BENCH_CUSTOMERS=${BENCH_CUSTOMERS:-100000}
BENCH_HEAVY_CUSTOMERS=${BENCH_HEAVY_CUSTOMERS:-1000}
BENCH_ROUNDS=${BENCH_ROUNDS:-9}
BENCH_JIT=${BENCH_JIT:-off}
BENCH_CH=${BENCH_CH:-1}

# the same settings as test/bench/sketch.sh
settings=(
	'shared_buffers=2GB'
	'effective_cache_size=16GB'
	'work_mem=64MB'
	'maintenance_work_mem=1GB'
	'max_worker_processes=8'
	'max_parallel_workers=2'
	'max_parallel_workers_per_gather=2'
	"jit=$BENCH_JIT"
	'autovacuum=off'
	'wal_level=minimal'
	'max_wal_senders=0'
	'max_wal_size=8GB'
	'checkpoint_timeout=30min'
	'synchronous_commit=off'
)

if [ "${1:-}" != "--inside-virtualenv" ]; then
	start=$(date +%s)
	mkdir -p test/bench/out
	if [ -n "${JOURNEY_BUILD:-}" ]; then
		bash test/deps
		bash test/build
		what="deps, build, cluster, load, benchmark"
	else
		echo "using the installed journey (JOURNEY_BUILD=1 runs test/deps and test/build first)"
		what="cluster, load, benchmark"
	fi
	if [ "$BENCH_CH" = 1 ]; then
		. "$root/test/diff/chdb_lib.sh"
		chdb_ensure
		export BENCH_CHDB_MODULE=$chdb_module
	fi
	opts=()
	for s in "${settings[@]}"; do opts+=(-o "$s"); done
	rc=0
	# -t keeps the cluster in a temp dir, so it never collides with a
	# "regress" cluster of test/run
	pg_virtualenv -t -v 15 "${opts[@]}" bash "$self" --inside-virtualenv || rc=$?
	echo "total wall time: $(( $(date +%s) - start )) s ($what)"
	exit "$rc"
fi

# ---------------------------------------------------------------------------
# Inside the cluster: PGHOST/PGPORT/PGUSER/PGDATABASE point at it.
# ---------------------------------------------------------------------------
[ "$BENCH_ROUNDS" -ge 5 ] || { echo "BENCH_ROUNDS must be >= 5" >&2; exit 2; }
out="$root/test/bench/out"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
raw="$out/funnel-$stamp.csv"
plans="$out/funnel-$stamp-plans.txt"
table="$out/funnel-$stamp.md"
psql=(psql -X -q -v ON_ERROR_STOP=1)
failed=()	# correctness checks that failed; reported (exit 1) at the very end
work=$(mktemp -d /tmp/journey-funnel-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

. "$root/test/bench/lib.sh"

# The two data sets: table|customers|days each customer is active|label
datasets=(
	"ev|$BENCH_CUSTOMERS|3|$BENCH_CUSTOMERS customers"
	"ev_heavy|$BENCH_HEAVY_CUSTOMERS|30|$BENCH_HEAVY_CUSTOMERS heavy customers"
)
W="interval '1 day'"
W_US=86400000000
STEPS="event = 1, event = 2, event = 3, event = 4"

# q_floor/q_journey/q_plain/q_summary TABLE: the PostgreSQL queries
q_floor() { printf 'SELECT customer, count(*) FROM %s GROUP BY customer' "$1"; }
q_journey() { printf 'SELECT customer, journey.window_funnel(%s, ts, %s) AS level FROM %s GROUP BY customer' "$W" "$STEPS" "$1"; }
# the same funnel from the event values (steps event = 1 .. event = 4)
q_events() { printf 'SELECT customer, journey.window_funnel_events(%s, ts, event, 1, 2, 3, 4) AS level FROM %s GROUP BY customer' "$W" "$1"; }
# The plain SQL.  starts: one row per step-1 event with the level its
# greedy chain reaches (earliest step k+1 at or after step k, inside the
# window of the step-1 time: the greedy choice is optimal for a fixed start,
# and the maximum over all starts is the window_funnel default mode);
# customers: every customer with rows (level 0 unless it has a step 1).
# Tried and slower: a UNION ALL of (customer, 0) rows with the starts, a
# recursive-CTE loose index scan for the customers, a single
# (customer, event, ts) index (step-1 events read in time order: random probes).
q_plain() {
	local t=$1
	cat <<SQL
SELECT c.customer, coalesce(l.level, 0) AS level
FROM (SELECT customer FROM $t GROUP BY customer) c
LEFT JOIN (
	SELECT e1.customer,
	       max(CASE WHEN s2.ts IS NULL THEN 1 WHEN s3.ts IS NULL THEN 2 WHEN s4.ts IS NULL THEN 3 ELSE 4 END) AS level
	FROM $t e1
	LEFT JOIN LATERAL (SELECT e.ts FROM $t e
	                   WHERE e.customer = e1.customer AND e.event = 2 AND e.ts >= e1.ts AND e.ts <= e1.ts + $W
	                   ORDER BY e.ts LIMIT 1) s2 ON true
	LEFT JOIN LATERAL (SELECT e.ts FROM $t e
	                   WHERE e.customer = e1.customer AND e.event = 3 AND e.ts >= s2.ts AND e.ts <= e1.ts + $W
	                   ORDER BY e.ts LIMIT 1) s3 ON true
	LEFT JOIN LATERAL (SELECT e.ts FROM $t e
	                   WHERE e.customer = e1.customer AND e.event = 4 AND e.ts >= s3.ts AND e.ts <= e1.ts + $W
	                   ORDER BY e.ts LIMIT 1) s4 ON true
	WHERE e1.event = 1
	GROUP BY e1.customer) l USING (customer)
SQL
}
# the full drop-off report: per step reached, % of first, % of previous, dropped
q_summary() { printf 'SELECT r.* FROM (SELECT journey.funnel_summary(level, 4) AS s FROM (%s) f) x, journey.funnel_report(x.s) r' "$(q_journey "$1")"; }
ch_funnel() { printf 'SELECT customer, windowFunnel(%s)(t, %s) FROM %s GROUP BY customer' "$W_US" "$STEPS" "$1"; }
ch_floor() { printf 'SELECT customer, count() FROM %s GROUP BY customer' "$1"; }

# The queries: id|baseline id|engine|label|SQL (ids 1.. for the first data
# set, 11.. for the heavy one; the baseline is the floor of its data set).
queries=()
for d in 0 1; do
	IFS='|' read -r t n days label <<<"${datasets[$d]}"
	o=$((d * 10))
	queries+=(
		"$((o + 1))|$((o + 1))|pg|$label: floor, count(*) GROUP BY customer|$(q_floor "$t")"
		"$((o + 2))|$((o + 1))|pg|$label: journey.window_funnel|$(q_journey "$t")"
		"$((o + 3))|$((o + 1))|pg|$label: plain SQL (LATERAL from every step-1 event)|$(q_plain "$t" | tr '\n\t' '  ')"
		"$((o + 4))|$((o + 1))|pg|$label: funnel_report(funnel_summary(window_funnel))|$(q_summary "$t")"
		"$((o + 7))|$((o + 1))|pg|$label: journey.window_funnel_events(..., event, 1, 2, 3, 4)|$(q_events "$t")"
	)
	if [ "$BENCH_CH" = 1 ]; then
		queries+=(
			"$((o + 5))|$((o + 1))|ch|$label: ClickHouse windowFunnel|$(ch_funnel "$t")"
			"$((o + 6))|$((o + 1))|ch|$label: ClickHouse count() GROUP BY customer|$(ch_floor "$t")"
		)
	fi
done
query_sql() {	# the SQL of query $1
	local entry id base eng label q
	for entry in "${queries[@]}"; do
		IFS='|' read -r id base eng label q <<<"$entry"
		[ "$id" = "$1" ] && { printf '%s' "$q"; return; }
	done
	return 1
}

# ClickHouse side (node + chdb, one persistent session directory):
#   load DIR TABLE TSV...   create the tables (customer, t µs, event)
#   result DIR SQL OUT      write the TSV result of SQL to OUT
#   time DIR ROUND SPEC...  SPEC = id|threads|workers|sql: one untimed run of
#                           each, then timed ones; prints round,id,workers,ms
ch_js=$(cat <<'JS'
const [mod, cmd, dir, ...args] = process.argv.slice(1);
const { Session } = require(mod);
const s = new Session(dir);
s.query('CREATE DATABASE IF NOT EXISTS bench');
s.query('USE bench');
if (cmd === 'load') {
	for (let i = 0; i < args.length; i += 2) {
		s.query(`DROP TABLE IF EXISTS ${args[i]}`);
		s.query(`CREATE TABLE ${args[i]} ENGINE = MergeTree ORDER BY tuple() AS
			SELECT * FROM file('${args[i + 1]}', 'TSV', 'customer UInt32, t UInt64, event UInt8')`);
		process.stdout.write(`${args[i]} ${s.query(`SELECT count(), uniqExact(customer) FROM ${args[i]}`, 'TSV').trim().replace('\t', ' rows, ')} customers\n`);
	}
} else if (cmd === 'result') {
	require('fs').writeFileSync(args[1], s.query(args[0], 'TSV'));
} else if (cmd === 'time') {
	const round = args[0];
	const specs = args.slice(1).map((x) => { const [id, threads, workers, ...q] = x.split('|'); return { id, threads, workers, sql: q.join('|') }; });
	for (const q of specs) s.query(`${q.sql} SETTINGS max_threads = ${q.threads}`, 'Null');	// warm
	for (const q of specs) {
		const t0 = process.hrtime.bigint();
		s.query(`${q.sql} SETTINGS max_threads = ${q.threads}`, 'Null');
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		process.stdout.write(`${round},${q.id},${q.workers},${ms}\n`);
	}
}
s.close ? s.close() : s.cleanup();
JS
)
ch() { node -e "$ch_js" "$BENCH_CHDB_MODULE" "$@"; }

bench_machine

echo "== load: $BENCH_EVENTS events in each data set"
t0=$(now)
load_sql="CREATE EXTENSION journey;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
"
for entry in "${datasets[@]}"; do
	IFS='|' read -r t n days label <<<"$entry"
	# deterministic pseudo-random events: customer uniform on 1..n; each
	# customer active during $days days starting at a random day of January
	# 2026 (µs resolution); event 1 (view) 25 %, 2 (cart) 10 %, 3 (checkout)
	# 5 %, 4 (purchase) 3 %, 5..10 (others) 57 %; the rows in time order
	load_sql+="CREATE TABLE $t AS
	SELECT customer,
	       timestamptz '2026-01-01 00:00:00+00'
	         + ((hashint8extended(customer, 4) & 4611686018427387903) % ((31 - $days)::bigint * 86400000000)) * interval '1 microsecond'
	         + ((hashint8extended(i, 2) & 4611686018427387903) % ($days::bigint * 86400000000)) * interval '1 microsecond' AS ts,
	       (CASE WHEN u < 250 THEN 1 WHEN u < 350 THEN 2 WHEN u < 400 THEN 3 WHEN u < 430 THEN 4 ELSE 5 + u % 6 END)::int AS event
	FROM (SELECT i, ((hashint8extended(i, 1) & 4611686018427387903) % $n + 1)::int AS customer,
	             (hashint8extended(i, 3) & 4611686018427387903) % 1000 AS u
	      FROM generate_series(1, $BENCH_EVENTS) AS i) g
	ORDER BY ts;
CREATE INDEX ON $t (customer, event, ts);
CREATE INDEX ON $t (event, customer, ts);
VACUUM ANALYZE $t;
SELECT pg_prewarm('$t') \\g /dev/null
"
done
"${psql[@]}" <<<"$load_sql"
for entry in "${datasets[@]}"; do
	IFS='|' read -r t n days label <<<"$entry"
	"${psql[@]}" -At -c "SELECT format('table %s: %s events, %s customers (%s..%s events each), %s + indexes %s; events: %s', '$t', count(*), count(DISTINCT customer),
		(SELECT min(n) FROM (SELECT count(*) AS n FROM $t GROUP BY customer) x), (SELECT max(n) FROM (SELECT count(*) AS n FROM $t GROUP BY customer) x),
		pg_size_pretty(pg_relation_size('$t')), pg_size_pretty(pg_indexes_size('$t')),
		(SELECT string_agg(format('%s: %s', event, n), ', ' ORDER BY event) FROM (SELECT event, count(*) AS n FROM $t GROUP BY event) e)) FROM $t"
done
"${psql[@]}" -At -c "SELECT format('journey %s', extversion) FROM pg_extension WHERE extname = 'journey'"
if [ "$("${psql[@]}" -At -c "SELECT count(*) FROM pg_proc WHERE proname = 'window_funnel' AND pronamespace = 'journey'::regnamespace")" = 0 ]; then
	echo "the installed journey has no window_funnel: build and install it (bash test/build, or JOURNEY_BUILD=1)" >&2
	exit 2
fi
if [ "$BENCH_CH" = 1 ]; then
	ch_args=()
	for entry in "${datasets[@]}"; do
		IFS='|' read -r t n days label <<<"$entry"
		# t = µs since 1970, exact (extract returns numeric)
		"${psql[@]}" -c "\\copy (SELECT customer, (extract(epoch FROM ts) * 1000000)::bigint, event FROM $t) TO '$work/$t.tsv'"
		ch_args+=("$t" "$work/$t.tsv")
	done
	ch load "$work/chdb" "${ch_args[@]}" | sed 's/^/  ClickHouse: /'
	rm -f "$work"/*.tsv
fi
echo "  loaded in $(elapsed "$t0") s"

bench_create_timer
"${psql[@]}" <<'SQL'
CREATE OR REPLACE FUNCTION plan_is_parallel(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		IF line LIKE '%Gather%' THEN RETURN true; END IF;
	END LOOP;
	RETURN false;
END
$$;
SQL

echo "== correctness, before any timing: the level of every customer"
t0=$(now)
for d in 0 1; do
	IFS='|' read -r t n days label <<<"${datasets[$d]}"
	check_sql="SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE j0 AS $(q_journey "$t");
CREATE TEMP TABLE e0 AS $(q_events "$t");
CREATE TEMP TABLE p0 AS $(q_plain "$t");
CREATE TEMP TABLE s0 AS SELECT journey.funnel_summary(level, 4) AS s FROM ($(q_journey "$t")) f;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE j2 AS $(q_journey "$t");
CREATE TEMP TABLE p2 AS $(q_plain "$t");
CREATE TEMP TABLE ch (customer int, level int);
"
	if [ "$BENCH_CH" = 1 ]; then
		ch result "$work/chdb" "$(ch_funnel "$t")" "$work/ch.tsv"
		check_sql+="\\copy ch FROM '$work/ch.tsv'
"
	fi
	check_sql+="SELECT format('  %s: levels %s', '$label', (SELECT string_agg(format('%s: %s', level, n), ', ' ORDER BY level) FROM (SELECT level, count(*) AS n FROM j0 GROUP BY level) h));
SELECT format('    customers whose level differs: plain SQL vs journey %s (parallel off) / %s (on); journey parallel off vs on %s; funnel_summary vs the levels %s; ClickHouse vs journey %s; window_funnel_events vs window_funnel %s',
	(SELECT count(*) FROM j0 FULL JOIN p0 USING (customer) WHERE j0.level IS DISTINCT FROM p0.level),
	(SELECT count(*) FROM j2 FULL JOIN p2 USING (customer) WHERE j2.level IS DISTINCT FROM p2.level),
	(SELECT count(*) FROM j0 FULL JOIN j2 USING (customer) WHERE j0.level IS DISTINCT FROM j2.level),
	(SELECT count(*) FROM generate_series(0, 4) k WHERE journey.funnel_level_count((SELECT s FROM s0), k) <> (SELECT count(*) FROM j0 WHERE level = k)),
	CASE WHEN $BENCH_CH = 1 THEN (SELECT count(*) FROM j0 FULL JOIN ch USING (customer) WHERE j0.level IS DISTINCT FROM ch.level)::text ELSE 'n/a' END,
	(SELECT count(*) FROM j0 FULL JOIN e0 USING (customer) WHERE j0.level IS DISTINCT FROM e0.level));
SELECT (SELECT count(*) FROM j0 FULL JOIN p0 USING (customer) WHERE j0.level IS DISTINCT FROM p0.level)
     + (SELECT count(*) FROM j2 FULL JOIN p2 USING (customer) WHERE j2.level IS DISTINCT FROM p2.level)
     + (SELECT count(*) FROM j0 FULL JOIN j2 USING (customer) WHERE j0.level IS DISTINCT FROM j2.level)
     + (SELECT count(*) FROM generate_series(0, 4) k WHERE journey.funnel_level_count((SELECT s FROM s0), k) <> (SELECT count(*) FROM j0 WHERE level = k))
     + CASE WHEN $BENCH_CH = 1 THEN (SELECT count(*) FROM j0 FULL JOIN ch USING (customer) WHERE j0.level IS DISTINCT FROM ch.level) ELSE 0 END
     + (SELECT count(*) FROM j0 FULL JOIN e0 USING (customer) WHERE j0.level IS DISTINCT FROM e0.level);
"
	res=$("${psql[@]}" -At <<<"$check_sql")
	printf '%s\n' "$res" | head -n -1
	if [ "$(printf '%s\n' "$res" | tail -n 1)" != 0 ]; then
		echo "  FAIL: the levels differ ($label)"
		failed+=("$label: the plain SQL, journey (parallel off/on, boolean or event-value steps), funnel_summary or ClickHouse disagree on some customer")
	fi
	rm -f "$work/ch.tsv"
done
echo "  checked in $(elapsed "$t0") s"

echo "== plans of the PostgreSQL queries -> ${plans#"$root"/}"
plan_sql=""
for entry in "${queries[@]}"; do
	IFS='|' read -r id base eng label q <<<"$entry"
	[ "$eng" = pg ] || continue
	for w in 0 2; do
		plan_sql+="\\qecho '=== query $id workers $w: $(sqlq "$label")'
SET max_parallel_workers_per_gather = $w;
EXPLAIN (COSTS OFF) $q;
"
	done
done
"${psql[@]}" <<<"$plan_sql" >"$plans"
par=$("${psql[@]}" -At -F' ' <<<"$(for entry in "${queries[@]}"; do
	IFS='|' read -r id base eng label q <<<"$entry"
	[ "$eng" = pg ] || continue
	echo "SET max_parallel_workers_per_gather = 2; SELECT $id, plan_is_parallel('$(sqlq "$q")');"
done)")
printf '%s\n' "$par" | awk '{ printf "  query %s with parallel on: %s\n", $1, ($2 == "t" ? "parallel plan" : "serial plan") }'

echo "== timing: 1 warm-up round + $BENCH_ROUNDS timed rounds -> ${raw#"$root"/}"
t0=$(now)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "round,query,workers,ms" >"$raw"
for ((r = 0; r <= BENCH_ROUNDS; r++)); do
	if ((r % 2 == 0)); then order=(0 2); else order=(2 0); fi
	bench_sql=""
	specs=()
	for entry in "${queries[@]}"; do
		IFS='|' read -r id base eng label q <<<"$entry"
		for w in "${order[@]}"; do
			if [ "$eng" = pg ]; then
				bench_sql+="SET max_parallel_workers_per_gather = $w;
SELECT $r, $id, $w, bench_ms('$(sqlq "$q")');
"
			else
				specs+=("$id|$((w == 0 ? 1 : 2))|$w|$q")
			fi
		done
	done
	"${psql[@]}" -At -F, <<<"$bench_sql" >>"$raw"
	[ ${#specs[@]} -eq 0 ] || ch time "$work/chdb" "$r" "${specs[@]}" >>"$raw"
	echo "  round $r of $BENCH_ROUNDS$( ((r == 0)) && echo ' (warm-up, discarded)') done at $(elapsed "$t0") s"
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
echo "  done in $(elapsed "$t0") s; load average at start: $load0, at end: $load1"

echo "== result"
labels=
for entry in "${queries[@]}"; do
	IFS='|' read -r id base eng label q <<<"$entry"
	labels+="${labels:+,}($id, $base, '$eng', '$(sqlq "$label")')"
done
pars=$(printf '%s\n' "$par" | awk '{ printf "%s(%s, %s)", (NR > 1 ? "," : ""), $1, ($2 == "t" ? "true" : "false") }')
{
	echo "PostgreSQL: $("${psql[@]}" -At -c 'SHOW server_version'), journey $("${psql[@]}" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'journey'")$([ "$BENCH_CH" = 1 ] && echo "; ClickHouse $(node -e "process.stdout.write(require('$BENCH_CHDB_MODULE').query('SELECT version()', 'TSV').trim())") (chdb, in process)")"
	echo "cores: $(nproc) ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), jit=$BENCH_JIT; $BENCH_EVENTS events per data set;"
	echo "window_funnel(interval '1 day', ts, event = 1, event = 2, event = 3, event = 4), default mode"
	echo "median of $BENCH_ROUNDS rounds (1 warm-up round discarded), ms: PostgreSQL server-side (bench_ms), ClickHouse"
	echo "in process with output format Null, parallel off / on = max_threads 1 / 2; ratio = median over the rounds"
	echo "of the time over the floor's (count(*) GROUP BY customer in PostgreSQL) in the same round and mode"
	echo
	"${psql[@]}" -At <<SQL
CREATE TEMP TABLE raw (round int, query int, workers int, ms float8);
\\copy raw FROM '$(sqlq "$raw")' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE labels (id int, base int, eng text, label text);
INSERT INTO labels VALUES $labels;
CREATE TEMP TABLE par (id int, parallel boolean);
INSERT INTO par VALUES $pars;
CREATE TEMP TABLE med AS
	SELECT r.query, r.workers, count(*) AS rounds, percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms) AS ms,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms / b.ms) AS ratio
	FROM raw r
	JOIN labels l ON l.id = r.query
	JOIN raw b ON b.round = r.round AND b.workers = r.workers AND b.query = l.base
	WHERE r.round > 0 GROUP BY r.query, r.workers;
-- median over rounds of a / b in the same round and mode
CREATE TEMP TABLE pair AS
	SELECT a.query AS a, b.query AS b, a.workers, percentile_cont(0.5) WITHIN GROUP (ORDER BY a.ms / b.ms) AS ratio
	FROM raw a JOIN raw b ON b.round = a.round AND b.workers = a.workers
	WHERE a.round > 0 GROUP BY a.query, b.query, a.workers;
CREATE FUNCTION pg_temp.fms(x float8) RETURNS text LANGUAGE sql AS \$\$ SELECT to_char(x, CASE WHEN x < 10 THEN 'FM990.00' ELSE 'FM999990.0' END) \$\$;
CREATE FUNCTION pg_temp.fx(x float8) RETURNS text LANGUAGE sql AS \$\$ SELECT to_char(x, CASE WHEN x < 10 THEN 'FM990.00' ELSE 'FM99990.0' END) || 'x' \$\$;
SELECT '| query | rounds | parallel off, median ms | ratio to floor | parallel on (2 workers), median ms | ratio to floor |';
SELECT '|---|---:|---:|---:|---:|---:|';
SELECT format('| %s. %s | %s | %s | %s | %s%s | %s |', l.id, l.label, off.rounds,
	      pg_temp.fms(off.ms), pg_temp.fx(off.ratio), pg_temp.fms(pa.ms),
	      CASE WHEN l.eng = 'pg' AND NOT coalesce(p.parallel, false) THEN ' (serial plan)' ELSE '' END, pg_temp.fx(pa.ratio))
FROM labels l
JOIN med off ON off.query = l.id AND off.workers = 0
JOIN med pa ON pa.query = l.id AND pa.workers = 2
LEFT JOIN par p ON p.id = l.id
ORDER BY l.id;
SELECT '';
SELECT 'targets and comparisons (parallel off / on; medians of the per-round ratios):';
SELECT format('  %-66s %s / %s  %s', w.what || ':',
	      pg_temp.fx(max(p.ratio) FILTER (WHERE p.workers = 0)), pg_temp.fx(max(p.ratio) FILTER (WHERE p.workers = 2)),
	      CASE WHEN w.target IS NULL THEN ''
	           WHEN w.higher AND min(p.ratio) >= w.target THEN 'met'
	           WHEN NOT w.higher AND max(p.ratio) <= w.target THEN 'met' ELSE 'MISSED' END)
FROM (VALUES (1, 3, 2, '$(sqlq "${datasets[0]##*|}"): journey faster than the plain SQL (>= 10x)', 10.0, true),
             (2, 2, 1, '$(sqlq "${datasets[0]##*|}"): journey / floor (<= 1.3x)', 1.3, false),
             (3, 4, 1, '$(sqlq "${datasets[0]##*|}"): full drop-off report / floor', NULL, false),
             (4, 2, 5, '$(sqlq "${datasets[0]##*|}"): journey / ClickHouse windowFunnel', NULL, false),
             (5, 13, 12, '$(sqlq "${datasets[1]##*|}"): journey faster than the plain SQL (>= 10x)', 10.0, true),
             (6, 12, 11, '$(sqlq "${datasets[1]##*|}"): journey / floor (<= 1.3x)', 1.3, false),
             (7, 14, 11, '$(sqlq "${datasets[1]##*|}"): full drop-off report / floor', NULL, false),
             (8, 12, 15, '$(sqlq "${datasets[1]##*|}"): journey / ClickHouse windowFunnel', NULL, false),
             (9, 7, 1, '$(sqlq "${datasets[0]##*|}"): journey event-value form / floor (<= 1.3x)', 1.3, false),
             (10, 17, 11, '$(sqlq "${datasets[1]##*|}"): journey event-value form / floor (<= 1.3x)', 1.3, false))
     AS w(k, a, b, what, target, higher)
JOIN pair p ON p.a = w.a AND p.b = w.b
GROUP BY w.k, w.what, w.target, w.higher ORDER BY w.k;
-- how noisy the run was: the cell whose timed rounds spread widest
SELECT format(E'\nspread: widest cell is query %s, parallel %s: %s..%s ms over the rounds (%s%% of its median); '
	      'load average (1/5/15 min) %s at start, %s at end of timing',
	      r.query, CASE WHEN r.workers = 0 THEN 'off' ELSE 'on' END,
	      to_char(r.lo, 'FM999990.0'), to_char(r.hi, 'FM999990.0'),
	      to_char(100 * (r.hi - r.lo) / m.ms, 'FM9990'), '$load0', '$load1')
FROM (SELECT query, workers, min(ms) AS lo, max(ms) AS hi FROM raw WHERE round > 0 GROUP BY query, workers) r
JOIN med m USING (query, workers)
ORDER BY (r.hi - r.lo) / m.ms DESC LIMIT 1;
SQL
} | tee "$table"
echo
echo "raw timings: ${raw#"$root"/}   plans: ${plans#"$root"/}   table: ${table#"$root"/}"
if [ ${#failed[@]} -gt 0 ]; then
	for f in "${failed[@]}"; do echo "FAIL: $f" >&2; done
	exit 1
fi
