#!/usr/bin/env bash
# test/diff/chdb.sh: differential test of journey.window_funnel and
# journey.retention against ClickHouse 26.7 (npm package chdb 3.4.0, in
# process), per shared/funnels.md §8.  One command, from the repo root:
#
#   bash test/diff/chdb.sh                       # deps, build, throwaway cluster, test
#   JOURNEY_SKIP_BUILD=1 bash test/diff/chdb.sh  # journey already installed
#
# Steps:
#   1. node (>= 18) and chdb 3.4.0: chdb is installed with npm into
#      ${JOURNEY_CACHE:-$HOME/.cache/journey}/chdb (about 550 MB, outside the
#      repo) when missing; SELECT version() must start with 26.7
#      (test/diff/chdb_lib.sh, shared with test/bench/funnel.sh)
#   2. unless JOURNEY_SKIP_BUILD is set: test/deps and test/build (install
#      journey into the system PostgreSQL 15, as test/run does)
#   3. a throwaway PostgreSQL 15 (pg_virtualenv -t); when PGHOST is already
#      set, that server is used instead, in a scratch database that is
#      dropped at the end
#   4. test/diff/chdb_diff.js: seeded events (test/diff/gen.js), both sides
#      loaded from one TSV file, every mode combination x N x window compared
#      per customer, retention, invalid arguments; see its header for details.
#      About 6 minutes on 2 cores (plus the build).
#
# Knobs (defaults in brackets): DIFF_SEED [1, or "random"], DIFF_CUSTOMERS
# [100000], DIFF_MEDIUM [200], DIFF_HEAVY [6], DIFF_CHAIN_LIMIT [20000],
# DIFF_PG_JOBS [2], DIFF_SHOW [12 mismatches printed in full], JOURNEY_CACHE.
#
# The last line is the summary; the exit status is non-zero on any
# unexpected result (a mismatch, an invalid argument accepted, CH's plain
# strict_increase never wrong, a load or query error).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
self="$root/test/diff/chdb.sh"
. "$root/test/diff/chdb_lib.sh"

# settings for a small box: the event table (~250 MB) stays in memory
settings=(
	'shared_buffers=1GB'
	'work_mem=256MB'
	'maintenance_work_mem=512MB'
	'max_worker_processes=8'
	'max_parallel_workers=2'
	'max_parallel_workers_per_gather=2'
	'jit=off'
	'autovacuum=off'
	'fsync=off'
	'synchronous_commit=off'
	'wal_level=minimal'
	'max_wal_senders=0'
	'max_wal_size=8GB'
)

if [ "${1:-}" != "--inside" ]; then
	start=$(date +%s)
	chdb_ensure
	if [ -z "${JOURNEY_SKIP_BUILD:-}" ]; then
		bash test/deps
		bash test/build
	else
		echo "JOURNEY_SKIP_BUILD set: test/deps and test/build skipped"
	fi
	summary=$(mktemp /tmp/journey-chdb-summary.XXXXXX)
	trap 'rm -f "$summary"' EXIT
	rc=0
	if [ -n "${PGHOST:-}" ]; then
		echo "PGHOST=$PGHOST: using that server (a scratch database, dropped at the end)"
		DIFF_SUMMARY_FILE=$summary DIFF_SCRATCH_DB=1 bash "$self" --inside || rc=$?
	else
		opts=()
		for s in "${settings[@]}"; do opts+=(-o "$s"); done
		# -t keeps the cluster in a temp dir, so it never collides with a
		# "regress" cluster of test/run
		DIFF_SUMMARY_FILE=$summary pg_virtualenv -t -v 15 "${opts[@]}" bash "$self" --inside || rc=$?
	fi
	echo "total wall time: $(( $(date +%s) - start )) s"
	if [ -s "$summary" ]; then
		cat "$summary"
	else
		echo "chdb diff: FAILED (no summary: the test did not run to its end, exit status $rc)"
		[ "$rc" -ne 0 ] || rc=1
	fi
	exit "$rc"
fi

# ---------------------------------------------------------------------------
# Inside: PGHOST/PGPORT/PGUSER/PGDATABASE point at the server.
# ---------------------------------------------------------------------------
work=$(mktemp -d /tmp/journey-chdb-diff.XXXXXX)
db=
cleanup() {
	rm -rf "$work"
	if [ -n "$db" ]; then
		psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	fi
}
trap cleanup EXIT
if [ -n "${DIFF_SCRATCH_DB:-}" ]; then
	db=journey_diff_$$
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db"
	export PGDATABASE=$db
fi
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS journey"
echo "server: $(psql -X -At -c 'SHOW server_version'), journey $(psql -X -At -c "SELECT extversion FROM pg_extension WHERE extname = 'journey'"), $(nproc) cores"
CHDB_MODULE="$chdb_module" DIFF_WORK="$work" node "$root/test/diff/chdb_diff.js"
