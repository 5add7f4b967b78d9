#!/usr/bin/env bash
# test/bench/sketch.sh: benchmark the percentile sketch journey.percentile_agg
# (+ journey.approx_percentiles) against count(metric), exact
# percentile_cont and the tdigest extension, on 10 M rows, ungrouped and
# grouped (1000 groups), with parallel query off and on; plus the rollup of
# the 1000 stored per-group sketches (and of stored tdigests), the measured
# errors against the exact percentile_disc, the stored sizes, and whether
# parallel on and off give identical results.
#
#   bash test/bench/sketch.sh            # from the repo root, as root or a sudo user
#   BENCH_PG_BINDIR=/some/pg/15/bin bash test/bench/sketch.sh
#
# Without BENCH_PG_BINDIR it runs test/deps (plus postgresql-15-tdigest) and
# test/build (install packages, build and install journey into the system
# PostgreSQL 15), then starts a throwaway PostgreSQL 15 with pg_virtualenv.
# With BENCH_PG_BINDIR it skips deps and build and runs its own throwaway
# cluster with the binaries of that directory (initdb as user postgres when
# root, a free port, no TCP, a private socket directory; stopped and removed
# at the end): journey and tdigest must already be installed in that
# PostgreSQL's lib and share/extension directories.
#
# In the cluster it loads the table, VACUUM ANALYZE, measures once the
# errors of the sketch and of tdigest against percentile_disc (and the
# parallel on/off identity and the stored sizes), records the plans the timed
# statements really get, runs one warm-up round and BENCH_ROUNDS timed
# rounds, and prints a markdown table of medians and the targets.  Raw
# timings, plans and the tables go to test/bench/out/ (git-ignored).
#
# Timing is server-side: a PL/pgSQL function takes clock_timestamp() around
# EXECUTE of the query, so neither the client round trip nor any result
# transfer is measured, and there is no EXPLAIN ANALYZE instrumentation
# overhead.  Each round runs the whole query list once, each query with
# parallel off and on back to back (the order of the two flips every round),
# so slow drift of the machine hits every query alike.  The exact
# percentile_cont queries (seconds each; an ordered-set aggregate never runs
# in parallel) run only in BENCH_EXACT_ROUNDS of the timed rounds, spread
# evenly over them, and in the warm-up round.
#
# Environment knobs (defaults in brackets):
#   BENCH_ROWS [10000000]  BENCH_GROUPS [1000]  BENCH_ROUNDS [11, min 5]
#   BENCH_EXACT_ROUNDS [5, min 3, max BENCH_ROUNDS]
#   BENCH_JIT [off]        set to "on" to time with JIT compilation enabled
#   BENCH_PG_BINDIR [unset] PostgreSQL 15 bin directory of a private install
#
# The exit status is 1 when a correctness check fails (a sketch estimate
# outside its relative error, or the rollup of the stored sketches differing
# from the sketch of all rows); the timings are still taken and printed.
# Missed performance targets are reported, not failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
self="$root/test/bench/sketch.sh"

BENCH_ROWS=${BENCH_ROWS:-10000000}
BENCH_GROUPS=${BENCH_GROUPS:-1000}
BENCH_ROUNDS=${BENCH_ROUNDS:-11}
BENCH_EXACT_ROUNDS=${BENCH_EXACT_ROUNDS:-5}
BENCH_JIT=${BENCH_JIT:-off}
BENCH_PG_BINDIR=${BENCH_PG_BINDIR:-}

# Settings for a small box (2 cores, 24 GiB): the 10 M-row table (~420 MB)
# stays in shared_buffers; one worker per core; JIT off so the timings
# measure the executor, not LLVM compile time (BENCH_JIT); no autovacuum or
# checkpoint during the run; wal_level=minimal lets CREATE TABLE AS skip WAL.
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

# A throwaway cluster with the binaries of $BENCH_PG_BINDIR: runs "$@" with
# PGHOST/PGPORT/PGUSER/PGDATABASE pointing at it, then stops and removes it.
private_cluster() {
	local bindir=$BENCH_PG_BINDIR tmp port p as_pg=() s rc=0
	for p in initdb pg_ctl postgres psql; do
		[ -x "$bindir/$p" ] || { echo "BENCH_PG_BINDIR=$bindir has no executable $p" >&2; return 2; }
	done
	tmp=$(mktemp -d /tmp/journey-sketch-bench.XXXXXX)
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$tmp"
		as_pg=(runuser -u postgres --)
	fi
	# shellcheck disable=SC2064
	trap "private_cluster_stop '$bindir' '$tmp'" EXIT
	# a port nothing listens on (the server opens no TCP socket at all, and
	# its unix socket lives in the private directory, so nothing can collide)
	port=
	for p in $(seq 55432 55631); do
		if ! ss -Hltn "( sport = :$p )" 2>/dev/null | grep -q .; then port=$p; break; fi
	done
	[ -n "$port" ] || { echo "no free port in 55432..55631" >&2; return 2; }
	(cd "$tmp" && "${as_pg[@]}" "$bindir/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --no-locale --no-sync) >"$tmp/initdb.log" 2>&1 ||
		{ cat "$tmp/initdb.log" >&2; return 1; }
	{
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$tmp'"
		echo "port = $port"
		for s in "${settings[@]}"; do echo "${s%%=*} = '${s#*=}'"; done
	} >>"$tmp/data/postgresql.conf"
	(cd "$tmp" && "${as_pg[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 120 start) >/dev/null ||
		{ tail -n 30 "$tmp/server.log" >&2; return 1; }
	echo "private cluster: $bindir/postgres, port $port, socket and data in $tmp"
	PGHOST=$tmp PGPORT=$port PGUSER=postgres PGDATABASE=postgres PATH="$bindir:$PATH" "$@" || rc=$?
	return "$rc"
}
private_cluster_stop() {
	local bindir=$1 tmp=$2 as_pg=()
	[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
	if [ -f "$tmp/data/postmaster.pid" ]; then
		(cd / && "${as_pg[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m fast -w stop) >/dev/null 2>&1 ||
			(cd / && "${as_pg[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop) >/dev/null 2>&1 || true
	fi
	rm -rf "$tmp"
}

if [ "${1:-}" != "--inside-virtualenv" ]; then
	start=$(date +%s)
	mkdir -p test/bench/out
	rc=0
	if [ -n "$BENCH_PG_BINDIR" ]; then
		echo "BENCH_PG_BINDIR=$BENCH_PG_BINDIR: test/deps and test/build skipped, journey and tdigest must be installed there"
		private_cluster bash "$self" --inside-virtualenv || rc=$?
		what="private cluster, load, benchmark"
	else
		test/deps postgresql-15-tdigest
		test/build
		opts=()
		for s in "${settings[@]}"; do opts+=(-o "$s"); done
		# -t keeps the cluster in a temp dir even as root, so it never
		# collides with a "regress" cluster of test/run.
		pg_virtualenv -t -v 15 "${opts[@]}" bash "$self" --inside-virtualenv || rc=$?
		what="deps, build, cluster, load, benchmark"
	fi
	echo "total wall time: $(( $(date +%s) - start )) s ($what)"
	exit "$rc"
fi

# ---------------------------------------------------------------------------
# Inside the cluster: PGHOST/PGPORT/PGUSER/PGDATABASE point at it.
# ---------------------------------------------------------------------------
[ "$BENCH_ROUNDS" -ge 5 ] || { echo "BENCH_ROUNDS must be >= 5" >&2; exit 2; }
if [ "$BENCH_EXACT_ROUNDS" -lt 3 ] || [ "$BENCH_EXACT_ROUNDS" -gt "$BENCH_ROUNDS" ]; then
	echo "BENCH_EXACT_ROUNDS must be 3..BENCH_ROUNDS" >&2; exit 2
fi
out="$root/test/bench/out"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
raw="$out/sketch-$stamp.csv"
plans="$out/sketch-$stamp-plans.txt"
table="$out/sketch-$stamp.md"
psql=(psql -X -q -v ON_ERROR_STOP=1)
failed=()	# correctness checks that failed; reported (exit 1) at the very end

. "$root/test/bench/lib.sh"

# The quantiles every method is asked for.
qs='0.5,0.9,0.99,0.999'

# The queries: id|baseline id|kind|label|SQL.  Ratios are to the baseline in
# the same round and mode.  kind: fast = every round, must be parallel with
# parallel on; exact = only the exact rounds, never parallel (ordered-set
# aggregates have no partial mode); rollup = every round, 1000 small rows,
# serial or parallel as the planner likes (absolute ms matter).
queries=(
	"1|1|fast|count(metric)|SELECT count(metric) FROM t"
	"2|1|fast|journey sketch: approx_percentiles(percentile_agg(metric))|SELECT journey.approx_percentiles(journey.percentile_agg(metric), '{$qs}') FROM t"
	"3|1|exact|exact: percentile_cont (never parallel)|SELECT percentile_cont(ARRAY[$qs]) WITHIN GROUP (ORDER BY metric) FROM t"
	"4|1|fast|tdigest_percentile(metric, 100)|SELECT tdigest_percentile(metric, 100, ARRAY[$qs]) FROM t"
	"5|5|fast|grouped count(metric)|SELECT grp, count(metric) FROM t GROUP BY grp"
	"6|5|fast|grouped journey sketch|SELECT grp, journey.approx_percentiles(journey.percentile_agg(metric), '{$qs}') FROM t GROUP BY grp"
	"7|5|exact|grouped exact: percentile_cont (never parallel)|SELECT grp, percentile_cont(ARRAY[$qs]) WITHIN GROUP (ORDER BY metric) FROM t GROUP BY grp"
	"8|5|fast|grouped tdigest_percentile(metric, 100)|SELECT grp, tdigest_percentile(metric, 100, ARRAY[$qs]) FROM t GROUP BY grp"
	"9|9|rollup|rollup of $BENCH_GROUPS stored sketches|SELECT journey.approx_percentiles(journey.rollup(sk), '{$qs}') FROM daily"
	"10|9|rollup|tdigest rollup of $BENCH_GROUPS stored tdigests|SELECT tdigest_percentile(td, ARRAY[$qs]) FROM daily_td"
)
query_sql() {	# the SQL of query $1
	local entry id base kind label q
	for entry in "${queries[@]}"; do
		IFS='|' read -r id base kind label q <<<"$entry"
		[ "$id" = "$1" ] && { printf '%s' "$q"; return; }
	done
	return 1
}

# The timed rounds that run the exact queries: BENCH_EXACT_ROUNDS of
# 1..BENCH_ROUNDS, spread evenly, first and last included.
exact_rounds=" "
for ((i = 0; i < BENCH_EXACT_ROUNDS; i++)); do
	exact_rounds+="$(( 1 + (i * (BENCH_ROUNDS - 1) * 2 + BENCH_EXACT_ROUNDS - 1) / (2 * (BENCH_EXACT_ROUNDS - 1)) )) "
done

bench_machine

echo "== load: $BENCH_ROWS rows, $BENCH_GROUPS groups"
t0=$(now)
"${psql[@]}" <<SQL
CREATE EXTENSION journey;
CREATE EXTENSION tdigest;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
-- deterministic pseudo-random, the same on every run: metric = exp(3 + Z),
-- Z standard normal by Box-Muller from two 53-bit uniforms of seeded hashes
-- (lognormal, median e^3 ~ 20, long right tail); groups uniform on 1..$BENCH_GROUPS
CREATE TABLE t AS
	SELECT exp(3 + sqrt(-2 * ln(((hashint4extended(i, 1) & 9007199254740991)::float8 + 0.5) / 9007199254740992))
	                 * cos(2 * pi() * (((hashint4extended(i, 2) & 9007199254740991)::float8 + 0.5) / 9007199254740992))) AS metric,
	       ((hashint4(i # 1548437) & 2147483647) % $BENCH_GROUPS + 1)::int AS grp
	FROM generate_series(1, $BENCH_ROWS) AS i;
VACUUM ANALYZE t;
SELECT pg_prewarm('t') \\g /dev/null
SQL
"${psql[@]}" -At -c "SELECT format('table t: %s rows, %s, %s groups, metric %s .. %s, in %s s', count(*),
	pg_size_pretty(pg_relation_size('t')), count(DISTINCT grp), min(metric), max(metric), '$(elapsed "$t0")') FROM t"
"${psql[@]}" -At -c "SELECT format('extensions: %s', string_agg(extname || ' ' || extversion, ', ' ORDER BY extname))
	FROM pg_extension WHERE extname IN ('journey', 'tdigest')"

# the timing function (lib.sh), and plan_is_parallel(q): whether the plan
# of q (in the current settings) has a Gather
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

echo "== stored per-group sketches and tdigests (the rollup inputs)"
t0=$(now)
"${psql[@]}" <<SQL
CREATE TABLE daily AS SELECT grp, journey.percentile_agg(metric) AS sk FROM t GROUP BY grp;
CREATE TABLE daily_td AS SELECT grp, tdigest(metric, 100) AS td FROM t GROUP BY grp;
VACUUM ANALYZE daily, daily_td;
SQL
"${psql[@]}" -At <<SQL
SELECT format('  daily:    %s sketches, relative error %s, collapsed %s; stored size per group: avg %s B (min %s, max %s); table %s',
	      count(*), min(journey.sketch_relative_error(sk)), count(*) FILTER (WHERE journey.sketch_collapsed(sk)),
	      round(avg(pg_column_size(sk))), min(pg_column_size(sk)), max(pg_column_size(sk)),
	      pg_size_pretty(pg_total_relation_size('daily')))
FROM daily;
SELECT format('  daily_td: %s tdigests (compression 100);            stored size per group: avg %s B (min %s, max %s); table %s',
	      count(*), round(avg(pg_column_size(td))), min(pg_column_size(td)), max(pg_column_size(td)),
	      pg_size_pretty(pg_total_relation_size('daily_td')))
FROM daily_td;
SELECT format('  size ratio tdigest / sketch: %s', to_char((SELECT avg(pg_column_size(td)) FROM daily_td)
	      / (SELECT avg(pg_column_size(sk)) FROM daily), 'FM990.00'));
SQL
echo "  built in $(elapsed "$t0") s"

echo "== accuracy against the exact percentile_disc, and parallel off vs on (computed once)"
# Every estimate is the result of the very query that is timed (queries 2, 4,
# 6, 8, 9, 10), stored with CREATE TABLE AS in each mode; the exact values
# are percentile_disc of the same quantiles (serial: ordered-set aggregates
# never run in parallel).
t0=$(now)
acc_sql="SET max_parallel_workers_per_gather = 0;
CREATE TABLE exact_all (v) AS SELECT percentile_disc(ARRAY[$qs]) WITHIN GROUP (ORDER BY metric) FROM t;
CREATE TABLE exact_grp (grp, v) AS SELECT grp, percentile_disc(ARRAY[$qs]) WITHIN GROUP (ORDER BY metric) FROM t GROUP BY grp;
CREATE TABLE est (id int, workers int, grp int, v float8[], parallel_plan boolean);
"
for w in 0 2; do
	acc_sql+="SET max_parallel_workers_per_gather = $w;
"
	for id in 2 4 9 10; do
		acc_sql+="CREATE TABLE r (v) AS $(query_sql $id);
INSERT INTO est SELECT $id, $w, 0, v, plan_is_parallel('$(sqlq "$(query_sql $id)")') FROM r;
DROP TABLE r;
"
	done
	for id in 6 8; do
		acc_sql+="CREATE TABLE r (grp, v) AS $(query_sql $id);
INSERT INTO est SELECT $id, $w, grp, v, plan_is_parallel('$(sqlq "$(query_sql $id)")') FROM r;
DROP TABLE r;
"
	done
done
"${psql[@]}" <<<"$acc_sql"
qheads=$(tr ',' '\n' <<<"$qs" | awk '{ printf " p=%s |", $1 }')
qrule=$(tr ',' '\n' <<<"$qs" | awk '{ printf "---:|" }')
accuracy=$("${psql[@]}" -At <<SQL
CREATE TEMP TABLE names (id int, name text);
INSERT INTO names VALUES (2, 'journey sketch (percentile_agg, alpha 0.01)'), (4, 'tdigest (compression 100)'),
	(9, 'journey rollup of the stored sketches'), (10, 'tdigest rollup of the stored tdigests'),
	(6, 'journey sketch (percentile_agg, alpha 0.01)'), (8, 'tdigest (compression 100)');
CREATE TEMP TABLE err AS
	SELECT e.id, e.workers, e.grp, u.k, u.est, u.ex, abs(u.est - u.ex) / abs(u.ex) AS rel
	FROM est e
	JOIN (SELECT 0 AS grp, v FROM exact_all UNION ALL SELECT grp, v FROM exact_grp) x USING (grp),
	     unnest(e.v, x.v) WITH ORDINALITY AS u(est, ex, k);
SELECT '';
SELECT 'ungrouped, relative error |estimate - percentile_disc| / percentile_disc:';
SELECT '';
SELECT '| method | parallel |$qheads';
SELECT '|---|---|$qrule';
SELECT format('| exact percentile_disc (value) | off |%s', string_agg(format(' %s |', to_char(ex, 'FM9999990.000')), '' ORDER BY k))
FROM err WHERE id = 2 AND workers = 0;
SELECT format('| %s | %s%s |%s', n.name, CASE WHEN e.workers = 0 THEN 'off' ELSE 'on' END,
	      CASE WHEN e.workers > 0 AND NOT bool_and(s.parallel_plan) THEN ' (serial plan)' ELSE '' END,
	      string_agg(format(' %s %% |', to_char(100 * e.rel, 'FM990.000')), '' ORDER BY e.k))
FROM err e JOIN names n USING (id) JOIN est s ON s.id = e.id AND s.workers = e.workers AND s.grp = 0
WHERE e.grp = 0 AND NOT (e.id IN (9, 10) AND e.workers > 0)	-- a rollup is the same either way
GROUP BY n.name, e.id, e.workers ORDER BY e.id, e.workers;
SELECT '';
SELECT format('grouped (%s groups, %s..%s rows each): relative error per group, max / median over the groups:',
	      count(*), min(n), max(n)) FROM (SELECT count(*) AS n FROM t GROUP BY grp) g;
SELECT '';
SELECT '| method | parallel |$qheads';
SELECT '|---|---|$qrule';
SELECT format('| %s | %s%s |%s', n.name, CASE WHEN q.workers = 0 THEN 'off' ELSE 'on' END,
	      CASE WHEN q.workers > 0 AND NOT (SELECT bool_and(parallel_plan) FROM est s WHERE s.id = q.id AND s.workers = q.workers)
	           THEN ' (serial plan)' ELSE '' END,
	      string_agg(format(' %s / %s %% |', to_char(100 * q.mx, 'FM990.000'), to_char(100 * q.md, 'FM990.000')), '' ORDER BY q.k))
FROM (SELECT id, workers, k, max(rel) AS mx, percentile_cont(0.5) WITHIN GROUP (ORDER BY rel) AS md
      FROM err WHERE grp > 0 GROUP BY id, workers, k) q
JOIN names n USING (id) GROUP BY n.name, q.id, q.workers ORDER BY q.id, q.workers;
SELECT '';
SELECT 'parallel off vs on, identical results:';
SELECT format('  %s: ungrouped %s; grouped: %s of %s groups differ',
	      m.what,
	      CASE WHEN u.a IS NOT DISTINCT FROM u.b THEN 'identical' ELSE format('DIFFERENT (%s vs %s)', u.a, u.b) END,
	      g.ndiff, g.n)
FROM (VALUES (2, 6, 'journey sketch'), (4, 8, 'tdigest')) AS m(uid, gid, what)
CROSS JOIN LATERAL (SELECT (SELECT v FROM est WHERE id = m.uid AND workers = 0) AS a,
                           (SELECT v FROM est WHERE id = m.uid AND workers = 2) AS b) u
CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE o.v IS DISTINCT FROM p.v) AS ndiff, count(*) AS n
                    FROM est o JOIN est p ON p.id = o.id AND p.grp = o.grp AND p.workers = 2
                    WHERE o.id = m.gid AND o.workers = 0) g
ORDER BY m.uid;
SQL
)
printf '%s\n' "$accuracy"
# checks: every sketch estimate within the sketch's relative error of
# percentile_disc; the rollup of the stored sketches = the sketch of all rows
alpha=$("${psql[@]}" -At -c "SELECT max(journey.sketch_relative_error(sk)) FROM daily")
viol=$("${psql[@]}" -At -c "SELECT count(*) FROM (SELECT e.id, e.workers, e.grp, u.est, u.ex
	FROM est e JOIN (SELECT 0 AS grp, v FROM exact_all UNION ALL SELECT grp, v FROM exact_grp) x USING (grp),
	     unnest(e.v, x.v) AS u(est, ex)
	WHERE e.id IN (2, 6, 9) AND NOT abs(u.est - u.ex) <= $alpha * (1 + 1e-12) * abs(u.ex)) s")
rollup_same=$("${psql[@]}" -At -c "SELECT count(*) = 2 AND bool_and(r.v IS NOT DISTINCT FROM a.v)
	FROM est r JOIN est a ON a.id = 2 AND a.workers = r.workers WHERE r.id = 9")
echo
if [ "$viol" = 0 ]; then
	echo "  ok: every sketch estimate (ungrouped, grouped, rollup; both modes) within $alpha relative error of percentile_disc"
else
	echo "  FAIL: $viol sketch estimates outside $alpha relative error of percentile_disc"
	failed+=("$viol sketch estimates outside the relative error $alpha")
fi
if [ "$rollup_same" = t ]; then
	echo "  ok: rollup of the $BENCH_GROUPS stored sketches gives exactly the percentiles of the sketch of all rows"
else
	echo "  FAIL: rollup of the stored sketches differs from the sketch of all rows"
	failed+=("rollup of the stored sketches differs from the sketch of all rows")
fi
echo "  computed in $(elapsed "$t0") s"

echo "== plans of the timed statements (auto_explain inside bench_ms) -> ${plans#"$root"/}"
plan_sql="LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_analyze = on;
SET auto_explain.log_timing = off;
SET client_min_messages = log;
SET log_min_messages = fatal;	-- the plans go to the client only, not to the server log
"
for entry in "${queries[@]}"; do
	IFS='|' read -r id base kind label q <<<"$entry"
	for w in 0 2; do
		case $kind/$w in
		fast/2) expect=parallel ;;
		rollup/2) expect=any ;;
		*) expect=serial ;;
		esac
		plan_sql+="\\warn '=== query $id workers $w expect $expect: $(sqlq "$q")'
SET max_parallel_workers_per_gather = $w;
SELECT bench_ms('$(sqlq "$q")') \\g /dev/null
"
	done
done
"${psql[@]}" <<<"$plan_sql" 2>"$plans"
# every parallel-on plan of a fast query must have a Gather, no parallel-off
# plan and no exact plan may have one; the rollups may do either
if ! awk '
	/^=== query/ { if (hdr != "") check(); hdr = $0; expect = $7; sub(/:$/, "", expect); gather = 0; launched = ""; next }
	/Gather/ { gather = 1 }
	/Workers Launched:/ { launched = launched " " $NF }
	function check() {
		printf "  %s -> %s%s (expected: %s)\n", substr(hdr, 5, index(hdr, " expect") - 5),
			gather ? "parallel, workers launched:" : "serial", launched, expect
		if ((expect == "parallel" && !gather) || (expect == "serial" && gather)) bad = 1
	}
	END { check(); exit bad }' "$plans"; then
	echo "FAIL: plans do not match the parallel settings, see $plans" >&2
	echo "(a small BENCH_ROWS can make the planner choose a serial plan)" >&2
	exit 1
fi

echo "== timing: 1 warm-up round + $BENCH_ROUNDS timed rounds of ${#queries[@]} queries x parallel off/on -> ${raw#"$root"/}"
echo "   (exact queries 3 and 7 only in the warm-up round and in timed rounds$exact_rounds)"
bench_sql="\\pset footer off
"
for ((r = 0; r <= BENCH_ROUNDS; r++)); do
	if ((r % 2 == 0)); then order=(0 2); else order=(2 0); fi
	if ((r == 0)); then note=" (warm-up, discarded)"; else note=; fi
	bench_sql+="\\warn '  round $r of $BENCH_ROUNDS$note'
"
	for entry in "${queries[@]}"; do
		IFS='|' read -r id base kind label q <<<"$entry"
		if [ "$kind" = exact ] && ((r > 0)) && [[ $exact_rounds != *" $r "* ]]; then continue; fi
		for w in "${order[@]}"; do
			bench_sql+="SET max_parallel_workers_per_gather = $w;
SELECT $r, $id, $w, bench_ms('$(sqlq "$q")');
"
		done
	done
done
t0=$(now)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
{
	echo "round,query,workers,ms"
	"${psql[@]}" -At -F, <<<"$bench_sql"
} >"$raw"
load1=$(cut -d' ' -f1-3 /proc/loadavg)
echo "  done in $(elapsed "$t0") s; load average at start: $load0, at end: $load1"

echo "== result"
labels=
for entry in "${queries[@]}"; do
	IFS='|' read -r id base kind label q <<<"$entry"
	labels+="${labels:+,}($id, $base, '$(sqlq "$label")')"
done
{
	echo "PostgreSQL: $("${psql[@]}" -At -c 'SHOW server_version'), $("${psql[@]}" -At -c "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname IN ('journey', 'tdigest')")"
	echo "cores: $(nproc) ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), jit=$BENCH_JIT, $BENCH_ROWS rows, $BENCH_GROUPS groups, quantiles $qs"
	echo "median of $BENCH_ROUNDS rounds (1 warm-up round discarded; the exact queries 3 and 7 only in $BENCH_EXACT_ROUNDS of them),"
	echo "server-side ms; ratio = median over rounds of the time over its baseline's in the same round and mode:"
	echo "1-4 over count(metric), 5-8 over the grouped count(metric), 9-10 over the sketch rollup 9"
	echo "exact percentile_cont never runs in parallel (an ordered-set aggregate has no partial mode): its"
	echo "\"parallel on\" time is the same serial plan, timed again; the rollups read $BENCH_GROUPS stored rows"
	echo
	"${psql[@]}" -At <<SQL
CREATE TEMP TABLE raw (round int, query int, workers int, ms float8);
\\copy raw FROM '$(sqlq "$raw")' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE labels (id int, base int, label text);
INSERT INTO labels VALUES $labels;
-- the ratio is the median over rounds of the query's time divided by its
-- baseline's time in the same round and mode: the two ran minutes apart at
-- most, so drift of a shared machine cancels out of each ratio
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
SELECT '| query | rounds | parallel off, median ms | ratio | parallel on (2 workers), median ms | ratio |';
SELECT '|---|---:|---:|---:|---:|---:|';
SELECT format('| %s. %s | %s | %s | %s | %s | %s |', l.id, l.label, off.rounds,
	      to_char(off.ms, CASE WHEN off.ms < 10 THEN 'FM990.00' ELSE 'FM999990.0' END), to_char(off.ratio, 'FM990.00'),
	      to_char(par.ms, CASE WHEN par.ms < 10 THEN 'FM990.00' ELSE 'FM999990.0' END), to_char(par.ratio, 'FM990.00'))
FROM labels l
JOIN med off ON off.query = l.id AND off.workers = 0
JOIN med par ON par.query = l.id AND par.workers = 2
ORDER BY l.id;
SELECT '';
SELECT 'targets (off / on):';
SELECT format('  %-52s %s / %s  %s', 'sketch <= 1.15x count(metric), ungrouped:',
	      to_char(max(ratio) FILTER (WHERE workers = 0), 'FM990.00') || 'x', to_char(max(ratio) FILTER (WHERE workers = 2), 'FM990.00') || 'x',
	      CASE WHEN max(ratio) <= 1.15 THEN 'met' ELSE 'MISSED' END)
FROM med WHERE query = 2;
SELECT format('  %-52s %s / %s  %s', 'sketch <= 2.5x grouped count(metric):',
	      to_char(max(ratio) FILTER (WHERE workers = 0), 'FM990.00') || 'x', to_char(max(ratio) FILTER (WHERE workers = 2), 'FM990.00') || 'x',
	      CASE WHEN max(ratio) <= 2.5 THEN 'met' ELSE 'MISSED' END)
FROM med WHERE query = 6;
SELECT format('  %-52s %s / %s  %s', 'sketch >= 2.5x faster than tdigest, ' || w.what,
	      to_char(max(p.ratio) FILTER (WHERE p.workers = 0), 'FM990.00') || 'x', to_char(max(p.ratio) FILTER (WHERE p.workers = 2), 'FM990.00') || 'x',
	      CASE WHEN min(p.ratio) >= 2.5 THEN 'met' ELSE 'MISSED' END)
FROM (VALUES (4, 2, 'ungrouped:'), (8, 6, 'grouped:')) AS w(a, b, what)
JOIN pair p ON p.a = w.a AND p.b = w.b GROUP BY w.a, w.what ORDER BY w.a;
SELECT format('  %-52s %s / %s ms  %s  (tdigest rollup: %s / %s ms)', 'rollup of $BENCH_GROUPS stored sketches, 4 quantiles, <= 5 ms:',
	      to_char(max(ms) FILTER (WHERE query = 9 AND workers = 0), 'FM990.00'), to_char(max(ms) FILTER (WHERE query = 9 AND workers = 2), 'FM990.00'),
	      CASE WHEN max(ms) FILTER (WHERE query = 9) <= 5 THEN 'met' ELSE 'MISSED' END,
	      to_char(max(ms) FILTER (WHERE query = 10 AND workers = 0), 'FM990.00'), to_char(max(ms) FILTER (WHERE query = 10 AND workers = 2), 'FM990.00'))
FROM med;
SELECT format('  (also: sketch vs exact percentile_cont, ungrouped %s / %s faster, grouped %s / %s faster)',
	      to_char(max(p.ratio) FILTER (WHERE p.a = 3 AND p.workers = 0), 'FM9990.0') || 'x', to_char(max(p.ratio) FILTER (WHERE p.a = 3 AND p.workers = 2), 'FM9990.0') || 'x',
	      to_char(max(p.ratio) FILTER (WHERE p.a = 7 AND p.workers = 0), 'FM9990.0') || 'x', to_char(max(p.ratio) FILTER (WHERE p.a = 7 AND p.workers = 2), 'FM9990.0') || 'x')
FROM pair p WHERE (p.a, p.b) IN ((3, 2), (7, 6));
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
# the accuracy section (printed above) goes into the table file too
{
	echo
	echo "accuracy (computed once, before the timing):"
	printf '%s\n' "$accuracy"
} >>"$table"
echo
echo "raw timings: ${raw#"$root"/}   plans: ${plans#"$root"/}   table: ${table#"$root"/}"
if [ ${#failed[@]} -gt 0 ]; then
	for f in "${failed[@]}"; do echo "FAIL: $f" >&2; done
	exit 1
fi
