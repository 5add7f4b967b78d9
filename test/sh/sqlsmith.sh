#!/usr/bin/env bash
# sqlsmith: random SQL built from the catalog's types, operators, functions
# and aggregates (journey's among them) against a database holding values
# of every journey type: SMITH_QUERIES (default 6000) queries from a fixed
# seed (SMITH_SEED, default 1), so every run sends the same ones, stopped
# after SMITH_SECONDS (default 150) on a slow machine.  Errors are
# expected; a crash of the server is the failure.  It is detected through
# an unlogged table in another database, which crash recovery empties, and
# through the server's crash messages in sqlsmith's report.  Runs against
# the server of test/suite (PG* set).
set -euo pipefail
queries=${SMITH_QUERIES:-6000}
seconds=${SMITH_SECONDS:-150}
seed=${SMITH_SEED:-1}
PSQL="psql -X -q -v ON_ERROR_STOP=1"
log=$(mktemp)
for db in jr_smith jr_marker; do dropdb --if-exists "$db" 2>/dev/null; createdb "$db"; done
trap 'rm -f "$log"; for db in jr_smith jr_marker; do dropdb --if-exists "$db" 2>/dev/null; done' EXIT

$PSQL -d jr_marker -c "CREATE UNLOGGED TABLE marker AS SELECT 1 AS alive"

$PSQL -d jr_smith <<'SQL'
CREATE EXTENSION journey;
CREATE TABLE ev AS
SELECT i % 50 AS c, timestamptz '2026-01-01 00:00+00' + i * interval '7 min' AS ts,
       i % 5 AS e, i % 11 AS score, exp(sin(i) * 4) AS x
FROM generate_series(1, 3000) i;
CREATE TABLE summaries AS
SELECT c % 7 AS g, journey.percentile_agg(x) AS sk, journey.score_summary(score) AS ss
FROM ev GROUP BY c % 7;
CREATE TABLE funnels AS
SELECT journey.funnel_summary(l, 4) AS f
FROM (SELECT c, journey.window_funnel(interval '1 day', ts, e = 1, e = 2, e = 3, e = 4) AS l
      FROM ev GROUP BY c) q;
INSERT INTO journey.events (customer_id, occurred_at, touchpoint, nps)
SELECT 'c' || c, ts, 't' || e, score FROM ev;
SQL

status=0
timeout --signal=INT "$seconds" sqlsmith --target="dbname=jr_smith" --exclude-catalog \
	--seed="$seed" --max-queries="$queries" --verbose >"$log" 2>&1 || status=$?
# 124: stopped by timeout, the normal end
if [ "$status" != 0 ] && [ "$status" != 124 ]; then
	tail -20 "$log"
	echo "sqlsmith exited with status $status"
	exit 1
fi
alive=$($PSQL -d jr_marker -At -c "SELECT count(*) FROM marker")
crash="terminating connection because of crash|in recovery mode|not yet accepting connections"
if [ "$alive" != 1 ] || grep -qiE "$crash" "$log"; then
	grep -iE -B2 "$crash|server closed the connection" "$log" | head -20
	echo "the server crashed during sqlsmith (seed $seed)"
	exit 1
fi
sent=$(grep -oE "queries: [0-9]+" "$log" | tail -1 || true)
echo "sqlsmith: seed $seed, ${sent:-no query count} (of $queries), no crash"
