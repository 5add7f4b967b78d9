#!/usr/bin/env bash
# test/bench/funnel_cancel.sh: how fast journey.window_funnel honours a query
# cancel, in the input phase and in the final function (sort and scan), on
# one customer with 4 M events.  A timed measurement, so not part of
# test/run: run it inside a throwaway cluster, with journey installed:
#
#   pg_virtualenv -t -v 15 bash test/bench/funnel_cancel.sh
#
# For each cancel point (a fraction of the uncancelled run time) it prints
# how long after the cancel the query ended.  That delay includes starting
# the psql that sends pg_cancel_backend, so it is an upper bound.
set -euo pipefail
work=$(mktemp -d /tmp/journey-cancel.XXXXXX)
trap 'rm -rf "$work"' EXIT
psql -X -q -c "CREATE EXTENSION IF NOT EXISTS journey" -c "DROP TABLE IF EXISTS big" 2>/dev/null \
  -c "CREATE TABLE big AS SELECT 1 AS c, timestamptz '2026-01-01' + (i % 1000003) * interval '1 second' AS ts, (i % 4) AS e FROM generate_series(1, 4000000) i" \
  -c "VACUUM ANALYZE big"
Q="SET max_parallel_workers_per_gather=0; SELECT c, journey.window_funnel('1 day', 'strict_order', ts, e = 0, e = 1, e = 2, e = 3) FROM big GROUP BY c"
t0=$(date +%s%N); psql -X -q -c "$Q" >/dev/null; t1=$(date +%s%N)
T=$(( (t1 - t0) / 1000000 )); echo "uncancelled: $T ms"
QC="SET max_parallel_workers_per_gather=0; SELECT count(*) FROM big GROUP BY c"
t0=$(date +%s%N); psql -X -q -c "$QC" >/dev/null; t1=$(date +%s%N); echo "count(*) GROUP BY c: $(( (t1 - t0) / 1000000 )) ms"
t0=$(date +%s%N); psql -X -q -At -c "SELECT 1" >/dev/null; t1=$(date +%s%N)
echo "a psql that only connects and runs SELECT 1: $(( (t1 - t0) / 1000000 )) ms"
for frac in 20 50 70 85 95; do
  d=$(( T * frac / 100 ))
  (psql -X -q -c "$Q" >/dev/null 2>"$work/err" || true; date +%s%N > "$work/end") &
  sleep "$(printf '%d.%03d' $((d / 1000)) $((d % 1000)))"
  tc=$(date +%s%N)
  psql -X -q -At -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%journey.window_funnel%' AND pid <> pg_backend_pid()" >/dev/null
  wait
  te=$(cat "$work/end")
  echo "cancel at ${frac}% (${d} ms): ended $(( (te - tc) / 1000000 )) ms after the cancel; $(head -1 "$work/err")"
done
