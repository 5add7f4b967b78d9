#!/usr/bin/env bash
# test/bench/scores.sh: benchmark journey.nps(score) against count(score) and
# against the same NPS written in plain SQL, on 10 M rows, ungrouped and
# grouped (1000 groups), with parallel query off and on.
#
#   bash test/bench/scores.sh            # from the repo root, as root or a sudo user
#
# It runs test/deps and test/build (install packages, build and install
# journey), then starts a throwaway PostgreSQL 15 with pg_virtualenv and, in
# it: loads the table, VACUUM ANALYZE, checks once that journey.nps equals the
# plain formula, records the plans the timed statements really get, runs one
# warm-up round and BENCH_ROUNDS timed rounds, and prints a markdown table of
# medians.  Raw timings, plans and the table go to test/bench/out/
# (git-ignored).
#
# Timing is server-side: a PL/pgSQL function takes clock_timestamp() around
# EXECUTE of the query, so neither the client round trip nor any result
# transfer is measured, and there is no EXPLAIN ANALYZE instrumentation
# overhead.  Each round runs the whole query list once, each query with
# parallel off and on back to back (the order of the two flips every round),
# so slow drift of the machine hits every query alike.
#
# Environment knobs (defaults in brackets):
#   BENCH_ROWS [10000000]  BENCH_GROUPS [1000]  BENCH_ROUNDS [11, min 5]
#   BENCH_JIT [off]        set to "on" to time with JIT compilation enabled
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
self="$root/test/bench/scores.sh"

BENCH_ROWS=${BENCH_ROWS:-10000000}
BENCH_GROUPS=${BENCH_GROUPS:-1000}
BENCH_ROUNDS=${BENCH_ROUNDS:-11}
BENCH_JIT=${BENCH_JIT:-off}

if [ "${1:-}" != "--inside-virtualenv" ]; then
	start=$(date +%s)
	test/deps
	test/build
	mkdir -p test/bench/out
	# Settings for a small box (2 cores, 24 GiB): the 10 M-row table
	# (~350 MB) stays in shared_buffers; one worker per core; JIT off so
	# the timings measure the executor, not LLVM compile time (BENCH_JIT);
	# no autovacuum or checkpoint during the run; wal_level=minimal lets
	# CREATE TABLE AS skip WAL.  -t keeps the cluster in a temp dir even as
	# root, so it never collides with a "regress" cluster of test/run.
	rc=0
	pg_virtualenv -t -v 15 \
		-o 'shared_buffers=2GB' \
		-o 'effective_cache_size=16GB' \
		-o 'work_mem=64MB' \
		-o 'maintenance_work_mem=1GB' \
		-o 'max_worker_processes=8' \
		-o 'max_parallel_workers=2' \
		-o 'max_parallel_workers_per_gather=2' \
		-o "jit=$BENCH_JIT" \
		-o 'autovacuum=off' \
		-o 'wal_level=minimal' \
		-o 'max_wal_senders=0' \
		-o 'max_wal_size=8GB' \
		-o 'checkpoint_timeout=30min' \
		-o 'synchronous_commit=off' \
		bash "$self" --inside-virtualenv || rc=$?
	echo "total wall time: $(( $(date +%s) - start )) s (deps, build, cluster, load, benchmark)"
	exit "$rc"
fi

# ---------------------------------------------------------------------------
# Inside pg_virtualenv: PGHOST/PGPORT/PGUSER/PGDATABASE point at the cluster.
# ---------------------------------------------------------------------------
[ "$BENCH_ROUNDS" -ge 5 ] || { echo "BENCH_ROUNDS must be >= 5" >&2; exit 2; }
out="$root/test/bench/out"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
raw="$out/scores-$stamp.csv"
plans="$out/scores-$stamp-plans.txt"
table="$out/scores-$stamp.md"
psql=(psql -X -q -v ON_ERROR_STOP=1)

. "$root/test/bench/lib.sh"

# The six queries: id|label|SQL.  Ratios of 1-3 are to 1, of 4-6 to 4.
queries=(
	"1|count(score)|SELECT count(score) FROM t"
	"2|journey.nps(score)|SELECT journey.nps(score) FROM t"
	"3|plain SQL NPS|SELECT 100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER (WHERE score<=6))/count(*) FROM t"
	"4|grouped count(score)|SELECT grp, count(score) FROM t GROUP BY grp"
	"5|grouped journey.nps(score)|SELECT grp, journey.nps(score) FROM t GROUP BY grp"
	"6|grouped plain SQL NPS|SELECT grp, 100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER (WHERE score<=6))/count(*) FROM t GROUP BY grp"
)

bench_machine

echo "== load: $BENCH_ROWS rows, $BENCH_GROUPS groups"
t0=$(now)
"${psql[@]}" <<SQL
CREATE EXTENSION journey;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
-- deterministic pseudo-random: scores uniform on 0..10, groups on 1..$BENCH_GROUPS
CREATE TABLE t AS
	SELECT ((hashint4(i) & 2147483647) % 11)::int AS score,
	       ((hashint4(i # 1548437) & 2147483647) % $BENCH_GROUPS + 1)::int AS grp
	FROM generate_series(1, $BENCH_ROWS) AS i;
VACUUM ANALYZE t;
SELECT pg_prewarm('t') \\g /dev/null
SQL
"${psql[@]}" -At -c "SELECT format('table t: %s rows, %s, %s groups, in %s s', count(*),
	pg_size_pretty(pg_relation_size('t')), count(DISTINCT grp), '$(elapsed "$t0")') FROM t"

# the timing function (lib.sh); the plans step below checks that parallel
# plans really run in parallel
bench_create_timer

echo "== check: journey.nps(score) = plain formula, ungrouped and per group, parallel off and on"
# exact: the plain formula in float8 (100 (P - D) and n are exact doubles, so
# this is one correctly rounded division), must match bit for bit.
# numeric: the plain SQL of query 3 (numeric), cast to float8; it is rounded
# twice (numeric division to ~20 digits, then to double), so it is allowed
# a 1e-12 relative difference and any difference is reported.
check_sql=
for w in 0 2; do
	check_sql+="SET max_parallel_workers_per_gather = $w;
SELECT $w, what, count(*),
       count(*) FILTER (WHERE j IS DISTINCT FROM f8),
       count(*) FILTER (WHERE j IS NULL OR num IS NULL OR abs(j - num) > 1e-12 * greatest(abs(num), 1)),
       count(*) FILTER (WHERE j IS DISTINCT FROM num),
       min(j), max(j)
FROM (SELECT 'ungrouped' AS what, journey.nps(score) AS j,
             (100 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)))::float8 / count(*) AS f8,
             (100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER (WHERE score<=6))/count(*))::float8 AS num
      FROM t
      UNION ALL
      SELECT 'grouped', journey.nps(score),
             (100 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)))::float8 / count(*),
             (100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER (WHERE score<=6))/count(*))::float8
      FROM t GROUP BY grp) s
GROUP BY what ORDER BY what DESC;
"
done
check=$("${psql[@]}" -At -F' ' <<<"$check_sql")
bad=0
while read -r w what n exact numeric inexact lo hi; do
	printf '  parallel %-3s %-9s groups=%-4s nps %s..%s  mismatches: float8 formula %s, numeric formula %s (not bit-equal: %s)\n' \
		"$([ "$w" = 0 ] && echo off || echo on)" "$what" "$n" "$lo" "$hi" "$exact" "$numeric" "$inexact"
	[ "$exact" = 0 ] && [ "$numeric" = 0 ] || bad=1
done <<<"$check"
[ "$(wc -l <<<"$check")" = 4 ] || bad=1
if [ "$bad" != 0 ]; then
	echo "FAIL: journey.nps(score) differs from the plain formula" >&2
	exit 1
fi
echo "  ok: journey.nps(score) = 100 (P - D)::float8 / n exactly, in every group and both modes"

echo "== plans of the timed statements (auto_explain inside bench_ms) -> ${plans#$root/}"
plan_sql="LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_analyze = on;
SET auto_explain.log_timing = off;
SET client_min_messages = log;
SET log_min_messages = fatal;	-- the plans go to the client only, not to the server log
"
for entry in "${queries[@]}"; do
	IFS='|' read -r id label q <<<"$entry"
	for w in 0 2; do
		plan_sql+="\\warn '=== query $id workers $w: $(sqlq "$q")'
SET max_parallel_workers_per_gather = $w;
SELECT bench_ms('$(sqlq "$q")') \\g /dev/null
"
	done
done
"${psql[@]}" <<<"$plan_sql" 2>"$plans"
# every parallel-on plan must have a Gather, no parallel-off plan may have one
if ! awk '
	/^=== query/ { if (hdr != "") check(); hdr = $0; w = $5 + 0; gather = 0; launched = ""; next }
	/Gather/ { gather = 1 }
	/Workers Launched:/ { launched = launched " " $NF }
	function check() {
		printf "  %s -> %s%s\n", substr(hdr, 5, index(hdr, ":") - 5),
			gather ? "parallel, workers launched:" : "serial", launched
		if ((w > 0) != gather) bad = 1
	}
	END { check(); exit bad }' "$plans"; then
	echo "FAIL: plans do not match the parallel settings, see $plans" >&2
	echo "(a small BENCH_ROWS can make the planner choose a serial plan)" >&2
	exit 1
fi

echo "== timing: 1 warm-up round + $BENCH_ROUNDS timed rounds of ${#queries[@]} queries x parallel off/on -> ${raw#$root/}"
bench_sql="\\pset footer off
"
for ((r = 0; r <= BENCH_ROUNDS; r++)); do
	if ((r % 2 == 0)); then order=(0 2); else order=(2 0); fi
	if ((r == 0)); then note=" (warm-up, discarded)"; else note=; fi
	bench_sql+="\\warn '  round $r of $BENCH_ROUNDS$note'
"
	for entry in "${queries[@]}"; do
		IFS='|' read -r id label q <<<"$entry"
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
	IFS='|' read -r id label q <<<"$entry"
	labels+="${labels:+,}($id, '$(sqlq "$label")')"
done
{
	echo "PostgreSQL: $("${psql[@]}" -At -c 'SHOW server_version')"
	echo "cores: $(nproc) ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), jit=$BENCH_JIT, $BENCH_ROWS rows, $BENCH_GROUPS groups"
	echo "median of $BENCH_ROUNDS rounds (1 warm-up round discarded), server-side ms; ratio = median over rounds of the"
	echo "time over count(score) in the same round (grouped queries: over the grouped count(score))"
	echo
	"${psql[@]}" -At <<SQL
CREATE TEMP TABLE raw (round int, query int, workers int, ms float8);
\\copy raw FROM '$(sqlq "$raw")' WITH (FORMAT csv, HEADER)
-- the ratio is the median over rounds of the query's time divided by its
-- baseline's time in the same round and mode: the two ran minutes apart at
-- most, so drift of a shared machine cancels out of each ratio
CREATE TEMP TABLE med AS
	SELECT r.query, r.workers, percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms) AS ms,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms / b.ms) AS ratio
	FROM raw r
	JOIN raw b ON b.round = r.round AND b.workers = r.workers
	          AND b.query = CASE WHEN r.query <= 3 THEN 1 ELSE 4 END
	WHERE r.round > 0 GROUP BY r.query, r.workers;
SELECT '| query | parallel off, median ms | ratio | parallel on (2 workers), median ms | ratio |';
SELECT '|---|---:|---:|---:|---:|';
SELECT format('| %s. %s | %s | %s | %s | %s |', l.id, l.label,
	      to_char(off.ms, 'FM999990.0'), to_char(off.ratio, 'FM990.00'),
	      to_char(par.ms, 'FM999990.0'), to_char(par.ratio, 'FM990.00'))
FROM (VALUES $labels) AS l(id, label)
JOIN med off ON off.query = l.id AND off.workers = 0
JOIN med par ON par.query = l.id AND par.workers = 2
ORDER BY l.id;
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
echo "raw timings: ${raw#$root/}   plans: ${plans#$root/}   table: ${table#$root/}"
